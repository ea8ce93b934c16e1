import Foundation
import StarlingCore
import StarlingSQL

/// Single sign-on: which account an identity at the organization's provider or directory is.
extension SQLiteStore {
    public func account(issuer: String, subject: String) async throws -> Account? {
        try await database.readOffPool { db in
            try db.prepare("""
                SELECT \(Self.accountColumns) FROM external_identities x JOIN accounts a ON a.id = x.account_id
                WHERE x.issuer = ? AND x.subject = ?
                """)
                .bind([issuer, subject]).first { Self.account($0) }
        }
    }

    public func insertExternalAccount(_ account: NewAccount, issuer: String, subject: String, entry: AuditEntry) async throws -> Account {
        try await database.writeOffPool { db in
            _ = try self.insertAccount(db, account)
            try self.insertExternalIdentity(db, accountID: account.id, issuer: issuer, subject: subject, at: account.createdAt)
            try self.insertAuditEntry(db, entry)
            return try db.prepare("SELECT \(Self.accountColumns) FROM accounts a WHERE a.id = ?").bind([account.id.rawValue])
                .first { Self.account($0) }!
        }
    }

    public func linkExternalIdentity(accountID: ID, issuer: String, subject: String, entry: AuditEntry) async throws {
        try await database.writeOffPool { db in
            try self.insertExternalIdentity(db, accountID: accountID, issuer: issuer, subject: subject, at: entry.createdAt)
            try self.insertAuditEntry(db, entry)
        }
    }

    private func insertExternalIdentity(_ db: Connection, accountID: ID, issuer: String, subject: String, at date: Date) throws {
        try db.prepare("""
            INSERT INTO external_identities (issuer, subject, account_id, created_at) VALUES (?, ?, ?, ?)
            """)
            .bind([issuer, subject, accountID.rawValue, Self.millis(date)]).run()
    }

    public func account(email: String) async throws -> Account? {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.accountColumns) FROM accounts a WHERE a.email_key = ?").bind([email.lowercased()]).first { Self.account($0) }
        }
    }
}
