import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Logging
import StarlingCore
import StarlingPostgres
import StarlingSQLite
import StarlingWeb
import Hummingbird
import NIOCore

/// `starling-bench`: generates a dataset, starts the server on it, drives it over loopback HTTP and
/// prints a table. Run it in release mode: `swift run -c release starling-bench`.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "starling-bench",
        abstract: "Benchmark Starling on a generated dataset over loopback HTTP.",
        subcommands: [Run.self, ServeForBench.self, QueryTimings.self],
        defaultSubcommand: Run.self
    )
}

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Generate (or reuse) a dataset and measure.")
    static let postsPerSecond = 20
    static let whilePosting = "API home timeline while \(postsPerSecond) posts/s arrive"

    @Option(help: "Dataset directory; reused when it already holds a dataset.")
    var data = "./bench-data"
    @Option(help: "Members to generate.") var members = 10_000
    @Option(help: "Posts to generate.") var posts = 1_000_000
    @Option(help: "Seconds to measure each scenario.") var seconds = 10.0
    @Option(help: "Concurrent clients.") var concurrency = 16
    @Option(help: "Runs of each scenario; the table shows the median of each figure.") var runs = 3
    @Option(help: "WebSocket viewers of the live-event case.") var viewers = 500
    @Option(help: "Measure only the scenarios whose names contain one of these comma-separated words (for profiling one path).")
    var only: String?
    @Option(help: "What to measure, comma-separated: sqlite, postgres, two-nodes (two servers on one PostgreSQL database).")
    var setups = BenchSetup.allCases.map(\.rawValue).joined(separator: ",")
    @Option(help: "A PostgreSQL server to make the benchmark's databases on (postgres://USER@HOST:PORT/postgres); without it, the benchmark starts a cluster of its own with scripts/postgres.sh.")
    var postgres: String?

    /// What one setup measured.
    struct Measured {
        var results: [[LoadDriver.Result]] = []
        var live: [LiveEventBench.Result] = []
        var reinforcement: [ReinforcementBench.Result] = []
        var analytics: [AnalyticsBench.Result] = []
        var federation: [FederationBench.Result] = []
        var idleRSS = 0.0, peakRSS = 0.0, startupMillis = 0.0
    }

    func run() async throws {
        #if DEBUG
        say("warning: this is a debug build; run `swift run -c release starling-bench` for real figures")
        #endif
        let chosen = try setups.split(separator: ",").map { name in
            guard let setup = BenchSetup(rawValue: String(name)) else { throw ValidationError("--setups: unknown \(name); use sqlite, postgres or two-nodes") }
            return setup
        }
        var generationSeconds: Double?
        // The generated dataset is kept untouched; each run serves a fresh copy of it, so posts made
        // by earlier runs never weigh on later ones.
        let datasetPath = (data as NSString).appendingPathComponent("dataset.sqlite")
        if !FileManager.default.fileExists(atPath: datasetPath) {
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            let started = Date()
            let ids = IDGenerator()
            let store = try SQLiteStore(path: datasetPath, ids: ids)
            let generator = DatasetGenerator(members: members, posts: posts)
            try await generator.generate(into: store, ids: ids) { say("  generating: \($0) (\(Int(Date().timeIntervalSince(started))) s)") }
            generationSeconds = Date().timeIntervalSince(started)
        } else {
            say("Reusing the dataset in \(datasetPath)")
        }
        if chosen.contains(.sqlite), included("analytics") {
            try await AnalyticsBench.prepare(dataset: datasetPath, data: data, members: members) { say("  \($0)") }
        }
        try Self.copyDatabase(datasetPath, to: (data as NSString).appendingPathComponent("starling.sqlite"))

        // PostgreSQL serves the same dataset: migrated once (timed), then a fresh copy of it for each setup.
        let cluster = try chosen.contains(where: \.onPostgres) ? BenchPostgres(data: data, existing: postgres) : nil
        defer { cluster?.stop() }
        let migrated = try await cluster?.migrate(from: data) { say("  \($0)") }
        var measured: [(BenchSetup, Measured)] = []
        for setup in chosen {
            say("Measuring \(setup.title)")
            let database = try setup.onPostgres ? cluster.map { try $0.database(copying: migrated!.url) } : nil
            measured.append((setup, try await measure(setup, database: database)))
        }

        say("")
        say("Starling benchmark · \(members) members, \(posts) posts · \(concurrency) concurrent clients · \(Int(seconds)) s per scenario run")
        say("")
        say("Each figure is the median of \(runs) runs; the range across runs is in brackets.")
        Self.printScenarios(measured)
        Self.printLive(measured, viewers: viewers)
        for (_, result) in measured {
            if !result.reinforcement.isEmpty { Self.printReinforcement(result.reinforcement, learners: members - 1, readers: concurrency) }
            if !result.analytics.isEmpty { Self.printAnalytics(result.analytics) }
            if !result.federation.isEmpty { Self.printFederation(result.federation, readers: concurrency) }
        }
        say("")
        say("| measure | " + measured.map(\.0.title).joined(separator: " | ") + " |")
        say("| --- |" + String(repeating: " ---: |", count: measured.count))
        func row(_ name: String, _ value: (Measured) -> String) { say("| \(name) | " + measured.map { value($0.1) }.joined(separator: " | ") + " |") }
        row("API home timeline / static ceiling") { result in
            let api = result.results[4].map(\.throughput).sorted(), ceiling = result.results[5].map(\.throughput).sorted()
            return api.isEmpty || ceiling.isEmpty ? "" : String(format: "%.0f%%", api[api.count / 2] / ceiling[ceiling.count / 2] * 100)
        }
        row("server RSS idle (each node)") { String(format: "%.0f MiB", $0.idleRSS) }
        row("server RSS peak under load (each node)") { String(format: "%.0f MiB", $0.peakRSS) }
        row("start-up to first response") { String(format: "%.0f ms", $0.startupMillis) }
        if let generationSeconds { say(String(format: "| dataset generation | %.0f s |", generationSeconds)) }
        if let migrated { say(String(format: "| dataset migrated to PostgreSQL (`admin migrate`) | %.0f s |", migrated.seconds)) }
    }

    /// Starts the setup's servers on a fresh copy of the dataset (`database` on PostgreSQL) and runs every included scenario.
    func measure(_ setup: BenchSetup, database: String?) async throws -> Measured {
        // The federation case's other server, served by the benchmark itself.
        let federationPeer = try setup == .sqlite && included("federation") ? FederationBench.Peer(port: freePort(host: "127.0.0.1") ?? 0) : nil
        let peerTask = try await federationPeer?.start()
        defer { peerTask?.cancel() }
        // Bearer tokens for the API scenario (one per client) and the live-event case (one per viewer),
        // made in the database before the server starts.
        let (tokens, viewerTokens, cohort, federationAuthor): ([String], [String], (ID, String)?, String?) = try await {
            let ids = IDGenerator()
            let store: any Store, files: any FileStore
            if let database {
                let postgres = try await PostgresStore(url: try DatabaseURL(database), ids: ids)
                (store, files) = (postgres, PostgresFileStore(store: postgres))
            } else {
                (store, files) = (try SQLiteStore(dataDirectory: data, ids: ids), try LocalFileStore(dataDirectory: data))
            }
            defer { (store as? PostgresStore)?.close() }
            let starling = Starling(store: store, files: files, ids: ids, settings: InstanceSettings())
            func token(_ index: Int) async throws -> String {
                guard let account = try await store.account(username: DatasetGenerator.username(index % members)) else {
                    throw BenchError("the dataset has no member \(index)")
                }
                return try await starling.oauth.issueForScript(account: account, scopes: "read").token
            }
            return (try await (0..<concurrency).asyncMap { try await token($0 * 37) }, included("live") ? try await (0..<viewers).asyncMap { try await token($0 * 11) } : [],
                    setup == .sqlite && included("reinforcement") ? try await ReinforcementBench.prepare(starling, members: members) : nil,
                    try await federationPeer.asyncMap { peer in
                        try await FederationBench.prepare(starling, peer: peer, readers: (0..<concurrency).map { DatasetGenerator.username($0 * 37 % members) })
                    })
        }()
        // On PostgreSQL each node has a data directory of its own, as on separate machines.
        let servers = try (0..<setup.nodes).map { node in
            guard let database else {
                return try ServerProcess(dataDirectory: data, arguments: federationPeer == nil ? [] : ["--federation-allow-private-addresses"])
            }
            let directory = (data as NSString).appendingPathComponent("node-\(node)")
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            return try ServerProcess(dataDirectory: directory, arguments: ["--database", database])
        }
        defer { servers.forEach { $0.stop() } }
        let driver = LoadDriver(port: servers[0].port)
        let nodes = servers.map { driver.at(port: $0.port) }
        var measured = Measured()
        for node in nodes {
            let ready = try await node.waitUntilReady()
            measured.startupMillis = max(measured.startupMillis, ready.timeIntervalSince(servers[0].launchedAt) * 1000)
        }
        try await Task.sleep(for: .seconds(1))
        measured.idleRSS = servers.map(\.residentMiB).max() ?? 0

        var sessions: [LoadDriver.Session] = []
        for index in 0..<concurrency {
            sessions.append(try await driver.signIn(DatasetGenerator.username(index * 37 % members), password: DatasetGenerator.password))
        }
        let words = DatasetGenerator.vocabulary
        let idleRSS = measured.idleRSS
        let sampler = Task {
            var peak = idleRSS
            while !Task.isCancelled {
                peak = max(peak, servers.map(\.residentMiB).max() ?? 0)
                try? await Task.sleep(for: .milliseconds(100))
            }
            return peak
        }
        let frozen = sessions
        // Client w talks to node w mod the number of nodes, as a load balancer spreads them; sessions and tokens work on every node.
        let scenarios: [(String, HTTPResponseStatus, @Sendable (Int, Int) -> HTTPClientRequest)] = [
            ("home page (20 posts)", .ok, { w, _ in nodes[w % nodes.count].get("/", session: frozen[w]) }),
            ("hashtag page", .ok, { w, i in nodes[w % nodes.count].get("/tags/\(DatasetGenerator.tagName((w * 7 + i) % 50))", session: frozen[w]) }),
            ("create post", .seeOther, { w, i in
                nodes[w % nodes.count].postForm("/posts", "text=bench+post+\(w)-\(i)+about+\(words[(w + i) % words.count])+%23\(DatasetGenerator.tagName(i % 100))&visibility=organization",
                                                session: frozen[w])
            }),
            ("search", .ok, { w, i in nodes[w % nodes.count].get("/search?q=\(words[(w * 13 + i * 7) % words.count])", session: frozen[w]) }),
            ("API home timeline (limit 20)", .ok, { w, _ in nodes[w % nodes.count].bearer("/api/v1/timelines/home?limit=20", token: tokens[w]) }),
            ("static response, same size (ceiling)", .ok, { w, _ in nodes[w % nodes.count].bearer("/bench/static", token: tokens[w]) }),
            (Self.whilePosting, .ok, { w, _ in nodes[w % nodes.count].bearer("/api/v1/timelines/home?limit=20", token: tokens[w]) }),
        ]
        // The ceiling serves a fixed body as large as a typical API home page.
        for node in nodes { try await node.setStaticSize(from: "/api/v1/timelines/home?limit=20", token: tokens[0]) }
        measured.results = Array(repeating: [], count: scenarios.count)
        for _ in 0..<runs {
            for (index, (name, status, request)) in scenarios.enumerated() where included(name) {
                // Every commit makes kept timeline pages stale: this scenario shows the API with members posting.
                let writer = name == Self.whilePosting ? Task {
                    let started = Date()
                    var count = 0
                    while !Task.isCancelled {
                        count += 1
                        let form = "text=live+post+\(count)+%23\(DatasetGenerator.tagName(count % 100))&visibility=organization"
                        _ = try? await driver.client.execute(driver.postForm("/posts", form, session: frozen[count % frozen.count]), timeout: .seconds(10))
                        let due = started.addingTimeInterval(Double(count) / Double(Self.postsPerSecond))
                        try? await Task.sleep(for: .seconds(max(0, due.timeIntervalSinceNow)))
                    }
                } : nil
                measured.results[index].append(try await driver.run(name, seconds: seconds, concurrency: concurrency, expect: status, request: request))
                writer?.cancel()
            }
        }
        if included("live") {
            for _ in 0..<runs {
                measured.live.append(try await LiveEventBench(driver: driver, servers: servers, viewerTokens: viewerTokens, posters: frozen,
                                                              postsPerSecond: Self.postsPerSecond, seconds: seconds).run())
            }
        }
        if let (programID, facilitatorToken) = cohort {
            for number in 0..<runs {
                measured.reinforcement.append(try await ReinforcementBench(driver: driver, dataDirectory: data, programID: programID,
                                                                           facilitatorToken: facilitatorToken, learners: members - 1, sessions: frozen)
                    .run(run: number))
            }
        }
        if setup == .sqlite, included("analytics") {
            for _ in 0..<runs { measured.analytics.append(try await AnalyticsBench(data: data, members: members, seconds: seconds).run()) }
        }
        if let federationPeer, let federationAuthor {
            for _ in 0..<runs {
                measured.federation.append(try await FederationBench(driver: driver, peer: federationPeer, authorToken: federationAuthor,
                                                                     readerTokens: tokens, seconds: seconds).run())
            }
        }
        sampler.cancel()
        measured.peakRSS = max(await sampler.value, measured.live.map(\.serverPeakRSS).max() ?? 0)
        try await driver.client.shutdown()
        return measured
    }
}

