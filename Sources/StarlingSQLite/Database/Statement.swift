import CSQLite
import Foundation
import StarlingSQL

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
        case .integer(let v?): sqlite3_bind_int64(raw, index, v)
        case .real(let v?): sqlite3_bind_double(raw, index, v)
        case .text(let v?): sqlite3_bind_text(raw, index, v, -1, SQLITE_TRANSIENT)
        case .boolean(let v?): sqlite3_bind_int64(raw, index, v ? 1 : 0)
        case .bytes(let v?): _ = v.withUnsafeBytes { sqlite3_bind_blob(raw, index, $0.baseAddress, Int32($0.count), SQLITE_TRANSIENT) }
        case .integers(let v?): bind(.text("[" + v.map(String.init).joined(separator: ",") + "]"), at: index)
        case .texts(let v?): bind(.text(String(decoding: (try? JSONEncoder().encode(v)) ?? Data("[]".utf8), as: UTF8.self)), at: index)
        case .integer(nil), .real(nil), .text(nil), .boolean(nil), .bytes(nil), .integers(nil), .texts(nil): sqlite3_bind_null(raw, index)
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
struct Row: ColumnReader {
    fileprivate let raw: OpaquePointer

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(raw, column) }
    func bool(_ column: Int32) -> Bool { sqlite3_column_int64(raw, column) != 0 }
    func double(_ column: Int32) -> Double { sqlite3_column_double(raw, column) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(raw, column) == SQLITE_NULL }
    func string(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(raw, column) else { return "" }
        return String(cString: text)
    }

    /// The column's value as stored, whatever its type (copying a table to another engine).
    func value(_ column: Int32) -> SQLValue {
        switch sqlite3_column_type(raw, column) {
        case SQLITE_INTEGER: .integer(int64(column))
        case SQLITE_FLOAT: .real(double(column))
        case SQLITE_TEXT: .text(string(column))
        case SQLITE_BLOB:
            .bytes(sqlite3_column_blob(raw, column).map { Data(bytes: $0, count: Int(sqlite3_column_bytes(raw, column))) } ?? Data())
        default: .text(nil)
        }
    }

    /// How many columns the row has.
    var columnCount: Int32 { sqlite3_column_count(raw) }
}
