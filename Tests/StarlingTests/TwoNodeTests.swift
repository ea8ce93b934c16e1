import Foundation
import Testing
@testable import StarlingCore
@testable import StarlingPostgres

/// Two servers on one PostgreSQL database act as one system (issue 16). These run in the PostgreSQL pass
/// of the test command (`STARLING_TEST_ENGINE=postgres`); on SQLite, one machine has one node.
@Suite("Two nodes on one PostgreSQL database", .enabled(if: Engine.current == .postgres))
struct TwoNodeTests {
    /// Nodes A and B on one new database, with ada following ben.
    static func twoNodes() async throws -> (a: TestWorld, b: TestWorld, ada: Account, ben: Account) {
        let a = try await TestWorld()
        let b = try await TestWorld(reopening: a)
        let ada = try await a.member("ada"), ben = try await a.member("ben")
        try await a.starling.relations.follow(ben, by: ada)
        return (a, b, ada, ben)
    }

    @Test("two nodes make ids with node numbers of their own: posts made through both for the same millisecond are all stored")
    func idsNeverCollideAcrossNodes() async throws {
        let (a, b, ada, ben) = try await Self.twoNodes()
        #expect((a.store as? PostgresStore)?.nodeNumber.number != (b.store as? PostgresStore)?.nodeNumber.number)
        let moment = Date()
        let made = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<200 {
                group.addTask {
                    let (node, author) = index % 2 == 0 ? (a, ada) : (b, ben)
                    return try await node.post("burst \(index)", by: author, at: moment).id.date == ID(floorOf: moment).date ? 1 : 0
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(made == 200)
    }

    @Test("a post made through node A reaches a stream on node B within a second")
    func postReachesOtherNode() async throws {
        let (a, b, ada, ben) = try await Self.twoNodes()
        let token = try await b.starling.oauth.issueForScript(account: ada, scopes: "read").token
        try await withLiveServer(b) { nodeB in
            let started = ContinuousClock.now
            let received = try await StreamingTests.events(nodeB, path: "/api/v1/streaming/user", token: token, seconds: 0,
                                                           until: "made on node A") {
                try await a.post("made on node A", by: ben)
            }
            #expect(received.contains { $0.name == "update" && $0.data.contains("made on node A") })
            #expect(ContinuousClock.now - started < .seconds(2)) // the stream opened 0.2 s before the post
        }
    }

    @Test("a session made on node A signs in on node B")
    func sessionOnOtherNode() async throws {
        let a = try await TestWorld()
        let b = try await TestWorld(reopening: a)
        try await a.member("ada")
        let (_, session) = try await a.starling.accounts.signIn(login: "ada", password: "password1")
        #expect(try await b.starling.accounts.account(sessionToken: session)?.username == "ada")
    }

    @Test("failed sign-ins through both nodes count together for the throttle")
    func throttleAcrossNodes() async throws {
        let a = try await TestWorld()
        let b = try await TestWorld(reopening: a)
        try await a.member("ada")
        await TestWorld.expectThrottledAfterFiveFailures("ada", through: [a, b])
    }

    @Test("a WebSocket stream on node B receives a post made through node A")
    func webSocketOnOtherNode() async throws {
        let (a, b, ada, ben) = try await Self.twoNodes()
        let token = try await b.starling.oauth.issueForScript(account: ada, scopes: "read").token
        try await withLiveServer(b) { nodeB in
            let messages = try await WebSocketStreamingTests.session(nodeB, query: "?stream=user&access_token=\(token)", until: "via A") {
                try await a.post("via A", by: ben)
            }
            #expect(messages.contains { $0["event"] as? String == "update" && ($0["payload"] as? String ?? "").contains("via A") })
        }
    }

    @Test("an image uploaded through node A is served by node B")
    func uploadServedByOtherNode() async throws {
        let a = try await TestWorld()
        let b = try await TestWorld(reopening: a)
        try await a.member("ada")
        try await withLiveServer(a) { nodeA in
            try await withLiveServer(b) { nodeB in
                let token = try await MastodonAPITests.token(nodeA, "ada")
                let made = try await nodeA.api("POST", "/api/v2/media", token: token,
                                               upload: ([], ("file", "photo.png", MediaAPITests.png(width: 30, height: 20))))
                #expect(made.status == 200)
                let path = URLComponents(string: made.string("url"))?.path ?? ""
                let served = try await nodeB.browser().get(path)
                #expect(served.status == 200 && served.header("Content-Type") == "image/png")
            }
        }
    }

    @Test("a home timeline read on node B right after a post through node A contains it, though B had kept the page")
    func readYourWritesAcrossNodes() async throws {
        let (a, b, ada, ben) = try await Self.twoNodes()
        try await a.post("first", by: ben)
        try await withLiveServer(a) { nodeA in
            try await withLiveServer(b) { nodeB in
                let adaOnB = try await MastodonAPITests.token(nodeB, "ada"), benOnA = try await MastodonAPITests.token(nodeA, "ben")
                let home = "/api/v1/timelines/home"
                #expect(try await nodeB.api("GET", home, token: adaOnB).array.count == 1) // B keeps this page now
                let posted = try await nodeA.api("POST", "/api/v1/statuses", token: benOnA, form: [("status", "second")])
                #expect(posted.status == 200)
                let ids = try await nodeB.api("GET", home, token: adaOnB).array.compactMap { $0["id"] as? String }
                #expect(ids.first == posted.string("id") && ids.count == 2)
            }
        }
    }

    @Test("a scheduled status and a tweetchat's welcome and question are published once while both nodes run their jobs")
    func jobsRunOnceAcrossNodes() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        let a = try await TestWorld(clock: clock)
        let b = try await TestWorld(clock: clock, reopening: a)
        let fay = try await a.member("fay", role: .admin), lea = try await a.member("lea")
        _ = try await a.starling.schedule.schedule(.init(text: "Reminder: retro at four"), at: clock.now() + 60, by: lea, now: clock.now())
        let events = a.starling.liveEvents
        let event = try await events.create(.init(kind: .tweetchat, title: "Learning chat", hashtag: "lrnchat", startsAt: clock.now() + 60,
                                                  timeZone: "UTC", duration: 3600), by: fay, now: clock.now())
        _ = try await events.setScript(event.id, ChatScript(welcome: "Welcome to #lrnchat!", questions: [.init(text: "What did you learn?", offset: 300)]),
                                       by: fay, now: clock.now())
        for step in [60.0, 300] {
            clock.advance(by: step)
            // Each node's runner twice at once, as their loops and a late one would.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for node in [a, b, a, b] { group.addTask { _ = try await node.starling.jobRunner.runDue(now: clock.now()) } }
                try await group.waitForAll()
            }
        }
        let hostPosts = try await b.starling.reads.timeline(.profile(fay.id), viewer: lea).map(\.post.post.source)
        #expect(hostPosts.reversed() == ["Welcome to #lrnchat! #lrnchat", "Q1: What did you learn? #lrnchat"])
        #expect(try await b.starling.reads.timeline(.profile(lea.id), viewer: fay).map(\.post.post.source) == ["Reminder: retro at four"])
    }
}
