import Foundation
import StarlingCore
import StarlingSQL

/// Notifications: listed newest first; "unread" means newer than the last one marked read.
extension PostgresStore {
    public func notifications(recipientID: ID, page: PageRequest, kinds: Set<StarlingCore.Notification.Kind>?) async throws
        -> [StarlingCore.Notification] {
        try await database.read { db in
            let readUpTo = try await self.readMarker(db, recipientID)
            let rows = try await db.rows("""
                SELECT n.id, n.kind, n.post_id, n.created_at, \(Self.accountColumns), w.reason, e.id, e.title, o.starts_at, g.id, g.title, n.detail
                FROM notifications n JOIN accounts a ON a.id = n.actor_id LEFT JOIN audit_log w ON w.id = n.audit_id
                LEFT JOIN event_occurrences o ON o.id = n.occurrence_id LEFT JOIN events e ON e.id = o.event_id
                LEFT JOIN programs g ON g.id = n.program_id
                WHERE n.recipient_id = :viewer
                  AND n.id < coalesce(:max, 9223372036854775807) AND n.id > coalesce(:lower, 0)
                  AND (:kinds IS NULL OR strpos(:kinds, ',' || n.kind || ',') > 0)
                ORDER BY n.id \(page.readsUpwards ? "ASC" : "DESC") LIMIT :limit
                """, ["viewer": recipientID, "max": page.maxID, "lower": page.lowerBound?.rawValue,
                       "limit": page.limit, "kinds": kinds.map { "," + $0.map(\.rawValue).joined(separator: ",") + "," }]) { row in
                    (id: ID(row.int64(0)), kind: row.string(1), post: row.optionalInt64(2).map(ID.init),
                     at: Self.date(row.int64(3)), actor: Self.account(row, from: 4), warning: row.optionalString(4 + Self.accountColumnCount),
                     event: row.optionalInt64(5 + Self.accountColumnCount).map { id in
                         EventNotice(eventID: ID(id), title: row.string(6 + Self.accountColumnCount),
                                     startsAt: Self.date(row.int64(7 + Self.accountColumnCount)))
                     },
                     digest: row.optionalInt64(8 + Self.accountColumnCount).map { id in
                         DigestNotice(programID: ID(id), programTitle: row.string(9 + Self.accountColumnCount),
                                      summary: row.optionalString(10 + Self.accountColumnCount) ?? "")
                     })
                }
            return try await (page.readsUpwards ? rows.reversed() : rows).asyncCompactMap { row in
                guard let kind = StarlingCore.Notification.Kind(rawValue: row.kind) else { return nil }
                var post: PostView?
                if let postID = row.post {
                    // A notification about a post the recipient can no longer see is not shown.
                    guard let view = try await self.postView(db, id: postID, viewer: recipientID) else { return nil }
                    post = view
                }
                var notification = StarlingCore.Notification(id: row.id, kind: kind, actor: row.actor, post: post,
                                                             createdAt: row.at, isUnread: row.id.rawValue > readUpTo)
                notification.warning = row.warning
                notification.event = row.event
                notification.digest = row.digest
                return notification
            }
        }
    }

    public func dismissNotifications(recipientID: ID, id: ID?) async throws {
        try await database.write { db in
            try await db.run("DELETE FROM notifications WHERE recipient_id = ? AND (? IS NULL OR id = ?)", [recipientID, id, id])
        }
    }

    public func marker(accountID: ID, timeline: String) async throws -> Marker? {
        try await database.read { db in
            try await db.first("SELECT last_read_id, version, updated_at FROM markers WHERE account_id = ? AND timeline = ?",
                [accountID, timeline]) { Marker(timeline: timeline, lastReadID: ID($0.int64(0)), version: $0.int(1), updatedAt: Self.date($0.int64(2))) }
        }
    }

    /// Moving the notifications marker also marks those notifications read.
    public func setMarker(accountID: ID, timeline: String, lastReadID: ID) async throws -> Marker {
        let now = Date()
        return try await database.write { db in
            let version = try await db.scalar("""
                INSERT INTO markers (account_id, timeline, last_read_id, version, updated_at) VALUES (?, ?, ?, 1, ?)
                ON CONFLICT (account_id, timeline) DO UPDATE SET last_read_id = excluded.last_read_id,
                    version = markers.version + 1, updated_at = excluded.updated_at
                RETURNING version
                """, [accountID, timeline, lastReadID, Self.millis(now)]) ?? 1
            if timeline == "notifications" {
                try await db.run("UPDATE accounts SET notifications_read_id = ? WHERE id = ?", [lastReadID, accountID])
            }
            return Marker(timeline: timeline, lastReadID: lastReadID, version: Int(version), updatedAt: now)
        }
    }

    public func unreadNotificationCount(recipientID: ID) async throws -> Int {
        try await database.read { db in
            Int(try await db.scalar("""
                SELECT COUNT(*) FROM notifications n
                WHERE n.recipient_id = :viewer AND n.id > (SELECT notifications_read_id FROM accounts WHERE id = :viewer)
                """, ["viewer": recipientID]) ?? 0)
        }
    }

    public func markNotificationsRead(recipientID: ID, upTo: ID) async throws {
        try await database.write { db in
            try await db.run("UPDATE accounts SET notifications_read_id = greatest(notifications_read_id, ?) WHERE id = ?", [upTo.rawValue, recipientID])
        }
    }

    private func readMarker(_ db: SQLConnection, _ accountID: ID) async throws -> Int64 {
        try await db.scalar("SELECT notifications_read_id FROM accounts WHERE id = ?", [accountID]) ?? 0
    }
}
