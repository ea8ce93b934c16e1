import Foundation
import StarlingCore
import StarlingSQL

/// Timelines and threads. Every query filters rows through `visibleEntry`, so what a viewer may not
/// see is never returned, whatever the path.
extension SQLiteStore {
    public func timeline(_ timeline: Timeline, viewer: ID?, page: PageRequest) async throws -> [TimelineEntry] {
        try await entries(timeline, viewer: viewer, selection: .page(page))
    }

    public func timeline(_ timeline: Timeline, viewer: ID?, positions: [ID]) async throws -> [TimelineEntry] {
        await positions.isEmpty ? [] : try entries(timeline, viewer: viewer, selection: .positions(positions))
    }

    public func timeline(_ timeline: Timeline, position: ID, viewers: [ID]) async throws -> [ID: TimelineEntry] {
        guard !viewers.isEmpty else { return [:] }
        // The single-viewer query's own text, with each listed viewer in the place of `:viewer`: the
        // entry (the post, or the post a repost shows) joined once per viewer who may see it there.
        let perViewer = { (sql: String) in sql.replacingOccurrences(of: ":viewer", with: "v.value") }
        let query = """
            SELECT v.value, q.id, \(perViewer(Self.postViewColumns)), \(Self.reposterColumns), q.repost_of_id IS NOT NULL
            FROM json_each(:viewers) v
            JOIN posts q ON q.id = :position
            JOIN posts p ON p.id = COALESCE(q.repost_of_id, q.id)
            JOIN accounts a ON a.id = p.author_id
            LEFT JOIN accounts r ON r.id = q.author_id
            WHERE EXISTS (SELECT 1 FROM (\(perViewer(Self.positionsQuery(timeline, selection: .positions([position]))))))
            """
        var parameters = Self.parameters(timeline, viewer: nil, selection: .positions([position]))
        parameters["viewers"] = Self.jsonList(viewers)
        parameters["position"] = position.rawValue
        return try await database.readOffPool { [parameters] db in
            var entries: [ID: TimelineEntry] = [:]
            var previous: TimelineEntry?
            for (viewer, read) in try db.prepare(query).bind(parameters).rows({ row in
                (ID(row.int64(0)), TimelineEntry(id: ID(row.int64(1)), post: Self.postView(row, from: 2),
                                                 repostedBy: row.bool(2 + Self.postViewColumnCount + Self.accountColumnCount)
                                                     ? Self.account(row, from: 2 + Self.postViewColumnCount) : nil))
            }) {
                // Most viewers see the same entry: equal ones share one copy of its text.
                let entry = previous.flatMap { $0 == read ? $0 : nil } ?? read
                entries[viewer] = entry
                previous = entry
            }
            return entries
        }
    }

    public func timelinePositions(_ timeline: Timeline, viewer: ID?, page: PageRequest) async throws -> [ID] {
        let query = "SELECT position FROM (\(Self.positionsQuery(timeline, selection: .page(page)))) ORDER BY position DESC"
        return try await database.readOffPool { db in
            try db.prepare(query).bind(Self.parameters(timeline, viewer: viewer, selection: .page(page))).rows { ID($0.int64(0)) }
        }
    }

    /// Which entries of a timeline a query reads: a page from a cursor, or known positions (re-checked).
    private enum Selection {
        case page(PageRequest)
        case positions([ID])
    }

    private static let reposterColumns = accountColumns("r")

    private func entries(_ timeline: Timeline, viewer: ID?, selection: Selection) async throws -> [TimelineEntry] {
        let query = """
            SELECT e.position, e.reposter, \(Self.postViewColumns), \(Self.reposterColumns)
            FROM (\(Self.positionsQuery(timeline, selection: selection))) e
            JOIN posts p ON p.id = e.shown
            JOIN accounts a ON a.id = p.author_id
            LEFT JOIN accounts r ON r.id = e.reposter
            ORDER BY e.position DESC
            """
        return try await database.readOffPool { db in
            try db.prepare(query).bind(Self.parameters(timeline, viewer: viewer, selection: selection)).rows { row in
                TimelineEntry(id: ID(row.int64(0)), post: Self.postView(row, from: 2),
                              repostedBy: row.isNull(1) ? nil : Self.account(row, from: 2 + Self.postViewColumnCount))
            }
        }
    }

