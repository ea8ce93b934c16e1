import Foundation
import StarlingCore
import StarlingSQL

/// Edits (the earlier version is kept; the search column follows the new text) and pinned posts.
extension PostgresStore {
    public func updatePost(_ edit: PostEdit) async throws {
        try await database.write { db in
            guard let old = try await db.first("SELECT \(Self.postColumns) FROM posts p WHERE p.id = ?", [edit.postID], { Self.post($0) })
            else { throw DomainError.notFound }
            try await db.run("INSERT INTO post_versions (post_id, source, html, content_warning, created_at) VALUES (?, ?, ?, ?, ?)",
                             [old.id, old.source, old.html, old.contentWarning, Self.millis(old.editedAt ?? old.createdAt)])
            try await db.run("UPDATE posts SET source = ?, html = ?, content_warning = ?, edited_at = ?, program_id = ? WHERE id = ?",
                             [edit.source, edit.html, edit.contentWarning, Self.millis(edit.editedAt), edit.programID, old.id])
            // Hashtags and mentions follow the new text (mentions decide who may see a direct post).
            try await db.run("UPDATE tags SET posts_count = posts_count - 1 WHERE id IN (SELECT tag_id FROM post_tags WHERE post_id = ?)", [old.id])
            try await db.run("DELETE FROM post_tags WHERE post_id = ?", [old.id])
            try await db.run("DELETE FROM mentions WHERE post_id = ?", [old.id])
            try await self.insertTagsAndMentions(db, postID: old.id, hashtags: edit.hashtags, mentionedIDs: edit.mentionedIDs, countingTags: true)
        }
    }

    public func postVersions(postID: ID) async throws -> [PostVersion] {
        try await database.read { db in
            try await db.rows("SELECT source, html, content_warning, created_at FROM post_versions WHERE post_id = ? ORDER BY id", [postID]) {
                PostVersion(source: $0.string(0), html: $0.string(1), contentWarning: $0.string(2), createdAt: Self.date($0.int64(3)))
            }
        }
    }

    public func setPin(accountID: ID, postID: ID, on: Bool, at date: Date) async throws {
        try await database.write { db in
            if on {
                try await db.run("INSERT INTO pins (account_id, post_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                 [accountID, postID, Self.millis(date)])
            } else {
                try await db.run("DELETE FROM pins WHERE account_id = ? AND post_id = ?", [accountID, postID])
            }
        }
    }

    public func pinCount(accountID: ID) async throws -> Int {
        try await database.read { Int(try await $0.scalar("SELECT count(*) FROM pins WHERE account_id = ?", [accountID]) ?? 0) }
    }
}
