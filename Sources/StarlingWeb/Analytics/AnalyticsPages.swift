import Foundation
import Hummingbird
import StarlingCore

/// The Analytics pages: a program's tab (for its facilitators and admins), the organization dashboard
/// (admins), each table as CSV, and one's own activity. Charts and the heat map are drawn by `Charts`
/// and `AnalyticsViews`; the figures come from `AnalyticsService`.
struct AnalyticsPages {
    let pages: WebPages
    var analytics: AnalyticsService { pages.starling.analytics }
    var now: Date { pages.starling.clock.now() }

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/programs/:id/analytics") { request, context in try await programPage(request, context) }
        router.get("/programs/:id/analytics/:file") { request, context in
            let figures = try await programFigures(request, context)
            return try csv(AnalyticsTables.program(figures, dayOf: analytics.today), context, prefix: figures.program.hashtag)
        }
        router.post("/programs/:id/analytics/nudge") { _, context in
            let id = try WebPages.idParameter(context)
            let chosen = context.form.values("learner").compactMap { ID($0) }
            let sent = try await analytics.nudge(id, learners: chosen, message: context.form.text("message"), by: try context.requireViewer(), now: now)
            return pages.redirect(to: "/programs/\(id)/analytics#quiet",
                                  notice: sent.count == 1 ? "Your message was sent as a direct post." : "Your message was sent as \(sent.count) direct posts, one to each.")
        }
        router.get("/analytics") { request, context in try await organizationPage(request, context) }
        router.get("/analytics/:file") { request, context in
            let viewer = try context.requireViewer()
            let figures = try await analytics.organization(viewer: viewer, period: try period(request), now: now)
            return try csv(AnalyticsTables.organization(figures), context, prefix: "organization")
        }
        router.get("/settings/activity") { request, context in try await ownPage(request, context) }
    }

    /// The period asked for with `from` and `to` (by default the 12 weeks ending today).
    private func period(_ request: Request) throws -> AnalyticsPeriod {
        try AnalyticsPeriod.of(request, today: analytics.today(now))
    }

    private func programFigures(_ request: Request, _ context: WebContext) async throws -> ProgramAnalytics {
        let viewer = try context.requireViewer()
        let id = try WebPages.idParameter(context)
        let program = try await pages.starling.programs.program(id, viewer: viewer)
        return try await analytics.program(id, viewer: viewer, period: try AnalyticsPeriod.of(request, for: program, analytics: analytics, now: now), now: now)
    }

    /// One table as a CSV file, named by the `:file` parameter (`weekly-return.csv`).
    private func csv(_ tables: [FigureTable], _ context: WebContext, prefix: String) throws -> Response {
        let file = context.parameters.get("file") ?? ""
        guard file.hasSuffix(".csv"), let table = tables.first(where: { $0.name + ".csv" == file }) else { throw DomainError.notFound }
        return Response(status: .ok, headers: [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: "attachment; filename=\"\(prefix)-\(table.name).csv\"",
        ], body: .init(byteBuffer: ByteBuffer(string: table.csv())))
    }

    // MARK: A program

    private func programPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let a = try await programFigures(request, context)
        let page = try await pages.pageContext(request, context)
        let tables = Dictionary(uniqueKeysWithValues: AnalyticsTables.program(a, dayOf: analytics.today).map { ($0.name, $0) })
        let query = AnalyticsViews.query(a.period)
        let base = "/programs/\(a.program.id)/analytics"
        func table(_ name: String) -> HTML { tables[name]!.html(csvLink: "\(base)/\(name).csv\(query)") }
        let h = a.headline
        let html = Layout.page("Analytics · \(a.program.title)", page, """
            \(try await ProgramPages.header(a.program, current: .analytics, viewer: viewer, pages: pages, context: context))
            <h2>Do people come back?</h2>
            \(AnalyticsViews.recordingOff(pages.starling.activity.isRecording))
            \(AnalyticsViews.periodForm(a.period, action: base, today: a.today))
            <section class="headline" aria-label="Headline numbers">
              \(AnalyticsViews.stat("Came back the next week", h.returnRate, previous: h.previousReturnRate, scale: .share,
                                    note: "\(h.returned) of the \(h.returnActive) learners active in the week of \(h.returnWeek.short)"))
              \(AnalyticsViews.stat("Active learners, last complete week", Double(h.activeLearners), previous: h.previousActiveLearners.map(Double.init),
                                    scale: .count, note: "of the \(a.learners) learners in the program"))
              \(AnalyticsViews.stat("Stickiness (DAU/MAU)", h.stickiness, previous: h.previousStickiness, scale: .share,
                                    note: "mean of the daily ratios, \(a.period.from.short) to \(a.period.through.short)"))
            </section>
            <section class="card" aria-labelledby="return-title"><h2 id="return-title">Return rate, week by week</h2>
              \(Charts.line(id: "weekly-return-chart", title: "Weekly return rate", summary: AnalyticsViews.summary(a.weeklyReturn),
                            labels: a.weeklyReturn.map(\.week.short), series: [.init(name: "Return rate", values: a.weeklyReturn.map(\.knownRate))],
                            scale: .share, yLabel: "Came back", numbers: table("weekly-return")))
            </section>
            <section class="card" aria-labelledby="cohort-title"><h2 id="cohort-title">Cohort retention</h2>
              <p class="muted small">Each row is the learners whose first activity in the program fell in that week; each cell the share of them
                active in the program n weeks later. The current week is still in progress (marked *).</p>
              \(AnalyticsViews.heatMap(a.retention, hidden: a.cohortsHidden, currentWeek: a.period.through.week))
              <details><summary>The cohorts as tables</summary>\(table("retention")) \(table("retention-average"))</details>
            </section>
            <section class="card" aria-labelledby="active-title"><h2 id="active-title">Active learners</h2>
              \(Charts.bars(id: "weekly-active-chart", title: "Learners active each week", summary: "Learners active in the program in each week of the period.",
                            labels: a.weeklyActive.map(\.week.short), values: a.weeklyActive.map { Double($0.learners) }, scale: .count, yLabel: "Learners",
                            numbers: table("weekly-active")))
              \(Charts.line(id: "daily-active-chart", title: "Daily, weekly and monthly active learners", summary: "DAU, WAU and MAU of the program's learners on each day.",
                            labels: a.daily.map(\.day.short), series: [
                                .init(name: "DAU", values: a.daily.map { Double($0.dau) }), .init(name: "WAU", values: a.daily.map { Double($0.wau) }),
                                .init(name: "MAU", values: a.daily.map { Double($0.mau) })], scale: .count, yLabel: "Learners", numbers: table("daily-active")))
            </section>
            <section class="card" aria-labelledby="questions-title"><h2 id="questions-title">Questions</h2>
              <p>\(a.waiting.asked) questions asked in the period; \(a.waiting.unansweredAfter24Hours) of the \(a.waiting.askedOver24HoursAgo) asked over
                24 hours ago (\(Charts.Scale.share.format(a.waiting.shareUnansweredAfter24Hours))) waited more than a day for a first answer, and
                <strong>\(a.waiting.unansweredNow) (\(Charts.Scale.share.format(a.waiting.shareUnansweredNow))) have none yet</strong>.
                <a href="/programs/\(a.program.id)/questions?show=open">See the open questions</a>.</p>
              \(HTML.when(!a.questions.isEmpty, Charts.line(id: "answer-time-chart", title: "Time to first answer", summary: "Median and 90th percentile per week.",
                            labels: a.questions.map(\.week.short), series: [
                                .init(name: "Median", values: a.questions.map { $0.median.map { $0 / 3600 } }),
                                .init(name: "90th percentile", values: a.questions.map { $0.p90.map { $0 / 3600 } })], scale: .hours, yLabel: "Hours",
                            numbers: table("questions"))))
              \(HTML.when(a.questions.isEmpty, table("questions")))
            </section>
            <section class="card" aria-labelledby="chats-title"><h2 id="chats-title">Tweetchats</h2>
              \(a.tweetchats.map { event in "<p><strong>\(event.event.title)</strong>: \(event.cameToNext.map { Charts.Scale.share.format($0) } ?? "–") of each occurrence's participants came to the next one.</p>" as HTML })
              \(table("tweetchats"))
            </section>
            <section class="card" aria-labelledby="reinforcement-title"><h2 id="reinforcement-title">Reinforcement</h2>
              \(table("reinforcement")) \(table("commitments"))
            </section>
            \(a.quiet.map { AnalyticsViews.quiet($0, program: a.program, csv: table("quiet"), csrf: context.csrfToken) } ?? .empty)
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    // MARK: The organization

    private func organizationPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let a = try await analytics.organization(viewer: viewer, period: try period(request), now: now)
        let page = try await pages.pageContext(request, context)
        let tables = Dictionary(uniqueKeysWithValues: AnalyticsTables.organization(a).map { ($0.name, $0) })
        let query = AnalyticsViews.query(a.period)
        func table(_ name: String) -> HTML { tables[name]!.html(csvLink: "/analytics/\(name).csv\(query)") }
        let last = a.daily.last
        let lastReturn = a.weeklyReturn.last!, rates = ActivityFigures.latestRates(a.weeklyReturn)
        let html = Layout.page("Analytics · \(pages.settings.name)", page, """
            <h1>\(pages.settings.name): do people come back?</h1>
            <p class="muted small">Figures as of \(TimeViews.format(a.computedAt, in: page.timeZone)); they are computed again at most
              every \(pages.settings.analyticsCacheSeconds) seconds.</p>
            \(AnalyticsViews.recordingOff(pages.starling.activity.isRecording))
            \(AnalyticsViews.periodForm(a.period, action: "/analytics", today: a.today))
            <section class="headline" aria-label="Headline numbers">
              \(AnalyticsViews.stat("Active today (DAU)", last.map { Double($0.dau) }, previous: nil, scale: .count, note: "people who used \(pages.settings.name) on \(a.period.through.short)"))
              \(AnalyticsViews.stat("Active in 7 days (WAU)", last.map { Double($0.wau) }, previous: nil, scale: .count, note: "in the 7 days to \(a.period.through.short)"))
              \(AnalyticsViews.stat("Active in 30 days (MAU)", last.map { Double($0.mau) }, previous: nil, scale: .count, note: "in the 30 days to \(a.period.through.short)"))
              \(AnalyticsViews.stat("Stickiness (DAU/MAU)", a.stickiness, previous: a.previousStickiness, scale: .share, note: "mean of the daily ratios in the period"))
              \(AnalyticsViews.stat("Came back the next week", rates.latest, previous: rates.previous, scale: .share,
                                    note: "\(lastReturn.returned) of the \(lastReturn.active) people active in the week of \(lastReturn.week.short)"))
            </section>
            <section class="card" aria-labelledby="people-title"><h2 id="people-title">Active people</h2>
              \(Charts.line(id: "org-active-chart", title: "Daily, weekly and monthly active people", summary: "DAU, WAU and MAU on each day; guests are not counted.",
                            labels: a.daily.map(\.day.short), series: [
                                .init(name: "DAU", values: a.daily.map { Double($0.dau) }), .init(name: "WAU", values: a.daily.map { Double($0.wau) }),
                                .init(name: "MAU", values: a.daily.map { Double($0.mau) })], scale: .count, yLabel: "People", numbers: table("daily-active")))
              \(Charts.line(id: "org-return-chart", title: "Weekly return rate", summary: AnalyticsViews.summary(a.weeklyReturn),
                            labels: a.weeklyReturn.map(\.week.short), series: [.init(name: "Return rate", values: a.weeklyReturn.map(\.knownRate))],
                            scale: .share, yLabel: "Came back", numbers: table("weekly-return")))
            </section>
            <section class="card" aria-labelledby="programs-title"><h2 id="programs-title">Programs side by side</h2>
              \(AnalyticsViews.programs(a.programs))
              <details><summary>The numbers as a table</summary>\(table("programs"))</details>
            </section>
            <section class="card" aria-labelledby="tags-title"><h2 id="tags-title">Busiest hashtags</h2>\(table("hashtags"))</section>
            <section class="card" aria-labelledby="members-title"><h2 id="members-title">Members</h2>
              \(Charts.line(id: "members-chart", title: "Members", summary: "Members of the organization (not guests) at the end of each week.",
                            labels: a.members.map(\.week.short), series: [.init(name: "Members", values: a.members.map { Double($0.total) })], scale: .count, yLabel: "Members",
                            numbers: table("members")))
            </section>
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    // MARK: Oneself

    private func ownPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let own = try await analytics.own(viewer: viewer, period: try period(request))
        let page = try await pages.pageContext(request, context)
        let html = Layout.page("Your activity", page, """
            <h1>Your activity</h1>
            <p class="muted">The days you used \(pages.settings.name), and each program you are in, as the organization's analytics count them.
              Only you see this list; facilitators see numbers of their programs, and who has been quiet for two weeks.
              Records are kept for \(pages.settings.activityRetentionDays) days.</p>
            \(AnalyticsViews.periodForm(own.period, action: "/settings/activity", today: analytics.today(now)))
            <section class="card"><h2>Anywhere</h2>\(AnalyticsViews.calendarStrip(own.days, period: own.period, label: "Your active days"))</section>
            \(own.programs.map { program, days in
                "<section class=\"card\"><h2>\(program.title)</h2>\(AnalyticsViews.calendarStrip(days, period: own.period, label: "Your active days in \(program.title)"))</section>" as HTML })
            """)
        return HTMLPage(status: .ok, body: html).response()
    }
}
