import Foundation
import Testing
@testable import StarlingCore

/// Image uploads through the Mastodon API: checked by bytes, cleaned, described, attached, served.
@Suite("Mastodon API: media")
struct MediaAPITests {
    /// A PNG header for an image of `width` × `height`, then filler.
    static func png(width: UInt32, height: UInt32) -> [UInt8] {
        func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + be32(width) + be32(height)
            + Array(repeating: 0, count: 32)
    }

    /// A JPEG of 640 × 480 whose EXIF segment carries a GPS position.
    static let jpegWithLocation: [UInt8] = [0xFF, 0xD8,
        0xFF, 0xE1, 0x00, 0x0C] + Array("Exif GPS 51N".utf8).prefix(10) + [ // APP1 (EXIF)
        0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x01, 0x01, 0x11, 0x00, // SOF0: 480 high, 640 wide
        0xFF, 0xDA, 0x00, 0x02, 0x11, 0x22, 0xFF, 0xD9]

    private func upload(_ server: LiveServer, _ token: String, _ bytes: [UInt8], name: String = "photo.bin",
                        fields: [(String, String)] = []) async throws -> APIResult {
        try await server.api("POST", "/api/v2/media", token: token, upload: (fields, ("file", name, bytes)))
    }

    @Test("an upload is recognized by its bytes, measured, described and focused")
    func uploadDescribed() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let made = try await upload(server, token, Self.png(width: 300, height: 200), name: "notes.txt",
                                        fields: [("description", "A whiteboard sketch"), ("focus", "0.5,-0.25")])
            #expect(made.status == 200)
            #expect(made.string("type") == "image")
            #expect(made.string("description") == "A whiteboard sketch")
            let meta = made.json["meta"] as? [String: Any], original = meta?["original"] as? [String: Any]
            #expect(original?["width"] as? Int == 300 && original?["height"] as? Int == 200)
            #expect((meta?["focus"] as? [String: Any])?["y"] as? Double == -0.25)
            let file = try await server.browser().get(URLComponents(string: made.string("url"))?.path ?? "")
            #expect(file.status == 200 && file.header("Content-Type") == "image/png")
        }
    }

    @Test("location metadata is stripped from JPEGs before they are stored")
    func jpegLocationStripped() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let made = try await upload(server, token, Self.jpegWithLocation)
            #expect(made.status == 200)
            let id = try #require(ID(made.string("id")))
            let media = try #require(try await world.store.media(id: id))
            let stored = try #require(try await world.starling.files.load(media.fileName))
            #expect(!String(decoding: stored, as: UTF8.self).contains("GPS"))
            #expect(media.width == 640 && media.height == 480)
        }
    }

    @Test("text, an oversized file, a bad focus and a long description are refused with the right status")
    func badUploads() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let text = try await upload(server, token, Array("<script>alert(1)</script>".utf8), name: "evil.png")
            #expect(text.status == 422 && text.string("error_description") == "file")
            let huge = try await upload(server, token, Self.png(width: 1, height: 1) + Array(repeating: 0, count: MediaService.maxBytes))
            #expect(huge.status == 413)
            let focus = try await upload(server, token, Self.png(width: 1, height: 1), fields: [("focus", "3,0")])
            #expect(focus.status == 422 && focus.string("error_description") == "focus")
            let long = try await upload(server, token, Self.png(width: 1, height: 1), fields: [("description", String(repeating: "a", count: 1501))])
            #expect(long.status == 422)
            let none = try await server.api("POST", "/api/v1/media", token: token, form: [("description", "no file")])
            #expect(none.status == 422 && none.string("error_description") == "file")
        }
    }

    @Test("the owner reads and re-describes an upload; anyone else gets 404")
    func ownerOnly() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await world.member("ben")
        try await withLiveServer(world) { server in
            let ada = try await MastodonAPITests.token(server, "ada"), ben = try await MastodonAPITests.token(server, "ben")
            let id = try await upload(server, ada, Self.png(width: 2, height: 2)).string("id")
            let changed = try await server.api("PUT", "/api/v1/media/\(id)", token: ada, form: [("description", "Now described")])
            #expect(changed.status == 200 && changed.string("description") == "Now described")
            #expect(try await server.api("GET", "/api/v1/media/\(id)", token: ada).string("description") == "Now described")
            #expect(try await server.api("GET", "/api/v1/media/\(id)", token: ben).status == 404)
            #expect(try await server.api("PUT", "/api/v1/media/\(id)", token: ben, form: [("description", "mine")]).status == 404)
        }
    }

    @Test("a status carries its attachments in order; someone else's upload cannot be attached")
    func attachToStatus() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await world.member("ben")
        try await withLiveServer(world) { server in
            let ada = try await MastodonAPITests.token(server, "ada"), ben = try await MastodonAPITests.token(server, "ben")
            let first = try await upload(server, ada, Self.png(width: 4, height: 3), fields: [("description", "first")]).string("id")
            let second = try await upload(server, ada, Self.jpegWithLocation).string("id")
            let status = try await server.api("POST", "/api/v1/statuses", token: ada,
                                              form: [("status", ""), ("media_ids[]", second), ("media_ids[]", first)])
            #expect(status.status == 200)
            let attached = status.json["media_attachments"] as? [[String: Any]] ?? []
            #expect(attached.compactMap { $0["id"] as? String } == [second, first])
            let again = try await server.api("POST", "/api/v1/statuses", token: ada, form: [("status", "reuse"), ("media_ids[]", first)])
            #expect(again.status == 422 && again.string("error_description") == "media_ids")
            let stolen = try await server.api("POST", "/api/v1/statuses", token: ben, form: [("status", "mine"), ("media_ids[]", second)])
            #expect(stolen.status == 422)
            let home = try await server.api("GET", "/api/v1/timelines/home", token: ada)
            #expect((home.array.first?["media_attachments"] as? [Any])?.count == 2)
        }
    }

    @Test("deleting a status deletes its files")
    func deleteRemovesFiles() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withLiveServer(world) { server in
            let ada = try await MastodonAPITests.token(server, "ada")
            let id = try await upload(server, ada, Self.png(width: 2, height: 2)).string("id")
            let mediaID = try #require(ID(id))
            let media = try #require(try await world.store.media(id: mediaID))
            let status = try await server.api("POST", "/api/v1/statuses", token: ada, form: [("status", "pic"), ("media_ids[]", id)])
            #expect(try await server.api("DELETE", "/api/v1/statuses/\(status.string("id"))", token: ada).status == 200)
            #expect(try await world.starling.files.load(media.fileName) == nil)
        }
    }
}

@Suite("Media housekeeping")
struct MediaHousekeepingTests {
    @Test("uploads never attached within a day are deleted with their files; attached and recent ones stay")
    func abandonedUploads() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        let png = MediaAPITests.png(width: 2, height: 2)
        let old = Date().addingTimeInterval(-2 * 86_400)
        let abandoned = try await world.starling.media.upload(png, description: nil, focus: nil, by: ada, at: old)
        let used = try await world.starling.media.upload(png, description: nil, focus: nil, by: ada, at: old)
        _ = try await world.starling.posts.compose(.init(text: "with a picture", mediaIDs: [used.id]), by: ada)
        let fresh = try await world.starling.media.upload(png, description: nil, focus: nil, by: ada)
        #expect(try await world.starling.media.removeAbandonedUploads() == 1)
        #expect(try await world.store.media(id: abandoned.id) == nil)
        #expect(try await world.starling.files.load(abandoned.fileName) == nil)
        #expect(try await world.store.media(id: used.id) != nil)
        #expect(try await world.starling.files.load(used.fileName) != nil)
        #expect(try await world.store.media(id: fresh.id) != nil)
    }
}
