import Foundation
import Testing
@testable import StarlingCore

/// Polls through the Mastodon API.
@Suite("Mastodon API: polls")
struct PollAPITests {
    @Test("a status with a poll; members vote once, the counts and own votes follow")
    func voting() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await world.member("ben")
        try await withLiveServer(world) { server in
            let ada = try await MastodonAPITests.token(server, "ada"), ben = try await MastodonAPITests.token(server, "ben")
            let status = try await server.api("POST", "/api/v1/statuses", token: ada, form: [
                ("status", "Which format works for you?"), ("poll[options][]", "Morning"), ("poll[options][]", "Evening"),
                ("poll[expires_in]", "3600")])
            #expect(status.status == 200)
            let poll = try #require(status.json["poll"] as? [String: Any])
            let id = try #require(poll["id"] as? String)
            #expect((poll["options"] as? [[String: Any]])?.compactMap { $0["title"] as? String } == ["Morning", "Evening"])
            #expect(poll["expired"] as? Bool == false && poll["multiple"] as? Bool == false)
            let voted = try await server.api("POST", "/api/v1/polls/\(id)/votes", token: ben, form: [("choices[]", "1")])
            #expect(voted.status == 200)
            #expect(voted.json["voted"] as? Bool == true && voted.json["own_votes"] as? [Int] == [1])
            #expect(voted.json["votes_count"] as? Int == 1 && voted.json["voters_count"] as? Int == 1)
            let again = try await server.api("POST", "/api/v1/polls/\(id)/votes", token: ben, form: [("choices[]", "0")])
            #expect(again.status == 422 && again.string("error_description") == "choices")
            let two = try await server.api("POST", "/api/v1/polls/\(id)/votes", token: ada, form: [("choices[]", "0"), ("choices[]", "1")])
            #expect(two.status == 422)
            let seen = try await server.api("GET", "/api/v1/polls/\(id)", token: ada)
            #expect(seen.json["voted"] as? Bool == false)
            #expect((seen.json["options"] as? [[String: Any]])?.compactMap { $0["votes_count"] as? Int } == [0, 1])
        }
    }

    @Test("a JSON body makes a multiple-choice poll; bad polls are refused by parameter")
    func jsonAndValidation() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withLiveServer(world) { server in
            let ada = try await MastodonAPITests.token(server, "ada")
            let made = try await server.api("POST", "/api/v1/statuses", token: ada, json: """
                {"status": "Pick any", "poll": {"options": ["a", "b", "c"], "expires_in": 600, "multiple": true}}
                """)
            #expect((made.json["poll"] as? [String: Any])?["multiple"] as? Bool == true)
            let pollID = (made.json["poll"] as? [String: Any])?["id"] as? String ?? ""
            let both = try await server.api("POST", "/api/v1/polls/\(pollID)/votes", token: ada, form: [("choices[]", "0"), ("choices[]", "2")])
            #expect(both.json["own_votes"] as? [Int] == [0, 2])
            let cases: [([(String, String)], String)] = [
                ([("status", "q"), ("poll[options][]", "only one"), ("poll[expires_in]", "600")], "poll[options]"),
                ([("status", "q"), ("poll[options][]", "a"), ("poll[options][]", "a"), ("poll[expires_in]", "600")], "poll[options]"),
                ([("status", "q"), ("poll[options][]", "a"), ("poll[options][]", "b"), ("poll[expires_in]", "60")], "poll[expires_in]"),
                ([("status", "q"), ("poll[options][]", "a"), ("poll[options][]", "b")], "poll[expires_in]"),
                ([("status", "q"), ("poll[options][]", String(repeating: "x", count: 51)), ("poll[options][]", "b"), ("poll[expires_in]", "600")],
                 "poll[options]"),
            ]
            for (form, field) in cases {
                let refused = try await server.api("POST", "/api/v1/statuses", token: ada, form: form)
                #expect(refused.status == 422 && refused.string("error_description") == field)
            }
            let choice = try await server.api("POST", "/api/v1/polls/\(pollID)/votes", token: ada, form: [("choices[]", "seven")])
            #expect(choice.status == 422)
        }
    }

    @Test("a closed poll takes no votes; a poll on a post you cannot see is not found")
    func closedAndInvisible() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        try await world.member("cy")
        let old = try await world.starling.posts.compose(.init(text: "Last week's poll", poll: PollDraft(options: ["x", "y"], expiresIn: 300)),
                                                   by: ada, at: Date().addingTimeInterval(-3600))
        let secret = try await world.starling.posts.compose(.init(text: "@ben secret poll", visibility: .direct,
                                                            poll: PollDraft(options: ["x", "y"], expiresIn: 300)), by: ada)
        _ = ben
        try await withLiveServer(world) { server in
            let cy = try await MastodonAPITests.token(server, "cy")
            let closed = try await server.api("POST", "/api/v1/polls/\(old.id)/votes", token: cy, form: [("choices[]", "0")])
            #expect(closed.status == 422)
            #expect(try await server.api("GET", "/api/v1/polls/\(old.id)", token: cy).json["expired"] as? Bool == true)
            #expect(try await server.api("GET", "/api/v1/polls/\(secret.id)", token: cy).status == 404)
            #expect(try await server.api("POST", "/api/v1/polls/\(secret.id)/votes", token: cy, form: [("choices[]", "0")]).status == 404)
        }
    }
}

