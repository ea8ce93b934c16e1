import Foundation
import StarlingCore
import StarlingSQL

/// Single sign-on: which account an identity at the organization's provider or directory is.
extension PostgresStore: SingleSignOnStore {
    public func account(issuer: String, subject: String) async throws -> Account? {
        try await database.read { db in
            try await db.first("""
                SELECT \(Self.accountColumns) FROM external_identities x JOIN accounts a ON a.id = x.account_id
                WHERE x.issuer = ? AND x.subject = ?
                """, [issuer, subject]) { Self.account($0) }
        }
    }

    public func insertExternalAccount(_ account: NewAccount, issuer: String, subject: String, entry: AuditEntry) async throws -> Account {
        try await database.write { db in
            let created = try await self.insertAccount(db, account)
            try await self.insertExternalIdentity(db, accountID: account.id, issuer: issuer, subject: subject, at: account.createdAt)
            try await self.insertAuditEntry(db, entry)
            return created
        }
    }

    public func linkExternalIdentity(accountID: ID, issuer: String, subject: String, entry: AuditEntry) async throws {
        try await database.write { db in
            try await self.insertExternalIdentity(db, accountID: accountID, issuer: issuer, subject: subject, at: entry.createdAt)
            try await self.insertAuditEntry(db, entry)
        }
    }

    private func insertExternalIdentity(_ db: SQLConnection, accountID: ID, issuer: String, subject: String, at date: Date) async throws {
        try await db.run("INSERT INTO external_identities (issuer, subject, account_id, created_at) VALUES (?, ?, ?, ?)",
                         [issuer, subject, accountID, Self.millis(date)])
    }

    public func account(email: String) async throws -> Account? {
        try await database.read { db in
            try await db.first("SELECT \(Self.accountColumns) FROM accounts a WHERE a.email_key = ?", [email.lowercased()]) { Self.account($0) }
        }
    }
}
