import CoreMetrics
import Foundation
import NIOPosix
import StarlingCore

/// An SQLite database file in WAL mode: one writer connection and a pool of readers.
///
/// WAL lets readers run while the writer commits, so reads never wait for writes.
/// Every call is short and synchronous; callers hold a connection only inside the closure. The store
/// uses the `OffPool` variants, which run the same work on threads of their own (reads on `threads`,
/// writes on the database's own `writeThread`), so SQLite's blocking calls never hold a thread of Swift's
/// cooperative pool.
///
/// A commit never waits for the disk: with `synchronous = NORMAL` only a checkpoint (copying the log into
/// the file) syncs, and checkpoints run beside the writer on a connection of their own (`checkpointer`),
/// not inside a commit as SQLite's automatic checkpoint would. On a slow disk that sync took 1.7 s, and
/// every post made meanwhile waited for it.
final class Database: @unchecked Sendable {
    let path: String
    private let writer: Connection
    private let writerLock = NSLock()
    private var idleReaders: [Connection] = []
    private let readersLock = NSLock()
    private let maxIdleReaders: Int
    private let watcher: Connection
    private let watcherLock = NSLock()
    /// What `changeStamp` tells commits that only keep posts from outside from the others by (both guarded by
    /// `watcherLock`): `data_version` as the watcher saw it right after this process's latest commit, and right
    /// after the latest commit that settles (`ChangeStamp.settled`).
    private var versionAfterLastCommit: Int64, settledVersion: Int64
    /// Copies the log into the file (see `checkpoint`); used by one checkpoint at a time (`checkpointRunning`).
    private let checkpointer: Connection
    /// Write transactions since the last checkpoint was started, and since the log was last restarted;
    /// whether a checkpoint is running (all guarded by `writerLock`).
    private var writesSinceCheckpoint = 0, writesSinceRestart = 0, checkpointRunning = false
    /// How many write transactions pass between two checkpoints, and between two restarts of the log.
    static let checkpointEvery = 100, restartEvery = 1000
    /// How long reads and write transactions take, waiting for a connection included.
    private let readTimer: CoreMetrics.Timer, writeTimer: CoreMetrics.Timer
    /// The threads that run blocking reads (and checkpoints) for async callers.
    private let threads: NIOThreadPool
    /// The one thread that runs this database's writes for async callers: writes take turns at the one
    /// writer anyway, and waiting in this thread's queue rather than on threads of `threads` they never
    /// take every thread the reads need (a slow commit once held all twelve, and every read waited).
    private let writeThread = NIOThreadPool(numberOfThreads: 1)

