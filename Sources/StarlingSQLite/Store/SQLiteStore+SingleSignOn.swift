import Foundation
import StarlingCore

/// Single sign-on: which account an identity at the organization's provider or directory is.
extension SQLiteStore {
    public func account(issuer: String, subject: String) throws -> Account? {
        try database.read { db in
            try db.prepare("""
                SELECT \(Self.accountColumns) FROM external_identities x JOIN accounts a ON a.id = x.account_id
                WHERE x.issuer = ? AND x.subject = ?
                """)
                .bind([issuer, subject]).first { Self.account($0) }
        }
    }

    public func insertExternalAccount(_ account: NewAccount, issuer: String, subject: String, entry: AuditEntry) throws -> Account {
        try database.write { db in
            _ = try insertAccount(db, account)
            try insertExternalIdentity(db, accountID: account.id, issuer: issuer, subject: subject, at: account.createdAt)
            try insertAuditEntry(db, entry)
            return try db.prepare("SELECT \(Self.accountColumns) FROM accounts a WHERE a.id = ?").bind([account.id.rawValue])
                .first { Self.account($0) }!
        }
    }

    public func linkExternalIdentity(accountID: ID, issuer: String, subject: String, entry: AuditEntry) throws {
        try database.write { db in
            try insertExternalIdentity(db, accountID: accountID, issuer: issuer, subject: subject, at: entry.createdAt)
            try insertAuditEntry(db, entry)
        }
    }

    private func insertExternalIdentity(_ db: Connection, accountID: ID, issuer: String, subject: String, at date: Date) throws {
        try db.prepare("""
            INSERT INTO external_identities (issuer, subject, account_id, created_at) VALUES (?, ?, ?, ?)
            """)
            .bind([issuer, subject, accountID.rawValue, Self.millis(date)]).run()
    }

    public func account(email: String) throws -> Account? {
        try database.read { db in
            try db.prepare("SELECT \(Self.accountColumns) FROM accounts a WHERE a.email_key = ?").bind([email.lowercased()]).first { Self.account($0) }
        }
    }
}
