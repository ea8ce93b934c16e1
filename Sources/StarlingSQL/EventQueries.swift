import Foundation
import StarlingCore

/// Live events: the queries both engines run.
extension SQLStore {
    /// A chat's posts as `:viewer` sees them, oldest first: those with hashtag `:tag` from `:from` until `:until`
    /// (ids), and the replies in that window to any of them, however deep, those from other servers only when
    /// `:outside`; rows are post views.
    public static var chatPostsQuery: String {
        """
        WITH RECURSIVE chat(id) AS (
            SELECT pt.post_id FROM post_tags pt
            WHERE pt.tag_id = (SELECT id FROM tags WHERE name_key = :tag) AND pt.post_id >= :from AND pt.post_id < :until
            UNION
            SELECT r.id FROM posts r JOIN chat c ON r.in_reply_to_id = c.id WHERE r.id >= :from AND r.id < :until
        )
        SELECT \(postViewColumns) FROM posts p JOIN accounts a ON a.id = p.author_id
        WHERE p.id IN (SELECT id FROM chat) AND p.repost_of_id IS NULL AND (p.uri IS NULL OR :outside) AND \(visible("p"))
        ORDER BY p.id LIMIT 5000
        """
    }

    public static func chatPostsParameters(hashtag: String, from: Date, until: Date, viewer: ID?, fromOutside: Bool) -> [String: any SQLBindable] {
        ["from": ID(floorOf: from), "until": ID(floorOf: until), "tag": Tag.key(hashtag), "viewer": viewer, "outside": fromOutside]
    }

    public static var openEventHashtagsQuery: String { "SELECT DISTINCT hashtag FROM events WHERE open_to_outside = ?" }
    /// Binds the flag, then the event.
    public static var setEventOpenQuery: String { "UPDATE events SET open_to_outside = ? WHERE id = ?" }
}
