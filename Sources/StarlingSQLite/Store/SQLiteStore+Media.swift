import Foundation
import StarlingCore

/// Uploaded images. Attaching happens inside `insertPost`, in the same transaction as the post.
extension SQLiteStore {
    static let mediaColumns = """
        m.id, m.account_id, m.post_id, m.file_name, m.format, m.width, m.height, m.byte_count, m.description, \
        m.focus_x, m.focus_y, m.created_at
        """

    static func media(_ row: Row) -> MediaAttachment {
        MediaAttachment(id: ID(row.int64(0)), accountID: ID(row.int64(1)), postID: row.optionalInt64(2).map(ID.init),
                        fileName: row.string(3), format: ImageFormat(rawValue: row.string(4)) ?? .jpeg, width: row.int(5),
                        height: row.int(6), byteCount: row.int(7), description: row.string(8), focusX: row.double(9),
                        focusY: row.double(10), createdAt: date(row.int64(11)))
    }

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

    /// SQL for the attachments of post `p` as one JSON array of arrays (NULL when it has none),
    /// read back by `attachments(_:postID:)`.
    static let mediaJSONColumn = """
        (SELECT json_group_array(json_array(m.id, m.account_id, m.file_name, m.format, m.width, m.height, m.byte_count,
                                            m.description, m.focus_x, m.focus_y, m.created_at))
         FROM (SELECT * FROM media WHERE post_id = p.id ORDER BY position) m HAVING count(*) > 0)
        """

    static func attachments(_ json: String?, postID: ID) -> [MediaAttachment] {
        guard let json, let rows = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[Any]] else { return [] }
        return rows.compactMap { r in
            guard r.count == 11, let id = r[0] as? NSNumber, let account = r[1] as? NSNumber, let file = r[2] as? String,
                  let format = (r[3] as? String).flatMap(ImageFormat.init(rawValue:)), let width = r[4] as? NSNumber,
                  let height = r[5] as? NSNumber, let bytes = r[6] as? NSNumber, let description = r[7] as? String,
                  let x = r[8] as? NSNumber, let y = r[9] as? NSNumber, let created = r[10] as? NSNumber else { return nil }
            return MediaAttachment(id: ID(id.int64Value), accountID: ID(account.int64Value), postID: postID, fileName: file, format: format,
                                   width: width.intValue, height: height.intValue, byteCount: bytes.intValue, description: description,
                                   focusX: x.doubleValue, focusY: y.doubleValue, createdAt: date(created.int64Value))
        }
    }
}
