import Foundation
import StarlingCore

/// Which entries of a timeline a query reads: a page from a cursor, or known positions (re-checked).
public enum TimelineSelection: Sendable {
    case page(PageRequest)
    case positions([ID])
}

/// Timelines: the queries both engines run and how their rows become entries. Every query filters
/// rows through `visibleEntry`, so what a viewer may not see is never returned, whatever the path.
extension SQLStore {
    /// The entries of a timeline (page or positions) as the viewer bound to `:viewer` sees them, newest first;
    /// its rows are read by `timelineEntry`.
    public static func timelineEntriesQuery(_ timeline: Timeline, selection: TimelineSelection) -> String {
        """
        SELECT e.position, e.reposter, \(postViewColumns), \(accountColumns("r"))
        FROM (\(positionsQuery(timeline, selection: selection))) e
        JOIN posts p ON p.id = e.shown
        JOIN accounts a ON a.id = p.author_id
        LEFT JOIN accounts r ON r.id = e.reposter
        ORDER BY e.position DESC
        """
    }

    @inlinable public static func timelineEntry(_ row: some ColumnReader) -> TimelineEntry {
        TimelineEntry(id: ID(row.int64(0)), post: postView(row, from: 2),
                      repostedBy: row.isNull(1) ? nil : account(row, from: 2 + postViewColumnCount))
    }

    /// The positions of a timeline's page, newest first.
    public static func timelinePositionsQuery(_ timeline: Timeline, page: PageRequest) -> String {
        "SELECT position FROM (\(positionsQuery(timeline, selection: .page(page)))) AS entries ORDER BY position DESC"
    }

    /// The entry at `:position` as anyone sees it, before a viewer's part: read once when it goes out to
    /// many viewers (`timelineViewersQuery` then gives each viewer's part). Its row is read by `sharedTimelineEntry`.
    public static var sharedTimelineEntryQuery: String {
        """
        SELECT q.id, \(sharedPostViewColumns), \(accountColumns("r")), q.repost_of_id IS NOT NULL
        FROM posts q
        JOIN posts p ON p.id = COALESCE(q.repost_of_id, q.id)
        JOIN accounts a ON a.id = p.author_id
        LEFT JOIN accounts r ON r.id = q.author_id
        WHERE q.id = :position
        """
    }

    @inlinable public static func sharedTimelineEntry(_ row: some ColumnReader) -> TimelineEntry {
        TimelineEntry(id: ID(row.int64(0)), post: sharedPostView(row, from: 1),
                      repostedBy: row.bool(1 + sharedPostViewColumnCount + accountColumnCount)
                          ? account(row, from: 1 + sharedPostViewColumnCount) : nil)
    }

    /// Each viewer in the list bound to `:viewers` who sees the entry at `:position` on the timeline, with
    /// their part of its post: the single-viewer query's own rule with each viewer in the place of `:viewer`.
    /// Rows are read by `viewerEntry(_:shared:)`.
    public static func timelineViewersQuery(_ timeline: Timeline) -> String {
        let rule = positionsQuery(timeline, selection: .positions([])).replacingOccurrences(of: ":viewer", with: "v.value")
        return """
            SELECT v.value, \(viewerPostViewColumns(viewer: "v.value"))
            FROM \(dialect.rows(of: ":viewers", as: "v"))
            JOIN posts q ON q.id = :position
            JOIN posts p ON p.id = COALESCE(q.repost_of_id, q.id)
            WHERE EXISTS (SELECT 1 FROM (\(rule)) AS entry)
            """
    }

    /// A viewer of `timelineViewersQuery` and the entry as they see it: `shared` with their part applied.
    @inlinable public static func viewerEntry(_ row: some ColumnReader, shared: TimelineEntry) -> (viewer: ID, entry: TimelineEntry) {
        var entry = shared
        applyViewerColumns(row, from: 1, to: &entry.post)
        return (ID(row.int64(0)), entry)
    }

    /// The values a timeline query binds. A value that may be absent is stored as a null (`as any SQLBindable`):
    /// assigning `nil` through the subscript would remove the name, and PostgreSQL needs every name bound.
    public static func timelineParameters(_ timeline: Timeline, viewer: ID?, selection: TimelineSelection) -> [String: any SQLBindable] {
        var parameters: [String: any SQLBindable] = ["viewer": viewer]
        switch selection {
        case .page(let page):
            parameters["max"] = page.maxID as any SQLBindable
            parameters["lower"] = page.lowerBound as any SQLBindable
            parameters["limit"] = page.limit
        case .positions(let positions):
            parameters["positions"] = positions
            parameters["limit"] = positions.count
        }
        switch timeline {
        case .hashtag(let name, let more):
            parameters["tag"] = Tag.key(name)
            parameters["anyTags"] = ([name] + more.any).map(Tag.key)
            parameters["allTags"] = more.all.map(Tag.key)
            parameters["allCount"] = Set(more.all.map(Tag.key)).count
            parameters["noneTags"] = more.none.map(Tag.key)
        case .list(let id): parameters["list"] = id
        case .program(let id): parameters["program"] = id
        case .questions(let program, _): parameters["program"] = program as any SQLBindable
        case .guides(let program, let author):
            parameters["program"] = program as any SQLBindable
            parameters["author"] = author as any SQLBindable
        case .profile(let id, let only):
            parameters["profile"] = id
            parameters["tag"] = only.tagged.map(Tag.key) as any SQLBindable
        default: break
        }
        return parameters
    }

