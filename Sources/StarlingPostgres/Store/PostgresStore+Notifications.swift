import Foundation
import StarlingCore
import StarlingSQL

/// Notifications: listed newest first; "unread" means newer than the last one marked read.
extension PostgresStore {
    public func notifications(recipientID: ID, page: PageRequest, kinds: Set<StarlingCore.Notification.Kind>?) async throws
        -> [StarlingCore.Notification] {
        try await database.read { db in
            let readUpTo = try await self.readMarker(db, recipientID)
            let stored = try await db.rows(Self.notificationsQuery(readsUpwards: page.readsUpwards),
                                           Self.notificationsParameters(recipientID: recipientID, page: page, kinds: kinds)) { Self.storedNotification($0) }
            let posts = try await self.postViews(db, ids: stored.compactMap(\.postID), viewer: recipientID)
            return Self.notifications(stored, posts: posts, readUpTo: readUpTo, readsUpwards: page.readsUpwards)
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
