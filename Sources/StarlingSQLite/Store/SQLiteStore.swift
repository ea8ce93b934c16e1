import Foundation
import StarlingCore

/// The `Store` on an embedded SQLite file (WAL mode, foreign keys on).
///
/// This folder is the only place that knows SQL. Each `SQLiteStore+*.swift` file implements one
/// part of the `Store` protocol; this file holds what they share: row mapping and the visibility rule.
public final class SQLiteStore: Store {
    let database: Database
    let ids: IDGenerator

    /// Opens (creating if needed) the database at `path` and applies missing migrations; `metrics` times every call.
    public init(path: String, ids: IDGenerator, metrics: ServerMetrics = ServerMetrics()) throws {
        self.database = try Database(path: path, readTimer: metrics.databaseCalls("read"), writeTimer: metrics.databaseCalls("write"))
        self.ids = ids
        try database.withWriter { try Migrations.migrate($0) }
    }

    /// Opens `DIR/starling.sqlite`, creating the directory when needed.
    public convenience init(dataDirectory: String, ids: IDGenerator, metrics: ServerMetrics = ServerMetrics()) throws {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        try self.init(path: (dataDirectory as NSString).appendingPathComponent("starling.sqlite"), ids: ids, metrics: metrics)
    }

    public func changeStamp() async throws -> Int64 { try await database.changeStampOffPool() }

    /// The schema version this build writes.
    public static var schemaVersion: Int { Migrations.steps.count }

    public var currentSchemaVersion: Int { Self.schemaVersion }

    public func storedSchemaVersion() async throws -> Int {
        try await database.readOffPool { db in Int(try db.prepare("PRAGMA user_version").scalar() ?? 0) }
    }
}

// MARK: - Row mapping

extension SQLiteStore {
    static let accountColumns = accountColumns("a")

    /// The columns `account(_:from:)` reads, in its order.
    private static let accountColumnNames = [
        "id", "username", "email", "display_name", "bio", "role", "created_at", "posts_count", "followers_count",
        "following_count", "avatar_path", "guest", "suspended_at", "time_zone", "deactivated_at", "deletion_requested_at", "deleted_at",
    ]
    static let accountColumnCount = Int32(accountColumnNames.count)

