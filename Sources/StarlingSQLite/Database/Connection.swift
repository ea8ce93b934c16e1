import CSQLite
import Foundation

/// A failure reported by SQLite, with the message it gave.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let message: String
    public var description: String { "SQLite error \(code): \(message)" }
}

/// One SQLite connection with a cache of prepared statements.
///
/// A connection is used by one caller at a time: `Database` hands it out and takes it back.
final class Connection: @unchecked Sendable {
    private let handle: OpaquePointer
    private var cache: [String: Statement] = [:]

    init(path: String, readOnly: Bool) throws {
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open \(path)"
            sqlite3_close_v2(db)
            throw SQLiteError(code: rc, message: message)
        }
        handle = db
        sqlite3_busy_timeout(db, 5_000)
        sqlite3_extended_result_codes(db, 1)
        try execute("PRAGMA foreign_keys = ON")
        try execute("PRAGMA synchronous = NORMAL")
        try execute("PRAGMA cache_size = -16000")
        try execute("PRAGMA temp_store = MEMORY")
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Copies the whole database into a new file at `path` with SQLite's online backup, in one step: one
    /// read transaction, so the copy is one consistent moment, while other connections go on writing (WAL).
    func backup(to path: String) throws {
        let target = try Connection(path: path, readOnly: false)
        guard let backup = sqlite3_backup_init(target.handle, "main", handle, "main") else {
            throw SQLiteError(code: sqlite3_errcode(target.handle), message: target.lastMessage)
        }
        var rc: Int32
        repeat {
            rc = sqlite3_backup_step(backup, -1)
            if rc == SQLITE_BUSY || rc == SQLITE_LOCKED { sqlite3_sleep(20) }
        } while rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED
        sqlite3_backup_finish(backup)
        guard rc == SQLITE_DONE else { throw SQLiteError(code: rc, message: String(cString: sqlite3_errstr(rc))) }
        // One file, nothing beside it: the copy leaves WAL mode and its log behind.
        try target.execute("PRAGMA journal_mode = DELETE")
    }

    /// Runs one or more statements that take no parameters and return no rows.
    func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &error)
        if rc != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? lastMessage
            sqlite3_free(error)
            throw SQLiteError(code: rc, message: message)
        }
    }

    /// A prepared statement for `sql`, reset and ready for new bindings.
    func prepare(_ sql: String) throws -> Statement {
        if let statement = cache[sql] {
            statement.reset()
            return statement
        }
        var raw: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &raw, nil)
        guard rc == SQLITE_OK, let raw else { throw SQLiteError(code: rc, message: lastMessage + " in: \(sql)") }
        let statement = Statement(raw, connection: self)
        cache[sql] = statement
        return statement
    }

    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    /// `immediate` takes the write lock at once (for writers); readers begin a deferred one.
    /// The statements are prepared once and cached, like any other.
    func transaction<T>(immediate: Bool = true, _ body: () throws -> T) throws -> T {
        try prepare(immediate ? "BEGIN IMMEDIATE" : "BEGIN").run()
        do {
            let value = try body()
            try prepare("COMMIT").run()
            return value
        } catch {
            try? prepare("ROLLBACK").run()
            throw error
        }
    }

    /// Runs `body` inside the open transaction as a unit of its own: kept if it returns, undone (and nothing
    /// else of the transaction with it) if it throws.
    func savepoint<T>(_ body: () throws -> T) throws -> T {
        try prepare("SAVEPOINT unit").run()
        do {
            let value = try body()
            try prepare("RELEASE unit").run()
            return value
        } catch {
            try? prepare("ROLLBACK TO unit").run()
            try? prepare("RELEASE unit").run()
            throw error
        }
    }

    var changes: Int { Int(sqlite3_changes(handle)) }
    var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }
}
