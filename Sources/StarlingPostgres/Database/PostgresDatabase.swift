import CoreMetrics
import Foundation
import Logging
import PostgresNIO
import StarlingCore
import StarlingSQL

/// A PostgreSQL database through postgres-nio's connection pool, which runs (`client.run()`) for the
/// database's lifetime. Reads lend a pooled connection; writes run in one transaction each.
///
/// The change stamp is two sequences, one moved after every committed write that settles, by whichever node
/// wrote, the other after those that only keep posts from outside (`ChangeStamp`): a node whose cached page was
/// read at an older stamp reads it afresh, so a commit acknowledged through one node is never hidden behind
/// another node's cache.
final class PostgresDatabase: Sendable {
    private let client: PostgresClient
    private let running: Task<Void, Never>
    private let logger: Logger
    private let readTimer: CoreMetrics.Timer, writeTimer: CoreMetrics.Timer
    private let leaseTimeout: Duration

    /// `leaseTimeout`: how long a call waits for a connection before it fails as `StoreError.unavailable`
    /// (the pool waits for ever while the server is away, trying again and again to connect).
    init(configuration: PostgresClient.Configuration, leaseTimeout: Duration, logger: Logger, readTimer: CoreMetrics.Timer,
         writeTimer: CoreMetrics.Timer) {
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.leaseTimeout = leaseTimeout
        self.logger = logger
        self.readTimer = readTimer
        self.writeTimer = writeTimer
        running = Task { await client.run() }
    }

    /// Closes every connection; the database cannot be used afterwards.
    func close() { running.cancel() }

    /// Runs `body` with a pooled connection outside any transaction; its statements are prepared on the
    /// connection (`PreparedText`) unless `planEachCall`: for statements whose best plan depends on the values
    /// (a search for a rare word or a common one), which a kept plan for other values could make a thousand times slower.
    @discardableResult
    func read<T: Sendable>(planEachCall: Bool = false, _ body: (SQLConnection) async throws -> T) async throws -> T {
        try await timed(readTimer) { try await withConnection(preparing: !planEachCall, body) }
    }

    /// Runs `body` in one transaction (all of it is committed, or none), then moves the change stamp: its
    /// settled part, unless the write only keeps posts from outside (`settles: false`).
    @discardableResult
    func write<T: Sendable>(settles: Bool = true, _ body: (SQLConnection) async throws -> T) async throws -> T {
        try await timed(writeTimer) {
            try await withConnection { sql in
                let result = try await sql.transaction { try await body(sql) }
                try await sql.run(settles ? "SELECT nextval('change_stamp')" : "SELECT nextval('outside_change_stamp')")
                return result
            }
        }
    }

    /// Runs one statement that changes only bookkeeping no page shows (a job's lease), without moving the
    /// change stamp: the job runners of every node poll each second, and their claims must not make every
    /// node's cached pages stale.
    @discardableResult
    func writeBookkeeping<T: Sendable>(_ body: (SQLConnection) async throws -> T) async throws -> T {
        try await timed(writeTimer) { try await withConnection(body) }
    }

    /// Runs `body` with a pooled connection outside any transaction, without timing it (migrations; the calls above time it).
    @discardableResult
    func withConnection<T: Sendable>(preparing: Bool = false, _ body: (SQLConnection) async throws -> T) async throws -> T {
        try await pooled { connection in try await body(SQLConnection(connection: connection, logger: logger, prepares: preparing)) }
    }

    /// Runs `body`, recording how long it took in `timer`.
    private func timed<T>(_ timer: CoreMetrics.Timer, _ body: () async throws -> T) async throws -> T {
        let started = DispatchTime.now().uptimeNanoseconds
        defer { timer.recordNanoseconds(DispatchTime.now().uptimeNanoseconds - started) }
        return try await body()
    }

    /// The change stamp: it differs from the last one read whenever a write was committed since, on any node.
    func changeStamp() async throws -> ChangeStamp {
        try await read { try await $0.first("SELECT \(Self.changeStampColumns)") { Self.changeStamp($0, from: 0) } } ?? ChangeStamp(settled: 0, latest: 0)
    }

    /// The two columns that read the change stamp (settled, then latest), for reading it in another statement.
    static let changeStampColumns = ["change_stamp", "outside_change_stamp"]
        .map { "(SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM \($0))" }.joined(separator: ", ")

    /// The change stamp read by `changeStampColumns` from the row's columns `index` and `index + 1`.
    static func changeStamp(_ row: some ColumnReader, from index: Int32) -> ChangeStamp {
        ChangeStamp(settled: row.int64(index), latest: row.int64(index + 1))
    }

    /// Runs `body` with a pooled connection, or throws `StoreError.unavailable` when none could be had within
    /// the lease timeout. Only the wait for the connection is timed; a statement, once running, takes as long as it takes.
    private func pooled<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await withoutActuallyEscaping(body) { body in
            let lease = Lease(body: body)
            defer { lease.forgetBody() }
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { [client] in try await client.withConnection { connection in try await lease.run(connection) } }
                group.addTask { [leaseTimeout] in
                    try await Task.sleep(for: leaseTimeout)
                    guard lease.expire() else { return nil } // lent in time: the body runs on
                    throw StoreError.unavailable
                }
                while let result = try await group.next() {
                    guard let result else { continue }
                    group.cancelAll() // the timer
                    return result
                }
                throw StoreError.unavailable
            }
        }
    }
}

/// One pooled call: its body, run once a connection is lent unless the wait expired first (decided under
/// a lock, so a body never starts after its call gave up). The call waits for both of its child tasks
/// and then forgets the body, which therefore never outlives it.
private final class Lease<T: Sendable>: @unchecked Sendable {
    private enum State { case waiting, lent, expired }
    private var body: ((PostgresConnection) async throws -> T)?
    private var state = State.waiting
    private let lock = NSLock()

    init(body: @escaping (PostgresConnection) async throws -> T) { self.body = body }

    func run(_ connection: PostgresConnection) async throws -> T? {
        let body: ((PostgresConnection) async throws -> T)? = lock.withLock {
            guard state == .waiting else { return nil }
            state = .lent
            return self.body
        }
        guard let body else { throw StoreError.unavailable }
        return try await body(connection)
    }

    /// Gives up the wait unless the connection was lent already; returns whether it gave up.
    func expire() -> Bool {
        lock.withLock {
            guard state == .waiting else { return false }
            state = .expired
            return true
        }
    }

    func forgetBody() { lock.withLock { body = nil } }
}
