import Foundation
import StarlingCore
import StarlingSQL

/// Writing posts and the things people do to them (likes, reposts, bookmarks).
extension SQLiteStore {
    public func insertPost(_ new: NewPost) async throws -> Post {
        try await database.writeOffPool { db in try self.insertPost(db, new) }
    }

    public func insertPostFromOutside(_ new: NewPost) async throws -> Post {
        try await postsFromOutside.write { db in try self.insertPost(db, new) }
    }

    /// The rows of a new post, its counters and notifications, in the writer's open transaction.
    private func insertPost(_ db: Connection, _ new: NewPost) throws -> Post {
        let p = new.post
        try self.insertPostRows(db, new, countingTags: true)
        try self.attachMedia(db, ids: new.mediaIDs, to: p)
        if let poll = new.poll { try self.insertPoll(db, postID: p.id, draft: poll.draft, expiresAt: poll.expiresAt) }
        try db.prepare("UPDATE accounts SET posts_count = posts_count + 1 WHERE id = ?").bind([p.authorID.rawValue]).run()
        if let parent = p.inReplyToID {
            try db.prepare("UPDATE posts SET replies_count = replies_count + 1 WHERE id = ?").bind([parent.rawValue]).run()
            // A question's first answer by someone other than the asker is when it got one.
            try db.prepare("UPDATE posts SET first_answer_at = coalesce(first_answer_at, ?) WHERE id = ? AND question = 1 AND author_id != ?")
                .bind([Self.millis(p.createdAt), parent.rawValue, p.authorID.rawValue]).run()
        }
        if let key = new.idempotencyKey {
            try db.prepare("""
                INSERT INTO idempotency_keys (account_id, key, post_id, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (account_id, key) DO UPDATE SET post_id = excluded.post_id, created_at = excluded.created_at
                """)
                .bind([p.authorID.rawValue, key, p.id.rawValue, Self.millis(p.createdAt)]).run()
        }
        // Notify the parent's author of a reply and everyone mentioned, each once.
        var notified = Set<ID>([p.authorID])
        if let parentAuthor = p.inReplyToAccountID, notified.insert(parentAuthor).inserted {
            try self.notify(db, recipient: parentAuthor, kind: .reply, actor: p.authorID, post: p.id, at: p.createdAt)
        }
        for mentioned in new.mentionedIDs where notified.insert(mentioned).inserted {
            try self.notify(db, recipient: mentioned, kind: .mention, actor: p.authorID, post: p.id, at: p.createdAt)
        }
        return p
    }

