import Foundation
import StarlingCore
import StarlingSQL

/// Email: each person's choices and unsubscribe token, and password resets.
extension PostgresStore: EmailStore {
    public func emailPreferences(accountID: ID, newToken token: String) async throws -> (EmailPreferences?, unsubscribeToken: String) {
        let found = try await database.write { db in
            try await db.run("INSERT INTO email_preferences (account_id, kinds, unsubscribe_token) VALUES (?, NULL, ?) ON CONFLICT DO NOTHING",
                             [accountID, token])
            return try await db.first("SELECT kinds, unsubscribe_token FROM email_preferences WHERE account_id = ?", [accountID]) { row in
                (row.optionalString(0).map(Self.preferences), row.string(1))
            }
        }
        guard let found else { throw DomainError.notFound }
        return (found.0, unsubscribeToken: found.1)
    }

    public func saveEmailPreferences(accountID: ID, _ preferences: EmailPreferences, newToken token: String) async throws {
        let kinds = preferences.enabled.map(\.rawValue).sorted().joined(separator: ",")
        try await database.write { db in
            try await db.run("""
                INSERT INTO email_preferences (account_id, kinds, unsubscribe_token) VALUES (?, ?, ?)
                ON CONFLICT (account_id) DO UPDATE SET kinds = excluded.kinds
                """, [accountID, kinds, token])
        }
    }

    public func account(unsubscribeToken: String) async throws -> Account? {
        try await database.read { db in
            try await db.first("""
                SELECT \(Self.accountColumns) FROM email_preferences p JOIN accounts a ON a.id = p.account_id WHERE p.unsubscribe_token = ?
                """, [unsubscribeToken]) { Self.account($0) }
        }
    }

    public func accounts(wantingEmail kind: EmailKind) async throws -> [Account] {
        // Kinds are stored comma-separated; a person who never chose has NULL (only on-by-default kinds apply).
        let chosen = "(',' || p.kinds || ',') LIKE '%,' || :kind || ',%'"
        let condition = kind.isOnByDefault ? "(p.kinds IS NULL OR \(chosen))" : chosen
        return try await database.read { db in
            try await db.rows("""
                SELECT \(Self.accountColumns) FROM accounts a LEFT JOIN email_preferences p ON p.account_id = a.id
                WHERE a.deactivated_at IS NULL AND a.suspended_at IS NULL AND a.domain IS NULL AND \(condition) ORDER BY a.id
                """, ["kind": kind.rawValue]) { Self.account($0) }
        }
    }

    public func insertPasswordReset(tokenHash: String, accountID: ID, createdAt: Date, expiresAt: Date) async throws {
        try await database.write { db in
            try await db.run("INSERT INTO password_resets (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                             [tokenHash, accountID, Self.millis(createdAt), Self.millis(expiresAt)])
        }
    }

    public func passwordReset(tokenHash: String, now: Date) async throws -> (accountID: ID, usable: Bool)? {
        let found = try await database.read { db in
            try await db.first("SELECT account_id, used_at IS NULL AND expires_at > ? FROM password_resets WHERE token_hash = ?",
                               [Self.millis(now), tokenHash]) { (ID($0.int64(0)), $0.bool(1)) }
        }
        return found.map { (accountID: $0.0, usable: $0.1) }
    }

    public func usePasswordReset(tokenHash: String, newPasswordHash: String, now: Date, entry: AuditEntry) async throws -> Bool {
        try await database.write { db in
            guard let accountID = try await db.first("""
                UPDATE password_resets SET used_at = :now WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now
                RETURNING account_id
                """, ["now": Self.millis(now), "hash": tokenHash], { $0.int64(0) }) else { return false }
            try await db.run("UPDATE accounts SET password_hash = ? WHERE id = ?", [newPasswordHash, accountID])
            try await db.run("DELETE FROM sessions WHERE account_id = ?", [accountID])
            try await db.run("UPDATE oauth_tokens SET revoked_at = ?, refresh_hash = NULL WHERE account_id = ? AND revoked_at IS NULL",
                             [Self.millis(now), accountID])
            try await self.insertAuditEntry(db, entry)
            return true
        }
    }
}