    /// The columns `account(_:from:)` reads, of the accounts row named `alias`.
    static func accountColumns(_ alias: String) -> String {
        accountColumnNames.map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    static func account(_ row: Row, from c: Int32 = 0) -> Account {
        var account = Account(
            id: ID(row.int64(c)), username: row.string(c + 1), email: row.string(c + 2),
            displayName: row.string(c + 3), bio: row.string(c + 4), role: Role(rawValue: row.string(c + 5)) ?? .member,
            createdAt: date(row.int64(c + 6)), postsCount: row.int(c + 7), followersCount: row.int(c + 8),
            followingCount: row.int(c + 9), avatarPath: row.optionalString(c + 10)
        )
        account.isGuest = row.bool(c + 11)
        account.suspendedAt = row.optionalInt64(c + 12).map(date)
        account.timeZone = row.optionalString(c + 13)
        account.deactivatedAt = row.optionalInt64(c + 14).map(date)
        account.deletionRequestedAt = row.optionalInt64(c + 15).map(date)
        account.deletedAt = row.optionalInt64(c + 16).map(date)
        return account
    }

    static let postColumns = """
        p.id, p.author_id, p.visibility, p.source, p.html, p.content_warning, p.in_reply_to_id, \
        p.in_reply_to_account_id, p.repost_of_id, p.created_at, p.replies_count, p.reposts_count, p.likes_count, p.edited_at, p.language, p.program_id, \
        p.question, p.first_answer_at, p.answered_at, p.accepted_at, p.votes_count, p.hidden_at, p.hidden_reason, p.anonymous, p.guide, p.only_for
        """
    static let postColumnCount: Int32 = 26

    static func post(_ row: Row, from c: Int32 = 0) -> Post {
        var post = Post(
            id: ID(row.int64(c)), authorID: ID(row.int64(c + 1)),
            visibility: Visibility(rawValue: row.string(c + 2)) ?? .direct,
            source: row.string(c + 3), html: row.string(c + 4), contentWarning: row.string(c + 5),
            inReplyToID: row.optionalInt64(c + 6).map(ID.init), inReplyToAccountID: row.optionalInt64(c + 7).map(ID.init),
            repostOfID: row.optionalInt64(c + 8).map(ID.init), createdAt: date(row.int64(c + 9)),
            repliesCount: row.int(c + 10), repostsCount: row.int(c + 11), likesCount: row.int(c + 12),
            editedAt: row.optionalInt64(c + 13).map(date), language: row.optionalString(c + 14),
            programID: row.optionalInt64(c + 15).map(ID.init)
        )
        post.isQuestion = row.bool(c + 16)
        post.firstAnswerAt = row.optionalInt64(c + 17).map(date)
        post.answeredAt = row.optionalInt64(c + 18).map(date)
        post.acceptedAt = row.optionalInt64(c + 19).map(date)
        post.votesCount = row.int(c + 20)
        post.hiddenAt = row.optionalInt64(c + 21).map(date)
        post.hiddenReason = row.optionalString(c + 22)
        post.isAnonymous = row.bool(c + 23)
        post.guide = row.optionalString(c + 24).flatMap { try? JSONDecoder().decode(Guide.self, from: Data($0.utf8)) }
        post.onlyFor = row.optionalInt64(c + 25).map(ID.init)
        return post
    }

    /// Ids as a JSON array, bound to a parameter that `json_each` reads as a list.
    static func jsonList(_ ids: some Sequence<ID>) -> String {
        "[" + ids.map(\.description).joined(separator: ",") + "]"
    }

    /// A time as stored: milliseconds, cut like the time in an id (`ID(floorOf:)`), so a post made at the
    /// instant something started is not "before" it.
    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
}

// MARK: - Visibility: the one rule every read path applies

extension SQLiteStore {
    /// SQL that is true when post `p` may be seen by the account bound to `:viewer` (NULL: signed out).
    ///
    /// public: everyone; organization: every signed-in member; followers: the author, followers and
    /// mentioned people; direct: the author and mentioned people. Never across a block, either way.
    /// A post in a private program is, on top of that, for the program's members (and its author) only.
    /// A guest sees only posts in the programs they are members of (and their own), and, as the expert
    /// of an organization's chat, the posts on its hashtag during its occurrences. A suspended
    /// account's posts are seen by instance moderators only; a deleted account's by nobody (while they are erased).
    /// A post moderators hid is seen only by its author, instance moderators and those who look after its program.
    /// A post sent for one person only (`only_for`: a review, a reminder) is seen by that person alone.
    static func visible(_ p: String) -> String {
        """
        (\(p).only_for IS NULL OR \(p).only_for = :viewer) AND
        (\(p).visibility = 'public' OR (:viewer IS NOT NULL AND (
            \(p).visibility = 'organization' OR \(p).author_id = :viewer
            OR (\(p).visibility = 'followers' AND EXISTS (
                SELECT 1 FROM follows vf WHERE vf.follower_id = :viewer AND vf.followee_id = \(p).author_id))
            OR (\(p).visibility IN ('followers', 'direct') AND EXISTS (
                SELECT 1 FROM mentions vm WHERE vm.post_id = \(p).id AND vm.account_id = :viewer)))))
        AND (:viewer IS NULL OR NOT EXISTS (
            SELECT 1 FROM blocks vb WHERE (vb.account_id = :viewer AND vb.target_id = \(p).author_id)
                OR (vb.account_id = \(p).author_id AND vb.target_id = :viewer)))
        AND (\(p).program_id IS NULL OR \(p).author_id = :viewer
             OR (SELECT vpr.visibility FROM programs vpr WHERE vpr.id = \(p).program_id) = 'open'
             OR EXISTS (SELECT 1 FROM program_members vpm WHERE vpm.program_id = \(p).program_id AND vpm.account_id = :viewer))
        AND (:viewer IS NULL OR \(p).author_id = :viewer
             OR NOT (SELECT vg.guest FROM accounts vg WHERE vg.id = :viewer)
             OR EXISTS (SELECT 1 FROM program_members vgm WHERE vgm.program_id = \(p).program_id AND vgm.account_id = :viewer)
             OR EXISTS (SELECT 1 FROM event_experts vgx JOIN events vge ON vge.id = vgx.event_id
                        JOIN event_occurrences vgo ON vgo.event_id = vge.id AND vgo.started_at IS NOT NULL
                        JOIN post_tags vgp ON vgp.post_id = \(p).id JOIN tags vgt ON vgt.id = vgp.tag_id AND vgt.name_key = lower(vge.hashtag)
                        WHERE vgx.account_id = :viewer AND vge.program_id IS NULL AND \(p).id >= vgo.started_at << 16
                          AND (vgo.ended_at IS NULL OR \(p).id < (vgo.ended_at + 1) << 16)))
        AND \(p).author_id NOT IN (SELECT vd.id FROM accounts vd WHERE vd.deleted_at IS NOT NULL)
        AND (\(p).author_id NOT IN (SELECT vs.id FROM accounts vs WHERE vs.suspended_at IS NOT NULL) OR \(p).author_id = :viewer
             OR (SELECT vsm.role FROM accounts vsm WHERE vsm.id = :viewer) IN ('admin', 'moderator'))
        AND (\(p).hidden_at IS NULL OR \(p).author_id = :viewer
             OR (SELECT vma.role FROM accounts vma WHERE vma.id = :viewer) IN ('admin', 'moderator')
             OR EXISTS (SELECT 1 FROM program_members vmm WHERE vmm.program_id = \(p).program_id AND vmm.account_id = :viewer
                        AND vmm.role IN ('facilitator', 'moderator')))
        """
    }

