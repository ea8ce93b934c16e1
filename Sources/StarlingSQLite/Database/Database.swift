import Foundation

/// An SQLite database file in WAL mode: one writer connection and a pool of readers.
///
/// WAL lets readers run while the writer commits, so reads never wait for writes.
/// Every call is short and synchronous; callers hold a connection only inside the closure.
final class Database: @unchecked Sendable {
    let path: String
    private let writer: Connection
    private let writerLock = NSLock()
    private var idleReaders: [Connection] = []
    private let readersLock = NSLock()
    private let maxIdleReaders: Int
    private let watcher: Connection
    private let watcherLock = NSLock()

    init(path: String, maxIdleReaders: Int = 8) throws {
        self.path = path
        self.maxIdleReaders = maxIdleReaders
        writer = try Connection(path: path, readOnly: false)
        try writer.execute("PRAGMA journal_mode = WAL")
        watcher = try Connection(path: path, readOnly: true)
    }

    /// A number that changes whenever a transaction was committed to the file since the last call,
    /// by this process or any other: SQLite's `data_version` on a connection that never writes.
    func changeStamp() throws -> Int64 {
        try watcherLock.withLock { try watcher.prepare("PRAGMA data_version").scalar() ?? 0 }
    }

    /// Runs `body` with the writer connection inside one transaction.
    func write<T>(_ body: (Connection) throws -> T) throws -> T {
        try withWriter { connection in try connection.transaction { try body(connection) } }
    }

    /// Runs `body` with the writer connection outside any transaction (migrations, pragmas).
    func withWriter<T>(_ body: (Connection) throws -> T) throws -> T {
        writerLock.lock()
        defer { writerLock.unlock() }
        return try body(writer)
    }

    /// Runs `body` with a reader connection, seeing one consistent snapshot.
    func read<T>(_ body: (Connection) throws -> T) throws -> T {
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
}
