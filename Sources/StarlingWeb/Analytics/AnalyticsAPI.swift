import Foundation
import Hummingbird
import StarlingCore

/// `/api/starling/v1`: the figures of the Analytics pages as JSON, each table as an array of rows keyed
/// like its CSV columns, for the period given by `from` and `to`.
struct AnalyticsAPI {
    let starling: Starling
    var analytics: AnalyticsService { starling.analytics }

    func register(on api: some RouterMethods<WebContext>) {
        let v1 = api.group("starling/v1")
        v1.get("/programs/:id/analytics") { request, context in
            let viewer = try context.requireUser("read")
            let now = starling.clock.now()
            let program = try await starling.programs.program(try WebPages.idParameter(context), viewer: viewer)
            let a = try await analytics.program(program.id, viewer: viewer, period: try AnalyticsPeriod.of(request, for: program, analytics: analytics, now: now),
                                          now: now)
            let h = a.headline
            return APIResponse.json { json in
                json.object { json in
                    json.field("program_id", a.program.id.description)
                    header(a.period, today: a.today, into: &json)
                    json.field("learners", a.learners)
                    json.field("cohorts_hidden", a.cohortsHidden)
                    json.field("headline") { json in
                        json.object { json in
                            optional("weekly_return", h.returnRate, into: &json)
                            optional("weekly_return_previous", h.previousReturnRate, into: &json)
                            json.field("active_learners_last_week", h.activeLearners)
                            json.key("active_learners_previous_week")
                            if let previous = h.previousActiveLearners { json.int(previous) } else { json.null() }
                            json.field("stickiness", rounded(h.stickiness))
                            optional("stickiness_previous", h.previousStickiness, into: &json)
                        }
                    }
                    tables(AnalyticsTables.program(a, dayOf: analytics.today), into: &json)
                }
            }
        }
        v1.get("/analytics") { request, context in
            let viewer = try context.requireUser("read")
            let now = starling.clock.now()
            let a = try await analytics.organization(viewer: viewer, period: try AnalyticsPeriod.of(request, today: analytics.today(now)), now: now)
            return APIResponse.json { json in
                json.object { json in
                    header(a.period, today: a.today, into: &json)
                    json.field("headline") { json in
                        json.object { json in
                            json.field("dau", a.daily.last?.dau ?? 0)
                            json.field("wau", a.daily.last?.wau ?? 0)
                            json.field("mau", a.daily.last?.mau ?? 0)
                            json.field("stickiness", rounded(a.stickiness))
                            optional("stickiness_previous", a.previousStickiness, into: &json)
                            returnRates(a.weeklyReturn, into: &json)
                        }
                    }
                    tables(AnalyticsTables.organization(a), into: &json)
                }
            }
        }
        v1.get("/accounts/me/activity") { request, context in
            let viewer = try context.requireUser("read")
            let own = try await analytics.own(viewer: viewer, period: try AnalyticsPeriod.of(request, today: analytics.today(starling.clock.now())))
            return APIResponse.json { json in
                json.object { json in
                    json.field("period") { period(own.period, into: &$0) }
                    json.field("days", own.days.map(\.description))
                    json.field("programs") { json in
                        json.array(own.programs) { json, entry in
                            json.object { json in
                                json.field("id", entry.program.id.description)
                                json.field("title", entry.program.title)
                                json.field("days", entry.days.map(\.description))
                            }
                        }
                    }
                }
            }
        }
    }

    private func period(_ period: AnalyticsPeriod, into json: inout JSONWriter) {
        json.object { json in
            json.field("from", period.from.description)
            json.field("to", period.through.description)
        }
    }

    private func header(_ period: AnalyticsPeriod, today: Day, into json: inout JSONWriter) {
        json.field("period") { self.period(period, into: &$0) }
        json.field("today", today.description)
    }

    private func returnRates(_ points: [ActivityFigures.WeeklyReturn], into json: inout JSONWriter) {
        let rates = ActivityFigures.latestRates(points)
        optional("weekly_return", rates.latest, into: &json)
        optional("weekly_return_previous", rates.previous, into: &json)
    }

    private func optional(_ key: StaticString, _ value: Double?, into json: inout JSONWriter) {
        json.key(key)
        if let value { json.double(rounded(value)) } else { json.null() }
    }

    private func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    /// Each table under its name in snake case (`weekly_return`).
    private func tables(_ tables: [FigureTable], into json: inout JSONWriter) {
        json.field("tables") { json in
            json.object { json in
                for table in tables {
                    json.dynamicKey(table.name.replacingOccurrences(of: "-", with: "_"))
                    table.json(into: &json)
                }
            }
        }
    }
}
