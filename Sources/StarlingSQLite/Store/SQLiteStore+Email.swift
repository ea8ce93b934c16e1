import Foundation
import StarlingCore
import StarlingSQL

/// Email: each person's choices and unsubscribe token, and password resets.
extension SQLiteStore {
    public func emailPreferences(accountID: ID, newToken token: String) async throws -> (EmailPreferences?, unsubscribeToken: String) {
        try await database.writeOffPool { db in
            try db.prepare("INSERT INTO email_preferences (account_id, kinds, unsubscribe_token) VALUES (?, NULL, ?) ON CONFLICT DO NOTHING")
                .bind([accountID.rawValue, token]).run()
            return try db.prepare("SELECT kinds, unsubscribe_token FROM email_preferences WHERE account_id = ?").bind([accountID.rawValue])
                .first { row in (row.optionalString(0).map(Self.preferences), row.string(1)) }!
        }
    }

    public func saveEmailPreferences(accountID: ID, _ preferences: EmailPreferences, newToken token: String) async throws {
        let kinds = preferences.enabled.map(\.rawValue).sorted().joined(separator: ",")
        try await database.writeOffPool { db in
            try db.prepare("""
                INSERT INTO email_preferences (account_id, kinds, unsubscribe_token) VALUES (?, ?, ?)
                ON CONFLICT (account_id) DO UPDATE SET kinds = excluded.kinds
                """).bind([accountID.rawValue, kinds, token]).run()
        }
    }

    public func account(unsubscribeToken: String) async throws -> Account? {
        try await database.readOffPool { db in
            try db.prepare("""
                SELECT \(Self.accountColumns) FROM email_preferences p JOIN accounts a ON a.id = p.account_id WHERE p.unsubscribe_token = ?
                """).bind([unsubscribeToken]).first { Self.account($0) }
        }
    }

    public func accounts(wantingEmail kind: EmailKind) async throws -> [Account] {
        // Kinds are stored comma-separated; a person who never chose has NULL (only on-by-default kinds apply).
        let chosen = "(',' || p.kinds || ',') LIKE '%,' || :kind || ',%'"
        let condition = kind.isOnByDefault ? "(p.kinds IS NULL OR \(chosen))" : chosen
        return try await database.readOffPool { db in
            try db.prepare("""
                SELECT \(Self.accountColumns) FROM accounts a LEFT JOIN email_preferences p ON p.account_id = a.id
                WHERE a.deactivated_at IS NULL AND a.suspended_at IS NULL AND a.domain IS NULL AND \(condition) ORDER BY a.id
                """).bind(["kind": kind.rawValue]).rows { Self.account($0) }
        }
    }

    public func insertPasswordReset(tokenHash: String, accountID: ID, createdAt: Date, expiresAt: Date) async throws {
        try await database.writeOffPool { db in
            try db.prepare("INSERT INTO password_resets (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
                .bind([tokenHash, accountID.rawValue, Self.millis(createdAt), Self.millis(expiresAt)]).run()
        }
    }

    public func passwordReset(tokenHash: String, now: Date) async throws -> (accountID: ID, usable: Bool)? {
        try await database.readOffPool { db in
            try db.prepare("SELECT account_id, used_at IS NULL AND expires_at > ? FROM password_resets WHERE token_hash = ?")
                .bind([Self.millis(now), tokenHash]).first { (ID($0.int64(0)), $0.bool(1)) }
        }
    }

    public func usePasswordReset(tokenHash: String, newPasswordHash: String, now: Date, entry: AuditEntry) async throws -> Bool {
        try await database.writeOffPool { db in
            guard let accountID = try db.prepare("""
                UPDATE password_resets SET used_at = :now WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now
                RETURNING account_id
                """).bind(["now": Self.millis(now), "hash": tokenHash]).first({ $0.int64(0) }) else { return false }
            try db.prepare("UPDATE accounts SET password_hash = ? WHERE id = ?").bind([newPasswordHash, accountID]).run()
            try db.prepare("DELETE FROM sessions WHERE account_id = ?").bind([accountID]).run()
            try db.prepare("UPDATE oauth_tokens SET revoked_at = ?, refresh_hash = NULL WHERE account_id = ? AND revoked_at IS NULL")
                .bind([Self.millis(now), accountID]).run()
            try self.insertAuditEntry(db, entry)
            return true
        }
    }
}
