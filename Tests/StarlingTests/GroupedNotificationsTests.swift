import Foundation
import Testing
@testable import StarlingCore

/// Notifications of one kind about one post, or follows, within 12 hours read as one (Mastodon 4.3's grouping).
@Suite("Grouped notifications")
struct GroupedNotificationsTests {
    private func people(_ names: String...) -> [Account] {
        names.enumerated().map { Account(id: ID(Int64(100 + $0.offset)), username: $0.element, email: "", displayName: $0.element.capitalized,
                                         bio: "", role: .member, createdAt: Date(timeIntervalSince1970: 0)) }
    }

    @Test("likes of one post in one 12-hour window are one group, its actors newest first and each once; other kinds stay single")
    func grouping() {
        let accounts = people("ben", "cy", "dee")
        let (ben, cy, dee) = (accounts[0], accounts[1], accounts[2])
        let post = PostView(post: Post(id: ID(7), authorID: ID(1), visibility: .organization, source: "x", html: "x", createdAt: Date()), author: ben)
        let noon = Date(timeIntervalSince1970: 1_800_000_000 - 1_800_000_000.truncatingRemainder(dividingBy: 43_200) + 3600)
        func n(_ id: Int64, _ kind: StarlingCore.Notification.Kind, _ actor: Account, hours: Double, post: PostView? = post) -> StarlingCore.Notification {
            StarlingCore.Notification(id: ID(id), kind: kind, actor: actor, post: post, createdAt: noon + hours * 3600, isUnread: true)
        }
        // Newest first, as notifications are read.
        let list = [n(6, .like, cy, hours: 13), n(5, .reply, dee, hours: 4), n(4, .like, ben, hours: 3), n(3, .like, cy, hours: 2),
                    n(2, .like, dee, hours: 1), n(1, .follow, ben, hours: 0, post: nil)]
        let groups = NotificationGroup.grouping(list)
        #expect(groups.map(\.notifications.count) == [1, 1, 3, 1]) // the like 13 hours on opens a new window
        #expect(groups[2].actors.map(\.username) == ["ben", "cy", "dee"] && groups[2].kind == .like)
        #expect(groups[1].key == "ungrouped-5" && groups[2].key.hasPrefix("like-7-") && groups[3].key.hasPrefix("follow-"))
        #expect(groups[0].key != groups[2].key)
        #expect(NotificationGroup.grouping(list, groupable: [.follow]).count == 6)
    }

    @Test("the v2 API groups three likes into one, names each account and status once, dismisses a group; v1 lists them one by one")
    func api() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        let fans = try await ["ben", "cy", "dee"].asyncMap { try await world.member($0) }
        let post = try await world.post("Spaced practice works #tips", by: ada)
        for fan in fans { try await world.starling.posts.like(post.id, by: fan) }
        let reply = try await world.post("@ada agreed", by: fans[0], replyTo: post.id)
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let grouped = try await server.api("GET", "/api/v2/notifications", token: token).json
            let groups = try #require(grouped["notification_groups"] as? [[String: Any]])
            #expect(groups.map { $0["type"] as? String } == ["mention", "favourite"])
            #expect(groups[1]["notifications_count"] as? Int == 3 && (groups[1]["sample_account_ids"] as? [String])?.count == 3)
            #expect(groups[1]["status_id"] as? String == post.id.description && groups[0]["status_id"] as? String == reply.id.description)
            #expect((grouped["accounts"] as? [[String: Any]])?.count == 3 && (grouped["statuses"] as? [[String: Any]])?.count == 2)
            let key = try #require(groups[1]["group_key"] as? String)
            #expect(try await server.api("GET", "/api/v2/notifications/\(key)/accounts", token: token).array.count == 3)
            #expect(try await server.api("GET", "/api/v2/notifications/unread_count", token: token).json["count"] as? Int == 2)
            #expect(try await server.api("GET", "/api/v1/notifications", token: token).array.count == 4)
            #expect(try await server.api("POST", "/api/v2/notifications/\(key)/dismiss", token: token).status == 200)
            #expect(try await server.api("GET", "/api/v2/notifications/\(key)", token: token).status == 404)
            #expect(try await server.api("GET", "/api/v1/notifications", token: token).array.count == 1)
        }
    }
}