    private static func parameters(_ timeline: Timeline, viewer: ID?, selection: Selection) -> [String: any SQLBindable] {
        var parameters: [String: any SQLBindable] = ["viewer": viewer?.rawValue]
        switch selection {
        case .page(let page):
            parameters["max"] = page.maxID?.rawValue
            parameters["lower"] = page.lowerBound?.rawValue
            parameters["limit"] = page.limit
        case .positions(let positions):
            parameters["positions"] = jsonList(positions)
            parameters["limit"] = positions.count
        }
        switch timeline {
        case .hashtag(let name, let more):
            parameters["tag"] = Tag.key(name)
            func keys(_ names: [String]) -> String {
                "[" + names.map { "\"" + Tag.key($0).replacingOccurrences(of: "\\", with: "").replacingOccurrences(of: "\"", with: "") + "\"" }
                    .joined(separator: ",") + "]"
            }
            parameters["anyTags"] = keys([name] + more.any)
            parameters["allTags"] = keys(more.all)
            parameters["allCount"] = Set(more.all.map(Tag.key)).count
            parameters["noneTags"] = keys(more.none)
        case .list(let id): parameters["list"] = id.rawValue
        case .program(let id): parameters["program"] = id.rawValue
        case .questions(let program, _): parameters["program"] = program?.rawValue
        case .guides(let program, let author):
            parameters["program"] = program?.rawValue
            parameters["author"] = author?.rawValue
        case .profile(let id, let only):
            parameters["profile"] = id.rawValue
            parameters["tag"] = only.tagged.map(Tag.key)
        default: break
        }
        return parameters
    }

