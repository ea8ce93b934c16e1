import CoreMetrics
import Foundation
import NIOPosix

/// An SQLite database file in WAL mode: one writer connection and a pool of readers.
///
/// WAL lets readers run while the writer commits, so reads never wait for writes.
/// Every call is short and synchronous; callers hold a connection only inside the closure. The store
/// uses the `OffPool` variants, which run the same work on a thread of `threads`, so SQLite's blocking calls
/// never hold a thread of Swift's cooperative pool.
final class Database: @unchecked Sendable {
    let path: String
    private let writer: Connection
    private let writerLock = NSLock()
    private var idleReaders: [Connection] = []
    private let readersLock = NSLock()
    private let maxIdleReaders: Int
    private let watcher: Connection
    private let watcherLock = NSLock()
    /// Write transactions since the log was last restarted (guarded by `writerLock`).
    private var writesSinceRestart = 0
    /// How many write transactions pass between two restarts of the log (see `write`).
    static let restartEvery = 1000
    /// How long reads and write transactions take, waiting for a connection included.
    private let readTimer: CoreMetrics.Timer, writeTimer: CoreMetrics.Timer
    /// The threads that run blocking work for async callers.
    private let threads: NIOThreadPool

    /// The threads every database of this process runs its blocking work on: a pool of its own rather than
    /// SwiftNIO's shared one (as many threads as cores), so that one writer waiting for its lock, a few readers
    /// and an LDAP or SMTP call on the shared pool never queue behind each other.
    static let sharedThreads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 12)
        pool.start()
        return pool
    }()

    init(path: String, maxIdleReaders: Int = 8, readTimer: CoreMetrics.Timer, writeTimer: CoreMetrics.Timer,
         threads: NIOThreadPool = Database.sharedThreads) throws {
        self.path = path
        self.threads = threads
        self.readTimer = readTimer
        self.writeTimer = writeTimer
        self.maxIdleReaders = maxIdleReaders
        writer = try Connection(path: path, readOnly: false)
        try writer.execute("PRAGMA journal_mode = WAL")
        // After the log restarts, its file is cut back to this size.
        try writer.execute("PRAGMA journal_size_limit = 67108864")
        watcher = try Connection(path: path, readOnly: true)
    }

    /// A number that changes whenever a transaction was committed to the file since the last call,
    /// by this process or any other: SQLite's `data_version` on a connection that never writes.
    func changeStamp() throws -> Int64 {
        try watcherLock.withLock { try watcher.prepare("PRAGMA data_version").scalar() ?? 0 }
    }

    /// Runs `body` with the writer connection inside one transaction.
    ///
    /// Under a steady stream of readers SQLite's automatic (passive) checkpoint never finds a moment
    /// to start the log afresh, so the log grows without bound and every read slows down (800 MB after
    /// 30,000 review deliveries in the benchmark, and the review queue page 3× slower at rest). Every
    /// `restartEvery` writes, a RESTART checkpoint waits (briefly: reads are short) until readers see the
    /// newest snapshot, copies the log into the database, and lets the next write start the log again.
    func write<T>(_ body: (Connection) throws -> T) throws -> T {
        let started = DispatchTime.now().uptimeNanoseconds
        defer { writeTimer.recordNanoseconds(DispatchTime.now().uptimeNanoseconds - started) }
        return try withWriter { connection in
            let result = try connection.transaction { try body(connection) }
            writesSinceRestart += 1
            if writesSinceRestart >= Self.restartEvery {
                writesSinceRestart = 0
                try? connection.execute("PRAGMA wal_checkpoint(RESTART)")
            }
            return result
        }
    }

    /// Runs `body` with the writer connection outside any transaction (migrations, pragmas).
    func withWriter<T>(_ body: (Connection) throws -> T) throws -> T {
        writerLock.lock()
        defer { writerLock.unlock() }
        return try body(writer)
    }

    /// Copies the database, as it is at one moment, into a new file at `path` (see `Connection.backup`).
    func backup(to path: String) throws {
        try Connection(path: self.path, readOnly: true).backup(to: path)
    }

    /// Runs `body` with a reader connection, seeing one consistent snapshot.
    func read<T>(_ body: (Connection) throws -> T) throws -> T {
        let started = DispatchTime.now().uptimeNanoseconds
        defer { readTimer.recordNanoseconds(DispatchTime.now().uptimeNanoseconds - started) }
        readersLock.lock()
        let pooled = idleReaders.popLast()
        readersLock.unlock()
        let connection = try pooled ?? Connection(path: path, readOnly: true)
        defer {
            readersLock.lock()
            if idleReaders.count < maxIdleReaders { idleReaders.append(connection) }
            readersLock.unlock()
        }
        return try connection.transaction(immediate: false) { try body(connection) }
    }

    /// `read` on a thread of the pool for blocking work: the calling task waits without holding its thread.
    func readOffPool<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await threads.runIfActive { try self.read(body) }
    }

    /// `write` on a thread of the pool for blocking work: the calling task waits without holding its thread.
    func writeOffPool<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await threads.runIfActive { try self.write(body) }
    }

    /// `withWriter` on a thread of the pool for blocking work.
    func withWriterOffPool<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await threads.runIfActive { try self.withWriter(body) }
    }

    /// `changeStamp` on a thread of the pool for blocking work.
    func changeStampOffPool() async throws -> Int64 {
        try await threads.runIfActive { try self.changeStamp() }
    }
}
