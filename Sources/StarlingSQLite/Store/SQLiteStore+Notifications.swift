import Foundation
import StarlingCore
import StarlingSQL

/// Notifications: listed newest first; "unread" means newer than the last one marked read.
extension SQLiteStore {
    public func notifications(recipientID: ID, page: PageRequest, kinds: Set<StarlingCore.Notification.Kind>?) async throws
        -> [StarlingCore.Notification] {
        try await database.readOffPool { db in
            let readUpTo = try self.readMarker(db, recipientID)
            let rows = try db.prepare("""
                SELECT n.id, n.kind, n.post_id, n.created_at, \(Self.accountColumns), w.reason, e.id, e.title, o.starts_at, g.id, g.title, n.detail
                FROM notifications n JOIN accounts a ON a.id = n.actor_id LEFT JOIN audit_log w ON w.id = n.audit_id
                LEFT JOIN event_occurrences o ON o.id = n.occurrence_id LEFT JOIN events e ON e.id = o.event_id
                LEFT JOIN programs g ON g.id = n.program_id
                WHERE n.recipient_id = :viewer
                  AND n.id < coalesce(:max, 9223372036854775807) AND n.id > coalesce(:lower, 0)
                  AND (:kinds IS NULL OR instr(:kinds, ',' || n.kind || ',') > 0)
                ORDER BY n.id \(page.readsUpwards ? "ASC" : "DESC") LIMIT :limit
                """)
                .bind(["viewer": recipientID.rawValue, "max": page.maxID?.rawValue, "lower": page.lowerBound?.rawValue,
                       "limit": page.limit, "kinds": kinds.map { "," + $0.map(\.rawValue).joined(separator: ",") + "," }])
                .rows { row in
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
            return try (page.readsUpwards ? rows.reversed() : rows).compactMap { row in
                guard let kind = StarlingCore.Notification.Kind(rawValue: row.kind) else { return nil }
                var post: PostView?
                if let postID = row.post {
                    // A notification about a post the recipient can no longer see is not shown.
                    guard let view = try self.postView(db, id: postID, viewer: recipientID) else { return nil }
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
        try await database.writeOffPool { db in
            try db.prepare("DELETE FROM notifications WHERE recipient_id = ? AND (? IS NULL OR id = ?)")
                .bind([recipientID.rawValue, id?.rawValue, id?.rawValue]).run()
        }
    }

    public func marker(accountID: ID, timeline: String) async throws -> Marker? {
        try await database.readOffPool { db in
            try db.prepare("SELECT last_read_id, version, updated_at FROM markers WHERE account_id = ? AND timeline = ?")
                .bind([accountID.rawValue, timeline])
                .first { Marker(timeline: timeline, lastReadID: ID($0.int64(0)), version: $0.int(1), updatedAt: Self.date($0.int64(2))) }
        }
    }

    /// Moving the notifications marker also marks those notifications read.
    public func setMarker(accountID: ID, timeline: String, lastReadID: ID) async throws -> Marker {
        let now = Date()
        return try await database.writeOffPool { db in
            let version = try db.prepare("""
                INSERT INTO markers (account_id, timeline, last_read_id, version, updated_at) VALUES (?, ?, ?, 1, ?)
                ON CONFLICT (account_id, timeline) DO UPDATE SET last_read_id = excluded.last_read_id,
                    version = markers.version + 1, updated_at = excluded.updated_at
                RETURNING version
                """)
                .bind([accountID.rawValue, timeline, lastReadID.rawValue, Self.millis(now)]).scalar() ?? 1
            if timeline == "notifications" {
                try db.prepare("UPDATE accounts SET notifications_read_id = ? WHERE id = ?").bind([lastReadID.rawValue, accountID.rawValue]).run()
            }
            return Marker(timeline: timeline, lastReadID: lastReadID, version: Int(version), updatedAt: now)
        }
    }

    public func unreadNotificationCount(recipientID: ID) async throws -> Int {
        try await database.readOffPool { db in
            Int(try db.prepare("""
                SELECT COUNT(*) FROM notifications n
                WHERE n.recipient_id = :viewer AND n.id > (SELECT notifications_read_id FROM accounts WHERE id = :viewer)
                """)
                .bind(["viewer": recipientID.rawValue]).scalar() ?? 0)
        }
    }

    public func markNotificationsRead(recipientID: ID, upTo: ID) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE accounts SET notifications_read_id = MAX(notifications_read_id, ?) WHERE id = ?")
                .bind([upTo.rawValue, recipientID.rawValue]).run()
        }
    }

    private func readMarker(_ db: Connection, _ accountID: ID) throws -> Int64 {
        try db.prepare("SELECT notifications_read_id FROM accounts WHERE id = ?").bind([accountID.rawValue]).scalar() ?? 0
    }
}