@Suite("Web UI: polls and images")
struct PollWebTests {
    @Test("a member votes in a poll from the page and then sees the results")
    func voteInBrowser() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        try await world.member("ben")
        let post = try await world.starling.posts.compose(.init(text: "Tea or coffee?", poll: PollDraft(options: ["Tea", "Coffee"], expiresIn: 3600)),
                                                    by: ada)
        try await withSignedInBrowser(world, as: "ben") { (browser, _) async throws in
            let before = try await browser.get("/@ada/\(post.id)")
            #expect(before.body.contains("action=\"/posts/\(post.id)/vote\""))
            let voted = try await browser.post("/posts/\(post.id)/vote", [("choice", "1"), ("return", "/@ada/\(post.id)")])
            #expect(voted.status == 303)
            let after = try await browser.get("/@ada/\(post.id)")
            #expect(!after.body.contains("action=\"/posts/\(post.id)/vote\""))
            #expect(after.body.contains("<span>Coffee</span> <strong>100%</strong>"))
            let twice = try await browser.post("/posts/\(post.id)/vote", [("choice", "0")])
            #expect(twice.status == 422)
        }
    }

    @Test("attached images show with their alt text, escaped")
    func imagesWithAltText() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        let media = try await world.starling.media.upload(MediaAPITests.png(width: 10, height: 10), description: "A \"chart\" <b>of</b> results",
                                                   focus: nil, by: ada)
        let post = try await world.starling.posts.compose(.init(text: "See the chart", mediaIDs: [media.id]), by: ada)
        try await withSignedInBrowser(world, as: "ada") { (browser, _) async throws in
            let page = try await browser.get("/@ada/\(post.id)")
            #expect(page.body.contains("alt=\"A &quot;chart&quot; &lt;b&gt;of&lt;/b&gt; results\""))
            #expect(page.body.contains("src=\"/media/\(media.fileName)\""))
        }
    }
}

@Suite("Web UI: composing with an image and a poll")
struct ComposeExtrasWebTests {
    @Test("the compose form posts an image with its description and a poll")
    func imageAndPoll() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        try await withSignedInBrowser(world, as: "ada") { (browser, _) async throws in
            #expect(try await browser.get("/").body.contains("enctype=\"multipart/form-data\""))
            let made = try await browser.postMultipart("/posts", fields: [
                ("_csrf", await browser.csrf), ("text", "Our board after the retro"), ("visibility", "organization"),
                ("image_description", "A whiteboard of sticky notes")], file: ("image", "board.png", MediaAPITests.png(width: 40, height: 30)))
            #expect(made.status == 303)
            let asked = try await browser.postMultipart("/posts", fields: [
                ("_csrf", await browser.csrf), ("text", "Next retro format?"), ("poll_option", "Starfish"), ("poll_option", "Sailboat"),
                ("poll_option", ""), ("poll_duration", "3600")], file: ("image", "", []))
            #expect(asked.status == 303)
            let posts = try await world.starling.reads.timeline(.profile(ada.id), viewer: ada).map(\.post)
            #expect(posts.first?.poll?.options.map(\.title) == ["Starfish", "Sailboat"])
            #expect(posts.last?.media.first?.description == "A whiteboard of sticky notes")
            let refused = try await browser.postMultipart("/posts", fields: [("_csrf", await browser.csrf), ("text", "not a picture")],
                                                          file: ("image", "evil.png", Array("<svg onload=alert(1)>".utf8)))
            #expect(refused.status == 422 && refused.body.contains("JPEG, PNG, GIF or WebP"))
        }
    }
}