extension Run {
    /// Whether `--only` selects the scenario (all are selected without it).
    func included(_ name: String) -> Bool { only.map { $0.split(separator: ",").contains { name.contains($0) } } ?? true }

    /// The median of a figure over runs, with its range in brackets when there were several.
    static func median<R>(_ runs: [R], _ value: (R) -> Double, _ format: String) -> String {
        let values = runs.map(value).sorted()
        return String(format: format, values[values.count / 2])
            + (values.count > 1 ? String(format: " [" + format + "–" + format + "]", values.first!, values.last!) : "")
    }

    /// The main table: every scenario's figures for each setup side by side, and each PostgreSQL setup's throughput against SQLite's.
    static func printScenarios(_ measured: [(BenchSetup, Measured)]) {
        let sqlite = measured.first { $0.0 == .sqlite }?.1
        let compared = sqlite == nil ? [] : measured.filter { $0.0 != .sqlite }
        say("")
        say("| scenario |" + measured.map { " \($0.0.title): p50 ms | p99 ms | requests/s |" }.joined()
            + compared.map { " \($0.0.title) / SQLite |" }.joined() + " errors |")
        say("| --- |" + String(repeating: " ---: |", count: measured.count * 3 + compared.count + 1))
        for index in measured[0].1.results.indices where !measured[0].1.results[index].isEmpty {
            var line = "| \(measured[0].1.results[index][0].name) |"
            for (_, result) in measured {
                let runs = result.results[index]
                line += " \(median(runs, { $0.percentile(0.5) }, "%.1f")) | \(median(runs, { $0.percentile(0.99) }, "%.1f")) | \(median(runs, \.throughput, "%.0f")) |"
            }
            for (_, result) in compared {
                func middle(_ runs: [LoadDriver.Result]) -> Double { runs.map(\.throughput).sorted()[runs.count / 2] }
                line += String(format: " %.0f%% |", middle(result.results[index]) / middle(sqlite!.results[index]) * 100)
            }
            say(line + " \(measured.map { $0.1.results[index].map(\.errors).reduce(0, +) }.reduce(0, +)) |")
        }
    }

