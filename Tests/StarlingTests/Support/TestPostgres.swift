import Foundation
import Logging
import PostgresNIO
import StarlingCore
import StarlingSQLite
@testable import StarlingPostgres

/// The PostgreSQL server the tests use: the one `STARLING_TEST_POSTGRES_URL` names. The test command
/// (`scripts/test.sh`) starts a throwaway cluster with `scripts/postgres.sh` and sets it; to run the Swift
/// tests alone, start one the same way. Each test gets an empty database of its own on it.
enum TestPostgres {
    /// The server's URL (its `postgres` database).
    static func serverURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["STARLING_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw DatabaseURLError.missing
        }
        return url
    }

    /// A new, empty database on the test server.
    static func freshDatabase() async throws -> DatabaseURL {
        try await newDatabase(from: nil)
    }

    /// A new database at this build's schema, copied from a template migrated once per test run (much
    /// cheaper than migrating each one).
    static func migratedDatabase() async throws -> DatabaseURL {
        try await newDatabase(from: try await template.value)
    }

    /// A new store on a new database.
    static func freshStore(ids: IDGenerator = IDGenerator()) async throws -> PostgresStore {
        try await store(url: try await migratedDatabase(), ids: ids)
    }

    /// A store on `url` as tests open one: a small pool, and patience with a machine loaded by tests running in parallel.
    static func store(url: DatabaseURL, ids: IDGenerator, metrics: ServerMetrics = ServerMetrics()) async throws -> PostgresStore {
        try await PostgresStore(url: url, ids: ids, metrics: metrics, maximumConnections: 4, connectTimeout: .seconds(30))
    }

    /// The migrated template's name; its store is closed again, as copying needs it unused.
    private static let template = Task {
        let url = try await freshDatabase()
        let store = try await PostgresStore(url: url, ids: IDGenerator(), maximumConnections: 1)
        store.close()
        // Closing ends the connections asynchronously: wait until the server has let them go.
        while try await admin({ try await count($0, "SELECT count(*) FROM pg_stat_activity WHERE datname = '\(url.database)'") }) > 0 {
            try await Task.sleep(for: .milliseconds(20))
        }
        return url.database
    }

    private static func newDatabase(from template: String?) async throws -> DatabaseURL {
        let server = try DatabaseURL(try serverURL())
        let name = "starling_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        let sql = "CREATE DATABASE \(name)" + (template.map { " TEMPLATE \($0)" } ?? "")
        _ = try await admin { try await $0.query(PostgresQuery(unsafeSQL: sql), logger: logger) }
        return try DatabaseURL("postgres://\(server.username)@\(server.host):\(server.port)/\(name)?sslmode=disable")
    }

    private static func count(_ connection: PostgresConnection, _ sql: String) async throws -> Int {
        var total = 0
        for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(Int.self) { total = value }
        return total
    }

    /// Runs `body` with a connection to the server's `postgres` database.
    static func admin<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let server = try DatabaseURL(try serverURL())
        let connection = try await PostgresConnection.connect(
            configuration: .init(host: server.host, port: server.port, username: server.username, password: nil, database: "postgres", tls: .disable),
            id: 1, logger: logger)
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private static let logger = Logger(label: "test-postgres")
}

extension DatabaseURLError {
    static let missing = DatabaseURLError(
        "STARLING_TEST_POSTGRES_URL is not set: run scripts/test.sh, or start a server with "
            + "`export STARLING_TEST_POSTGRES_URL=$(scripts/postgres.sh start /tmp/starling-pg)` first.")
}

/// The storage engines a behaviour common to both is checked on.
enum Engine: String, CaseIterable, Sendable {
    case sqlite, postgres

    /// The engine this test run's worlds use: `STARLING_TEST_ENGINE` (`sqlite`, the default, or `postgres`).
    /// The test command runs the Swift tests once on each.
    static let current = Engine(rawValue: ProcessInfo.processInfo.environment["STARLING_TEST_ENGINE"] ?? "sqlite") ?? .sqlite

    /// A store of either engine.
    typealias Stores = any Store

    /// A new, empty store.
    func freshStore(ids: IDGenerator = IDGenerator()) async throws -> Stores {
        switch self {
        case .sqlite: try SQLiteStore(dataDirectory: NSTemporaryDirectory() + "starling-test-" + UUID().uuidString, ids: ids)
        case .postgres: try await TestPostgres.freshStore(ids: ids)
        }
    }

    /// Two stores on one new database, as two nodes (or a server and an admin command) open it.
    func twoNodes() async throws -> (Stores, Stores) {
        switch self {
        case .sqlite:
            let path = NSTemporaryDirectory() + "starling-test-" + UUID().uuidString
            return (try SQLiteStore(dataDirectory: path, ids: IDGenerator()), try SQLiteStore(dataDirectory: path, ids: IDGenerator()))
        case .postgres:
            let url = try await TestPostgres.migratedDatabase()
            return (try await PostgresStore(url: url, ids: IDGenerator()), try await PostgresStore(url: url, ids: IDGenerator()))
        }
    }
}
