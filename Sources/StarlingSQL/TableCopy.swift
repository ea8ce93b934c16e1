/// Rows of one table as engine-neutral values, read from one engine and written to another
/// (`starling admin migrate` copies an SQLite data directory into PostgreSQL batch by batch).
public struct RowBatch: Sendable {
    public let columns: [String]
    public let rows: [[SQLValue]]
    /// Where the next batch starts (the last row's key), or nil after the last one.
    public let next: [SQLValue]?

    public init(columns: [String], rows: [[SQLValue]], next: [SQLValue]?) {
        self.columns = columns
        self.rows = rows
        self.next = next
    }
}

/// A table or column name quoted for SQL (both engines quote with double quotes).
public func sqlIdentifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

/// The statements that copying tables between engines reads with (the same on both engines).
public enum TableCopyQueries {
    /// How many rows `table` holds.
    public static func rowCount(of table: String) -> String { "SELECT count(*) FROM \(sqlIdentifier(table))" }
    /// 1 when `table` holds a row, else 0: stops at the first row instead of counting them all.
    public static func holdsRows(_ table: String) -> String { "SELECT EXISTS (SELECT 1 FROM \(sqlIdentifier(table)))::int" }
}
