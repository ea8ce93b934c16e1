import Foundation
import Testing
@testable import StarlingCore

@Suite("Mastodon API: people, tags, search, notifications, markers")
struct MastodonSocialAPITests {
    @Test("follow, block and mute answer with the relationship, which relationships[] reports too")
    func relationships() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        let ben = try await world.member("ben")
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let followed = try await server.api("POST", "/api/v1/accounts/\(ben.id)/follow", token: token)
            #expect(followed.json["following"] as? Bool == true)
            let muted = try await server.api("POST", "/api/v1/accounts/\(ben.id)/mute", token: token)
            #expect(muted.json["muting"] as? Bool == true)
            let blocked = try await server.api("POST", "/api/v1/accounts/\(ben.id)/block", token: token)
            #expect(blocked.json["blocking"] as? Bool == true)
            #expect(blocked.json["following"] as? Bool == false) // blocking ends the follow
            let list = try await server.api("GET", "/api/v1/accounts/relationships?id[]=\(ben.id)", token: token)
            #expect(list.array.first?["blocking"] as? Bool == true)
            #expect(try await server.api("GET", "/api/v1/accounts/lookup?acct=ben", token: token).string("id") == ben.id.description)
        }
    }

    @Test("a followed hashtag is listed and fills the home timeline")
    func followTag() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        let cy = try await world.member("cy")
        let tagged = try await world.post("pairing notes #Mentoring", by: cy)
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let followed = try await server.api("POST", "/api/v1/tags/mentoring/follow", token: token)
            #expect(followed.json["following"] as? Bool == true)
            #expect(try await server.api("GET", "/api/v1/followed_tags", token: token).array.first?["name"] as? String == "Mentoring")
            let home = try await server.api("GET", "/api/v1/timelines/home", token: token)
            #expect(home.array.first?["id"] as? String == tagged.id.description)
        }
    }

    @Test("bookmarks and favourites list what the person saved")
    func savedLists() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        let ben = try await world.member("ben")
        let post = try await world.post("worth keeping", by: ben)
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            _ = try await server.api("POST", "/api/v1/statuses/\(post.id)/bookmark", token: token)
            _ = try await server.api("POST", "/api/v1/statuses/\(post.id)/favourite", token: token)
            #expect(try await server.api("GET", "/api/v1/bookmarks", token: token).array.first?["id"] as? String == post.id.description)
            #expect(try await server.api("GET", "/api/v1/favourites", token: token).array.first?["id"] as? String == post.id.description)
            let fans = try await server.api("GET", "/api/v1/statuses/\(post.id)/favourited_by", token: token)
            #expect(fans.array.first?["username"] as? String == "ada")
        }
    }

    @Test("search v2 finds statuses, accounts and hashtags, by type, visibly only")
    func searchV2() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        let ben = try await world.member("ben")
        try await world.post("retrospective formats #Retro", by: ben)
        try await world.post("retrospective secrets", by: ben, visibility: .followers)
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let all = try await server.api("GET", "/api/v2/search?q=retrospective", token: token)
            #expect((all.json["statuses"] as? [[String: Any]])?.count == 1)
            let people = try await server.api("GET", "/api/v2/search?q=be&type=accounts", token: token)
            #expect((people.json["accounts"] as? [[String: Any]])?.first?["username"] as? String == "ben")
            #expect((people.json["statuses"] as? [Any])?.isEmpty == true)
            let tags = try await server.api("GET", "/api/v2/search?q=ret&type=hashtags", token: token)
            #expect((tags.json["hashtags"] as? [[String: Any]])?.first?["name"] as? String == "Retro")
            #expect(try await server.api("GET", "/api/v2/search?q=x&type=planets", token: token).status == 422)
        }
    }

    @Test("notifications filter by type, and can be dismissed and cleared")
    func notifications() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        let post = try await world.post("hello", by: ada)
        try await world.starling.posts.like(post.id, by: ben)
        try await world.starling.relations.follow(ada, by: ben)
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let likes = try await server.api("GET", "/api/v1/notifications?types[]=favourite", token: token)
            #expect(likes.array.map { $0["type"] as? String } == ["favourite"])
            let notLikes = try await server.api("GET", "/api/v1/notifications?exclude_types[]=favourite", token: token)
            #expect(notLikes.array.map { $0["type"] as? String } == ["follow"])
            let id = try #require(likes.array.first?["id"] as? String)
            _ = try await server.api("POST", "/api/v1/notifications/\(id)/dismiss", token: token)
            #expect(try await server.api("GET", "/api/v1/notifications", token: token).array.count == 1)
            _ = try await server.api("POST", "/api/v1/notifications/clear", token: token)
            #expect(try await server.api("GET", "/api/v1/notifications", token: token).array.isEmpty)
        }
    }

    @Test("markers remember where reading stopped, and the notifications marker marks them read")
    func markers() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        try await world.starling.relations.follow(ada, by: ben)
        let newest = try await world.starling.reads.notifications(of: ada)[0].id
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let set = try await server.api("POST", "/api/v1/markers", token: token, json: #"{"notifications": {"last_read_id": "\#(newest)"}}"#)
            #expect((set.json["notifications"] as? [String: Any])?["last_read_id"] as? String == newest.description)
            let read = try await server.api("GET", "/api/v1/markers?timeline[]=notifications", token: token)
            #expect((read.json["notifications"] as? [String: Any])?["version"] as? Int == 1)
        }
        #expect(try await world.starling.reads.unreadNotificationCount(of: ada) == 0)
    }
}

@Suite("Mastodon API: profile updates")
struct UpdateCredentialsTests {
    @Test("update_credentials changes the display name and bio, and refuses bad values by name")
    func updateProfile() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let updated = try await server.api("PATCH", "/api/v1/accounts/update_credentials", token: token,
                                               form: [("display_name", "Ada L."), ("note", "Learning <b>out loud</b>")])
            #expect(updated.status == 200)
            #expect(updated.string("display_name") == "Ada L.")
            #expect((updated.json["source"] as? [String: Any])?["note"] as? String == "Learning <b>out loud</b>")
            #expect(updated.string("note").contains("&lt;b&gt;")) // shown escaped
            let tooLong = try await server.api("PATCH", "/api/v1/accounts/update_credentials", token: token,
                                               form: [("display_name", String(repeating: "x", count: 60))])
            #expect(tooLong.status == 422)
            #expect(tooLong.string("error_description") == "display_name")
            let readOnly = try await MastodonAPITests.token(server, "ada", scope: "read")
            #expect(try await server.api("PATCH", "/api/v1/accounts/update_credentials", token: readOnly, form: [("note", "x")]).status == 403)
        }
        #expect(try await world.store.account(username: "ada")?.displayName == "Ada L.")
    }
}
