import CoreMetrics
import Foundation
import Logging
import PostgresNIO

/// A PostgreSQL database through postgres-nio's connection pool, which runs (`client.run()`) for the
/// database's lifetime. Reads lend a pooled connection; writes run in one transaction each.
///
/// The change stamp is a sequence moved after every committed write, by whichever node wrote: a node
/// whose cached page was read at an older stamp reads it afresh, so a commit acknowledged through one
/// node is never hidden behind another node's cache.
final class PostgresDatabase: Sendable {
    private let client: PostgresClient
    private let running: Task<Void, Never>
    private let logger: Logger
    private let readTimer: CoreMetrics.Timer, writeTimer: CoreMetrics.Timer

    init(configuration: PostgresClient.Configuration, logger: Logger, readTimer: CoreMetrics.Timer, writeTimer: CoreMetrics.Timer) {
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.readTimer = readTimer
        self.writeTimer = writeTimer
        running = Task { await client.run() }
    }

    /// Closes every connection; the database cannot be used afterwards.
    func close() { running.cancel() }

    /// Runs `body` with a pooled connection outside any transaction.
    @discardableResult
    func read<T: Sendable>(_ body: (SQLConnection) async throws -> T) async throws -> T {
        let started = DispatchTime.now().uptimeNanoseconds
        defer { readTimer.recordNanoseconds(DispatchTime.now().uptimeNanoseconds - started) }
        return try await client.withConnection { connection in
            try await body(SQLConnection(connection: connection, logger: logger))
        }
    }

    /// Runs `body` in one transaction (all of it is committed, or none), then moves the change stamp.
    @discardableResult
    func write<T: Sendable>(_ body: (SQLConnection) async throws -> T) async throws -> T {
        let started = DispatchTime.now().uptimeNanoseconds
        defer { writeTimer.recordNanoseconds(DispatchTime.now().uptimeNanoseconds - started) }
        return try await client.withConnection { connection in
            let sql = SQLConnection(connection: connection, logger: logger)
            let result = try await sql.transaction { try await body(sql) }
            try await sql.run("SELECT nextval('change_stamp')")
            return result
        }
    }

    /// Runs `body` with a connection of its own outside the pool's transactions (migrations).
    func withConnection<T: Sendable>(_ body: (SQLConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in try await body(SQLConnection(connection: connection, logger: logger)) }
    }

    /// The change stamp: it differs from the last one read whenever a write was committed since, on any node.
    func changeStamp() async throws -> Int64 {
        try await read { try await $0.scalar("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM change_stamp") ?? 0 }
    }
}
