import Foundation
import StarlingCore
import StarlingSQL

/// Notifications: listed newest first; "unread" means newer than the last one marked read.
extension SQLiteStore {
    public func notifications(recipientID: ID, page: PageRequest, kinds: Set<StarlingCore.Notification.Kind>?) async throws
        -> [StarlingCore.Notification] {
        try await database.readOffPool { db in
            let readUpTo = try self.readMarker(db, recipientID)
            let stored = try db.prepare(Self.notificationsQuery(readsUpwards: page.readsUpwards))
                .bind(Self.notificationsParameters(recipientID: recipientID, page: page, kinds: kinds)).rows { Self.storedNotification($0) }
            let posts = try self.postViews(db, ids: stored.compactMap(\.postID), viewer: recipientID)
            return Self.notifications(stored, posts: posts, readUpTo: readUpTo, readsUpwards: page.readsUpwards)
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
