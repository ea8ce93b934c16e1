import Foundation
import StarlingCore
import StarlingSQL

/// Accounts, invitations, sessions and settings.
extension SQLiteStore {
    public func insertAccount(_ account: NewAccount) async throws -> Account {
        try await database.writeOffPool { try self.insertAccount($0, account) }
    }

    /// Inserts an account inside a write; `DomainError.invalid` (username or email) when either is taken.
    func insertAccount(_ db: Connection, _ new: NewAccount) throws -> Account {
        let taken = try db.prepare("SELECT username_key = :u, email_key = :e FROM accounts WHERE username_key = :u OR email_key = :e")
            .bind(["u": new.username.lowercased(), "e": new.email.lowercased()])
            .first { ($0.bool(0), $0.bool(1)) }
        if let (usernameTaken, _) = taken {
            throw usernameTaken
                ? DomainError.invalid(field: "username", message: "That username is taken.")
                : DomainError.invalid(field: "email", message: "An account with that email already exists.")
        }
        try db.prepare("""
            INSERT INTO accounts (id, username, username_key, email, email_key, display_name, bio, role, password_hash, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
            .bind([new.id.rawValue, new.username, new.username.lowercased(), new.email, new.email.lowercased(),
                   new.displayName, new.bio, new.role.rawValue, new.passwordHash, Self.millis(new.createdAt)])
            .run()
        return Account(id: new.id, username: new.username, email: new.email, displayName: new.displayName,
                       bio: new.bio, role: new.role, createdAt: new.createdAt)
    }

    public func account(id: ID) async throws -> Account? {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.accountColumns) FROM accounts a WHERE a.id = ?").bind([id.rawValue]).first { Self.account($0) }
        }
    }

    public func account(username: String) async throws -> Account? {
        try await database.readOffPool { db in
            let (sql, values) = Self.accountByUsername(username)
            return try db.prepare(sql).bind(values).first { Self.account($0) }
        }
    }

    public func credentials(login: String) async throws -> (Account, passwordHash: String)? {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.accountColumns), a.password_hash FROM accounts a WHERE (a.username_key = :l OR a.email_key = :l) AND a.domain IS NULL")
                .bind(["l": login.lowercased()])
                .first { (Self.account($0), $0.string(Self.accountColumnCount)) }
        }
    }

    public func updateProfile(accountID: ID, displayName: String, bio: String, timeZone: String?) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE accounts SET display_name = ?, bio = ?, time_zone = ? WHERE id = ?")
                .bind([displayName, bio, timeZone, accountID.rawValue]).run()
        }
    }

    public func updateAvatar(accountID: ID, path: String?) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE accounts SET avatar_path = ? WHERE id = ?").bind([path, accountID.rawValue]).run()
        }
    }

    public func updatePasswordHash(accountID: ID, hash: String) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE accounts SET password_hash = ? WHERE id = ?").bind([hash, accountID.rawValue]).run()
            try db.prepare("DELETE FROM sessions WHERE account_id = ?").bind([accountID.rawValue]).run()
        }
    }

    public func accounts(page: PageRequest) async throws -> [Account] {
        try await database.readOffPool { db in
            try db.prepare("""
                SELECT \(Self.accountColumns) FROM accounts a WHERE a.domain IS NULL AND a.id < coalesce(:max, 9223372036854775807) ORDER BY a.id DESC LIMIT :limit
                """)
                .bind(["max": page.maxID?.rawValue, "limit": page.limit])
                .rows { Self.account($0) }
        }
    }

    public func accountCount() async throws -> Int {
        try await database.readOffPool { db in Int(try db.prepare("SELECT COUNT(*) FROM accounts WHERE domain IS NULL").scalar() ?? 0) }
    }

    // MARK: Invitations

    public func insertInvitation(_ invitation: Invitation) async throws {
        try await database.writeOffPool { db in
            try db.prepare("INSERT INTO invitations (code, role, program_id, event_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .bind([invitation.code, invitation.role.rawValue, invitation.programID?.rawValue, invitation.eventID?.rawValue, invitation.createdBy?.rawValue,
                       Self.millis(invitation.createdAt), Self.millis(invitation.expiresAt)])
                .run()
        }
    }

    public func invitation(code: String) async throws -> Invitation? {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.invitationColumns) FROM invitations WHERE code = ?").bind([code]).first(Self.invitation)
        }
    }

    public func invitations() async throws -> [Invitation] {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.invitationColumns) FROM invitations ORDER BY created_at DESC LIMIT 200").rows(Self.invitation)
        }
    }

    public func redeemInvitation(code: String, account: NewAccount, at now: Date) async throws -> Account? {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE invitations SET used_at = ? WHERE code = ? AND used_by IS NULL AND expires_at > ?")
                .bind([Self.millis(now), code, Self.millis(now)]).run()
            guard db.changes == 1 else { return nil }
            var created = try self.insertAccount(db, account)
            try db.prepare("UPDATE invitations SET used_by = ? WHERE code = ?").bind([created.id.rawValue, code]).run()
            // An invitation to a program makes a guest, its guest expert (who accepts the agreement on arrival);
            // one to an event makes a guest who is the event's expert.
            let (programID, eventID) = try db.prepare("SELECT program_id, event_id FROM invitations WHERE code = ?").bind([code])
                .first { ($0.optionalInt64(0), $0.optionalInt64(1)) } ?? (nil, nil)
            if programID != nil || eventID != nil {
                try db.prepare("UPDATE accounts SET guest = 1 WHERE id = ?").bind([created.id.rawValue]).run()
                created.isGuest = true
            }
            if let programID {
                try self.saveMembership(db, ProgramMembership(programID: ID(programID), accountID: created.id, role: .expert, joinedAt: now))
            }
            if let eventID {
                try db.prepare("INSERT OR IGNORE INTO event_experts (event_id, account_id) VALUES (?, ?)").bind([eventID, created.id.rawValue]).run()
            }
            return created
        }
    }

    // MARK: Sessions and settings

    public func insertSession(tokenHash: String, accountID: ID, expiresAt: Date) async throws {
        try await database.writeOffPool { db in
            try db.prepare("INSERT INTO sessions (token_hash, account_id, expires_at) VALUES (?, ?, ?)")
                .bind([tokenHash, accountID.rawValue, Self.millis(expiresAt)]).run()
        }
    }

    public func session(tokenHash: String, now: Date) async throws -> Account? {
        try await database.readOffPool { db in
            try db.prepare("""
                SELECT \(Self.accountColumns) FROM sessions s JOIN accounts a ON a.id = s.account_id
                WHERE s.token_hash = ? AND s.expires_at > ? AND a.suspended_at IS NULL AND a.deactivated_at IS NULL
                """)
                .bind([tokenHash, Self.millis(now)]).first { Self.account($0) }
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await database.writeOffPool { db in try db.prepare("DELETE FROM sessions WHERE token_hash = ?").bind([tokenHash]).run() }
    }

    public func setting(_ key: String) async throws -> String? {
        try await database.readOffPool { db in try db.prepare("SELECT value FROM settings WHERE key = ?").bind([key]).first { $0.string(0) } }
    }

    public func setSetting(_ key: String, value: String) async throws {
        try await database.writeOffPool { db in
            try db.prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                .bind([key, value]).run()
        }
    }
}