    /// The threads every database of this process runs its reads and checkpoints on: a pool of its own rather
    /// than SwiftNIO's shared one (as many threads as cores), so that a few readers, a checkpoint waiting for
    /// the disk and an LDAP or SMTP call on the shared pool never queue behind each other.
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
        // Checkpoints are `checkpoint`'s, not the committing writer's.
        try writer.execute("PRAGMA wal_autocheckpoint = 0")
        watcher = try Connection(path: path, readOnly: true)
        versionAfterLastCommit = try watcher.prepare("PRAGMA data_version").scalar() ?? 0
        settledVersion = versionAfterLastCommit
        checkpointer = try Connection(path: path, readOnly: false)
        writeThread.start()
    }

    deinit {
        writeThread.shutdownGracefully { _ in }
    }

    /// A stamp that changes whenever a transaction was committed to the file since the last call, by this
    /// process or any other: SQLite's `data_version` on a connection that never writes (`latest`). It settles
    /// (`settled` moves) with every commit but this process's writes that do not settle (`write(settles:)`);
    /// a version this process did not make (another process committed) settles.
    func changeStamp() throws -> ChangeStamp {
        try watcherLock.withLock {
            let version = try dataVersion()
            return ChangeStamp(settled: version == versionAfterLastCommit ? settledVersion : version, latest: version)
        }
    }

    /// The watcher's `data_version`. Under `watcherLock`.
    private func dataVersion() throws -> Int64 {
        try watcher.prepare("PRAGMA data_version").scalar() ?? 0
    }

    /// Notes a commit of this process, made while `writerLock` was held (so no other commit of this process
    /// came between): unless it `settles`, `settled` stays where it was, but only if the version before it was
    /// this process's previous commit's (nothing from another process in between, as far as can be seen).
    private func noteCommit(settles: Bool, versionBefore: Int64?) {
        watcherLock.withLock {
            guard let after = try? dataVersion() else {
                versionAfterLastCommit = -1 // unknown: the next stamp settles
                return
            }
            if settles || versionBefore != versionAfterLastCommit { settledVersion = after }
            versionAfterLastCommit = after
        }
    }

    /// Runs `body` with the writer connection inside one transaction; every `checkpointEvery` writes,
    /// starts a checkpoint beside it (see `checkpoint`). A write that does not `settle` only keeps posts from
    /// outside, and moves only `ChangeStamp.latest`.
    func write<T>(settles: Bool = true, _ body: (Connection) throws -> T) throws -> T {
        let started = DispatchTime.now().uptimeNanoseconds
        defer { writeTimer.recordNanoseconds(DispatchTime.now().uptimeNanoseconds - started) }
        let (result, restart) = try withWriter { connection in
            let versionBefore = settles ? nil : watcherLock.withLock { try? dataVersion() }
            let result = try connection.transaction { try body(connection) }
            noteCommit(settles: settles, versionBefore: versionBefore)
            writesSinceCheckpoint += 1
            writesSinceRestart += 1
            guard !checkpointRunning, let restart = dueCheckpoint() else { return (result, nil as Bool?) }
            checkpointRunning = true
            return (result, restart)
        }
        if let restart { threads.submit { _ in self.checkpointWhileDue(restart: restart) } }
        return result
    }

    /// Whether a checkpoint is due, and if so whether it restarts the log; counts it as started. Under `writerLock`.
    private func dueCheckpoint() -> Bool? {
        guard writesSinceCheckpoint >= Self.checkpointEvery else { return nil }
        writesSinceCheckpoint = 0
        let restart = writesSinceRestart >= Self.restartEvery
        if restart { writesSinceRestart = 0 }
        return restart
    }

    /// Checkpoints until none is due: writes that came during a slow checkpoint (a sync can take seconds)
    /// are copied by the next one, rather than waiting in the log for a write that may not come.
    private func checkpointWhileDue(restart: Bool) {
        var next: Bool? = restart
        while let restart = next {
            checkpoint(restart: restart)
            next = writerLock.withLock {
                let due = dueCheckpoint()
                if due == nil { checkpointRunning = false }
                return due
            }
        }
    }

    /// Copies the log into the database file and syncs it, while the writer goes on committing (a PASSIVE
    /// checkpoint copies what no reader still needs). With `restart`, it then waits (briefly: reads and writes
    /// are short) until every reader sees the newest snapshot, so that the next write starts the log again:
    /// under a steady stream of readers the log would otherwise never start afresh, and grow without bound
    /// (800 MB after 30,000 review deliveries in the benchmark, and the review queue page 3× slower at rest).
    /// Having just been copied, nothing is left for the restart to copy or sync.
    private func checkpoint(restart: Bool) {
        try? checkpointer.execute("PRAGMA wal_checkpoint(PASSIVE)")
        if restart { try? checkpointer.execute("PRAGMA wal_checkpoint(RESTART)") }
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
    func writeOffPool<T: Sendable>(settles: Bool = true, _ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await writeThread.runIfActive { try self.write(settles: settles, body) }
    }

    /// `withWriter` on a thread of the pool for blocking work.
    func withWriterOffPool<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await writeThread.runIfActive { try self.withWriter(body) }
    }

    /// `changeStamp` on a thread of the pool for blocking work.
    func changeStampOffPool() async throws -> ChangeStamp {
        try await threads.runIfActive { try self.changeStamp() }
    }
}