    /// Which side of a hashtag's posts a hashtag timeline shows: the organization's own, or those that came
    /// from outside (by people outside, never a member's).
    private static func fromOutside(_ filter: TagFilter) -> String {
        filter.fromOutside ? "p.uri IS NOT NULL" : "p.uri IS NULL"
    }

    /// The SQL that picks a timeline's entries: a source of rows, a cursor column and the shared
    /// filters give (position, post to show, reposter or NULL) for a page or for known positions.
    /// `timelineEntriesQuery` then reads those few rows in full.
    static func positionsQuery(_ timeline: Timeline, selection: TimelineSelection) -> String {
        var from = "posts p"
        var cursor = "p.id"
        var filter: String
        var hideMuted = true
        switch timeline {
        case .home:
            // A scan checks many rows: the follows and exclusive-list members are collected once
            // (+p.author_id keeps SQLite scanning newest-first instead of sorting per author).
            // Known positions are few: each is looked up on its own. The OFFSET keeps PostgreSQL from
            // hashing every post of the followed hashtags first (80 ms on the benchmark's dataset); it then
            // probes each row it scans, as SQLite does (5 ms).
            let followed: String, excluded: String
            if case .page = selection {
                followed = "+p.author_id IN (SELECT followee_id FROM follows WHERE follower_id = :viewer)"
                excluded = """
                    +p.author_id IN (SELECT lm.account_id FROM list_members lm JOIN lists l ON l.id = lm.list_id
                                     WHERE l.account_id = :viewer AND \(dialect.isSet("l.exclusive")))
                    """
            } else {
                followed = "EXISTS (SELECT 1 FROM follows hf WHERE hf.follower_id = :viewer AND hf.followee_id = p.author_id)"
                excluded = """
                    EXISTS (SELECT 1 FROM list_members lm JOIN lists l ON l.id = lm.list_id
                            WHERE lm.account_id = p.author_id AND l.account_id = :viewer AND \(dialect.isSet("l.exclusive")))
                    """
            }
            filter = """
                (+p.author_id = :viewer OR \(followed)
                 OR (p.repost_of_id IS NULL AND EXISTS (
                     SELECT 1 FROM post_tags pt JOIN tag_follows tf ON tf.tag_id = pt.tag_id
                     WHERE pt.post_id = p.id AND tf.account_id = :viewer AND (p.uri IS NULL OR \(dialect.isSet("tf.outside")))
                     LIMIT 1 OFFSET 0)))
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
            // The organization's own posts and reposts: nothing by someone outside is part of it.
            filter = "p.uri IS NULL AND NOT EXISTS (SELECT 1 FROM accounts oa WHERE oa.id = p.author_id AND oa.domain IS NOT NULL)"
        case .program:
            filter = "p.program_id = :program"
        case .guides:
            // Anonymous posts are never guides, so an author's guides are all theirs to show.
            filter = "p.guide IS NOT NULL AND (:program IS NULL OR p.program_id = :program) AND (:author IS NULL OR p.author_id = :author)"
        case .questions(_, let shown):
            filter = "\(dialect.isSet("p.question")) AND (:program IS NULL OR p.program_id = :program)"
            if shown == .open { filter += " AND p.answered_at IS NULL" }
            if shown == .answered { filter += " AND p.answered_at IS NOT NULL" }
        case .hashtag(_, let more) where more.isEmpty:
            from = "post_tags pt JOIN posts p ON p.id = pt.post_id"
            cursor = "pt.post_id"
            // Posts from outside are not on the organization's hashtag pages: they have their own.
            filter = "pt.tag_id = (SELECT id FROM tags WHERE name_key = :tag) AND \(fromOutside(more))"
        case .hashtag(_, let more):
            // Each post's own hashtags are checked against the lists (original posts only).
            let tagged = "SELECT t.name_key FROM post_tags x JOIN tags t ON t.id = x.tag_id WHERE x.post_id = p.id"
            filter = """
                p.repost_of_id IS NULL AND \(fromOutside(more))
                AND EXISTS (\(tagged) AND \(dialect.isIn("t.name_key", list: ":anyTags")))
                AND (SELECT count(DISTINCT name_key) FROM (\(tagged) AND \(dialect.isIn("t.name_key", list: ":allTags"))) AS tagged) = :allCount
                AND NOT EXISTS (\(tagged) AND \(dialect.isIn("t.name_key", list: ":noneTags")))
                """
            if more.onlyMedia { filter += " AND EXISTS (SELECT 1 FROM media m WHERE m.post_id = p.id)" }
        case .profile(_, let only):
            // Anonymous questions are on their author's profile for the author only.
            filter = "p.author_id = :profile AND (NOT p.anonymous OR :profile IS NOT DISTINCT FROM :viewer)"
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
            // Written as plain comparisons so the planner seeks to the range instead of filtering every row.
            range = "\(cursor) < \(dialect.pageBound("coalesce(:max, 9223372036854775807)")) AND \(cursor) > \(dialect.pageBound("coalesce(:lower, 0)"))"
            upwards = page.readsUpwards
        case .positions:
            range = dialect.isIn(cursor, list: ":positions")
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
}