    /// Inserts the post row with its hashtag and mention rows (no counters, no notifications).
    func insertPostRows(_ db: Connection, _ new: NewPost, countingTags: Bool) throws {
        let p = new.post
        try db.prepare("""
            INSERT INTO posts (id, author_id, visibility, source, html, content_warning, in_reply_to_id,
                in_reply_to_account_id, created_at, language, program_id, question, anonymous, guide, only_for, uri, url)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
            .bind([p.id.rawValue, p.authorID.rawValue, p.visibility.rawValue, p.source, p.html, p.contentWarning,
                   p.inReplyToID?.rawValue, p.inReplyToAccountID?.rawValue, Self.millis(p.createdAt), p.language, p.programID?.rawValue,
                   p.isQuestion, p.isAnonymous, try p.guide.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) },
                   p.onlyFor?.rawValue, p.remote?.uri, p.remote?.url])
            .run()
        try insertTagsAndMentions(db, postID: p.id, hashtags: new.hashtags, mentionedIDs: new.mentionedIDs, countingTags: countingTags)
    }

    func insertTagsAndMentions(_ db: Connection, postID: ID, hashtags: [String], mentionedIDs: [ID], countingTags: Bool) throws {
        for name in hashtags {
            let tagID = try upsertTag(db, name: name, countingPost: countingTags)
            try db.prepare("INSERT INTO post_tags (tag_id, post_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .bind([tagID, postID.rawValue]).run()
        }
        for mentioned in mentionedIDs {
            try db.prepare("INSERT INTO mentions (post_id, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .bind([postID.rawValue, mentioned.rawValue]).run()
        }
    }

    /// Creates the tag if new (in the case given) and returns its id.
    func upsertTag(_ db: Connection, name: String, countingPost: Bool) throws -> Int64 {
        try db.prepare("""
            INSERT INTO tags (id, name, name_key, posts_count) VALUES (?, ?, ?, ?)
            ON CONFLICT (name_key) DO UPDATE SET posts_count = tags.posts_count + excluded.posts_count
            RETURNING id
            """)
            .bind([ids.next().rawValue, name, Tag.key(name), countingPost ? 1 : 0])
            .scalar() ?? 0
    }

    /// Records a notification, unless the recipient could not see the post, muted or blocked the actor.
    func notify(_ db: Connection, recipient: ID, kind: StarlingCore.Notification.Kind, actor: ID, post: ID?, at date: Date) throws {
        try db.prepare(Self.insertNotification)
            .bind(["id": ids.next(at: date).rawValue, "viewer": recipient.rawValue, "kind": kind.rawValue,
                   "actor": actor.rawValue, "post": post?.rawValue, "at": Self.millis(date)])
            .run()
    }

    public func postForIdempotencyKey(accountID: ID, key: String, since: Date) async throws -> ID? {
        try await database.readOffPool { db in
            try db.prepare("SELECT post_id FROM idempotency_keys WHERE account_id = ? AND key = ? AND created_at >= ?")
                .bind([accountID.rawValue, key, Self.millis(since)]).scalar().map(ID.init)
        }
    }

    public func deletePost(id: ID, audit: AuditEntry?) async throws {
        try await database.writeOffPool { db in
            guard let post = try db.prepare("SELECT \(Self.postColumns) FROM posts p WHERE p.id = ?")
                .bind([id.rawValue]).first({ Self.post($0) }) else { return }
            if let audit { try self.insertAuditEntry(db, audit) }
            try self.deletePost(db, post)
        }
    }

    /// Deletes `post`, keeping the counts that include it right (its tags', its author's, its parent's, its original's).
    func deletePost(_ db: Connection, _ post: Post) throws {
        try db.prepare("UPDATE tags SET posts_count = posts_count - 1 WHERE id IN (SELECT tag_id FROM post_tags WHERE post_id = ?)")
            .bind([post.id.rawValue]).run()
        if let original = post.repostOfID {
            try db.prepare("UPDATE posts SET reposts_count = reposts_count - 1 WHERE id = ?").bind([original.rawValue]).run()
        } else {
            try db.prepare("UPDATE accounts SET posts_count = posts_count - 1 WHERE id = ?").bind([post.authorID.rawValue]).run()
        }
        if let parent = post.inReplyToID {
            try db.prepare("UPDATE posts SET replies_count = replies_count - 1 WHERE id = ?").bind([parent.rawValue]).run()
        }
        try db.prepare("DELETE FROM posts WHERE id = ?").bind([post.id.rawValue]).run()
    }

    public func setLike(accountID: ID, postID: ID, on: Bool) async throws {
        try await database.writeOffPool { db in
            let now = Date()
            if on {
                try db.prepare("INSERT INTO likes (account_id, post_id, id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .bind([accountID.rawValue, postID.rawValue, self.ids.next(at: now).rawValue]).run()
                guard db.changes == 1 else { return }
                try db.prepare("UPDATE posts SET likes_count = likes_count + 1 WHERE id = ?").bind([postID.rawValue]).run()
                if let author = try self.authorOf(db, postID), author != accountID {
                    try self.notify(db, recipient: author, kind: .like, actor: accountID, post: postID, at: now)
                }
            } else {
                try db.prepare("DELETE FROM likes WHERE account_id = ? AND post_id = ?").bind([accountID.rawValue, postID.rawValue]).run()
                guard db.changes == 1 else { return }
                try db.prepare("UPDATE posts SET likes_count = likes_count - 1 WHERE id = ?").bind([postID.rawValue]).run()
                try db.prepare("DELETE FROM notifications WHERE kind = 'like' AND actor_id = ? AND post_id = ?")
                    .bind([accountID.rawValue, postID.rawValue]).run()
            }
        }
    }

    public func setBookmark(accountID: ID, postID: ID, on: Bool) async throws {
        try await database.writeOffPool { db in
            if on {
                try db.prepare("INSERT INTO bookmarks (account_id, post_id, id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .bind([accountID.rawValue, postID.rawValue, self.ids.next().rawValue]).run()
            } else {
                try db.prepare("DELETE FROM bookmarks WHERE account_id = ? AND post_id = ?").bind([accountID.rawValue, postID.rawValue]).run()
            }
        }
    }

    @discardableResult
    public func setRepost(accountID: ID, postID: ID, on: Bool) async throws -> ID? {
        try await database.writeOffPool { db in
            let now = Date()
            if on {
                let repostID = self.ids.next(at: now)
                try db.prepare("""
                    INSERT INTO posts (id, author_id, visibility, source, html, repost_of_id, created_at)
                    SELECT ?, ?, visibility, '', '', id, ? FROM posts WHERE id = ? AND repost_of_id IS NULL
                    ON CONFLICT DO NOTHING
                    """)
                    .bind([repostID.rawValue, accountID.rawValue, Self.millis(now), postID.rawValue]).run()
                guard db.changes == 1 else { return nil }
                try db.prepare("UPDATE posts SET reposts_count = reposts_count + 1 WHERE id = ?").bind([postID.rawValue]).run()
                if let author = try self.authorOf(db, postID), author != accountID {
                    try self.notify(db, recipient: author, kind: .repost, actor: accountID, post: postID, at: now)
                }
                return repostID
            } else {
                try db.prepare("DELETE FROM posts WHERE repost_of_id = ? AND author_id = ?").bind([postID.rawValue, accountID.rawValue]).run()
                guard db.changes >= 1 else { return nil }
                try db.prepare("UPDATE posts SET reposts_count = reposts_count - 1 WHERE id = ?").bind([postID.rawValue]).run()
                try db.prepare("DELETE FROM notifications WHERE kind = 'repost' AND actor_id = ? AND post_id = ?")
                    .bind([accountID.rawValue, postID.rawValue]).run()
                return nil
            }
        }
    }

    private func authorOf(_ db: Connection, _ postID: ID) throws -> ID? {
        try db.prepare("SELECT author_id FROM posts WHERE id = ?").bind([postID.rawValue]).scalar().map(ID.init)
    }
}
