import Foundation
import StarlingCore
import StarlingSQL

/// Posts scheduled for later.
extension PostgresStore: ScheduledPostStore {
    public func insertScheduledPost(_ s: ScheduledPost) async throws {
        let poll = try s.draft.poll.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try await database.write { db in
            try await db.run("""
                INSERT INTO scheduled_posts (id, account_id, scheduled_at, text, content_warning, visibility, in_reply_to_id, media_ids, poll,
                    app_id, created_at, language)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [s.id, s.accountID, Self.millis(s.scheduledAt), s.draft.text, s.draft.contentWarning, s.draft.visibility.rawValue,
                      s.draft.inReplyToID, s.draft.mediaIDs.map(\.description).joined(separator: ","), poll, s.appID, Self.millis(Date()),
                      s.draft.language])
        }
    }

    public func scheduledPost(id: ID) async throws -> ScheduledPost? {
        try await database.read { db in
            try await db.first("SELECT \(Self.scheduledColumns) FROM scheduled_posts WHERE id = ?", [id], Self.scheduled)
        }
    }

    public func scheduledPosts(accountID: ID, page: PageRequest) async throws -> [ScheduledPost] {
        try await database.read { db in
            try await db.rows("""
                SELECT \(Self.scheduledColumns) FROM scheduled_posts
                WHERE account_id = :account AND id < coalesce(:max, 9223372036854775807) AND id > coalesce(:lower, 0)
                ORDER BY id DESC LIMIT :limit
                """, ["account": accountID, "max": page.maxID, "lower": page.lowerBound, "limit": page.limit], Self.scheduled)
        }
    }

    public func reschedulePost(id: ID, at date: Date) async throws {
        try await database.write { db in try await db.run("UPDATE scheduled_posts SET scheduled_at = ? WHERE id = ?", [Self.millis(date), id]) }
    }

    public func deleteScheduledPost(id: ID) async throws {
        try await database.write { db in try await db.run("DELETE FROM scheduled_posts WHERE id = ?", [id]) }
    }
}
