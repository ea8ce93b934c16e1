import Foundation
import StarlingCore
import StarlingMigration
import StarlingPostgres
import StarlingSQLite

/// What the scenarios run against: one server on SQLite, one on PostgreSQL, or two on one PostgreSQL database.
enum BenchSetup: String, CaseIterable {
    case sqlite
    case postgres
    case twoNodes = "two-nodes"

    var title: String {
        switch self {
        case .sqlite: "SQLite"
        case .postgres: "PostgreSQL"
        case .twoNodes: "PostgreSQL, two nodes"
        }
    }

    var nodes: Int { self == .twoNodes ? 2 : 1 }
    var onPostgres: Bool { self != .sqlite }
}

/// The PostgreSQL side of a run: a server (a cluster of the benchmark's own, started with
/// `scripts/postgres.sh`, or one named with `--postgres`), the dataset migrated into it once with
/// `starling admin migrate`'s code (timed), and a fresh copy of that database for each setup.
final class BenchPostgres: @unchecked Sendable { // read-only after init
    /// PostgreSQL's defaults for durability (every commit flushed), with room for the dataset in memory.
    static let clusterSettings = "-c shared_buffers=1GB -c effective_cache_size=4GB -c max_wal_size=4GB"

    let serverURL: String
    private let clusterDirectory: String?

    init(data: String, existing: String?) throws {
        if let existing {
            serverURL = existing
            clusterDirectory = nil
        } else {
            // Absolute: the server resolves relative paths from its own data directory.
            let directory = URL(fileURLWithPath: data).appendingPathComponent("postgres-\(getpid())").standardizedFileURL.path
            serverURL = try Self.script(["start", directory], environment: ["STARLING_POSTGRES_SETTINGS": Self.clusterSettings])
            clusterDirectory = directory
        }
    }

    /// A new database on the server (its URL): empty, or a copy of the database at `template`.
    func database(copying template: String? = nil) throws -> String {
        try Self.script(["database", serverURL] + (try template.map { [try DatabaseURL($0).database] } ?? []))
    }

    /// Copies the SQLite data directory into a new database and returns it with the time taken.
    func migrate(from dataDirectory: String, progress: @escaping @Sendable (String) -> Void) async throws -> (url: String, seconds: Double) {
        let url = try database()
        let started = Date()
        let source = try SQLiteStore(dataDirectory: dataDirectory, ids: IDGenerator())
        let target = try await PostgresStore(url: try DatabaseURL(url), ids: IDGenerator())
        let counts = try await SQLiteToPostgres(source: source, sourceFiles: try LocalFileStore(dataDirectory: dataDirectory), target: target)
            .run { progress("migrated \($0.table): \($0.rows) rows") }
        let seconds = Date().timeIntervalSince(started)
        progress("migrated \(counts.reduce(0) { $0 + $1.rows }) rows")
        // Copies of the database are made from it: they need it unused, and closing ends the connections asynchronously.
        target.close()
        try await Task.sleep(for: .seconds(2))
        return (url, seconds)
    }

    func stop() {
        if let clusterDirectory { _ = try? Self.script(["stop", clusterDirectory]) }
    }

    /// Runs `scripts/postgres.sh` (from the repository root, where the benchmark is run) and returns what it printed.
    /// Spawned and reaped by hand: Foundation's `Process` missed this script's exit (it starts a server that outlives it).
    private static func script(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let output = NSTemporaryDirectory() + "starling-bench-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ["/bin/bash", "scripts/postgres.sh"] + arguments
        let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0)=\($1)" }
        let cArgv = argv.map { strdup($0) } + [nil], cEnv = env.map { strdup($0) } + [nil]
        defer { (cArgv + cEnv).forEach { free($0) } }
        var pid: pid_t = 0
        var status: Int32 = 0
        guard posix_spawn(&pid, "/bin/bash", &actions, nil, cArgv, cEnv) == 0, waitpid(pid, &status, 0) == pid, status == 0 else {
            throw BenchError("scripts/postgres.sh \(arguments.joined(separator: " ")) failed (run the benchmark from the repository root)")
        }
        return (try String(contentsOfFile: output, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
