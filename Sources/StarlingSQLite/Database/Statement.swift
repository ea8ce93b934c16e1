import CSQLite
import Foundation

/// A value that can be bound to a statement parameter.
enum SQLValue: Sendable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case null
}

/// Conversions of Swift values to `SQLValue`, so call sites can pass plain values.
protocol SQLBindable: Sendable { var sqlValue: SQLValue { get } }
extension Int64: SQLBindable { var sqlValue: SQLValue { .integer(self) } }
extension Int: SQLBindable { var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Double: SQLBindable { var sqlValue: SQLValue { .real(self) } }
extension String: SQLBindable { var sqlValue: SQLValue { .text(self) } }
extension Bool: SQLBindable { var sqlValue: SQLValue { .integer(self ? 1 : 0) } }
extension Optional: SQLBindable where Wrapped: SQLBindable {
    var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement. Parameters are bound by position (`?`) or by name (`:name`).
final class Statement {
    private let raw: OpaquePointer
    private unowned let connection: Connection

    init(_ raw: OpaquePointer, connection: Connection) {
        self.raw = raw
        self.connection = connection
    }

    deinit { sqlite3_finalize(raw) }

    func reset() {
        sqlite3_reset(raw)
        sqlite3_clear_bindings(raw)
    }

    @discardableResult
    func bind(_ values: [any SQLBindable]) -> Statement {
        for (index, value) in values.enumerated() { bind(value.sqlValue, at: Int32(index + 1)) }
        return self
    }

    @discardableResult
    func bind(_ named: [String: any SQLBindable]) -> Statement {
        for (name, value) in named {
            let index = sqlite3_bind_parameter_index(raw, ":" + name)
            if index > 0 { bind(value.sqlValue, at: index) }
        }
        return self
    }

    private func bind(_ value: SQLValue, at index: Int32) {
        switch value {
        case .integer(let v): sqlite3_bind_int64(raw, index, v)
        case .real(let v): sqlite3_bind_double(raw, index, v)
        case .text(let v): sqlite3_bind_text(raw, index, v, -1, SQLITE_TRANSIENT)
        case .null: sqlite3_bind_null(raw, index)
        }
    }

    /// Runs a statement that returns no rows.
    func run() throws {
        defer { sqlite3_reset(raw) }
        let rc = sqlite3_step(raw)
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else { throw SQLiteError(code: rc, message: connection.lastMessage) }
    }

    /// Maps every result row through `transform`.
    func rows<T>(_ transform: (Row) throws -> T) throws -> [T] {
        defer { sqlite3_reset(raw) }
        var result: [T] = []
        while true {
            let rc = sqlite3_step(raw)
            if rc == SQLITE_DONE { return result }
            guard rc == SQLITE_ROW else { throw SQLiteError(code: rc, message: connection.lastMessage) }
            result.append(try transform(Row(raw: raw)))
        }
    }

    /// The first result row mapped through `transform`, or nil when there is none.
    func first<T>(_ transform: (Row) throws -> T) throws -> T? {
        defer { sqlite3_reset(raw) }
        let rc = sqlite3_step(raw)
        if rc == SQLITE_DONE { return nil }
        guard rc == SQLITE_ROW else { throw SQLiteError(code: rc, message: connection.lastMessage) }
        return try transform(Row(raw: raw))
    }

    /// The first column of the first row as an integer (for counts and ids).
    func scalar() throws -> Int64? { try first { $0.int64(0) } }
}

/// Column accessors for the current row of a statement.
struct Row {
    fileprivate let raw: OpaquePointer

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(raw, column) }
    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(raw, column)) }
    func bool(_ column: Int32) -> Bool { sqlite3_column_int64(raw, column) != 0 }
    func double(_ column: Int32) -> Double { sqlite3_column_double(raw, column) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(raw, column) == SQLITE_NULL }
    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }
    func string(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(raw, column) else { return "" }
        return String(cString: text)
    }
    func optionalString(_ column: Int32) -> String? { isNull(column) ? nil : string(column) }
}
