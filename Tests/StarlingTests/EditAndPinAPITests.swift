import Foundation
import Testing
@testable import StarlingCore

/// Editing statuses (with history and source), pinning them, and filtering a profile's statuses.
@Suite("Mastodon API: edits, pins and profile filters")
struct EditAndPinAPITests {
    @Test("an edit changes the text, keeps the old version in the history, and search and hashtags follow")
    func editWithHistory() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withLiveServer(world) { server in
            let ada = try await MastodonAPITests.token(server, "ada")
            let made = try await server.api("POST", "/api/v1/statuses", token: ada, form: [("status", "first draft about #tomatoes")])
            let id = made.string("id")
            #expect(made.json["edited_at"] is NSNull)
            let edited = try await server.api("PUT", "/api/v1/statuses/\(id)", token: ada,
                                              form: [("status", "second thoughts about #cucumbers"), ("spoiler_text", "veg")])
            #expect(edited.status == 200)
            #expect(edited.string("content").contains("second thoughts"))
            #expect(edited.string("spoiler_text") == "veg")
            #expect(!edited.string("edited_at").isEmpty)
            let history = try await server.api("GET", "/api/v1/statuses/\(id)/history", token: ada).array
            #expect(history.count == 2)
            #expect((history.first?["content"] as? String)?.contains("first draft") == true)
            #expect((history.last?["content"] as? String)?.contains("second thoughts") == true)
            let source = try await server.api("GET", "/api/v1/statuses/\(id)/source", token: ada)
            #expect(source.string("text") == "second thoughts about #cucumbers")
            let old = try await server.api("GET", "/api/v2/search?q=draft&type=statuses", token: ada)
            #expect((old.json["statuses"] as? [Any])?.isEmpty == true)
            let new = try await server.api("GET", "/api/v2/search?q=thoughts&type=statuses", token: ada)
            #expect((new.json["statuses"] as? [Any])?.count == 1)
            #expect(try await server.api("GET", "/api/v1/timelines/tag/tomatoes", token: ada).array.isEmpty)
            #expect(try await server.api("GET", "/api/v1/timelines/tag/cucumbers", token: ada).array.count == 1)
        }
    }

    @Test("only the author edits; an empty edit is refused by name")
    func editRules() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await world.member("ben")
        try await withLiveServer(world) { server in
            let ada = try await MastodonAPITests.token(server, "ada"), ben = try await MastodonAPITests.token(server, "ben")
            let id = try await server.api("POST", "/api/v1/statuses", token: ada, form: [("status", "mine")]).string("id")
            #expect(try await server.api("PUT", "/api/v1/statuses/\(id)", token: ben, form: [("status", "hijacked")]).status == 403)
            let empty = try await server.api("PUT", "/api/v1/statuses/\(id)", token: ada, form: [("status", "  ")])
            #expect(empty.status == 422 && empty.string("error_description") == "text")
            #expect(try await server.api("GET", "/api/v1/statuses/\(id)", token: ben).string("content").contains("mine"))
        }
    }

    @Test("editing a direct post to drop a mention takes it away from that person")
    func editChangesAudience() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await world.member("ben")
        try await withLiveServer(world) { server in
            let ada = try await MastodonAPITests.token(server, "ada"), ben = try await MastodonAPITests.token(server, "ben")
            let id = try await server.api("POST", "/api/v1/statuses", token: ada,
                                          form: [("status", "@ben a secret"), ("visibility", "direct")]).string("id")
            #expect(try await server.api("GET", "/api/v1/statuses/\(id)", token: ben).status == 200)
            _ = try await server.api("PUT", "/api/v1/statuses/\(id)", token: ada, form: [("status", "a secret for nobody")])
            #expect(try await server.api("GET", "/api/v1/statuses/\(id)", token: ben).status == 404)
            #expect(try await server.api("GET", "/api/v1/statuses/\(id)/history", token: ben).status == 404)
        }
    }

    @Test("pinned statuses are marked and listed first on request; only your own, never direct, at most five")
    func pins() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await world.member("ben")
        try await withLiveServer(world) { server in
            let ada = try await MastodonAPITests.token(server, "ada"), ben = try await MastodonAPITests.token(server, "ben")
            var ids: [String] = []
            for n in 1...6 { ids.append(try await server.api("POST", "/api/v1/statuses", token: ada, form: [("status", "post \(n)")]).string("id")) }
            let pinned = try await server.api("POST", "/api/v1/statuses/\(ids[0])/pin", token: ada)
            #expect(pinned.status == 200 && pinned.json["pinned"] as? Bool == true)
            let me = try await server.api("GET", "/api/v1/accounts/verify_credentials", token: ada).string("id")
            let list = try await server.api("GET", "/api/v1/accounts/\(me)/statuses?pinned=true", token: ben).array
            #expect(list.compactMap { $0["id"] as? String } == [ids[0]])
            #expect(try await server.api("POST", "/api/v1/statuses/\(ids[1])/pin", token: ben).status == 422)
            for id in ids[1...4] { #expect(try await server.api("POST", "/api/v1/statuses/\(id)/pin", token: ada).status == 200) }
            #expect(try await server.api("POST", "/api/v1/statuses/\(ids[5])/pin", token: ada).status == 422)
            let secret = try await server.api("POST", "/api/v1/statuses", token: ada, form: [("status", "@ben hi"), ("visibility", "direct")])
            #expect(try await server.api("POST", "/api/v1/statuses/\(ids[0])/unpin", token: ada).json["pinned"] as? Bool == false)
            #expect(try await server.api("POST", "/api/v1/statuses/\(secret.string("id"))/pin", token: ada).status == 422)
        }
    }

    @Test("a profile's statuses can leave out replies and reposts, or keep only media or one hashtag")
    func profileFilters() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        let plain = try await world.post("plain", by: ada)
        let tagged = try await world.post("about #gardening", by: ada)
        let reply = try await world.post("a reply", by: ada, replyTo: plain.id)
        let other = try await world.post("ben's", by: ben)
        try await world.starling.posts.repost(other.id, by: ada)
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ben")
            func ids(_ query: String) async throws -> Set<String> {
                Set(try await server.api("GET", "/api/v1/accounts/\(ada.id)/statuses\(query)", token: token).array.compactMap { status in
                    ((status["reblog"] as? [String: Any])?["id"] ?? status["id"]) as? String
                })
            }
            #expect(try await ids("").count == 4)
            #expect(try await ids("?exclude_replies=true") == [plain.id.description, tagged.id.description, other.id.description])
            #expect(try await ids("?exclude_reblogs=true") == [plain.id.description, tagged.id.description, reply.id.description])
            #expect(try await ids("?tagged=Gardening") == [tagged.id.description])
            #expect(try await ids("?only_media=true").isEmpty)
            #expect(try await server.api("GET", "/api/v1/accounts/\(ada.id)/statuses?pinned=maybe", token: token).status == 422)
        }
    }
}

