import Foundation
import Testing
@testable import StarlingCore

/// Content filters (v2) through the Mastodon API.
@Suite("Mastodon API: filters")
struct FiltersAPITests {
    @Test("a warn filter marks matching statuses with what matched; a hide filter leaves them out")
    func warnAndHide() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        try await world.starling.relations.follow(ben, by: ada)
        let spoiler = try await world.post("The finale: the butler did it", by: ben)
        let sports = try await world.post("Match report: 3-1 #football", by: ben)
        let plain = try await world.post("Butlers of the world, unite", by: ben)
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let warn = try await server.api("POST", "/api/v2/filters", token: token, form: [
                ("title", "Spoilers"), ("context[]", "home"), ("filter_action", "warn"),
                ("keywords_attributes[][keyword]", "butler"), ("keywords_attributes[][whole_word]", "true")])
            #expect(warn.status == 200 && (warn.json["keywords"] as? [Any])?.count == 1)
            _ = try await server.api("POST", "/api/v2/filters", token: token, form: [
                ("title", "Sport"), ("context[]", "home"), ("filter_action", "hide"), ("keywords_attributes[][keyword]", "match")])
            let home = try await server.api("GET", "/api/v1/timelines/home", token: token).array
            let ids = home.compactMap { $0["id"] as? String }
            #expect(ids == [plain.id.description, spoiler.id.description]) // the sports post is hidden
            let flagged = try #require(home.first { $0["id"] as? String == spoiler.id.description }?["filtered"] as? [[String: Any]])
            #expect(flagged.first?["keyword_matches"] as? [String] == ["butler"])
            #expect((flagged.first?["filter"] as? [String: Any])?["title"] as? String == "Spoilers")
            #expect(home.first { $0["id"] as? String == plain.id.description }?["filtered"] == nil) // "Butlers" is another word
            let publicLine = try await server.api("GET", "/api/v1/timelines/public", token: token).array
            #expect(publicLine.contains { $0["id"] as? String == sports.id.description }) // the filters are for home only
        }
    }

    @Test("keywords and filtered statuses are managed one by one; filters are private and expire")
    func manage() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        try await world.member("ben")
        let post = try await world.post("filter me by id", by: ada)
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada"), other = try await MastodonAPITests.token(server, "ben")
            let filter = try await server.api("POST", "/api/v2/filters", token: token, form: [("title", "Mine"), ("context[]", "account")])
            let id = filter.string("id")
            let keyword = try await server.api("POST", "/api/v2/filters/\(id)/keywords", token: token, form: [("keyword", "zebra")])
            #expect(keyword.json["whole_word"] as? Bool == true)
            let changed = try await server.api("PUT", "/api/v2/filters/keywords/\(keyword.string("id"))", token: token,
                                               form: [("keyword", "zebras"), ("whole_word", "false")])
            #expect(changed.string("keyword") == "zebras" && changed.json["whole_word"] as? Bool == false)
            let entry = try await server.api("POST", "/api/v2/filters/\(id)/statuses", token: token, form: [("status_id", post.id.description)])
            #expect(entry.string("status_id") == post.id.description)
            let statuses = try await server.api("GET", "/api/v1/accounts/\(ada.id)/statuses", token: token).array
            #expect(((statuses.first?["filtered"] as? [[String: Any]])?.first?["status_matches"] as? [String]) == [post.id.description])
            #expect(try await server.api("GET", "/api/v2/filters/\(id)", token: other).status == 404)
            #expect(try await server.api("DELETE", "/api/v2/filters/statuses/\(entry.string("id"))", token: other).status == 404)
            #expect(try await server.api("DELETE", "/api/v2/filters/keywords/\(keyword.string("id"))", token: token).status == 200)
            let expired = try await server.api("PUT", "/api/v2/filters/\(id)", token: token, form: [("expires_in", "-1")])
            #expect(expired.json["expires_at"] is NSNull)
            #expect(try await server.api("DELETE", "/api/v2/filters/\(id)", token: token).status == 200)
            #expect(try await server.api("GET", "/api/v2/filters", token: token).array.isEmpty)
        }
    }

    @Test("bad filters are refused by parameter")
    func validation() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let cases: [([(String, String)], String)] = [
                ([("context[]", "home")], "title"),
                ([("title", "x")], "context"),
                ([("title", "x"), ("context[]", "everywhere")], "context"),
                ([("title", "x"), ("context[]", "home"), ("filter_action", "delete")], "filter_action"),
                ([("title", "x"), ("context[]", "home"), ("expires_in", "soon")], "expires_in"),
                ([("title", "x"), ("context[]", "home"), ("keywords_attributes[][keyword]", " ")], "keyword"),
            ]
            for (form, field) in cases {
                let refused = try await server.api("POST", "/api/v2/filters", token: token, form: form)
                #expect(refused.status == 422 && refused.string("error_description") == field, "\(form)")
            }
            #expect(try await server.api("GET", "/api/v2/filters", token: token).array.isEmpty)
        }
    }
}
