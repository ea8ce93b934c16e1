import Foundation
import StarlingCore
import StarlingSQL

/// Accounts: creating them, finding them (also for sign-in), and their profiles.
extension PostgresStore: AccountStore {
    public func insertAccount(_ account: NewAccount) async throws -> Account {
        try await database.write { try await self.insertAccount($0, account) }
    }

    /// Inserts an account inside a write; `DomainError.invalid` (username or email) when either is taken.
    func insertAccount(_ db: SQLConnection, _ new: NewAccount) async throws -> Account {
        let taken = try await db.first("SELECT username_key = :u, email_key = :e FROM accounts WHERE username_key = :u OR email_key = :e",
                                       ["u": new.username.lowercased(), "e": new.email.lowercased()]) { ($0.bool(0), $0.bool(1)) }
        if let (usernameTaken, _) = taken {
            throw usernameTaken
                ? DomainError.invalid(field: "username", message: "That username is taken.")
                : DomainError.invalid(field: "email", message: "An account with that email already exists.")
        }
        try await db.run("""
            INSERT INTO accounts (id, username, username_key, email, email_key, display_name, bio, role, password_hash, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [new.id, new.username, new.username.lowercased(), new.email, new.email.lowercased(),
             new.displayName, new.bio, new.role.rawValue, new.passwordHash, Self.millis(new.createdAt)])
        return Account(id: new.id, username: new.username, email: new.email, displayName: new.displayName,
                       bio: new.bio, role: new.role, createdAt: new.createdAt)
    }

    public func account(id: ID) async throws -> Account? {
        try await database.read { db in
            try await db.first("SELECT \(Self.accountColumns) FROM accounts a WHERE a.id = ?", [id]) { Self.account($0) }
        }
    }

    public func account(username: String) async throws -> Account? {
        try await database.read { db in
            let (sql, values) = Self.accountByUsername(username)
            return try await db.first(sql, values) { Self.account($0) }
        }
    }

    public func credentials(login: String) async throws -> (Account, passwordHash: String)? {
        let found = try await database.read { db in
            try await db.first("SELECT \(Self.accountColumns), a.password_hash FROM accounts a WHERE (a.username_key = :l OR a.email_key = :l) AND a.domain IS NULL",
                               ["l": login.lowercased()]) { (Self.account($0), $0.string(Self.accountColumnCount)) }
        }
        return found.map { ($0.0, passwordHash: $0.1) }
    }

    public func updateProfile(accountID: ID, displayName: String, bio: String, timeZone: String?) async throws {
        try await database.write { db in
            try await db.run("UPDATE accounts SET display_name = ?, bio = ?, time_zone = ? WHERE id = ?", [displayName, bio, timeZone, accountID])
        }
    }

    public func updateAvatar(accountID: ID, path: String?) async throws {
        try await database.write { db in try await db.run("UPDATE accounts SET avatar_path = ? WHERE id = ?", [path, accountID]) }
    }

    public func updatePasswordHash(accountID: ID, hash: String) async throws {
        try await database.write { db in
            try await db.run("UPDATE accounts SET password_hash = ? WHERE id = ?", [hash, accountID])
            try await db.run("DELETE FROM sessions WHERE account_id = ?", [accountID])
        }
    }

    public func accounts(page: PageRequest) async throws -> [Account] {
        try await database.read { db in
            try await db.rows("""
                SELECT \(Self.accountColumns) FROM accounts a WHERE a.domain IS NULL AND a.id < coalesce(:max, 9223372036854775807) ORDER BY a.id DESC LIMIT :limit
                """, ["max": page.maxID, "limit": page.limit]) { Self.account($0) }
        }
    }

    public func accountCount() async throws -> Int {
        try await database.read { Int(try await $0.scalar("SELECT count(*) FROM accounts WHERE domain IS NULL") ?? 0) }
    }
}
