import Foundation
import StarlingCore
import StarlingPostgres
import StarlingSQL
import StarlingSQLite

/// Copies an SQLite data directory into an empty PostgreSQL database (`starling admin migrate --to`): every
/// table (accounts to pending jobs), batch by batch in the order the foreign keys need, and every upload. The
/// copy is one transaction, so a failure leaves the target empty; the source is only read. Each engine does its
/// own SQL (`SQLiteStore.exportRows`, `PostgresImport.copy`); this type only moves rows between them.
public struct SQLiteToPostgres: Sendable {
    /// How many rows (or files) went into one table, and how many the source has.
    public struct TableCount: Sendable, Equatable {
        public let table: String
        public let rows: Int
    }

    let source: SQLiteStore
    let sourceFiles: LocalFileStore
    let target: PostgresStore
    let batchSize: Int

    public init(source: SQLiteStore, sourceFiles: LocalFileStore, target: PostgresStore, batchSize: Int = 5000) {
        self.source = source
        self.sourceFiles = sourceFiles
        self.target = target
        self.batchSize = batchSize
    }

    /// Copies everything and checks that each table has as many rows as the source; returns the counts per
    /// table, uploads last (as `files`). `progress` hears each table as it is done. The source should not change
    /// meanwhile: stop the server first.
    public func run(progress: @Sendable (TableCount) -> Void = { _ in }) async throws -> [TableCount] {
        let targetTables = try await target.importTables()
        guard try await target.isEmpty() else { throw MigrationError.targetNotEmpty }
        let sourceTables = Set(try await source.dataTables())
        let unknown = sourceTables.subtracting(targetTables.map(\.name))
        guard unknown.isEmpty else { throw MigrationError.schemaMismatch(tables: unknown.sorted()) }
        return try await target.importing { importer in
            var counts: [TableCount] = []
            for table in targetTables where sourceTables.contains(table.name) {
                let sourceColumns = try await source.columns(of: table.name)
                let columns = table.columns.filter(sourceColumns.contains)
                var rows = 0, start: [SQLValue]? = nil
                repeat {
                    let batch = try await source.exportRows(of: table.name, columns: columns, after: start, limit: batchSize)
                    try await importer.copy(batch, into: table.name)
                    rows += batch.rows.count
                    start = batch.next
                } while start != nil
                // Checked before the commit: a copy that differs is rolled back.
                let expected = try await source.rowCount(of: table.name), found = try await importer.rowCount(of: table.name)
                guard rows == expected, found == expected else {
                    throw MigrationError.countMismatch(table: table.name, source: expected, target: found)
                }
                counts.append(TableCount(table: table.name, rows: rows))
                progress(counts.last!)
            }
            var files = 0
            for name in try await sourceFiles.allNames() {
                guard let bytes = try await sourceFiles.load(name) else { continue }
                try await importer.saveFile(bytes, as: name)
                files += 1
            }
            counts.append(TableCount(table: "files", rows: files))
            progress(counts.last!)
            return counts
        }
    }
}

/// Why a migration did not happen; the target is left as it was.
public enum MigrationError: Error, CustomStringConvertible, Equatable {
    case targetNotEmpty
    case schemaMismatch(tables: [String])
    case countMismatch(table: String, source: Int, target: Int)

    public var description: String {
        switch self {
        case .targetNotEmpty:
            "The target database already holds data. Migrate into a new, empty database (createdb), so that nothing is mixed or lost."
        case .schemaMismatch(let tables):
            "The SQLite database has tables this build's PostgreSQL schema does not: \(tables.joined(separator: ", "))."
        case let .countMismatch(table, source, target):
            "The copy of \(table) has \(target) rows, the source \(source) (was the server still running?); the target was left empty."
        }
    }
}
