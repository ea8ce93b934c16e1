import Foundation
import Testing
@testable import StarlingCore
@testable import StarlingWeb

/// Statuses scheduled for later, published by the running server on time.
@Suite("Mastodon API: scheduled statuses")
struct ScheduledStatusTests {
    private static func iso(_ date: Date) -> String { date.formatted(.iso8601) }

    @Test("a scheduled status waits in the list, then the server publishes it on time")
    func publishedOnTime() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            // A whole second, so the ISO 8601 text sent (without fractions) names exactly this time; far enough
            // ahead to look before it is due, on a busy machine too.
            let due = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 4).rounded(.up))
            let made = try await server.api("POST", "/api/v1/statuses", token: token,
                                            form: [("status", "Reminder: #retro at four"), ("scheduled_at", Self.iso(due))])
            #expect(made.status == 200)
            #expect((made.json["params"] as? [String: Any])?["text"] as? String == "Reminder: #retro at four")
            #expect(try await server.api("GET", "/api/v1/scheduled_statuses", token: token).array.count == 1)
            #expect(try await world.timelineIDs(.profile(ada.id), for: ada).isEmpty)
            var published = false
            var listed = true // published, then taken off the list a moment later
            for _ in 0..<100 where !published || listed {
                try await Task.sleep(for: .milliseconds(100))
                published = try await !world.timelineIDs(.profile(ada.id), for: ada).isEmpty
                listed = try await !server.api("GET", "/api/v1/scheduled_statuses", token: token).array.isEmpty
            }
            #expect(published && !listed)
            let post = try #require(try await world.starling.reads.timeline(.profile(ada.id), viewer: ada).first)
            #expect(post.post.post.createdAt >= due.addingTimeInterval(-0.01))
            #expect(post.post.post.createdAt < due.addingTimeInterval(5))
        }
    }

    @Test("the owner reschedules and cancels; others cannot see it; bad times are refused by name")
    func manage() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await world.member("ben")
        try await withLiveServer(world) { server in
            let ada = try await MastodonAPITests.token(server, "ada"), ben = try await MastodonAPITests.token(server, "ben")
            let later = Date().addingTimeInterval(3600)
            let id = try await server.api("POST", "/api/v1/statuses", token: ada,
                                          form: [("status", "later"), ("scheduled_at", Self.iso(later))]).string("id")
            #expect(try await server.api("GET", "/api/v1/scheduled_statuses/\(id)", token: ben).status == 404)
            let moved = try await server.api("PUT", "/api/v1/scheduled_statuses/\(id)", token: ada,
                                             form: [("scheduled_at", Self.iso(later.addingTimeInterval(3600)))])
            #expect(moved.status == 200 && moved.string("scheduled_at").hasPrefix(Self.iso(later.addingTimeInterval(3600)).prefix(16)))
            #expect(try await server.api("DELETE", "/api/v1/scheduled_statuses/\(id)", token: ben).status == 404)
            #expect(try await server.api("DELETE", "/api/v1/scheduled_statuses/\(id)", token: ada).status == 200)
            #expect(try await server.api("GET", "/api/v1/scheduled_statuses/\(id)", token: ada).status == 404)
            for bad in [Self.iso(Date().addingTimeInterval(-60)), "tomorrow-ish"] {
                let refused = try await server.api("POST", "/api/v1/statuses", token: ada, form: [("status", "x"), ("scheduled_at", bad)])
                #expect(refused.status == 422 && refused.string("error_description") == "scheduled_at")
            }
            let empty = try await server.api("POST", "/api/v1/statuses", token: ada, form: [("status", ""), ("scheduled_at", Self.iso(later))])
            #expect(empty.status == 422 && empty.string("error_description") == "text")
        }
    }

    @Test("a scheduled reply whose parent was deleted meanwhile is dropped, not published")
    func droppedWhenBroken() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        let parent = try await world.post("question", by: ben)
        let now = Date()
        _ = try await world.starling.schedule.schedule(.init(text: "answer", inReplyToID: parent.id), at: now.addingTimeInterval(60), by: ada, now: now)
        try await world.starling.posts.delete(parent.id, by: ben)
        #expect(try await world.starling.jobRunner.runDue(now: now.addingTimeInterval(61)) == 1)
        #expect(try await world.timelineIDs(.profile(ada.id), for: ada).isEmpty)
        #expect(try await world.starling.schedule.scheduled(of: ada, page: PageRequest()).isEmpty)
    }

    @Test("datetimes are read with Z, offsets with or without a colon, and microseconds")
    func datetimes() {
        let expected = Date(timeIntervalSince1970: 1_795_270_745)
        for text in ["2026-11-21T14:19:05Z", "2026-11-21T15:19:05+01:00", "2026-11-21T15:19:05+0100", "2026-11-21T14:19:05.000000+00:00"] {
            #expect(ISO8601.parse(text) == expected)
        }
        #expect(ISO8601.parse("21/11/2026") == nil)
    }
}