@Suite("Mastodon API: hashtag timeline filters")
struct TagTimelineFilterTests {
    @Test("a hashtag timeline widens with any[], narrows with all[] and none[]")
    func anyAllNone() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        let a = try await world.post("#alpha", by: ada), ab = try await world.post("#alpha #beta", by: ada)
        let b = try await world.post("#beta", by: ada), ac = try await world.post("#alpha #gamma", by: ada)
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            func ids(_ query: String) async throws -> [ID] {
                try await server.api("GET", "/api/v1/timelines/tag/alpha\(query)", token: token).array.compactMap { ($0["id"] as? String).flatMap { ID($0) } }
            }
            #expect(try await ids("") == [ac.id, ab.id, a.id])
            #expect(try await ids("?any[]=beta") == [ac.id, b.id, ab.id, a.id])
            #expect(try await ids("?all[]=Beta") == [ab.id])
            #expect(try await ids("?none[]=gamma") == [ab.id, a.id])
            #expect(try await ids("?any[]=beta&none[]=alpha") == [b.id])
            #expect(try await ids("?local=true&limit=1") == [ac.id])
            #expect(try await server.api("GET", "/api/v1/timelines/tag/alpha?local=perhaps", token: token).status == 422)
            #expect(try await server.api("GET", "/api/v1/timelines/public?remote=true", token: token).array.isEmpty)
        }
    }
}
