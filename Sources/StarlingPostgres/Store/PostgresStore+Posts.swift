import Foundation
import StarlingCore
import StarlingSQL

/// Writing posts and the things people do to them (likes, reposts, bookmarks), and reading them as a viewer sees them.
extension PostgresStore: PostStore {
    /// Committed at once, on its own (grouping posts from outside is the SQLite store's so far, measured there),
    /// moving only the change stamp's `latest` part.
    public func insertPostFromOutside(_ new: NewPost) async throws -> Post { try await insertPost(new, settles: false) }

    public func insertPost(_ new: NewPost) async throws -> Post { try await insertPost(new, settles: true) }

    private func insertPost(_ new: NewPost, settles: Bool) async throws -> Post {
        try await database.write(settles: settles) { db in
            let p = new.post
            try await self.insertPostRows(db, new, countingTags: true)
            try await self.attachMedia(db, ids: new.mediaIDs, to: p)
            if let poll = new.poll { try await self.insertPoll(db, postID: p.id, draft: poll.draft, expiresAt: poll.expiresAt) }
            try await db.run("UPDATE accounts SET posts_count = posts_count + 1 WHERE id = ?", [p.authorID])
            if let parent = p.inReplyToID {
                try await db.run("UPDATE posts SET replies_count = replies_count + 1 WHERE id = ?", [parent])
                // A question's first answer by someone other than the asker is when it got one.
                try await db.run("UPDATE posts SET first_answer_at = coalesce(first_answer_at, ?) WHERE id = ? AND question AND author_id != ?",
                                 [Self.millis(p.createdAt), parent, p.authorID])
            }
            if let key = new.idempotencyKey {
                try await db.run("""
                    INSERT INTO idempotency_keys (account_id, key, post_id, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (account_id, key) DO UPDATE SET post_id = excluded.post_id, created_at = excluded.created_at
                    """, [p.authorID, key, p.id, Self.millis(p.createdAt)])
            }
            // Notify the parent's author of a reply and everyone mentioned, each once.
            var notified = Set<ID>([p.authorID])
            if let parentAuthor = p.inReplyToAccountID, notified.insert(parentAuthor).inserted {
                try await self.notify(db, recipient: parentAuthor, kind: .reply, actor: p.authorID, post: p.id, at: p.createdAt)
            }
            for mentioned in new.mentionedIDs where notified.insert(mentioned).inserted {
                try await self.notify(db, recipient: mentioned, kind: .mention, actor: p.authorID, post: p.id, at: p.createdAt)
            }
            return p
        }
    }

