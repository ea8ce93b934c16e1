import Foundation
import Testing
@testable import StarlingCore

/// What counts as activity, on which day of the organization it falls, and that each account's day is
/// recorded once.
@Suite("Analytics: recording activity")
struct ActivityRecordingTests {
    private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// The stored days (as `yyyy-mm-dd`) of an account, anywhere (`programID` nil) or in a program.
    private func days(_ world: TestWorld, _ account: Account, in programID: ID? = nil) async throws -> [String] {
        try await world.store.activity(accountID: account.id, from: Day(ordinal: 0), through: Day(ordinal: 100_000))
            .filter { $0.programID == programID }.map(\.day.description)
    }

    @Test("a day ends at midnight in the organization's zone, even 14 hours from UTC", arguments: [
        ("Pacific/Kiritimati", "2026-12-02T09:59:59Z", "2026-12-02", "2026-12-02T10:00:00Z", "2026-12-03"),
        ("Pacific/Pago_Pago", "2026-12-03T10:59:59Z", "2026-12-02", "2026-12-03T11:00:00Z", "2026-12-03"),
    ])
    func dayBoundaryFarFromUTC(zone: String, before: String, beforeDay: String, after: String, afterDay: String) async throws {
        let world = try await TestWorld(timeZone: zone)
        let lea = try await world.member("lea")
        world.starling.activity.record(lea.id, at: utc(before))
        world.starling.activity.record(lea.id, at: utc(after))
        try await world.starling.activity.flush()
        #expect(try await days(world, lea) == [beforeDay, afterDay])
    }

    @Test("a week that spans a daylight-saving change runs Monday to Sunday in local time")
    func weekAcrossDaylightSaving() async throws {
        // Berlin moves to summer time on Sunday 29 March 2026; that week runs from Monday 23 March, 00:00 CET
        // (22 March, 23:00 UTC), to Sunday 29 March, 24:00 CEST (22:00 UTC).
        let f = try await AnalyticsFixture(learners: 2, zone: "Europe/Berlin", now: utc("2026-04-08T12:00:00Z"))
        let (early, late) = (f.learners[0], f.learners[1])
        let log = f.starling.activity
        log.record(early.id, in: f.program.id, at: utc("2026-03-22T23:15:00Z"))    // Monday 23 March, 00:15 CET
        log.record(late.id, in: f.program.id, at: utc("2026-03-29T21:30:00Z"))     // Sunday 29 March, 23:30 CEST
        log.record(late.id, in: f.program.id, at: utc("2026-03-29T22:30:00Z"))     // Monday 30 March, 00:30 CEST
        try await log.flush()
        #expect(try await days(f.world, early, in: f.program.id) == ["2026-03-23"])
        #expect(try await days(f.world, late, in: f.program.id) == ["2026-03-29", "2026-03-30"])
        let figures = try await f.programFigures()
        let spanning = try #require(figures.weeklyActive.first { $0.week.description == "2026-03-23" })
        #expect(spanning.learners == 2)
        let pair = try #require(figures.weeklyReturn.first { $0.week.description == "2026-03-23" })
        #expect(pair.active == 2 && pair.returned == 1, "only the learner active on Monday 30 March came back the next week")
    }

    @Test("concurrent requests by one person write one record for the day, and a second node's copy is ignored")
    func oncePerDayUnderConcurrency() async throws {
        let world = try await TestWorld()
        let lea = try await world.member("lea")
        let token = try await world.starling.oauth.issueForScript(account: lea, scopes: "read").token
        try await withLiveServer(world) { server in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        if index % 2 == 0 { return try await server.api("GET", "/api/v1/timelines/home", token: token).status }
                        let browser = server.browser()
                        try await browser.signIn("lea")
                        return try await browser.get("/").status
                    }
                }
                for try await status in group { #expect(status == 200) }
            }
        }
        try await world.starling.activity.flush()
        let today = world.starling.analytics.today(Date()).description
        #expect(try await days(world, lea) == [today])
        let otherNode = ActivityLog(store: world.store, zone: TimeZone(identifier: "UTC")!, clock: SystemClock())
        otherNode.record(lea.id)
        #expect(try await otherNode.flush() == 0)
        #expect(try await days(world, lea) == [today])
    }

    @Test("what Starling posts in someone's name (a nugget's release, a review) is not their activity; answering a review is the learner's")
    func automaticPostsAreNotActivity() async throws {
        let f = try await ReinforcementFixture()
        let plan = try await f.plan(startDay: "2026-12-01")
        let nugget = try await f.nugget("Ask early", in: plan)
        try await f.advance(to: utc("2026-12-01T09:00:00Z"))
        try await f.starling.activity.flush()
        #expect(try await days(f.world, f.fay).allSatisfy { $0 != "2026-12-01" }, "the release and the deliveries are not fay's doing")
        try await f.advance(to: utc("2026-12-01T10:00:00Z"))
        try await f.starling.reviews.answer(nugget.id, choices: [0], by: f.lea, at: f.clock.now())
        try await f.starling.activity.flush()
        #expect(try await days(f.world, f.lea, in: f.program.id) == ["2026-12-01"])
        #expect(try await days(f.world, f.lea).contains("2026-12-01"))
    }

    @Test("posting, liking and voting in a program count as activity in it")
    func actionsInAProgram() async throws {
        let f = try await AnalyticsFixture(learners: 2)
        let (a, b) = (f.learners[0], f.learners[1])
        for learner in f.learners { _ = try await f.starling.programs.join(f.program.id, by: learner, agreementVersion: f.program.agreementVersion) }
        let post = try await f.starling.posts.compose(.init(text: "Hello #cohort"), by: a, at: f.clock.now())
        try await f.starling.activity.flush()
        #expect(try await days(f.world, b, in: f.program.id).isEmpty)
        try await f.starling.posts.like(post.id, by: b)
        try await f.starling.activity.flush()
        #expect(try await days(f.world, a, in: f.program.id) == ["2026-12-02"])
        #expect(try await days(f.world, b, in: f.program.id) == ["2026-12-02"])
    }

    @Test("records of the 400 days up to today are kept, older ones deleted")
    func retention() async throws {
        let f = try await AnalyticsFixture(learners: 1)
        let lea = f.learners[0]
        for back in [0, 399, 400, 401, 500] { f.starling.activity.record(lea.id, at: f.clock.now() - Double(back) * 86_400) }
        try await f.starling.activity.flush()
        #expect(try await f.starling.analytics.deleteExpired(now: f.clock.now()) == 3)
        #expect(try await days(f.world, lea) == ["2025-10-29", "2026-12-02"])
    }
}
