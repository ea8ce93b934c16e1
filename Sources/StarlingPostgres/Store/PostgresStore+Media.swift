import Foundation
import StarlingCore
import StarlingSQL

/// Uploaded images' records. Attaching happens inside `insertPost`, in the same transaction as the post.
extension PostgresStore: MediaStore {
    public func insertMedia(_ m: MediaAttachment) async throws {
        try await database.write { db in
            try await db.run("""
                INSERT INTO media (id, account_id, file_name, format, width, height, byte_count, description, focus_x, focus_y, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [m.id, m.accountID, m.fileName, m.format.rawValue, m.width, m.height, m.byteCount, m.description, m.focusX, m.focusY,
                 Self.millis(m.createdAt)])
        }
    }

    public func media(id: ID) async throws -> MediaAttachment? {
        try await database.read { db in
            try await db.first("SELECT \(Self.mediaColumns) FROM media m WHERE m.id = ?", [id]) { Self.media($0) }
        }
    }

    public func updateMedia(_ m: MediaAttachment) async throws {
        try await database.write { db in
            try await db.run("UPDATE media SET description = ?, focus_x = ?, focus_y = ? WHERE id = ?", [m.description, m.focusX, m.focusY, m.id])
        }
    }

    public func mediaFileNames(postID: ID) async throws -> [String] {
        try await database.read { db in try await db.rows("SELECT file_name FROM media WHERE post_id = ?", [postID]) { $0.string(0) } }
    }

    public func unattachedMedia(before date: Date, limit: Int) async throws -> [MediaAttachment] {
        try await database.read { db in
            try await db.rows("""
                SELECT \(Self.mediaColumns) FROM media m
                WHERE m.post_id IS NULL AND m.created_at < ? AND NOT EXISTS (SELECT 1 FROM nuggets n WHERE n.media_id = m.id)
                ORDER BY m.id LIMIT ?
                """, [Self.millis(date), limit]) { Self.media($0) }
        }
    }

    public func deleteUnattachedMedia(id: ID) async throws -> Bool {
        try await database.write { db in
            try await db.run("""
                DELETE FROM media WHERE id = ? AND post_id IS NULL AND NOT EXISTS (SELECT 1 FROM nuggets n WHERE n.media_id = media.id)
                RETURNING 1
                """, [id]) == 1
        }
    }

    /// Attaches the author's unattached uploads to a new post, in order; any other id is refused.
    func attachMedia(_ db: SQLConnection, ids: [ID], to post: Post) async throws {
        for (position, id) in ids.enumerated() {
            let attached = try await db.run("""
                UPDATE media SET post_id = ?, position = ? WHERE id = ? AND account_id = ? AND post_id IS NULL RETURNING 1
                """, [post.id, position, id, post.authorID])
            guard attached == 1 else {
                throw DomainError.invalid(field: "media_ids", message: "media_ids must be your own uploads, each attached to one post only.")
            }
        }
    }
}
