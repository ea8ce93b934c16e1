import ArgumentParser
import Foundation
import StarlingCore
import StarlingPostgres
import StarlingSQLite

/// `starling-bench timings`: how long the store and service calls behind the benchmark's scenarios take, in
/// this process, without HTTP: the API home timeline's parts, the home page's other reads, a hashtag page,
/// search, the live event's read of a post for 500 viewers and (with `--writes`) creating a post. On the
/// SQLite copy `run` serves, or with `--postgres` on a PostgreSQL copy of the dataset (`run` makes them),
/// so the two engines' calls can be set side by side. With `--analytics`, the organization dashboard instead.
struct QueryTimings: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "timings", abstract: "Time the store calls behind the benchmark's scenarios.")
    @Option(help: "Dataset directory made by `run`.") var data = "./bench-data"
    @Option(help: "Time a PostgreSQL database holding the dataset (postgres://USER@HOST:PORT/DB) instead of the SQLite copy.")
    var postgres: String?
    @Flag(help: "Also time creating posts (they are added to the database timed).") var writes = false
    @Option(help: "Time only the calls whose label contains this text (case-insensitive).") var only: String?
    @Flag(help: "Time the parts of the organization dashboard instead (run `run --only analytics` first).") var analytics = false

    func run() async throws {
        if analytics { return try await analyticsTimings() }
        let ids = IDGenerator()
        let store: any Store = if let postgres {
            try await PostgresStore(url: try DatabaseURL(postgres), ids: ids)
        } else {
            try SQLiteStore(dataDirectory: data, ids: ids)
        }
        defer { (store as? PostgresStore)?.close() }
        let starling = Starling(store: store, files: try LocalFileStore(dataDirectory: data), ids: ids, settings: InstanceSettings())
        let account = try await store.account(username: DatasetGenerator.username(37))!
        let token = try await starling.oauth.issueForScript(account: account, scopes: "read").token
        say("Mean of each call on \(postgres == nil ? "SQLite" : "PostgreSQL"), one at a time, after a warm-up:")
        /// Mean microseconds of `calls` calls, after a tenth as many to warm up.
        func time(_ label: String, calls: Int = 2000, _ body: () async throws -> Void) async rethrows {
            if let only, label.range(of: only, options: .caseInsensitive) == nil { return }
            for _ in 0..<max(calls / 10, 1) { try await body() }
            let start = Date()
            for _ in 0..<calls { try await body() }
            say(label.padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: " %9.1f us", Date().timeIntervalSince(start) / Double(calls) * 1e6))
        }
        try await time("empty read (count accounts)") { _ = try await store.accountCount() }
        try await time("change stamp") { _ = try await store.changeStamp() }
        try await time("grant (bearer token)") { _ = try await starling.oauth.grant(bearer: token) }
        try await time("home first page (remembered)") { _ = try await starling.reads.timeline(.home, viewer: account, page: PageRequest(limit: 20)) }
        let positions = try await store.timelinePositions(.home, viewer: account.id, page: PageRequest(limit: 20))
        try await time("home positions scan (20)", calls: 200) { _ = try await store.timelinePositions(.home, viewer: account.id, page: PageRequest(limit: 20)) }
        try await time("home positions since now") { _ = try await store.timelinePositions(.home, viewer: account.id, page: PageRequest(sinceID: ID(floorOf: Date()), limit: 60)) }
        try await time("home entries(positions)") { _ = try await store.timeline(.home, viewer: account.id, positions: positions) }
        try await time("filters") { _ = try await starling.filters.active(for: account, in: .home) }
        try await time("unread notifications") { _ = try await starling.reads.unreadNotificationCount(of: account) }
        try await time("due reviews") { _ = try await starling.reviews.dueCount(of: account) }
        try await time("getting-started checklist") { _ = try await starling.gettingStarted.checklist(for: account) }
        try await time("busiest hashtags (20)") { _ = try await store.busiestTags(limit: 20) }
        try await time("followed hashtags") { _ = try await starling.relations.followedTags(of: account) }
        try await time("hashtag page (20)", calls: 200) { _ = try await starling.reads.timeline(.hashtag(DatasetGenerator.tagName(7)), viewer: account) }
        let word = DatasetGenerator.vocabulary[13]
        try await time("search candidates (\(word))", calls: 100) { _ = try await store.searchCandidates(PostSearch(text: word), viewer: account.id, limit: 100) }
        try await time("search, ranked and read", calls: 100) { _ = try await starling.reads.search(PostSearch(text: word), viewer: account) }
        let tag = Timeline.hashtag(DatasetGenerator.tagName(0))
        let newest = try await store.timelinePositions(tag, viewer: account.id, page: PageRequest(limit: 1))
        var viewers: [ID] = []
        for index in 0..<500 { viewers.append(try await store.account(username: DatasetGenerator.username(index * 11 % 10_000))!.id) }
        try await time("a post for 500 viewers (hashtag)", calls: 100) { _ = try await store.timeline(tag, position: newest[0], viewers: viewers) }
        guard writes else { return }
        var count = 0
        try await time("create post", calls: 500) {
            count += 1
            _ = try await starling.posts.compose(.init(text: "timed post \(count) about \(word) #\(DatasetGenerator.tagName(count % 100))"), by: account)
        }
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
