import Foundation
import StarlingCore
import StarlingSQL

/// Browser sessions, kept by the hash of their cookie: every node reads the same table, so a session
/// made through one node works on all.
extension PostgresStore: SessionStore {
    public func insertSession(tokenHash: String, accountID: ID, expiresAt: Date) async throws {
        try await database.write { db in
            try await db.run("INSERT INTO sessions (token_hash, account_id, expires_at) VALUES (?, ?, ?)", [tokenHash, accountID, Self.millis(expiresAt)])
        }
    }

    public func session(tokenHash: String, now: Date) async throws -> Account? {
        try await database.read { db in
            try await db.first("""
                SELECT \(Self.accountColumns) FROM sessions s JOIN accounts a ON a.id = s.account_id
                WHERE s.token_hash = ? AND s.expires_at > ? AND a.suspended_at IS NULL AND a.deactivated_at IS NULL
                """, [tokenHash, Self.millis(now)]) { Self.account($0) }
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await database.write { db in try await db.run("DELETE FROM sessions WHERE token_hash = ?", [tokenHash]) }
    }
}
