import Foundation
import Testing
@testable import StarlingCore

/// The weekly digest: on Monday morning in the organization's zone, each program's facilitators get a
/// notification with its three headline numbers and a link, once a week, by the durable job queue.
@Suite("Analytics: the weekly digest")
struct AnalyticsDigestTests {
    private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    private func digests(_ f: AnalyticsFixture, _ account: Account) async throws -> [StarlingCore.Notification] {
        try await f.world.store.notifications(recipientID: account.id, page: PageRequest(), kinds: [.analyticsDigest])
    }

    private func runJobs(_ f: AnalyticsFixture, at date: Date) async throws {
        f.clock.advance(by: date.timeIntervalSince(f.clock.now()))
        try await f.starling.jobRunner.runDue(now: f.clock.now())
    }

    @Test("goes out on Monday at 08:00 in the organization's zone, to the facilitators only, once a week", arguments: [
        ("UTC", "2026-12-07T07:59:00Z", "2026-12-07T08:00:00Z"),
        ("Europe/Berlin", "2026-12-07T06:59:00Z", "2026-12-07T07:00:00Z"),
        ("America/Los_Angeles", "2026-12-07T15:59:00Z", "2026-12-07T16:00:00Z"),
    ])
    func mondayMorning(zone: String, before: String, due: String) async throws {
        let f = try await AnalyticsFixture(learners: 6, zone: zone)
        try await f.generateActivity(weeks: 4)
        try await f.starling.analytics.scheduleDigest(now: f.clock.now())
        try await runJobs(f, at: utc(before))
        #expect(try await digests(f, f.fay).isEmpty)
        try await runJobs(f, at: utc(due))
        let sent = try await digests(f, f.fay)
        #expect(sent.count == 1)
        let digest = try #require(sent.first?.digest)
        #expect(digest.programID == f.program.id && digest.programTitle == "Cohort")
        let expected = try await f.starling.analytics.program(f.program.id, viewer: f.fay, period: AnalyticsPeriod.parse(
            from: nil, to: nil, today: f.starling.analytics.today(f.clock.now())), now: f.clock.now()).headlineSummary
        #expect(digest.summary == expected)
        #expect(digest.summary.contains("came back the next week") && digest.summary.contains("learners active last week") && digest.summary.contains("stickiness"))
        for other in [f.mo, f.ada, f.learners[0], f.gus, f.nina] { #expect(try await digests(f, other).isEmpty, "\(other.username) gets none") }
        try await runJobs(f, at: utc(due) + 3 * 86_400)
        try await f.starling.analytics.scheduleDigest(now: f.clock.now())
        try await runJobs(f, at: utc(due) + 6 * 86_400)
        #expect(try await digests(f, f.fay).count == 1, "once a week, even when planned again")
        try await runJobs(f, at: utc(due) + 7 * 86_400)
        #expect(try await digests(f, f.fay).count == 2, "and the next Monday again")
    }

    @Test("a digest missed while the server was down goes out when it starts; a new installation waits for Monday")
    func missedDigest() async throws {
        let f = try await AnalyticsFixture(learners: 6)
        try await f.starling.analytics.scheduleDigest(now: f.clock.now())
        try await runJobs(f, at: f.clock.now() + 60)
        #expect(try await digests(f, f.fay).isEmpty, "Wednesday: the first digest waits for Monday")
        try await runJobs(f, at: utc("2026-12-07T08:00:00Z"))
        #expect(try await digests(f, f.fay).count == 1)
        // Down from Sunday to Tuesday: the job is still planned in the store, due since Monday.
        try await f.starling.jobs.cancel(key: "analytics-digest")
        f.clock.advance(by: utc("2026-12-15T10:00:00Z").timeIntervalSince(f.clock.now()))
        try await f.starling.analytics.scheduleDigest(now: f.clock.now())
        try await f.starling.jobRunner.runDue(now: f.clock.now())
        #expect(try await digests(f, f.fay).count == 2, "sent on start, Tuesday")
    }

    @Test("the web notification links to the program's Analytics tab")
    func notificationPage() async throws {
        let f = try await AnalyticsFixture(learners: 6)
        try await f.starling.analytics.scheduleDigest(now: f.clock.now())
        try await runJobs(f, at: utc("2026-12-07T08:00:00Z"))
        try await withLiveServer(f.world) { server in
            let browser = server.browser()
            try await browser.signIn("fay")
            let page = try await browser.get("/notifications")
            #expect(page.body.contains("Weekly digest</strong> of <a href=\"/programs/\(f.program.id)/analytics\">Cohort</a>"))
            let api = try await server.api("GET", "/api/v1/notifications", token: try f.starling.oauth.issueForScript(account: f.fay, scopes: "read").token)
            #expect(api.array.isEmpty, "Mastodon apps do not get Starling's own kinds")
        }
    }
}
