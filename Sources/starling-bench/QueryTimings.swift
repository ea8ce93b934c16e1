import ArgumentParser
import Foundation
import StarlingCore
import StarlingSQLite

/// `starling-bench timings`: how long the store calls behind one API home timeline request (or, with
/// `--analytics`, the organization dashboard) take, in this process, without HTTP (for finding where a
/// request's time goes; run `run` first to make the dataset).
struct QueryTimings: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "timings", abstract: "Time the store calls behind an API home timeline.")
    @Option(help: "Dataset directory made by `run`.") var data = "./bench-data"
    @Flag(help: "Time the parts of the organization dashboard instead (run `run --only analytics` first).") var analytics = false

    func run() async throws {
        if analytics { return try analyticsTimings() }
        let ids = IDGenerator()
        let store = try SQLiteStore(dataDirectory: data, ids: ids)
        let starling = Starling(store: store, files: try LocalFileStore(dataDirectory: data), ids: ids, settings: InstanceSettings())
        let account = try store.account(username: DatasetGenerator.username(37))!
        let token = try starling.oauth.issueForScript(account: account, scopes: "read").token
        /// Mean microseconds of 2,000 calls, after 200 to warm up.
        func time(_ label: String, _ body: () throws -> Void) rethrows {
            for _ in 0..<200 { try body() }
            let start = Date()
            for _ in 0..<2000 { try body() }
            say(String(format: "%-30@ %7.1f us", label, Date().timeIntervalSince(start) / 2000 * 1e6))
        }
        try time("grant") { _ = try starling.oauth.grant(bearer: token) }
        try time("home first page") { _ = try starling.reads.timeline(.home, viewer: account, page: PageRequest(limit: 20)) }
        let positions = try store.timelinePositions(.home, viewer: account.id, page: PageRequest(limit: 20))
        try time("positions scan (20)") { _ = try store.timelinePositions(.home, viewer: account.id, page: PageRequest(limit: 20)) }
        try time("positions since now") { _ = try store.timelinePositions(.home, viewer: account.id, page: PageRequest(sinceID: ID(floorOf: Date()), limit: 60)) }
        try time("entries(positions)") { _ = try store.timeline(.home, viewer: account.id, positions: positions) }
        try time("filters") { _ = try starling.filters.active(for: account, in: .home) }
        try time("empty read") { _ = try store.accountCount() }
    }

    /// Mean milliseconds of 10 calls of each part of the organization dashboard, after 2 to warm up.
    private func analyticsTimings() throws {
        let ids = IDGenerator()
        let store = try SQLiteStore(dataDirectory: data, ids: ids)
        let starling = Starling(store: store, files: try LocalFileStore(dataDirectory: data), ids: ids, settings: InstanceSettings(analyticsCacheSeconds: 0))
        let admin = try store.account(username: DatasetGenerator.username(0))!
        let today = starling.analytics.today(Date())
        let period = try AnalyticsPeriod.parse(from: nil, to: nil, today: today)
        func time(_ label: String, _ body: () throws -> Void) rethrows {
            for _ in 0..<2 { try body() }
            let start = Date()
            for _ in 0..<10 { try body() }
            say(String(format: "%-36@ %8.1f ms", label, Date().timeIntervalSince(start) / 10 * 1000))
        }
        let earliest = period.previous.from.advanced(by: -29)
        let history = try store.activityHistory(programID: nil, from: earliest, through: today)
        try time("activity of \(history.days.count) people") { _ = try store.activityHistory(programID: nil, from: earliest, through: today) }
        time("daily active (2 periods)") {
            _ = ActivityFigures.dailyActive(history, from: period.from, through: today)
            _ = ActivityFigures.dailyActive(history, from: period.previous.from, through: period.previous.through)
        }
        time("weekly return") { _ = ActivityFigures.weeklyReturn(history.weeks, currentWeek: today.week) }
        try time("weekly program activity") { _ = try store.weeklyProgramActivity(from: today.week.advanced(by: -63)) }
        let programs = try store.programs(viewer: admin.id, includingPrivate: true)
        try time("learners of \(programs.count) programs") { _ = try store.learnerCounts() }
        try time("busiest hashtags") { _ = try store.busiestHashtags(since: Date() - 7 * 86_400, until: Date(), limit: 10) }
        try time("member join dates") { _ = try store.memberJoinDates() }
        try time("organization dashboard, all of it") { _ = try starling.analytics.organization(viewer: admin, period: period, now: Date()) }
        if let program = programs.first(where: { $0.hashtag.hasPrefix(AnalyticsBench.hashtagPrefix) }) {
            try time("a program's Analytics tab") { _ = try starling.analytics.program(program.id, viewer: admin, period: period, now: Date()) }
        }
    }
}
