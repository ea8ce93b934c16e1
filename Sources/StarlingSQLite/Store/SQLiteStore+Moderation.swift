import Foundation
import StarlingCore
import StarlingSQL

/// Hidden posts and the audit log.
extension SQLiteStore {
    public func setHidden(postID: ID, reason: String?, entry: AuditEntry) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE posts SET hidden_at = ?, hidden_reason = ? WHERE id = ?")
                .bind([reason.map { _ in Self.millis(entry.createdAt) }, reason, postID.rawValue]).run()
            try self.insertAuditEntry(db, entry)
        }
    }

    public func insertWarning(_ entry: AuditEntry, notificationID: ID) async throws {
        guard let recipient = entry.targetAccountID, let moderator = entry.actorID else { return }
        try await database.writeOffPool { db in
            try self.insertAuditEntry(db, entry)
            try db.prepare("""
                INSERT INTO notifications (id, recipient_id, kind, actor_id, post_id, created_at, audit_id) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
                .bind([notificationID.rawValue, recipient.rawValue, StarlingCore.Notification.Kind.moderationWarning.rawValue,
                       moderator.rawValue, entry.targetPostID?.rawValue, Self.millis(entry.createdAt), entry.id.rawValue])
                .run()
        }
    }

    public func setSuspended(accountID: ID, _ on: Bool, entry: AuditEntry) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE accounts SET suspended_at = ? WHERE id = ?")
                .bind([on ? Self.millis(entry.createdAt) : nil, accountID.rawValue]).run()
            try self.insertAuditEntry(db, entry)
        }
    }

    public func insertAuditEntry(_ entry: AuditEntry) async throws {
        try await database.writeOffPool { db in try self.insertAuditEntry(db, entry) }
    }

    func insertAuditEntry(_ db: Connection, _ e: AuditEntry) throws {
        try db.prepare("""
            INSERT INTO audit_log (id, actor_id, action, program_id, target_account_id, target_post_id, reason, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
            .bind([e.id.rawValue, e.actorID?.rawValue, e.action.rawValue, e.programID?.rawValue, e.targetAccountID?.rawValue,
                   e.targetPostID?.rawValue, e.reason, Self.millis(e.createdAt)])
            .run()
    }

    public func auditLog(page: PageRequest) async throws -> [AuditEntry] {
        try await database.readOffPool { db in
            try db.prepare("""
                SELECT id, actor_id, action, program_id, target_account_id, target_post_id, reason, created_at FROM audit_log
                WHERE id < coalesce(:max, 9223372036854775807) ORDER BY id DESC LIMIT :limit
                """)
                .bind(["max": page.maxID?.rawValue, "limit": page.limit])
                .rows { row in
                    AuditEntry(id: ID(row.int64(0)), actorID: row.optionalInt64(1).map(ID.init),
                               action: AuditEntry.Action(rawValue: row.string(2)) ?? .hidePost, programID: row.optionalInt64(3).map(ID.init),
                               targetAccountID: row.optionalInt64(4).map(ID.init), targetPostID: row.optionalInt64(5).map(ID.init),
                               reason: row.string(6), createdAt: Self.date(row.int64(7)))
                }
        }
    }
}
