import Foundation
import Testing
@testable import StarlingCore

/// The Analytics pages as a facilitator uses them: accessible charts with their numbers as tables, the
/// heat map, CSV files a spreadsheet reads safely, and writing to learners gone quiet.
@Suite("Analytics pages")
struct AnalyticsPagesTests {
    @Test("each chart is an SVG with a title, a description and its numbers as a table; the heat map shades by share")
    func accessibleCharts() async throws {
        let f = try await AnalyticsFixture(learners: 8)
        try await f.generateActivity(weeks: 6)
        try await withLiveServer(f.world) { server in
            let browser = server.browser()
            try await browser.signIn("fay")
            let page = try await browser.get("/programs/\(f.program.id)/analytics")
            #expect(page.status == 200)
            let figures = page.body.components(separatedBy: "<figure class=\"chart\"").dropFirst()
            #expect(figures.count >= 3, "return rate, weekly and daily active learners")
            for figure in figures {
                #expect(figure.contains("role=\"img\"") && figure.contains("<title id=") && figure.contains("<desc id="))
                #expect(figure.contains("aria-labelledby=") && figure.contains("<table class=\"figures\">"))
                #expect(figure.contains("class=\"axis-label\""))
            }
            #expect(page.body.contains("<table class=\"heatmap\""))
            #expect(page.body.range(of: "<td class=\"h(10|[0-9])( partial)?\">[0-9]+%", options: .regularExpression) != nil)
            #expect(!page.body.contains("style=\""), "no inline styles: the security policy forbids them")
        }
    }

    @Test("CSV files have a header of column keys, quote what needs quoting and defuse spreadsheet formulas")
    func csvFiles() async throws {
        let f = try await AnalyticsFixture(learners: 2)
        try await f.starling.accounts.updateProfile(f.learners[0], displayName: "=HYPERLINK(\"http://x\",\"click\"), Esq.", bio: "")
        try await withLiveServer(f.world) { server in
            let browser = server.browser()
            try await browser.signIn("fay")
            let csv = try await browser.get("/programs/\(f.program.id)/analytics/quiet.csv")
            #expect(csv.header("content-type") == "text/csv; charset=utf-8")
            #expect(csv.header("content-disposition") == "attachment; filename=\"cohort-quiet.csv\"")
            let lines = csv.body.components(separatedBy: "\r\n")
            #expect(lines[0] == "username,name,last_active")
            #expect(lines.contains("l00,\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\"), Esq.\",never"))
            #expect(try await browser.get("/programs/\(f.program.id)/analytics/nothing.csv").status == 404)
        }
    }

    @Test("a facilitator writes to learners gone quiet: each gets a direct post of their own, nobody else sees it")
    func nudge() async throws {
        let f = try await AnalyticsFixture(learners: 3)
        let (quiet, alsoQuiet, active) = (f.learners[0], f.learners[1], f.learners[2])
        f.starling.activity.record(active.id, in: f.program.id, at: f.clock.now() - 86_400)
        f.starling.activity.record(alsoQuiet.id, in: f.program.id, at: f.clock.now() - 20 * 86_400)
        try await f.starling.activity.flush()
        let figures = try await f.programFigures()
        #expect(figures.quiet?.map(\.account.username) == [quiet.username, alsoQuiet.username], "never active first, then the longest quiet")
        try await withLiveServer(f.world) { server in
            let browser = server.browser()
            try await browser.signIn("fay")
            let tab = try await browser.get("/programs/\(f.program.id)/analytics")
            #expect(tab.body.contains("Gone quiet: 2 learners"))
            let sent = try await browser.post("/programs/\(f.program.id)/analytics/nudge", [
                ("learner", quiet.id.description), ("learner", alsoQuiet.id.description), ("message", "We miss you, come say hi!")])
            #expect(sent.status == 303)
            let refused = try await browser.post("/programs/\(f.program.id)/analytics/nudge", [("learner", f.nina.id.description), ("message", "Hi")])
            #expect(refused.status == 422, "only the program's learners")
        }
        for learner in [quiet, alsoQuiet] {
            let mentions = try await f.world.store.notifications(recipientID: learner.id, page: PageRequest(), kinds: [.mention])
            #expect(mentions.count == 1)
            let post = try #require(mentions.first?.post)
            #expect(post.post.visibility == .direct && post.post.source == "@\(learner.username) We miss you, come say hi!")
            for other in [active, f.mo, f.nina, quiet == learner ? alsoQuiet : quiet] {
                #expect(try await f.world.store.post(id: post.id, viewer: other.id) == nil, "\(other.username) does not see \(learner.username)'s")
            }
        }
    }

    @Test("the organization's figures are reused for the configured time, then computed anew")
    func dashboardFreshness() async throws {
        let f = try await AnalyticsFixture(learners: 2, cacheSeconds: 60)
        let period = try AnalyticsPeriod.parse(from: nil, to: nil, today: f.starling.analytics.today(f.clock.now()))
        let first = try await f.starling.analytics.organization(viewer: f.ada, period: period, now: f.clock.now())
        f.starling.activity.record(f.learners[0].id, at: f.clock.now())
        try await f.starling.activity.flush()
        let soon = try await f.starling.analytics.organization(viewer: f.ada, period: period, now: f.clock.now() + 59)
        #expect(soon.computedAt == first.computedAt && soon.daily.last?.dau == first.daily.last?.dau)
        let later = try await f.starling.analytics.organization(viewer: f.ada, period: period, now: f.clock.now() + 60)
        #expect(later.computedAt == f.clock.now() + 60)
        #expect(later.daily.last?.dau == (first.daily.last?.dau ?? 0) + 1)
        await #expect(throws: DomainError.self) { try await f.starling.analytics.organization(viewer: f.fay, period: period, now: f.clock.now()) }
    }

    @Test("who has gone quiet is as of today, whatever period the figures show")
    func quietAsOfToday() async throws {
        let f = try await AnalyticsFixture(learners: 2)
        let (back, gone) = (f.learners[0], f.learners[1])
        f.starling.activity.record(back.id, in: f.program.id, at: f.clock.now() - 30 * 86_400)
        f.starling.activity.record(gone.id, in: f.program.id, at: f.clock.now() - 30 * 86_400)
        f.starling.activity.record(back.id, in: f.program.id, at: f.clock.now() - 86_400)
        try await f.starling.activity.flush()
        let past = try AnalyticsPeriod.parse(from: "2026-10-01", to: "2026-11-05", today: f.starling.analytics.today(f.clock.now()))
        let figures = try await f.starling.analytics.program(f.program.id, viewer: f.fay, period: past, now: f.clock.now())
        #expect(figures.quiet?.map(\.account.username) == [gone.username])
        #expect(figures.daily.last?.mau == 2, "the period's own figures stop at its end")
    }
}