    static func printLive(_ measured: [(BenchSetup, Measured)], viewers: Int) {
        guard measured.contains(where: { !$0.1.live.isEmpty }) else { return }
        say("")
        say("Live event: \(viewers) WebSocket viewers on #\(LiveEventBench.hashtag) while \(postsPerSecond) posts/s arrive "
            + "(latency from the post's acceptance to its receipt by a viewer; with two nodes, the viewers alternate between them "
            + "and the posts go through the first)")
        say("")
        say("| setup | delivery p50 ms | delivery p99 ms | delivered | server CPU % | viewers' CPU % | server RSS peak MiB | connect all s |")
        say("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for (setup, result) in measured where !result.live.isEmpty {
            let runs = result.live
            func median(_ value: (LiveEventBench.Result) -> Double, _ format: String) -> String { Self.median(runs, value, format) }
            say("| \(setup.title) | \(median({ $0.percentile(0.5) }, "%.1f")) | \(median({ $0.percentile(0.99) }, "%.1f")) | "
                + "\(runs.map(\.delivered).reduce(0, +)) of \(runs.map(\.expected).reduce(0, +)) | \(median(\.serverCPU, "%.0f")) | "
                + "\(median(\.viewersCPU, "%.0f")) | \(median(\.serverPeakRSS, "%.0f")) | \(median(\.connectSeconds, "%.1f")) |")
        }
        say("")
        say("CPU is in percent of one core (the machine has \(ProcessInfo.processInfo.activeProcessorCount)), all nodes together; "
            + "the viewers run in the benchmark's own process. On PostgreSQL the database's own CPU is not counted.")
    }

