import Foundation
import StarlingCore
import StarlingSQL

/// Provisioning and leaving: deactivation, roles, people as the identity provider knows them (SCIM),
/// and its tokens.
extension SQLiteStore {
    public func setDeactivated(accountID: ID, at date: Date?, entry: AuditEntry) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE accounts SET deactivated_at = ? WHERE id = ?").bind([date.map(Self.millis), accountID.rawValue]).run()
            if let date { try self.endAccess(db, accountID: accountID, at: date) }
            try self.insertAuditEntry(db, entry)
        }
    }

    /// Ends every browser session of the account and revokes its app tokens (deactivation and deletion).
    func endAccess(_ db: Connection, accountID: ID, at date: Date) throws {
        try db.prepare("DELETE FROM sessions WHERE account_id = ?").bind([accountID.rawValue]).run()
        try db.prepare("UPDATE oauth_tokens SET revoked_at = ?, refresh_hash = NULL WHERE account_id = ? AND revoked_at IS NULL")
            .bind([Self.millis(date), accountID.rawValue]).run()
    }

    public func updateEmail(accountID: ID, email: String) async throws {
        try await database.writeOffPool { db in
            guard try db.prepare("SELECT 1 FROM accounts WHERE email_key = ? AND id <> ?").bind([email.lowercased(), accountID.rawValue])
                .scalar() == nil else { throw DomainError.conflict("Another account has the email \(email).") }
            try db.prepare("UPDATE accounts SET email = ?, email_key = ? WHERE id = ?").bind([email, email.lowercased(), accountID.rawValue]).run()
        }
    }

    public func setRole(accountID: ID, _ role: Role, entry: AuditEntry) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE accounts SET role = ? WHERE id = ?").bind([role.rawValue, accountID.rawValue]).run()
            try self.insertAuditEntry(db, entry)
        }
    }

    public func provisionedUsers(_ query: ProvisionedUserQuery, offset: Int, limit: Int) async throws -> (users: [ProvisionedUser], total: Int) {
        let (condition, value): (String, String?) = switch query {
        case .all: ("1", nil)
        case .userName(let name): ("coalesce(s.user_name_key, a.email_key) = lower(:value)", name)
        case .externalID(let id): ("s.external_id = :value", id)
        case .email(let email): ("a.email_key = lower(:value)", email)
        }
        let from = "FROM accounts a LEFT JOIN scim_identities s ON s.account_id = a.id WHERE s.deleted_at IS NULL AND a.domain IS NULL AND \(condition)"
        let parameters: [String: any SQLBindable] = value.map { ["value": $0] } ?? [:]
        return try await database.readOffPool { db in
            let total = Int(try db.prepare("SELECT count(*) \(from)").bind(parameters).scalar() ?? 0)
            let users = try db.prepare("SELECT \(Self.accountColumns), \(Self.identityColumns) \(from) ORDER BY a.id LIMIT :limit OFFSET :offset")
                .bind(parameters.merging(["limit": min(limit, Int(Int32.max)), "offset": offset]) { first, _ in first })
                .rows { ProvisionedUser(account: Self.account($0), identity: Self.identity($0, from: Self.accountColumnCount)) }
            return (users, total)
        }
    }

    public func provisionedUser(accountID: ID) async throws -> ProvisionedUser? {
        try await database.readOffPool { db in
            try db.prepare("""
                SELECT \(Self.accountColumns), \(Self.identityColumns)
                FROM accounts a LEFT JOIN scim_identities s ON s.account_id = a.id WHERE a.id = ? AND s.deleted_at IS NULL
                """)
                .bind([accountID.rawValue]).first { ProvisionedUser(account: Self.account($0), identity: Self.identity($0, from: Self.accountColumnCount)) }
        }
    }

    public func identity(userName: String) async throws -> SCIMIdentity? {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.identityColumns) FROM scim_identities s WHERE s.user_name_key = ?")
                .bind([userName.lowercased()]).first { Self.identity($0) } ?? nil
        }
    }

    public func insertProvisionedAccount(_ account: NewAccount, identity: SCIMIdentity, entry: AuditEntry) async throws -> Account {
        try await database.writeOffPool { db in
            guard try db.prepare("SELECT 1 FROM accounts WHERE email_key = ?").bind([account.email.lowercased()]).scalar() == nil else {
                throw DomainError.conflict("An account with the email \(account.email) exists.")
            }
            _ = try self.insertAccount(db, account)
            try self.saveIdentity(db, identity)
            try self.insertAuditEntry(db, entry)
            return try db.prepare("SELECT \(Self.accountColumns) FROM accounts a WHERE a.id = ?").bind([account.id.rawValue])
                .first { Self.account($0) }!
        }
    }

    public func saveIdentity(_ identity: SCIMIdentity) async throws {
        try await database.writeOffPool { db in try self.saveIdentity(db, identity) }
    }

    private func saveIdentity(_ db: Connection, _ identity: SCIMIdentity) throws {
        guard try db.prepare("SELECT 1 FROM scim_identities WHERE user_name_key = ? AND account_id <> ?")
            .bind([identity.userName.lowercased(), identity.accountID.rawValue]).scalar() == nil else {
            throw DomainError.conflict("Another person has the userName \(identity.userName).")
        }
        try db.prepare("""
            INSERT INTO scim_identities (account_id, user_name, user_name_key, external_id, given_name, family_name, created_at, updated_at, deleted_at)
            VALUES (:id, :name, lower(:name), :external, :given, :family, :created, :updated, :deleted)
            ON CONFLICT (account_id) DO UPDATE SET user_name = excluded.user_name, user_name_key = excluded.user_name_key,
                external_id = excluded.external_id, given_name = excluded.given_name, family_name = excluded.family_name,
                updated_at = excluded.updated_at, deleted_at = excluded.deleted_at
            """)
            .bind(["id": identity.accountID.rawValue, "name": identity.userName, "external": identity.externalID,
                   "given": identity.givenName, "family": identity.familyName, "created": Self.millis(identity.createdAt),
                   "updated": Self.millis(identity.updatedAt), "deleted": identity.deletedAt.map(Self.millis)]).run()
    }

    public func insertProvisioningToken(_ token: ProvisioningToken, hash: String) async throws {
        try await database.writeOffPool { db in
            try db.prepare("INSERT INTO provisioning_tokens (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)")
                .bind([token.id.rawValue, token.name, hash, Self.millis(token.createdAt)]).run()
        }
    }

    public func useProvisioningToken(hash: String, now: Date) async throws -> ProvisioningToken? {
        guard let token = try database.read({ db in
            try db.prepare("SELECT id, name, created_at, last_used_at FROM provisioning_tokens WHERE token_hash = ?").bind([hash])
                .first(Self.provisioningToken)
        }) else { return nil }
        // Noted at most once a minute: a provider's sync sends many requests.
        if token.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            try await database.writeOffPool { db in
                try db.prepare("UPDATE provisioning_tokens SET last_used_at = ? WHERE id = ?").bind([Self.millis(now), token.id.rawValue]).run()
            }
        }
        return token
    }

    public func provisioningTokens() async throws -> [ProvisioningToken] {
        try await database.readOffPool { db in
            try db.prepare("SELECT id, name, created_at, last_used_at FROM provisioning_tokens ORDER BY id").rows(Self.provisioningToken)
        }
    }

    public func deleteProvisioningToken(id: ID) async throws {
        try await database.writeOffPool { db in try db.prepare("DELETE FROM provisioning_tokens WHERE id = ?").bind([id.rawValue]).run() }
    }
}
