import Foundation
import StarlingCore
import StarlingSQL

/// Edits (the earlier version is kept; search follows the new text by trigger) and pinned posts.
extension SQLiteStore {
    public func updatePost(_ edit: PostEdit) async throws {
        try await database.writeOffPool { db in
            guard let old = try db.prepare("SELECT \(Self.postColumns) FROM posts p WHERE p.id = ?")
                .bind([edit.postID.rawValue]).first({ Self.post($0) }) else { throw DomainError.notFound }
            try db.prepare("INSERT INTO post_versions (post_id, source, html, content_warning, created_at) VALUES (?, ?, ?, ?, ?)")
                .bind([old.id.rawValue, old.source, old.html, old.contentWarning, Self.millis(old.editedAt ?? old.createdAt)]).run()
            try db.prepare("UPDATE posts SET source = ?, html = ?, content_warning = ?, edited_at = ?, program_id = ? WHERE id = ?")
                .bind([edit.source, edit.html, edit.contentWarning, Self.millis(edit.editedAt), edit.programID?.rawValue, old.id.rawValue]).run()
            // Hashtags and mentions follow the new text (mentions decide who may see a direct post).
            try db.prepare("UPDATE tags SET posts_count = posts_count - 1 WHERE id IN (SELECT tag_id FROM post_tags WHERE post_id = ?)")
                .bind([old.id.rawValue]).run()
            try db.prepare("DELETE FROM post_tags WHERE post_id = ?").bind([old.id.rawValue]).run()
            try db.prepare("DELETE FROM mentions WHERE post_id = ?").bind([old.id.rawValue]).run()
            try self.insertTagsAndMentions(db, postID: old.id, hashtags: edit.hashtags, mentionedIDs: edit.mentionedIDs, countingTags: true)
        }
    }

    public func postVersions(postID: ID) async throws -> [PostVersion] {
        try await database.readOffPool { db in
            try db.prepare("SELECT source, html, content_warning, created_at FROM post_versions WHERE post_id = ? ORDER BY id")
                .bind([postID.rawValue])
                .rows { PostVersion(source: $0.string(0), html: $0.string(1), contentWarning: $0.string(2), createdAt: Self.date($0.int64(3))) }
        }
    }

    public func setPin(accountID: ID, postID: ID, on: Bool, at date: Date) async throws {
        try await database.writeOffPool { db in
            let sql = on
                ? "INSERT INTO pins (account_id, post_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
                : "DELETE FROM pins WHERE account_id = ? AND post_id = ?"
            try db.prepare(sql).bind(on ? [accountID.rawValue, postID.rawValue, Self.millis(date)] : [accountID.rawValue, postID.rawValue]).run()
        }
    }

    public func pinCount(accountID: ID) async throws -> Int {
        try await database.readOffPool { db in
            Int(try db.prepare("SELECT count(*) FROM pins WHERE account_id = ?").bind([accountID.rawValue]).scalar() ?? 0)
        }
    }
}