    static func printAnalytics(_ runs: [AnalyticsBench.Result]) {
        say("")
        say("Analytics · \(AnalyticsBench.programs) programs, \(AnalyticsBench.days) days of activity · \(AnalyticsBench.clients) concurrent clients "
            + "(the home page: 16, each on a server of its own, recording activity or not)")
        say("")
        say("| scenario | p50 ms | p99 ms | requests/s |")
        say("| --- | ---: | ---: | ---: |")
        for (name, pick) in [("program Analytics tab (facilitators)", \AnalyticsBench.Result.programTab),
                             ("organization dashboard, first request (figures computed)", \.dashboardFirst), ("organization dashboard (admin)", \.dashboard),
                             ("home page, activity recorded", \.homeRecorded), ("home page, activity not recorded", \.homeNotRecorded)] {
            say("| \(name) | \(median(runs, { $0[keyPath: pick].percentile(0.5) }, "%.1f")) | \(median(runs, { $0[keyPath: pick].percentile(0.99) }, "%.1f")) | "
                + "\(median(runs, { $0[keyPath: pick].throughput }, "%.0f")) |")
        }
        let ratios = runs.map { $0.homeRecorded.throughput / $0.homeNotRecorded.throughput }.sorted()
        say(String(format: "| home page throughput, recorded / not recorded (median of runs) | | | %.1f%% |", ratios[ratios.count / 2] * 100))
    }

