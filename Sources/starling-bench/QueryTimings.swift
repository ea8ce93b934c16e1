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
        if analytics { return try await analyticsTimings() }
        let ids = IDGenerator()
        let store = try SQLiteStore(dataDirectory: data, ids: ids)
        let starling = Starling(store: store, files: try LocalFileStore(dataDirectory: data), ids: ids, settings: InstanceSettings())
        let account = try await store.account(username: DatasetGenerator.username(37))!
        let token = try await starling.oauth.issueForScript(account: account, scopes: "read").token
        /// Mean microseconds of 2,000 calls, after 200 to warm up.
        func time(_ label: String, _ body: () async throws -> Void) async rethrows {
            for _ in 0..<200 { try await body() }
            let start = Date()
            for _ in 0..<2000 { try await body() }
            say(String(format: "%-30@ %7.1f us", label, Date().timeIntervalSince(start) / 2000 * 1e6))
        }
        try await time("grant") { _ = try await starling.oauth.grant(bearer: token) }
        try await time("home first page") { _ = try await starling.reads.timeline(.home, viewer: account, page: PageRequest(limit: 20)) }
        let positions = try await store.timelinePositions(.home, viewer: account.id, page: PageRequest(limit: 20))
        try await time("positions scan (20)") { _ = try await store.timelinePositions(.home, viewer: account.id, page: PageRequest(limit: 20)) }
        try await time("positions since now") { _ = try await store.timelinePositions(.home, viewer: account.id, page: PageRequest(sinceID: ID(floorOf: Date()), limit: 60)) }
        try await time("entries(positions)") { _ = try await store.timeline(.home, viewer: account.id, positions: positions) }
        try await time("filters") { _ = try await starling.filters.active(for: account, in: .home) }
        try await time("empty read") { _ = try await store.accountCount() }
    }

    /// Mean milliseconds of 10 calls of each part of the organization dashboard, after 2 to warm up.
    private func analyticsTimings() async throws {
        let ids = IDGenerator()
        let store = try SQLiteStore(dataDirectory: data, ids: ids)
        let starling = Starling(store: store, files: try LocalFileStore(dataDirectory: data), ids: ids, settings: InstanceSettings(analyticsCacheSeconds: 0))
        let admin = try await store.account(username: DatasetGenerator.username(0))!
        let today = starling.analytics.today(Date())
        let period = try AnalyticsPeriod.parse(from: nil, to: nil, today: today)
        func time(_ label: String, _ body: () async throws -> Void) async rethrows {
            for _ in 0..<2 { try await body() }
            let start = Date()
            for _ in 0..<10 { try await body() }
            say(String(format: "%-36@ %8.1f ms", label, Date().timeIntervalSince(start) / 10 * 1000))
        }
        let earliest = period.previous.from.advanced(by: -29)
        let history = try await store.activityHistory(programID: nil, from: earliest, through: today)
        try await time("activity of \(history.days.count) people") { _ = try await store.activityHistory(programID: nil, from: earliest, through: today) }
        await time("daily active (2 periods)") {
            _ = ActivityFigures.dailyActive(history, from: period.from, through: today)
            _ = ActivityFigures.dailyActive(history, from: period.previous.from, through: period.previous.through)
        }
        await time("weekly return") { _ = ActivityFigures.weeklyReturn(history.weeks, currentWeek: today.week) }
        try await time("weekly program activity") { _ = try await store.weeklyProgramActivity(from: today.week.advanced(by: -63)) }
        let programs = try await store.programs(viewer: admin.id, includingPrivate: true)
        try await time("learners of \(programs.count) programs") { _ = try await store.learnerCounts() }
        try await time("busiest hashtags") { _ = try await store.busiestHashtags(since: Date() - 7 * 86_400, until: Date(), limit: 10) }
        try await time("member join dates") { _ = try await store.memberJoinDates() }
        try await time("organization dashboard, all of it") { _ = try await starling.analytics.organization(viewer: admin, period: period, now: Date()) }
        if let program = programs.first(where: { $0.hashtag.hasPrefix(AnalyticsBench.hashtagPrefix) }) {
            try await time("a program's Analytics tab") { _ = try await starling.analytics.program(program.id, viewer: admin, period: period, now: Date()) }
        }
    }
}
