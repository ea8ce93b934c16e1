import Foundation
import Testing
@testable import StarlingCore

/// Reports, suggestions, follow requests, conversations and resolving links through the API.
@Suite("Mastodon API: reports, suggestions, conversations, resolve")
struct SmallEndpointsTests {
    @Test("a report reaches the moderators' queue; bad reports are refused by parameter")
    func reports() async throws {
        let world = try await TestWorld()
        try await world.member("mod", role: .moderator)
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        let post = try await world.post("spammy", by: ben), own = try await world.post("mine", by: ada)
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let made = try await server.api("POST", "/api/v1/reports", token: token, form: [
                ("account_id", ben.id.description), ("status_ids[]", post.id.description), ("comment", "Off topic <b>ads</b>"), ("category", "spam")])
            #expect(made.status == 200 && made.string("category") == "spam")
            #expect((made.json["target_account"] as? [String: Any])?["username"] as? String == "ben")
            let wrongPost = try await server.api("POST", "/api/v1/reports", token: token, form: [
                ("account_id", ben.id.description), ("status_ids[]", own.id.description)])
            #expect(wrongPost.status == 422 && wrongPost.string("error_description") == "status_ids")
            let category = try await server.api("POST", "/api/v1/reports", token: token, form: [("account_id", ben.id.description), ("category", "rude")])
            #expect(category.status == 422 && category.string("error_description") == "category")
            #expect(try await server.api("POST", "/api/v1/reports", token: token, form: [("comment", "who?")]).status == 422)

            let browser = server.browser()
            try await browser.signIn("mod")
            let queue = try await browser.get("/admin/reports")
            #expect(queue.status == 200 && queue.body.contains("Off topic &lt;b&gt;ads&lt;/b&gt;"))
            let member = server.browser()
            try await member.signIn("ada")
            #expect(try await member.get("/admin/reports").status == 403)
        }
    }

    @Test("suggestions put friends of friends first and forget dismissed people; follow requests are always empty")
    func suggestions() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben"), cy = try await world.member("cy")
        try await world.member("dee")
        try await world.starling.relations.follow(ben, by: ada)
        try await world.starling.relations.follow(cy, by: ben)
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let first = try await server.api("GET", "/api/v2/suggestions", token: token).array
            let names = first.compactMap { ($0["account"] as? [String: Any])?["username"] as? String }
            #expect(names.first == "cy" && !names.contains("ben") && !names.contains("ada"))
            #expect(try await server.api("DELETE", "/api/v1/suggestions/\(cy.id)", token: token).status == 200)
            let after = try await server.api("GET", "/api/v1/suggestions", token: token).array.compactMap { $0["username"] as? String }
            #expect(!after.contains("cy") && after.contains("dee"))
            #expect(try await server.api("GET", "/api/v1/follow_requests", token: token).array.isEmpty)
            #expect(try await server.api("POST", "/api/v1/follow_requests/\(ben.id)/authorize", token: token).status == 404)
        }
    }

    @Test("conversations group direct posts by thread, newest first, naming the other people")
    func conversations() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        try await world.member("cy")
        let opening = try await world.post("@ada shall we pair?", by: ben, visibility: .direct)
        let answer = try await world.post("@ben yes, at 3", by: ada, visibility: .direct, replyTo: opening.id)
        _ = try await world.post("for everyone", by: ben)
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let list = try await server.api("GET", "/api/v1/conversations", token: token).array
            #expect(list.count == 1)
            #expect(list.first?["id"] as? String == opening.id.description)
            #expect((list.first?["last_status"] as? [String: Any])?["id"] as? String == answer.id.description)
            #expect((list.first?["accounts"] as? [[String: Any]])?.compactMap { $0["username"] as? String } == ["ben"])
            let cy = try await MastodonAPITests.token(server, "cy")
            #expect(try await server.api("GET", "/api/v1/conversations", token: cy).array.isEmpty)
            #expect(try await server.api("POST", "/api/v1/conversations/\(opening.id)/read", token: cy).status == 404)
        }
    }

    @Test("search resolves this server's links and handles, and nothing from elsewhere")
    func resolve() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        let post = try await world.post("resolvable", by: ada)
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let base = world.starling.settings.baseURL, host = URL(string: base)?.host ?? ""
            func search(_ q: String) async throws -> APIResult {
                try await server.api("GET", "/api/v2/search?resolve=true&q=\(Browser.encode(q))", token: token)
            }
            #expect((try await search("\(base)/@ada/\(post.id)").json["statuses"] as? [[String: Any]])?.first?["id"] as? String
                == post.id.description)
            #expect((try await search("@ada@\(host)").json["accounts"] as? [[String: Any]])?.first?["username"] as? String == "ada")
            #expect((try await search("\(base)/users/ada/statuses/\(post.id)").json["statuses"] as? [[String: Any]])?.first?["id"] as? String
                == post.id.description)
            #expect((try await search("\(base)/users/ada").json["accounts"] as? [[String: Any]])?.first?["username"] as? String == "ada")
            #expect((try await search("https://elsewhere.example/@ada/1").json["statuses"] as? [Any])?.isEmpty == true)
            #expect(try await server.api("GET", "/api/v2/search?q=x&offset=abc", token: token).status == 422)
        }
    }

    @Test("a status keeps the language its app gave; a malformed language is refused by name")
    func language() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let french = try await server.api("POST", "/api/v1/statuses", token: token, form: [("status", "Bonjour"), ("language", "FR")])
            #expect(french.string("language") == "fr")
            #expect(try await server.api("GET", "/api/v1/statuses/\(french.string("id"))", token: token).string("language") == "fr")
            let unsaid = try await server.api("POST", "/api/v1/statuses", token: token, form: [("status", "Hello")])
            #expect(unsaid.json["language"] is NSNull)
            let bad = try await server.api("POST", "/api/v1/statuses", token: token, form: [("status", "x"), ("language", "français")])
            #expect(bad.status == 422 && bad.string("error_description") == "language")
        }
    }

    @Test("a conversation is unread until read; a hidden one comes back when someone writes again")
    func conversationReadAndHide() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        _ = ada
        let opening = try await world.post("@ada a question", by: ben, visibility: .direct)
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            #expect(try await server.api("GET", "/api/v1/conversations", token: token).array.first?["unread"] as? Bool == true)
            let read = try await server.api("POST", "/api/v1/conversations/\(opening.id)/read", token: token)
            #expect(read.json["unread"] as? Bool == false)
            #expect(try await server.api("GET", "/api/v1/conversations", token: token).array.first?["unread"] as? Bool == false)
            #expect(try await server.api("DELETE", "/api/v1/conversations/\(opening.id)", token: token).status == 200)
            #expect(try await server.api("GET", "/api/v1/conversations", token: token).array.isEmpty)
            _ = try await world.post("@ada one more thing", by: ben, visibility: .direct, replyTo: opening.id)
            let back = try await server.api("GET", "/api/v1/conversations", token: token).array
            #expect(back.count == 1 && back.first?["unread"] as? Bool == true)
        }
    }
}