    static func printReinforcement(_ runs: [ReinforcementBench.Result], learners: Int, readers: Int) {
        func median(_ value: (ReinforcementBench.Result) -> Double, _ format: String) -> String { Self.median(runs, value, format) }
        say("")
        say("Reinforcement: \(learners) learners in one program; a nugget with a recall check is released and every learner's review "
            + "is delivered (a direct status with a poll, and its notification) while \(readers) "
            + "signed-in learners read their review queue page (median of \(runs.count) runs)")
        say("")
        say("| all delivered s | delivered | queue page p50 ms | queue page p99 ms | queue page requests/s | at rest: p50 ms | p99 ms | requests/s | errors |")
        say("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        say("| \(median(\.deliverySeconds, "%.1f")) | \(runs.map(\.delivered).min() ?? 0) of \(learners) | \(median({ $0.queue.percentile(0.5) }, "%.1f")) | "
            + "\(median({ $0.queue.percentile(0.99) }, "%.1f")) | \(median({ $0.queue.throughput }, "%.0f")) | "
            + "\(median({ $0.queueAtRest.percentile(0.5) }, "%.1f")) | \(median({ $0.queueAtRest.percentile(0.99) }, "%.1f")) | "
            + "\(median({ $0.queueAtRest.throughput }, "%.0f")) | \(runs.map { $0.queue.errors + $0.queueAtRest.errors }.reduce(0, +)) |")
    }

