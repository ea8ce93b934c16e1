import Foundation
import StarlingCore
import StarlingSQL

/// Hidden posts and the audit log.
extension PostgresStore {
    public func setHidden(postID: ID, reason: String?, entry: AuditEntry) async throws {
        try await database.write { db in
            try await db.run("UPDATE posts SET hidden_at = ?, hidden_reason = ? WHERE id = ?",
                [reason.map { _ in Self.millis(entry.createdAt) }, reason, postID])
            try await self.insertAuditEntry(db, entry)
        }
    }

    public func insertWarning(_ entry: AuditEntry, notificationID: ID) async throws {
        guard let recipient = entry.targetAccountID, let moderator = entry.actorID else { return }
        try await database.write { db in
            try await self.insertAuditEntry(db, entry)
            try await db.run("""
                INSERT INTO notifications (id, recipient_id, kind, actor_id, post_id, created_at, audit_id) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [notificationID, recipient, StarlingCore.Notification.Kind.moderationWarning.rawValue,
                       moderator.rawValue, entry.targetPostID, Self.millis(entry.createdAt), entry.id])
        }
    }

    public func setSuspended(accountID: ID, _ on: Bool, entry: AuditEntry) async throws {
        try await database.write { db in
            try await db.run("UPDATE accounts SET suspended_at = ? WHERE id = ?", [on ? Self.millis(entry.createdAt) : nil, accountID])
            try await self.insertAuditEntry(db, entry)
        }
    }

    public func insertAuditEntry(_ entry: AuditEntry) async throws {
        try await database.write { db in try await self.insertAuditEntry(db, entry) }
    }

    func insertAuditEntry(_ db: SQLConnection, _ e: AuditEntry) async throws {
        try await db.run("""
            INSERT INTO audit_log (id, actor_id, action, program_id, target_account_id, target_post_id, reason, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [e.id, e.actorID, e.action.rawValue, e.programID, e.targetAccountID,
                   e.targetPostID, e.reason, Self.millis(e.createdAt)])
    }

    public func auditLog(page: PageRequest) async throws -> [AuditEntry] {
        try await database.read { db in
            try await db.rows("""
                SELECT id, actor_id, action, program_id, target_account_id, target_post_id, reason, created_at FROM audit_log
                WHERE id < coalesce(:max, 9223372036854775807) ORDER BY id DESC LIMIT :limit
                """, ["max": page.maxID, "limit": page.limit]) { row in
                    AuditEntry(id: ID(row.int64(0)), actorID: row.optionalInt64(1).map(ID.init),
                               action: AuditEntry.Action(rawValue: row.string(2)) ?? .hidePost, programID: row.optionalInt64(3).map(ID.init),
                               targetAccountID: row.optionalInt64(4).map(ID.init), targetPostID: row.optionalInt64(5).map(ID.init),
                               reason: row.string(6), createdAt: Self.date(row.int64(7)))
                }
        }
    }
}