    /// The SQL that picks a timeline's entries: a source of rows, a cursor column and the shared
    /// filters give (position, post to show, reposter or NULL) for a page or for known positions.
    /// `entries` then reads those few rows in full.
    private static func positionsQuery(_ timeline: Timeline, selection: Selection) -> String {
        var from = "posts p"
        var cursor = "p.id"
        var filter: String
        var hideMuted = true
        switch timeline {
        case .home:
            // A scan checks many rows: the follows and exclusive-list members are collected once
            // (+p.author_id keeps SQLite scanning newest-first instead of sorting per author).
            // Known positions are few: each is looked up on its own.
            let followed: String, excluded: String
            if case .page = selection {
                followed = "+p.author_id IN (SELECT followee_id FROM follows WHERE follower_id = :viewer)"
                excluded = """
                    +p.author_id IN (SELECT lm.account_id FROM list_members lm JOIN lists l ON l.id = lm.list_id
                                     WHERE l.account_id = :viewer AND l.exclusive = 1)
                    """
            } else {
                followed = "EXISTS (SELECT 1 FROM follows hf WHERE hf.follower_id = :viewer AND hf.followee_id = p.author_id)"
                excluded = """
                    EXISTS (SELECT 1 FROM list_members lm JOIN lists l ON l.id = lm.list_id
                            WHERE lm.account_id = p.author_id AND l.account_id = :viewer AND l.exclusive = 1)
                    """
            }
            filter = """
                (+p.author_id = :viewer OR \(followed)
                 OR (p.repost_of_id IS NULL AND EXISTS (
                     SELECT 1 FROM post_tags pt JOIN tag_follows tf ON tf.tag_id = pt.tag_id
                     WHERE pt.post_id = p.id AND tf.account_id = :viewer)))
                AND NOT \(excluded)
                """
        case .list:
            // Only the owner reads a list; replies follow the list's policy.
            filter = """
                +p.author_id IN (SELECT account_id FROM list_members WHERE list_id = :list)
                AND EXISTS (SELECT 1 FROM lists WHERE id = :list AND account_id = :viewer)
                AND (p.in_reply_to_id IS NULL OR p.in_reply_to_account_id = p.author_id
                     OR ((SELECT replies_policy FROM lists WHERE id = :list) = 'list'
                         AND p.in_reply_to_account_id IN (SELECT account_id FROM list_members WHERE list_id = :list))
                     OR ((SELECT replies_policy FROM lists WHERE id = :list) = 'followed'
                         AND (p.in_reply_to_account_id = :viewer
                              OR p.in_reply_to_account_id IN (SELECT followee_id FROM follows WHERE follower_id = :viewer))))
                """
        case .direct:
            filter = """
                p.visibility = 'direct' AND (p.author_id = :viewer
                    OR EXISTS (SELECT 1 FROM mentions dm WHERE dm.post_id = p.id AND dm.account_id = :viewer))
                """
        case .organization:
            filter = "1"
        case .program:
            filter = "p.program_id = :program"
        case .guides:
            // Anonymous posts are never guides, so an author's guides are all theirs to show.
            filter = "p.guide IS NOT NULL AND (:program IS NULL OR p.program_id = :program) AND (:author IS NULL OR p.author_id = :author)"
        case .questions(_, let shown):
            filter = "p.question = 1 AND (:program IS NULL OR p.program_id = :program)"
            if shown == .open { filter += " AND p.answered_at IS NULL" }
            if shown == .answered { filter += " AND p.answered_at IS NOT NULL" }
        case .hashtag(_, let more) where more.isEmpty:
            from = "post_tags pt JOIN posts p ON p.id = pt.post_id"
            cursor = "pt.post_id"
            filter = "pt.tag_id = (SELECT id FROM tags WHERE name_key = :tag)"
        case .hashtag(_, let more):
            // Each post's own hashtags are checked against the lists (original posts only).
            let tagged = "SELECT t.name_key FROM post_tags x JOIN tags t ON t.id = x.tag_id WHERE x.post_id = p.id"
            filter = """
                p.repost_of_id IS NULL
                AND EXISTS (\(tagged) AND t.name_key IN (SELECT value FROM json_each(:anyTags)))
                AND (SELECT count(DISTINCT name_key) FROM (\(tagged) AND t.name_key IN (SELECT value FROM json_each(:allTags)))) = :allCount
                AND NOT EXISTS (\(tagged) AND t.name_key IN (SELECT value FROM json_each(:noneTags)))
                """
            if more.onlyMedia { filter += " AND EXISTS (SELECT 1 FROM media m WHERE m.post_id = p.id)" }
        case .profile(_, let only):
            // Anonymous questions are on their author's profile for the author only.
            filter = "p.author_id = :profile AND (NOT p.anonymous OR :profile IS :viewer)"
            if only.pinnedOnly { filter += " AND p.id IN (SELECT post_id FROM pins WHERE account_id = :profile)" }
            if only.excludeReplies { filter += " AND p.in_reply_to_id IS NULL" }
            if only.excludeReposts { filter += " AND p.repost_of_id IS NULL" }
            if only.onlyMedia { filter += " AND EXISTS (SELECT 1 FROM media m WHERE m.post_id = COALESCE(p.repost_of_id, p.id))" }
            if only.tagged != nil {
                filter += """
                     AND EXISTS (SELECT 1 FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
                                 WHERE pt.post_id = COALESCE(p.repost_of_id, p.id) AND t.name_key = :tag)
                    """
            }
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
        let range: String, upwards: Bool
        switch selection {
        case .page(let page):
            // Written as plain comparisons so SQLite seeks to the range instead of filtering every row.
            range = "\(cursor) < coalesce(:max, 9223372036854775807) AND \(cursor) > coalesce(:lower, 0)"
            upwards = page.readsUpwards
        case .positions:
            range = "\(cursor) IN (SELECT value FROM json_each(:positions))"
            upwards = false
        }
        return """
            SELECT \(cursor) AS position, COALESCE(p.repost_of_id, p.id) AS shown,
                   CASE WHEN p.repost_of_id IS NULL THEN NULL ELSE p.author_id END AS reposter
            FROM \(from) LEFT JOIN posts o ON o.id = p.repost_of_id
            WHERE \(filter) AND \(range)
              AND \(visibleEntry)
              \(hideMuted ? "AND \(notMuted)" : "")
            ORDER BY \(cursor) \(upwards ? "ASC" : "DESC") LIMIT :limit
            """
    }

    public func threadRoot(of id: ID) async throws -> ID {
        try await database.readOffPool { db in
            try db.prepare("""
                WITH RECURSIVE chain(id, parent, depth) AS (
                    SELECT id, in_reply_to_id, 0 FROM posts WHERE id = ?
                    UNION ALL
                    SELECT p.id, p.in_reply_to_id, chain.depth + 1 FROM posts p JOIN chain ON p.id = chain.parent WHERE chain.depth < 1000
                )
                SELECT id FROM chain ORDER BY depth DESC LIMIT 1
                """)
                .bind([id.rawValue]).scalar().map(ID.init) ?? id
        }
    }

    public func conversationMark(accountID: ID, rootID: ID) async throws -> (readUpTo: ID, hiddenUpTo: ID) {
        try await database.readOffPool { db in
            try db.prepare("SELECT read_up_to, hidden_up_to FROM conversation_marks WHERE account_id = ? AND root_id = ?")
                .bind([accountID.rawValue, rootID.rawValue]).first { (ID($0.int64(0)), ID($0.int64(1))) } ?? (ID(0), ID(0))
        }
    }

    public func markConversation(accountID: ID, rootID: ID, upTo postID: ID, hide: Bool) async throws {
        try await database.writeOffPool { db in
            try db.prepare("""
                INSERT INTO conversation_marks (account_id, root_id, read_up_to, hidden_up_to) VALUES (:a, :r, :p, CASE WHEN :hide THEN :p ELSE 0 END)
                ON CONFLICT (account_id, root_id) DO UPDATE SET read_up_to = max(read_up_to, :p),
                    hidden_up_to = CASE WHEN :hide THEN max(hidden_up_to, :p) ELSE hidden_up_to END
                """)
                .bind(["a": accountID.rawValue, "r": rootID.rawValue, "p": postID.rawValue, "hide": hide]).run()
        }
    }

    public func thread(of id: ID, viewer: ID?) async throws -> ThreadView? {
        try await database.readOffPool { db in
            guard let focus = try self.postView(db, id: id, viewer: viewer) else { return nil }
            // Ancestors: follow the reply chain up, showing only what the viewer may see.
            var ancestors: [PostView] = []
            var parentID = focus.post.inReplyToID
            var seen: Set<ID> = [focus.id]
            while let current = parentID, seen.insert(current).inserted, ancestors.count < 200 {
                let parent = try db.prepare("SELECT in_reply_to_id FROM posts WHERE id = ?").bind([current.rawValue])
                    .first { $0.optionalInt64(0).map(ID.init) }
                guard let parent else { break }
                if let view = try self.postView(db, id: current, viewer: viewer) { ancestors.append(view) }
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
            if focus.post.isQuestion {
                // A question's answers: accepted ones first, then by upvotes, then oldest first.
                children[id] = try db.prepare("SELECT id FROM posts WHERE in_reply_to_id = ? ORDER BY accepted_at IS NULL, votes_count DESC, id")
                    .bind([id.rawValue]).rows { ID($0.int64(0)) }
            }
            var descendants: [PostView] = []
            var stack = (children[id] ?? []).reversed().map { $0 }
            while let next = stack.popLast() {
                guard let view = try self.postView(db, id: next, viewer: viewer) else { continue }
                descendants.append(view)
                stack.append(contentsOf: (children[next] ?? []).reversed())
            }
            return ThreadView(ancestors: ancestors.reversed(), focus: focus, descendants: descendants)
        }
    }
}