    static func printFederation(_ runs: [FederationBench.Result], readers: Int) {
        say("")
        say("Federation: member 0 followed by \(FederationBench.followers) people on a loopback peer, over \(FederationBench.inboxes) shared inboxes; "
            + "then the peer sends \(FederationBench.inboundPerSecond) signed Creates/s to the shared inbox while \(readers) clients read the API home "
            + "timeline (median of \(runs.count) runs, range in brackets)")
        say("")
        say("| measure | figure |")
        say("| --- | ---: |")
        say("| fan-out: a public post in all \(FederationBench.inboxes) inboxes, s | \(median(runs, \.fanOutSeconds, "%.2f")) |")
        say("| inboxes reached | \(runs.map(\.inboxesReached).min() ?? 0) of \(FederationBench.inboxes) |")
        say("| inbound: accepted (202) of sent, after the warm-up second | \(runs.map { $0.inbound.latenciesMillis.count - $0.inbound.errors }.reduce(0, +)) "
            + "of \(runs.map(\.inbound.latenciesMillis.count).reduce(0, +)) |")
        say("| inbound: p50 ms | \(median(runs, { $0.inbound.percentile(0.5) }, "%.1f")) |")
        say("| inbound: p99 ms | \(median(runs, { $0.inbound.percentile(0.99) }, "%.1f")) |")
        say("| API home timeline at rest: requests/s (p99 ms) | \(median(runs, \.homeAtRest.throughput, "%.0f")) "
            + "(\(median(runs, { $0.homeAtRest.percentile(0.99) }, "%.1f"))) |")
        say("| API home timeline with inbound: requests/s (p99 ms) | \(median(runs, \.homeWithInbound.throughput, "%.0f")) "
            + "(\(median(runs, { $0.homeWithInbound.percentile(0.99) }, "%.1f"))) |")
        say("| home timeline with inbound / at rest | \(median(runs, { $0.homeWithInbound.throughput / $0.homeAtRest.throughput * 100 }, "%.0f%%")) |")
    }

    /// Replaces the database at `target` with a copy of the one at `source` (with its write-ahead log, if any).
    static func copyDatabase(_ source: String, to target: String) throws {
        let files = FileManager.default
        for suffix in ["", "-wal", "-shm"] where files.fileExists(atPath: target + suffix) {
            try files.removeItem(atPath: target + suffix)
        }
        for suffix in ["", "-wal"] where files.fileExists(atPath: source + suffix) {
            try files.copyItem(atPath: source + suffix, toPath: target + suffix)
        }
    }
}

/// The bytes `/bench/static` serves; `run` sets their number to a typical API home page's size.
final class StaticBody: @unchecked Sendable {
    static let shared = StaticBody()
    private var buffer = ByteBuffer()
    private let lock = NSLock()
    var body: ByteBuffer { lock.lock(); defer { lock.unlock() }; return buffer }
    func resize(_ size: Int) { lock.lock(); buffer = ByteBuffer(repeating: UInt8(ascii: "x"), count: size); lock.unlock() }
}

/// The server as the benchmark runs it: the same assembly as `starling serve`, reporting its port.
struct ServeForBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve a dataset (used by `run`).", shouldDisplay: false)

    @Option var data: String
    @Option var port = 0
    @Option(help: "Record who is active (the analytics case compares both).") var recordActivity = true
    @Option(help: "Serve this PostgreSQL database instead of the data directory's SQLite file, as `starling serve --database` does.")
    var database: String?
    @Flag(help: "Let federation reach loopback addresses (the federation case's peer), as `starling serve` does with the same flag.")
    var federationAllowPrivateAddresses = false

    func run() async throws {
        runConcurrencyOnEventLoops()
        let ids = IDGenerator()
        // Public posts (what may leave) exist only with public access: on for the federation case.
        let settings = InstanceSettings(name: "Bench", publicAccess: federationAllowPrivateAddresses, apiRateLimit: 100_000_000,
                                        recordsActivity: recordActivity)
        let starling: Starling
        if let database {
            let url = try DatabaseURL(database)
            let store = try await PostgresStore(url: url, ids: ids)
            starling = Starling(store: store, files: PostgresFileStore(store: store), ids: ids, settings: settings, events: try PostgresEventBus(url: url))
        } else {
            starling = Starling(store: try SQLiteStore(dataDirectory: data, ids: ids), files: try LocalFileStore(dataDirectory: data), ids: ids, settings: settings)
        }
        var logger = Logger(label: "bench-server")
        logger.logLevel = .warning
        let options = ServerOptions(port: port, federationAllowsPrivateAddresses: federationAllowPrivateAddresses)
        let app = buildApplication(starling: starling, options: options, logger: logger, configure: { router in
            router.get("/bench/static") { _, _ in
                Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: StaticBody.shared.body))
            }
            router.put("/bench/static/:size") { _, context in
                StaticBody.shared.resize(Int(context.parameters.get("size") ?? "0") ?? 0)
                return Response(status: .noContent)
            }
        }, onServerRunning: { port in
            FileHandle.standardOutput.write(Data("READY \(port)\n".utf8))
        })
        try await app.runService()
    }
}

/// Prints a line at once, also when output goes to a file or pipe.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
