import Foundation
import StarlingCore
import StarlingSQL

/// Uploaded images. Attaching happens inside `insertPost`, in the same transaction as the post.
extension SQLiteStore {
    public func insertMedia(_ m: MediaAttachment) async throws {
        try await database.writeOffPool { db in
            try db.prepare("""
                INSERT INTO media (id, account_id, file_name, format, width, height, byte_count, description, focus_x, focus_y, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .bind([m.id.rawValue, m.accountID.rawValue, m.fileName, m.format.rawValue, m.width, m.height, m.byteCount,
                       m.description, m.focusX, m.focusY, Self.millis(m.createdAt)])
                .run()
        }
    }

    public func media(id: ID) async throws -> MediaAttachment? {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.mediaColumns) FROM media m WHERE m.id = ?").bind([id.rawValue]).first { Self.media($0) }
        }
    }

    public func updateMedia(_ m: MediaAttachment) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE media SET description = ?, focus_x = ?, focus_y = ? WHERE id = ?")
                .bind([m.description, m.focusX, m.focusY, m.id.rawValue]).run()
        }
    }

    public func mediaFileNames(postID: ID) async throws -> [String] {
        try await database.readOffPool { db in
            try db.prepare("SELECT file_name FROM media WHERE post_id = ?").bind([postID.rawValue]).rows { $0.string(0) }
        }
    }

    public func unattachedMedia(before date: Date, limit: Int) async throws -> [MediaAttachment] {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.mediaColumns) FROM media m WHERE m.post_id IS NULL AND m.created_at < ? AND NOT EXISTS (SELECT 1 FROM nuggets n WHERE n.media_id = m.id) ORDER BY m.id LIMIT ?")
                .bind([Self.millis(date), limit]).rows { Self.media($0) }
        }
    }

    public func deleteUnattachedMedia(id: ID) async throws -> Bool {
        try await database.writeOffPool { db in
            try db.prepare("DELETE FROM media WHERE id = ? AND post_id IS NULL AND NOT EXISTS (SELECT 1 FROM nuggets n WHERE n.media_id = media.id)").bind([id.rawValue]).run()
            return db.changes == 1
        }
    }

    /// Attaches the author's unattached uploads to a new post, in order; any other id is refused.
    func attachMedia(_ db: Connection, ids: [ID], to post: Post) throws {
        for (position, id) in ids.enumerated() {
            try db.prepare("UPDATE media SET post_id = ?, position = ? WHERE id = ? AND account_id = ? AND post_id IS NULL")
                .bind([post.id.rawValue, position, id.rawValue, post.authorID.rawValue]).run()
            guard db.changes == 1 else {
                throw DomainError.invalid(field: "media_ids", message: "media_ids must be your own uploads, each attached to one post only.")
            }
        }
    }
}