    /// Inserts the post row with its hashtag and mention rows (no counters, no notifications).
    func insertPostRows(_ db: SQLConnection, _ new: NewPost, countingTags: Bool) async throws {
        let p = new.post
        try await db.run("""
            INSERT INTO posts (id, author_id, visibility, source, html, content_warning, in_reply_to_id,
                in_reply_to_account_id, created_at, language, program_id, question, anonymous, guide, only_for, uri, url)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [p.id, p.authorID, p.visibility.rawValue, p.source, p.html, p.contentWarning, p.inReplyToID, p.inReplyToAccountID,
             Self.millis(p.createdAt), p.language, p.programID, p.isQuestion, p.isAnonymous,
             try p.guide.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }, p.onlyFor, p.remote?.uri, p.remote?.url])
        try await insertTagsAndMentions(db, postID: p.id, hashtags: new.hashtags, mentionedIDs: new.mentionedIDs, countingTags: countingTags)
    }

    func insertTagsAndMentions(_ db: SQLConnection, postID: ID, hashtags: [String], mentionedIDs: [ID], countingTags: Bool) async throws {
        for name in hashtags { // the tag made or counted and the post tagged in one round trip
            try await db.run("""
                WITH tag AS (\(Self.upsertTagStatement))
                INSERT INTO post_tags (tag_id, post_id) SELECT id, ? FROM tag ON CONFLICT DO NOTHING
                """, [ids.next(), name, Tag.key(name), countingTags ? 1 : 0, postID])
        }
        for mentioned in mentionedIDs {
            try await db.run("INSERT INTO mentions (post_id, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING", [postID, mentioned])
        }
    }

    /// Creates the tag if new (in the case given) and returns its id.
    func upsertTag(_ db: SQLConnection, name: String, countingPost: Bool) async throws -> Int64 {
        try await db.scalar(Self.upsertTagStatement, [ids.next(), name, Tag.key(name), countingPost ? 1 : 0]) ?? 0
    }

    /// Makes a tag (id, name, key, posts to count) or adds the posts to count to the one with that key; returns its id.
    static let upsertTagStatement = """
        INSERT INTO tags (id, name, name_key, posts_count) VALUES (?, ?, ?, ?)
        ON CONFLICT (name_key) DO UPDATE SET posts_count = tags.posts_count + excluded.posts_count
        RETURNING id
        """

    /// Records a notification, unless the recipient could not see the post, muted or blocked the actor.
    func notify(_ db: SQLConnection, recipient: ID, kind: StarlingCore.Notification.Kind, actor: ID, post: ID?, at date: Date) async throws {
        try await db.run(Self.insertNotification,
            ["id": ids.next(at: date), "viewer": recipient, "kind": kind.rawValue, "actor": actor, "post": post, "at": Self.millis(date)])
    }

    public func postForIdempotencyKey(accountID: ID, key: String, since: Date) async throws -> ID? {
        try await database.read { db in
            try await db.scalar("SELECT post_id FROM idempotency_keys WHERE account_id = ? AND key = ? AND created_at >= ?",
                                [accountID, key, Self.millis(since)]).map(ID.init)
        }
    }

    public func deletePost(id: ID, audit: AuditEntry?) async throws {
        try await database.write { db in
            guard let post = try await db.first("SELECT \(Self.postColumns) FROM posts p WHERE p.id = ?", [id], { Self.post($0) }) else { return }
            if let audit { try await self.insertAuditEntry(db, audit) }
            try await self.deletePost(db, post)
        }
    }

    /// Deletes `post`, keeping the counts that include it right (its tags', its author's, its parent's, its original's).
    func deletePost(_ db: SQLConnection, _ post: Post) async throws {
        try await db.run("UPDATE tags SET posts_count = posts_count - 1 WHERE id IN (SELECT tag_id FROM post_tags WHERE post_id = ?)", [post.id])
        if let original = post.repostOfID {
            try await db.run("UPDATE posts SET reposts_count = reposts_count - 1 WHERE id = ?", [original])
        } else {
            try await db.run("UPDATE accounts SET posts_count = posts_count - 1 WHERE id = ?", [post.authorID])
        }
        if let parent = post.inReplyToID {
            try await db.run("UPDATE posts SET replies_count = replies_count - 1 WHERE id = ?", [parent])
        }
        try await db.run("DELETE FROM posts WHERE id = ?", [post.id])
    }

    public func setLike(accountID: ID, postID: ID, on: Bool) async throws {
        try await database.write { db in
            let now = Date()
            if on {
                let added = try await db.run("INSERT INTO likes (account_id, post_id, id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1",
                                             [accountID, postID, self.ids.next(at: now)])
                guard added == 1 else { return }
                try await db.run("UPDATE posts SET likes_count = likes_count + 1 WHERE id = ?", [postID])
                if let author = try await self.authorOf(db, postID), author != accountID {
                    try await self.notify(db, recipient: author, kind: .like, actor: accountID, post: postID, at: now)
                }
            } else {
                let removed = try await db.run("DELETE FROM likes WHERE account_id = ? AND post_id = ? RETURNING 1", [accountID, postID])
                guard removed == 1 else { return }
                try await db.run("UPDATE posts SET likes_count = likes_count - 1 WHERE id = ?", [postID])
                try await db.run("DELETE FROM notifications WHERE kind = 'like' AND actor_id = ? AND post_id = ?", [accountID, postID])
            }
        }
    }

    public func setBookmark(accountID: ID, postID: ID, on: Bool) async throws {
        try await database.write { db in
            if on {
                try await db.run("INSERT INTO bookmarks (account_id, post_id, id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                 [accountID, postID, self.ids.next()])
            } else {
                try await db.run("DELETE FROM bookmarks WHERE account_id = ? AND post_id = ?", [accountID, postID])
            }
        }
    }

    @discardableResult
    public func setRepost(accountID: ID, postID: ID, on: Bool) async throws -> ID? {
        try await database.write { db in
            let now = Date()
            if on {
                let repostID = self.ids.next(at: now)
                let added = try await db.run("""
                    INSERT INTO posts (id, author_id, visibility, source, html, repost_of_id, created_at)
                    SELECT ?, ?, visibility, '', '', id, ? FROM posts WHERE id = ? AND repost_of_id IS NULL
                    ON CONFLICT DO NOTHING RETURNING 1
                    """, [repostID, accountID, Self.millis(now), postID])
                guard added == 1 else { return nil }
                try await db.run("UPDATE posts SET reposts_count = reposts_count + 1 WHERE id = ?", [postID])
                if let author = try await self.authorOf(db, postID), author != accountID {
                    try await self.notify(db, recipient: author, kind: .repost, actor: accountID, post: postID, at: now)
                }
                return repostID
            } else {
                let removed = try await db.run("DELETE FROM posts WHERE repost_of_id = ? AND author_id = ? RETURNING 1", [postID, accountID])
                guard removed >= 1 else { return nil }
                try await db.run("UPDATE posts SET reposts_count = reposts_count - 1 WHERE id = ?", [postID])
                try await db.run("DELETE FROM notifications WHERE kind = 'repost' AND actor_id = ? AND post_id = ?", [accountID, postID])
                return nil
            }
        }
    }

    private func authorOf(_ db: SQLConnection, _ postID: ID) async throws -> ID? {
        try await db.scalar("SELECT author_id FROM posts WHERE id = ?", [postID]).map(ID.init)
    }

    /// The viewer's view of one post, or nil when it does not exist or the viewer may not see it.
    func postView(_ db: SQLConnection, id: ID, viewer: ID?) async throws -> PostView? {
        try await db.first(Self.postViewQuery, ["id": id, "viewer": viewer]) { Self.postView($0) }
    }

    /// The views of the posts among `ids` the viewer may see, in no order.
    func postViews(_ db: SQLConnection, ids: [ID], viewer: ID?) async throws -> [PostView] {
        guard !ids.isEmpty else { return [] }
        return try await db.rows(Self.postViewsQuery, ["ids": ids, "viewer": viewer]) { Self.postView($0) }
    }

    public func posts(ids: [ID], viewer: ID?) async throws -> [PostView] {
        try await database.read { db in try await self.postViews(db, ids: ids, viewer: viewer).inOrder(of: ids) }
    }

    public func post(id: ID, viewer: ID?) async throws -> PostView? {
        try await database.read { try await self.postView($0, id: id, viewer: viewer) }
    }
}
