import Foundation
import StarlingCore
import StarlingSQL

/// The organization's settings that admins change while the server runs.
extension PostgresStore: SettingStore {
    public func setting(_ key: String) async throws -> String? {
        try await database.read { db in try await db.first("SELECT value FROM settings WHERE key = ?", [key]) { $0.string(0) } }
    }

    public func setSetting(_ key: String, value: String) async throws {
        try await database.write { db in
            try await db.run("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])
        }
    }
}
