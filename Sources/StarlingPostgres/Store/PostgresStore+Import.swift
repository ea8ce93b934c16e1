import Foundation
import NIOCore
import PostgresNIO
import StarlingCore
import StarlingSQL

/// Filling an empty database with rows read from another engine (`starling admin migrate`), with `COPY`:
/// a million posts take seconds, not the minutes of one `INSERT` each.
extension PostgresStore {
    /// A table to fill: its name and the columns it takes (not the generated search columns, which it computes).
    public struct ImportTable: Sendable {
        public let name: String
        public let columns: [String]
    }

    /// The tables in an order that satisfies their foreign keys (a referenced table before those that refer to it).
    public func importTables() async throws -> [ImportTable] {
        try await database.read { db in
            let columns = try await db.rows("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND is_generated = 'NEVER' AND table_name <> 'schema_version'
                ORDER BY table_name, ordinal_position
                """) { ($0.string(0), $0.string(1)) }
            let references = try await db.rows("""
                SELECT DISTINCT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c
                WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace AND c.conrelid <> c.confrelid
                """) { ($0.string(0), $0.string(1)) }
            var remaining = Dictionary(grouping: columns, by: \.0).mapValues { $0.map(\.1) }
            var ordered: [ImportTable] = []
            while !remaining.isEmpty {
                let ready = remaining.keys.filter { table in !references.contains { $0.0 == table && remaining[$0.1] != nil } }.sorted()
                guard !ready.isEmpty else { throw SQLError.parameters("the foreign keys of \(remaining.keys.sorted()) form a cycle") }
                for table in ready { ordered.append(ImportTable(name: table, columns: remaining.removeValue(forKey: table)!)) }
            }
            return ordered
        }
    }

    /// Whether no table holds a row (what `migrate` copies into).
    public func isEmpty() async throws -> Bool {
        let tables = try await importTables()
        return try await database.read { db in
            for table in tables where try await db.scalar(TableCopyQueries.holdsRows(table.name)) == 1 { return false }
            return true
        }
    }

    /// Runs `body` with an import into this database: all of it in one transaction on one connection, so that a
    /// failed migration leaves the database as empty as it was. Identity columns then continue after the highest
    /// id copied, the planner learns the tables' sizes, and VACUUM marks the copied pages all-visible (index-only scans then skip the table).
    public func importing<T: Sendable>(_ body: (PostgresImport) async throws -> T) async throws -> T {
        let result = try await database.write { db in
            let result = try await body(PostgresImport(db: db))
            let identities = try await db.rows("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND is_identity = 'YES'
                """) { ($0.string(0), $0.string(1)) }
            for (table, column) in identities {
                let highest = "(SELECT max(\(sqlIdentifier(column))) FROM \(sqlIdentifier(table)))"
                try await db.run("SELECT setval(pg_get_serial_sequence(?, ?), coalesce(\(highest), 1), \(highest) IS NOT NULL)", [table, column])
            }
            return result
        }
        try await database.withConnection { db in try await db.run("VACUUM (ANALYZE)") }
        return result
    }

}

/// An import in progress (`PostgresStore.importing`): rows appended with `COPY`, uploads saved.
public struct PostgresImport {
    let db: SQLConnection

    /// Appends a batch of rows to `table` in one `COPY`; the batch names the columns its values are for.
    public func copy(_ batch: RowBatch, into table: String) async throws {
        guard !batch.rows.isEmpty else { return }
        do {
            try await send(batch, into: table)
        } catch let error as PSQLError {
            throw SQLError.refused(code: error.serverInfo?[.sqlState] ?? "", message: error.serverInfo?[.message] ?? String(reflecting: error),
                                   sql: "COPY \(table) (\(batch.columns.joined(separator: ", ")))")
        }
    }

    private func send(_ batch: RowBatch, into table: String) async throws {
        // postgres-nio quotes the names itself (they are the schema's own, never a user's).
        try await db.connection.copyFrom(table: table, columns: batch.columns, logger: db.logger) { writer in
            var buffer = ByteBuffer()
            for row in batch.rows {
                for (index, value) in row.enumerated() {
                    if index > 0 { buffer.writeStaticString("\t") }
                    Self.writeCopyText(value, into: &buffer)
                }
                buffer.writeStaticString("\n")
                if buffer.readableBytes > 1 << 20 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            try await writer.write(buffer)
        }
    }

    /// The rows of `table` so far, the import's own included.
    public func rowCount(of table: String) async throws -> Int {
        Int(try await db.scalar(TableCopyQueries.rowCount(of: table)) ?? 0)
    }

    /// Saves an uploaded file as `PostgresFileStore` keeps them.
    public func saveFile(_ bytes: [UInt8], as name: String) async throws {
        try await db.run(PostgresFileStore.saveStatement, [name, Data(bytes)])
    }

    /// A value in COPY's text format: `\N` for null; text escaped (`writeCopyText`); bytes as `\\x` hex.
    /// Booleans stored as SQLite's 0 and 1 are read by PostgreSQL's boolean input as they are.
    static func writeCopyText(_ value: SQLValue, into buffer: inout ByteBuffer) {
        switch value {
        case .integer(let v?): buffer.writeString(String(v))
        case .real(let v?): buffer.writeString(String(v))
        case .boolean(let v?): buffer.writeStaticString(v ? "t" : "f")
        case .text(let v?): writeCopyText(v, into: &buffer)
        case .bytes(let v?):
            buffer.writeStaticString("\\\\x")
            for byte in v { buffer.writeString(byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)) }
        case .integers(let v?): buffer.writeString("{" + v.map(String.init).joined(separator: ",") + "}")
        case .texts(let v?):
            let quoted = v.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            writeCopyText("{" + quoted.joined(separator: ",") + "}", into: &buffer)
        case .integer(nil), .real(nil), .boolean(nil), .text(nil), .bytes(nil), .integers(nil), .texts(nil): buffer.writeStaticString("\\N")
        }
    }

    /// Text in COPY's text format: backslash, tab, newline and carriage return escaped; NUL, which PostgreSQL
    /// text cannot hold, kept as U+FFFD (as when binding).
    private static func writeCopyText(_ text: String, into buffer: inout ByteBuffer) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            case 0: buffer.writeString("\u{FFFD}")
            default: buffer.writeInteger(byte)
            }
        }
    }
}
