import AsyncHTTPClient
import Foundation
import Testing
@testable import StarlingCore

/// The files of a ustar archive, by name (what `tar -xf` would write).
func untar(_ bytes: [UInt8]) -> [String: [UInt8]] {
    var files: [String: [UInt8]] = [:]
    var offset = 0
    while offset + 512 <= bytes.count, bytes[offset] != 0 {
        let header = bytes[offset..<offset + 512]
        let name = String(decoding: header.prefix(100).prefix { $0 != 0 }, as: UTF8.self)
        let size = Int(String(decoding: header.dropFirst(124).prefix(11), as: UTF8.self), radix: 8) ?? 0
        files[name] = Array(bytes[offset + 512..<offset + 512 + size])
        offset += 512 + (size + 511) / 512 * 512
    }
    return files
}

@Suite("Personal data archive")
struct PersonalArchiveTests {
    @Test("the archive holds one's own posts of every kind with their images, follows, bookmarks, likes and lists, in Mastodon's layout")
    func contents() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben"), cy = try await world.member("cy")
        let image = try await world.starling.media.upload(MediaAPITests.png(width: 30, height: 20), description: "a diagram", focus: nil, by: ada)
        _ = try await world.starling.posts.compose(.init(text: "With a picture #notes", mediaIDs: [image.id]), by: ada)
        try await world.post("Only for @cy", by: ada, visibility: .direct)
        let bens = try await world.post("Ben's thought", by: ben)
        try await world.post("Ben to cy alone @cy", by: ben, visibility: .direct)
        try await world.starling.posts.repost(bens.id, by: ada)
        try await world.starling.posts.like(bens.id, by: ada)
        try await world.starling.posts.bookmark(bens.id, by: ada)
        try await world.starling.relations.follow(ben, by: ada)
        let list = try await world.starling.lists.create(title: "Mentors, \"the best\"", repliesPolicy: nil, exclusive: nil, by: ada)
        try await world.starling.lists.add([ben.id], to: list.id, by: ada)
        _ = cy

        try await withSignedInBrowser(world, as: "ada") { browser, server in
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/settings/archive")
            let cookie = await browser.cookieHeader
            request.headers.add(name: cookie.0, value: cookie.1)
            let response = try await server.client.execute(request, timeout: .seconds(30))
            #expect(response.status == .ok && response.headers["content-type"].first == "application/x-tar")
            #expect(response.headers["content-disposition"].first?.contains("starling-archive-ada-") == true)
            let files = untar(Array(buffer: try await response.body.collect(upTo: 1 << 24)))
            let outbox = try #require(try JSONSerialization.jsonObject(with: Data(files["outbox.json"] ?? [])) as? [String: Any])
            let items = try #require(outbox["orderedItems"] as? [[String: Any]])
            #expect(outbox["totalItems"] as? Int == 3 && items.count == 3)
            #expect(items.filter { $0["type"] as? String == "Announce" }.count == 1)
            let notes = items.compactMap { $0["object"] as? [String: Any] }
            #expect(Set(notes.compactMap { $0["visibility"] as? String }) == ["organization", "direct"])
            #expect(!String(decoding: files["outbox.json"] ?? [], as: UTF8.self).contains("Ben to cy alone"))
            let attachment = try #require((notes.first { ($0["attachment"] as? [Any])?.isEmpty == false }?["attachment"] as? [[String: Any]])?.first)
            #expect(attachment["name"] as? String == "a diagram")
            #expect(files[attachment["url"] as? String ?? ""] == MediaAPITests.png(width: 30, height: 20))
            let actor = try #require(try JSONSerialization.jsonObject(with: Data(files["actor.json"] ?? [])) as? [String: Any])
            #expect(actor["type"] as? String == "Person" && actor["preferredUsername"] as? String == "ada" && actor["outbox"] as? String == "outbox.json")
            for name in ["likes.json", "bookmarks.json"] {
                let collection = try #require(try JSONSerialization.jsonObject(with: Data(files[name] ?? [])) as? [String: Any])
                #expect((collection["orderedItems"] as? [String])?.map { $0.hasSuffix("/@ben/\(bens.id)") } == [true], "\(name)")
            }
            #expect(String(decoding: files["following_accounts.csv"] ?? [], as: UTF8.self).contains("\r\nben@127.0.0.1,true,false,\r\n"))
            #expect(String(decoding: files["lists.csv"] ?? [], as: UTF8.self) == "\"Mentors, \"\"the best\"\"\",ben@127.0.0.1\r\n")
            for name in ["starling/programs.json", "starling/commitments.json", "starling/reviews.json"] {
                #expect(try JSONSerialization.jsonObject(with: Data(files[name] ?? [])) is [Any], "\(name)")
            }
        }
    }

    @Test("only a signed-in person downloads an archive, and only their own")
    func ownOnly() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withLiveServer(world) { server in
            let page = try await server.browser().get("/settings/archive")
            #expect(page.status == 303 && page.location?.hasPrefix("/signin") == true)
        }
    }
}