    /// `visible` for timeline rows `p` that may be reposts of `o` (LEFT JOINed): both must be visible.
    static let visibleEntry = "\(visible("p")) AND (p.repost_of_id IS NULL OR (\(visible("o"))))"

    /// SQL that is true unless the viewer muted the author of `p` or of the post it reposts.
    static let notMuted = """
        NOT EXISTS (SELECT 1 FROM mutes mu WHERE mu.account_id = :viewer AND mu.target_id IN (p.author_id, o.author_id))
        """

    /// Columns of post `p` (by author `a`) as the viewer bound to `:viewer` sees it: the post, its author,
    /// the viewer's like, repost and bookmark, the post's mentions, hashtags and attachments, and whether
    /// its author (or its parent's) is anonymous to the viewer. Read by `postView(_:from:)`.
    static let postViewColumns = """
        \(postColumns), \(accountColumns),
        EXISTS (SELECT 1 FROM likes l WHERE l.account_id = :viewer AND l.post_id = p.id),
        EXISTS (SELECT 1 FROM posts r WHERE r.repost_of_id = p.id AND r.author_id = :viewer),
        EXISTS (SELECT 1 FROM bookmarks b WHERE b.account_id = :viewer AND b.post_id = p.id),
        EXISTS (SELECT 1 FROM pins pin WHERE pin.account_id = :viewer AND pin.post_id = p.id),
        p.votes_count > 0 AND EXISTS (SELECT 1 FROM answer_votes av WHERE av.post_id = p.id AND av.account_id = :viewer),
        (SELECT group_concat(m.account_id || ' ' || ma.username, ' ')
            FROM mentions m JOIN accounts ma ON ma.id = m.account_id WHERE m.post_id = p.id),
        (SELECT group_concat(t.name, ' ') FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id),
        \(mediaJSONColumn),
        \(pollJSONColumn),
        p.anonymous AND p.author_id IS NOT :viewer,
        p.in_reply_to_account_id IS NOT :viewer AND EXISTS (SELECT 1 FROM posts ap WHERE ap.id = p.in_reply_to_id AND ap.anonymous)
        """
    static let postViewColumnCount: Int32 = postColumnCount + accountColumnCount + 11

    static func postView(_ row: Row, from start: Int32 = 0) -> PostView {
        var view = PostView(post: post(row, from: start), author: account(row, from: start + postColumnCount))
        let c = start + postColumnCount + accountColumnCount
        view.likedByViewer = row.bool(c)
        view.repostedByViewer = row.bool(c + 1)
        view.bookmarkedByViewer = row.bool(c + 2)
        view.pinnedByViewer = row.bool(c + 3)
        view.votedByViewer = row.bool(c + 4)
        // Pairs of "id username", space-separated (usernames and tag names never contain spaces).
        let mentionWords = row.string(c + 5).split(separator: " ")
        view.mentions = stride(from: 0, to: mentionWords.count - 1, by: 2).compactMap { index in
            Int64(mentionWords[index]).map { MentionedAccount(id: ID($0), username: String(mentionWords[index + 1])) }
        }
        view.tags = row.string(c + 6).split(separator: " ").map(String.init)
        view.media = attachments(row.optionalString(c + 7), postID: view.post.id)
        view.poll = poll(row.optionalString(c + 8), postID: view.post.id)
        // An anonymous question's author, and whom a reply to one answers, only its author sees.
        if row.bool(c + 9) { view.author = .anonymousLearner }
        if row.bool(c + 10) { view.post.inReplyToAccountID = Account.anonymousLearner.id }
        return view
    }

    /// The viewer's view of one post, or nil when it does not exist or the viewer may not see it.
    func postView(_ db: Connection, id: ID, viewer: ID?) throws -> PostView? {
        try db.prepare("""
            SELECT \(Self.postViewColumns)
            FROM posts p JOIN accounts a ON a.id = p.author_id
            WHERE p.id = :id AND p.repost_of_id IS NULL AND \(Self.visible("p"))
            """)
            .bind(["id": id.rawValue, "viewer": viewer?.rawValue])
            .first { Self.postView($0) }
    }

    public func posts(ids: [ID], viewer: ID?) async throws -> [PostView] {
        guard !ids.isEmpty else { return [] }
        let found = try await database.readOffPool { db in
            try db.prepare("""
                SELECT \(Self.postViewColumns)
                FROM posts p JOIN accounts a ON a.id = p.author_id
                WHERE p.id IN (SELECT value FROM json_each(:ids)) AND p.repost_of_id IS NULL AND \(Self.visible("p"))
                """)
                .bind(["ids": Self.jsonList(ids), "viewer": viewer?.rawValue])
                .rows { Self.postView($0) }
        }
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    public func post(id: ID, viewer: ID?) async throws -> PostView? {
        try await database.readOffPool { try self.postView($0, id: id, viewer: viewer) }
    }
}
