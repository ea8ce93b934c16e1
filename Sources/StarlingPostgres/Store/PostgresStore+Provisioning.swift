import Foundation
import StarlingCore
import StarlingSQL

/// Provisioning and leaving: deactivation, roles, people as the identity provider knows them (SCIM),
/// and its tokens.
extension PostgresStore {
    public func setDeactivated(accountID: ID, at date: Date?, entry: AuditEntry) async throws {
        try await database.write { db in
            try await db.run("UPDATE accounts SET deactivated_at = ? WHERE id = ?", [date.map(Self.millis), accountID])
            if let date { try await self.endAccess(db, accountID: accountID, at: date) }
            try await self.insertAuditEntry(db, entry)
        }
    }

    /// Ends every browser session of the account and revokes its app tokens (deactivation and deletion).
    func endAccess(_ db: SQLConnection, accountID: ID, at date: Date) async throws {
        try await db.run("DELETE FROM sessions WHERE account_id = ?", [accountID])
        try await db.run("UPDATE oauth_tokens SET revoked_at = ?, refresh_hash = NULL WHERE account_id = ? AND revoked_at IS NULL",
            [Self.millis(date), accountID])
    }

    public func updateEmail(accountID: ID, email: String) async throws {
        try await database.write { db in
            guard try await db.scalar("SELECT 1 FROM accounts WHERE email_key = ? AND id <> ?", [email.lowercased(), accountID]) == nil else { throw DomainError.conflict("Another account has the email \(email).") }
            try await db.run("UPDATE accounts SET email = ?, email_key = ? WHERE id = ?", [email, email.lowercased(), accountID])
        }
    }

    public func setRole(accountID: ID, _ role: Role, entry: AuditEntry) async throws {
        try await database.write { db in
            try await db.run("UPDATE accounts SET role = ? WHERE id = ?", [role.rawValue, accountID])
            try await self.insertAuditEntry(db, entry)
        }
    }

    public func provisionedUsers(_ query: ProvisionedUserQuery, offset: Int, limit: Int) async throws -> (users: [ProvisionedUser], total: Int) {
        let (condition, value): (String, String?) = switch query {
        case .all: ("TRUE", nil)
        case .userName(let name): ("coalesce(s.user_name_key, a.email_key) = lower(:value)", name)
        case .externalID(let id): ("s.external_id = :value", id)
        case .email(let email): ("a.email_key = lower(:value)", email)
        }
        let from = "FROM accounts a LEFT JOIN scim_identities s ON s.account_id = a.id WHERE s.deleted_at IS NULL AND a.domain IS NULL AND \(condition)"
        let parameters: [String: any SQLBindable] = value.map { ["value": $0] } ?? [:]
        return try await database.read { db in
            let total = Int(try await db.scalar("SELECT count(*) \(from)", parameters) ?? 0)
            let users = try await db.rows("SELECT \(Self.accountColumns), \(Self.identityColumns) \(from) ORDER BY a.id LIMIT :limit OFFSET :offset",
                parameters.merging(["limit": min(limit, Int(Int32.max)), "offset": offset]) { first, _ in first }) { ProvisionedUser(account: Self.account($0), identity: Self.identity($0, from: Self.accountColumnCount)) }
            return (users, total)
        }
    }

    public func provisionedUser(accountID: ID) async throws -> ProvisionedUser? {
        try await database.read { db in
            try await db.first("""
                SELECT \(Self.accountColumns), \(Self.identityColumns)
                FROM accounts a LEFT JOIN scim_identities s ON s.account_id = a.id WHERE a.id = ? AND s.deleted_at IS NULL
                """, [accountID]) { ProvisionedUser(account: Self.account($0), identity: Self.identity($0, from: Self.accountColumnCount)) }
        }
    }

    public func identity(userName: String) async throws -> SCIMIdentity? {
        try await database.read { db in
            try await db.first("SELECT \(Self.identityColumns) FROM scim_identities s WHERE s.user_name_key = ?",
                [userName.lowercased()]) { Self.identity($0) } ?? nil
        }
    }

    public func insertProvisionedAccount(_ account: NewAccount, identity: SCIMIdentity, entry: AuditEntry) async throws -> Account {
        try await database.write { db in
            guard try await db.scalar("SELECT 1 FROM accounts WHERE email_key = ?", [account.email.lowercased()]) == nil else {
                throw DomainError.conflict("An account with the email \(account.email) exists.")
            }
            _ = try await self.insertAccount(db, account)
            try await self.saveIdentity(db, identity)
            try await self.insertAuditEntry(db, entry)
            return try await db.first("SELECT \(Self.accountColumns) FROM accounts a WHERE a.id = ?", [account.id]) { Self.account($0) }!
        }
    }

    public func saveIdentity(_ identity: SCIMIdentity) async throws {
        try await database.write { db in try await self.saveIdentity(db, identity) }
    }

    private func saveIdentity(_ db: SQLConnection, _ identity: SCIMIdentity) async throws {
        guard try await db.scalar("SELECT 1 FROM scim_identities WHERE user_name_key = ? AND account_id <> ?",
            [identity.userName.lowercased(), identity.accountID]) == nil else {
            throw DomainError.conflict("Another person has the userName \(identity.userName).")
        }
        try await db.run("""
            INSERT INTO scim_identities (account_id, user_name, user_name_key, external_id, given_name, family_name, created_at, updated_at, deleted_at)
            VALUES (:id, :name, lower(:name), :external, :given, :family, :created, :updated, :deleted)
            ON CONFLICT (account_id) DO UPDATE SET user_name = excluded.user_name, user_name_key = excluded.user_name_key,
                external_id = excluded.external_id, given_name = excluded.given_name, family_name = excluded.family_name,
                updated_at = excluded.updated_at, deleted_at = excluded.deleted_at
            """, ["id": identity.accountID, "name": identity.userName, "external": identity.externalID,
                   "given": identity.givenName, "family": identity.familyName, "created": Self.millis(identity.createdAt),
                   "updated": Self.millis(identity.updatedAt), "deleted": identity.deletedAt.map(Self.millis)])
    }

    public func insertProvisioningToken(_ token: ProvisioningToken, hash: String) async throws {
        try await database.write { db in
            try await db.run("INSERT INTO provisioning_tokens (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)",
                [token.id, token.name, hash, Self.millis(token.createdAt)])
        }
    }

    public func useProvisioningToken(hash: String, now: Date) async throws -> ProvisioningToken? {
        guard let token = try await database.read({ db in
            try await db.first("SELECT id, name, created_at, last_used_at FROM provisioning_tokens WHERE token_hash = ?",
                [hash], Self.provisioningToken)
        }) else { return nil }
        // Noted at most once a minute: a provider's sync sends many requests.
        if token.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            try await database.write { db in
                try await db.run("UPDATE provisioning_tokens SET last_used_at = ? WHERE id = ?", [Self.millis(now), token.id])
            }
        }
        return token
    }

    public func provisioningTokens() async throws -> [ProvisioningToken] {
        try await database.read { db in
            try await db.rows("SELECT id, name, created_at, last_used_at FROM provisioning_tokens ORDER BY id", [], Self.provisioningToken)
        }
    }

    public func deleteProvisioningToken(id: ID) async throws {
        try await database.write { db in try await db.run("DELETE FROM provisioning_tokens WHERE id = ?", [id]) }
    }
}
