import Foundation
import StarlingCore
import StarlingSQL

/// Invitations: made by admins and facilitators, redeemed once into a new account.
extension PostgresStore: InvitationStore {
    public func insertInvitation(_ invitation: Invitation) async throws {
        try await database.write { db in
            try await db.run("INSERT INTO invitations (code, role, program_id, event_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)", [invitation.code, invitation.role.rawValue, invitation.programID, invitation.eventID, invitation.createdBy?.rawValue,
                       Self.millis(invitation.createdAt), Self.millis(invitation.expiresAt)])
        }
    }

    public func invitation(code: String) async throws -> Invitation? {
        try await database.read { db in
            try await db.first("SELECT \(Self.invitationColumns) FROM invitations WHERE code = ?", [code], Self.invitation)
        }
    }

    public func invitations() async throws -> [Invitation] {
        try await database.read { db in
            try await db.rows("SELECT \(Self.invitationColumns) FROM invitations ORDER BY created_at DESC LIMIT 200", [], Self.invitation)
        }
    }

    public func redeemInvitation(code: String, account: NewAccount, at now: Date) async throws -> Account? {
        try await database.write { db in
            let redeemed = try await db.run("UPDATE invitations SET used_at = ? WHERE code = ? AND used_by IS NULL AND expires_at > ? RETURNING 1",
                                            [Self.millis(now), code, Self.millis(now)])
            guard redeemed == 1 else { return nil }
            var created = try await self.insertAccount(db, account)
            try await db.run("UPDATE invitations SET used_by = ? WHERE code = ?", [created.id, code])
            // An invitation to a program makes a guest, its guest expert (who accepts the agreement on arrival);
            // one to an event makes a guest who is the event's expert.
            let (programID, eventID) = try await db.first("SELECT program_id, event_id FROM invitations WHERE code = ?",
                [code]) { ($0.optionalInt64(0), $0.optionalInt64(1)) } ?? (nil, nil)
            if programID != nil || eventID != nil {
                try await db.run("UPDATE accounts SET guest = TRUE WHERE id = ?", [created.id])
                created.isGuest = true
            }
            if let programID {
                try await self.saveMembership(db, ProgramMembership(programID: ID(programID), accountID: created.id, role: .expert, joinedAt: now))
            }
            if let eventID {
                try await db.run("INSERT INTO event_experts (event_id, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING", [eventID, created.id])
            }
            return created
        }
    }
}
