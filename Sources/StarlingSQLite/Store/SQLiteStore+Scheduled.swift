import Foundation
import StarlingCore
import StarlingSQL

/// Posts scheduled for later.
extension SQLiteStore {
    public func insertScheduledPost(_ s: ScheduledPost) async throws {
        let poll = try s.draft.poll.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try await database.writeOffPool { db in
            try db.prepare("""
                INSERT INTO scheduled_posts (id, account_id, scheduled_at, text, content_warning, visibility, in_reply_to_id, media_ids, poll,
                    app_id, created_at, language)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .bind([s.id.rawValue, s.accountID.rawValue, Self.millis(s.scheduledAt), s.draft.text, s.draft.contentWarning,
                       s.draft.visibility.rawValue, s.draft.inReplyToID?.rawValue, s.draft.mediaIDs.map(\.description).joined(separator: ","),
                       poll, s.appID?.rawValue, Self.millis(Date()), s.draft.language])
                .run()
        }
    }

    public func scheduledPost(id: ID) async throws -> ScheduledPost? {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.scheduledColumns) FROM scheduled_posts WHERE id = ?").bind([id.rawValue]).first(Self.scheduled)
        }
    }

    public func scheduledPosts(accountID: ID, page: PageRequest) async throws -> [ScheduledPost] {
        try await database.readOffPool { db in
            try db.prepare("""
                SELECT \(Self.scheduledColumns) FROM scheduled_posts
                WHERE account_id = :account AND id < coalesce(:max, 9223372036854775807) AND id > coalesce(:lower, 0)
                ORDER BY id DESC LIMIT :limit
                """)
                .bind(["account": accountID.rawValue, "max": page.maxID?.rawValue, "lower": page.lowerBound?.rawValue, "limit": page.limit])
                .rows(Self.scheduled)
        }
    }

    public func reschedulePost(id: ID, at date: Date) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE scheduled_posts SET scheduled_at = ? WHERE id = ?").bind([Self.millis(date), id.rawValue]).run()
        }
    }

    public func deleteScheduledPost(id: ID) async throws {
        try await database.writeOffPool { db in try db.prepare("DELETE FROM scheduled_posts WHERE id = ?").bind([id.rawValue]).run() }
    }
}
