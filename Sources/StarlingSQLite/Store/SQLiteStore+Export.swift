import Foundation
import StarlingCore
import StarlingSQL

/// Reading every table as it is stored, for copying the database to PostgreSQL (`starling admin migrate`).
/// Nothing here writes.
extension SQLiteStore {
    /// The tables that hold data: not SQLite's own, nor the full-text indexes (the target engine keeps its own).
    public func dataTables() async throws -> [String] {
        try await database.readOffPool { db in
            let virtual = try db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
                .rows { $0.string(0) }
            return try db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                .rows { $0.string(0) }
                .filter { table in !virtual.contains { table == $0 || table.hasPrefix($0 + "_") } }
        }
    }

    public func rowCount(of table: String) async throws -> Int {
        try await database.readOffPool { db in Int(try db.prepare(TableCopyQueries.rowCount(of: table)).scalar() ?? 0) }
    }

    /// The columns of `table`, in their order.
    public func columns(of table: String) async throws -> [String] {
        try await database.readOffPool { db in try db.prepare("SELECT name FROM pragma_table_info(?)").bind([table]).rows { $0.string(0) } }
    }

    /// At most `limit` rows of `table` (its `columns`) after the key `start` (nil: from the first), in the order of the
    /// table's key: the rowid, or the primary key of a table without one. Each batch is one short read.
    public func exportRows(of table: String, columns: [String], after start: [SQLValue]?, limit: Int) async throws -> RowBatch {
        try await database.readOffPool { db in
            let info = try db.prepare("SELECT name, pk FROM pragma_table_info(?)").bind([table]).rows { ($0.string(0), Int($0.int64(1))) }
            let hasRowID = (try? db.prepare("SELECT rowid FROM \(sqlIdentifier(table)) LIMIT 0")) != nil
            let key = hasRowID ? ["rowid"] : info.filter { $0.1 > 0 }.sorted { $0.1 < $1.1 }.map(\.0)
            let keyList = "(" + key.map(sqlIdentifier).joined(separator: ", ") + ")"
            let after = start == nil ? "" : "WHERE \(keyList) > (" + key.map { _ in "?" }.joined(separator: ", ") + ")"
            let sql = """
                SELECT \((key + columns).map(sqlIdentifier).joined(separator: ", ")) FROM \(sqlIdentifier(table)) \(after)
                ORDER BY \(key.map(sqlIdentifier).joined(separator: ", ")) LIMIT \(limit)
                """
            let statement = try db.prepare(sql)
            if let start { statement.bind(start.map(BoundValue.init)) }
            let rows = try statement.rows { row in (0..<row.columnCount).map { row.value($0) } }
            let next = rows.count == limit ? rows.last.map { Array($0.prefix(key.count)) } : nil
            return RowBatch(columns: columns, rows: rows.map { Array($0.dropFirst(key.count)) }, next: next)
        }
    }
}

/// A value read from a row, bound again as it was (the key a batch continues after).
private struct BoundValue: SQLBindable {
    let value: SQLValue
    init(_ value: SQLValue) { self.value = value }
    var sqlValue: SQLValue { value }
    static var null: SQLValue { .text(nil) }
}
