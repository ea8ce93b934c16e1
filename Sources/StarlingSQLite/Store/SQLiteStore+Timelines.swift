import Foundation
import StarlingCore

/// Timelines and threads. Every query filters rows through `visibleEntry`, so what a viewer may not
/// see is never returned, whatever the path.
extension SQLiteStore {
    public func timeline(_ timeline: Timeline, viewer: ID?, page: PageRequest) throws -> [TimelineEntry] {
        let query = Self.timelineQuery(timeline, page: page)
        return try database.read { db in
            var parameters: [String: any SQLBindable] = [
                "viewer": viewer?.rawValue, "max": page.maxID?.rawValue, "lower": page.lowerBound?.rawValue, "limit": page.limit,
            ]
            switch timeline {
            case .hashtag(let name): parameters["tag"] = Tag.key(name)
            case .profile(let id): parameters["profile"] = id.rawValue
            default: break
            }
            let rows = try db.prepare(query).bind(parameters).rows { row in
                (entry: ID(row.int64(0)), post: ID(row.int64(1)), reposter: row.optionalInt64(2).map(ID.init))
            }
            let ordered = page.readsUpwards ? rows.reversed() : rows
            return try ordered.compactMap { row in
                guard let view = try postView(db, id: row.post, viewer: viewer) else { return nil }
                let reposter = try row.reposter.flatMap { id in
                    try db.prepare("SELECT \(Self.accountColumns) FROM accounts a WHERE a.id = ?").bind([id.rawValue]).first { Self.account($0) }
                }
                return TimelineEntry(id: row.entry, post: view, repostedBy: reposter)
            }
        }
    }

    /// The SQL for one timeline: a source of rows, a cursor column, and the shared filters.
    /// Each row is (cursor position, post to show, reposter or NULL).
    private static func timelineQuery(_ timeline: Timeline, page: PageRequest) -> String {
        var from = "posts p"
        var cursor = "p.id"
        var filter: String
        var hideMuted = true
        switch timeline {
        case .home:
            // +p.author_id keeps SQLite scanning newest-first instead of sorting per author.
            filter = """
                (+p.author_id = :viewer
                 OR +p.author_id IN (SELECT followee_id FROM follows WHERE follower_id = :viewer)
                 OR (p.repost_of_id IS NULL AND EXISTS (
                     SELECT 1 FROM post_tags pt JOIN tag_follows tf ON tf.tag_id = pt.tag_id
                     WHERE pt.post_id = p.id AND tf.account_id = :viewer)))
                """
        case .organization:
            filter = "1"
        case .hashtag:
            from = "post_tags pt JOIN posts p ON p.id = pt.post_id"
            cursor = "pt.post_id"
            filter = "pt.tag_id = (SELECT id FROM tags WHERE name_key = :tag)"
        case .profile:
            filter = "p.author_id = :profile"
            hideMuted = false
        case .bookmarks:
            from = "bookmarks mark JOIN posts p ON p.id = mark.post_id"
            cursor = "mark.id"
            filter = "mark.account_id = :viewer"
            hideMuted = false
        case .likes:
            from = "likes mark JOIN posts p ON p.id = mark.post_id"
            cursor = "mark.id"
            filter = "mark.account_id = :viewer"
            hideMuted = false
        }
        return """
            SELECT \(cursor), COALESCE(p.repost_of_id, p.id), CASE WHEN p.repost_of_id IS NULL THEN NULL ELSE p.author_id END
            FROM \(from) LEFT JOIN posts o ON o.id = p.repost_of_id
            WHERE \(filter)
              AND (:max IS NULL OR \(cursor) < :max) AND (:lower IS NULL OR \(cursor) > :lower)
              AND \(visibleEntry)
              \(hideMuted ? "AND \(notMuted)" : "")
            ORDER BY \(cursor) \(page.readsUpwards ? "ASC" : "DESC") LIMIT :limit
            """
    }

    public func thread(of id: ID, viewer: ID?) throws -> ThreadView? {
        try database.read { db in
            guard let focus = try postView(db, id: id, viewer: viewer) else { return nil }
            // Ancestors: follow the reply chain up, showing only what the viewer may see.
            var ancestors: [PostView] = []
            var parentID = focus.post.inReplyToID
            var seen: Set<ID> = [focus.id]
            while let current = parentID, seen.insert(current).inserted, ancestors.count < 200 {
                let parent = try db.prepare("SELECT in_reply_to_id FROM posts WHERE id = ?").bind([current.rawValue])
                    .first { $0.optionalInt64(0).map(ID.init) }
                guard let parent else { break }
                if let view = try postView(db, id: current, viewer: viewer) { ancestors.append(view) }
                parentID = parent
            }
            // Descendants: the reply tree below, depth first, oldest reply first at each level.
            // A reply the viewer may not see hides the replies under it too.
            let edges = try db.prepare("""
                WITH RECURSIVE tree(id, parent) AS (
                    SELECT id, in_reply_to_id FROM posts WHERE in_reply_to_id = ?
                    UNION ALL
                    SELECT p.id, p.in_reply_to_id FROM posts p JOIN tree ON p.in_reply_to_id = tree.id
                )
                SELECT id, parent FROM tree ORDER BY id LIMIT 2000
                """)
                .bind([id.rawValue]).rows { (ID($0.int64(0)), ID($0.int64(1))) }
            var children: [ID: [ID]] = [:]
            for (child, parent) in edges { children[parent, default: []].append(child) }
            var descendants: [PostView] = []
            var stack = (children[id] ?? []).reversed().map { $0 }
            while let next = stack.popLast() {
                guard let view = try postView(db, id: next, viewer: viewer) else { continue }
                descendants.append(view)
                stack.append(contentsOf: (children[next] ?? []).reversed())
            }
            return ThreadView(ancestors: ancestors.reversed(), focus: focus, descendants: descendants)
        }
    }
}
