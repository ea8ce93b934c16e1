import Foundation
import StarlingCore

/// Uploaded files on PostgreSQL, in the `files` table beside everything else: every node serves every
/// upload, and a backup of the database holds them too. Files are at most a few megabytes (images are
/// checked and cleaned before they are saved), well within what a `bytea` column holds.
public struct PostgresFileStore: FileStore {
    let database: PostgresDatabase

    /// The files of `store`'s database, over its connections.
    public init(store: PostgresStore) { database = store.database }

    static let saveStatement = "INSERT INTO files (name, bytes) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET bytes = excluded.bytes"

    public func save(_ bytes: [UInt8], as name: String) async throws {
        try await database.write { db in try await db.run(Self.saveStatement, [name, Data(bytes)]) }
    }

    public func load(_ name: String) async throws -> [UInt8]? {
        try await database.read { db in try await db.first("SELECT bytes FROM files WHERE name = ?", [name]) { $0.data(0).map(Array.init) } } ?? nil
    }

    public func delete(_ name: String) async throws {
        try await database.write { db in try await db.run("DELETE FROM files WHERE name = ?", [name]) }
    }
}
