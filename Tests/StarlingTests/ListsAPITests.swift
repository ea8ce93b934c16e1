import Foundation
import Testing
@testable import StarlingCore

/// Lists of people through the Mastodon API.
@Suite("Mastodon API: lists")
struct ListsAPITests {
    @Test("a list is made, renamed, read as a timeline of its members, and deleted")
    func lifecycle() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben"), cy = try await world.member("cy")
        try await world.starling.relations.follow(ben, by: ada)
        try await world.starling.relations.follow(cy, by: ada)
        let fromBen = try await world.post("ben on onboarding", by: ben)
        _ = try await world.post("cy elsewhere", by: cy)
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let made = try await server.api("POST", "/api/v1/lists", token: token, form: [("title", "Mentors")])
            #expect(made.status == 200 && made.string("replies_policy") == "list")
            let id = made.string("id")
            #expect(try await server.api("POST", "/api/v1/lists/\(id)/accounts", token: token,
                                         form: [("account_ids[]", ben.id.description)]).status == 200)
            let members = try await server.api("GET", "/api/v1/lists/\(id)/accounts", token: token).array
            #expect(members.compactMap { $0["username"] as? String } == ["ben"])
            let timeline = try await server.api("GET", "/api/v1/timelines/list/\(id)", token: token).array
            #expect(timeline.compactMap { $0["id"] as? String } == [fromBen.id.description])
            let inLists = try await server.api("GET", "/api/v1/accounts/\(ben.id)/lists", token: token).array
            #expect(inLists.compactMap { $0["title"] as? String } == ["Mentors"])
            let renamed = try await server.api("PUT", "/api/v1/lists/\(id)", token: token, form: [("title", "Guides"), ("exclusive", "true")])
            #expect(renamed.string("title") == "Guides" && renamed.json["exclusive"] as? Bool == true)
            #expect(try await server.api("GET", "/api/v1/lists", token: token).array.count == 1)
            #expect(try await server.api("DELETE", "/api/v1/lists/\(id)", token: token).status == 200)
            #expect(try await server.api("GET", "/api/v1/lists/\(id)", token: token).status == 404)
        }
    }

    @Test("lists are private to their owner; only followed people can be added; bad input is named")
    func rules() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        _ = ada
        try await withLiveServer(world) { server in
            let adaToken = try await MastodonAPITests.token(server, "ada"), benToken = try await MastodonAPITests.token(server, "ben")
            let id = try await server.api("POST", "/api/v1/lists", token: adaToken, form: [("title", "Mine")]).string("id")
            #expect(try await server.api("GET", "/api/v1/lists/\(id)", token: benToken).status == 404)
            #expect(try await server.api("GET", "/api/v1/timelines/list/\(id)", token: benToken).status == 404)
            let notFollowed = try await server.api("POST", "/api/v1/lists/\(id)/accounts", token: adaToken,
                                                   form: [("account_ids[]", ben.id.description)])
            #expect(notFollowed.status == 422 && notFollowed.string("error_description") == "account_ids")
            let untitled = try await server.api("POST", "/api/v1/lists", token: adaToken, form: [("title", " ")])
            #expect(untitled.status == 422 && untitled.string("error_description") == "title")
            let policy = try await server.api("POST", "/api/v1/lists", token: adaToken, form: [("title", "x"), ("replies_policy", "all")])
            #expect(policy.status == 422 && policy.string("error_description") == "replies_policy")
            let junk = try await server.api("POST", "/api/v1/lists/\(id)/accounts", token: adaToken, form: [("account_ids[]", "abc")])
            #expect(junk.status == 422)
        }
    }

    @Test("members of an exclusive list leave home; unfollowing removes someone from your lists")
    func exclusiveAndUnfollow() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        try await world.starling.relations.follow(ben, by: ada)
        let post = try await world.post("hello", by: ben)
        let list = try await world.starling.lists.create(title: "Quiet", repliesPolicy: nil, exclusive: true, by: ada)
        #expect(try await world.timelineIDs(.home, for: ada) == [post.id])
        try await world.starling.lists.add([ben.id], to: list.id, by: ada)
        #expect(try await world.timelineIDs(.home, for: ada).isEmpty)
        #expect(try await world.timelineIDs(.list(list.id), for: ada) == [post.id])
        try await world.starling.relations.follow(ben, by: ada, false)
        #expect(try await world.starling.lists.members(of: list.id, owner: ada, page: PageRequest()).isEmpty)
    }

    @Test("a list's replies policy decides which replies it shows")
    func repliesPolicy() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben"), cy = try await world.member("cy")
        try await world.starling.relations.follow(ben, by: ada)
        let list = try await world.starling.lists.create(title: "Ben", repliesPolicy: "list", exclusive: nil, by: ada)
        try await world.starling.lists.add([ben.id], to: list.id, by: ada)
        let outsider = try await world.post("cy asks", by: cy)
        let reply = try await world.post("ben answers cy", by: ben, replyTo: outsider.id)
        #expect(try await world.timelineIDs(.list(list.id), for: ada).isEmpty)
        _ = try await world.starling.lists.update(list.id, title: nil, repliesPolicy: "none", exclusive: nil, by: ada)
        #expect(try await world.timelineIDs(.list(list.id), for: ada).isEmpty)
        try await world.starling.relations.follow(cy, by: ada)
        _ = try await world.starling.lists.update(list.id, title: nil, repliesPolicy: "followed", exclusive: nil, by: ada)
        #expect(try await world.timelineIDs(.list(list.id), for: ada) == [reply.id])
    }
}
