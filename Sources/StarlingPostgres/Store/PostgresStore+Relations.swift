import Foundation
import StarlingCore
import StarlingSQL

/// Follows (of people and hashtags), mutes and blocks.
extension PostgresStore {
    public func setFollow(followerID: ID, followeeID: ID, on: Bool) async throws {
        try await database.write { db in try await self.setFollow(db, followerID: followerID, followeeID: followeeID, on: on) }
    }

    private func setFollow(_ db: SQLConnection, followerID: ID, followeeID: ID, on: Bool) async throws {
        let now = Date()
        let changed: Int
        if on {
            changed = try await db.run("INSERT INTO follows (follower_id, followee_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1",
                                       [followerID, followeeID, Self.millis(now)])
        } else {
            // Lists hold only people you follow.
            try await db.run("DELETE FROM list_members WHERE account_id = ? AND list_id IN (SELECT id FROM lists WHERE account_id = ?)",
                [followeeID, followerID])
            changed = try await db.run("DELETE FROM follows WHERE follower_id = ? AND followee_id = ? RETURNING 1", [followerID, followeeID])
        }
        guard changed == 1 else { return }
        let delta = on ? 1 : -1
        try await db.run("UPDATE accounts SET following_count = following_count + ? WHERE id = ?", [delta, followerID])
        try await db.run("UPDATE accounts SET followers_count = followers_count + ? WHERE id = ?", [delta, followeeID])
        if on {
            try await notify(db, recipient: followeeID, kind: .follow, actor: followerID, post: nil, at: now)
        }
    }

    public func setMute(accountID: ID, targetID: ID, on: Bool) async throws {
        try await database.write { db in
            let sql = on
                ? "INSERT INTO mutes (account_id, target_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
                : "DELETE FROM mutes WHERE account_id = ? AND target_id = ?"
            try await db.run(sql, [accountID, targetID])
        }
    }

    /// Blocking also ends follows in both directions.
    public func setBlock(accountID: ID, targetID: ID, on: Bool) async throws {
        try await database.write { db in
            if on {
                try await db.run("INSERT INTO blocks (account_id, target_id) VALUES (?, ?) ON CONFLICT DO NOTHING", [accountID, targetID])
                try await self.setFollow(db, followerID: accountID, followeeID: targetID, on: false)
                try await self.setFollow(db, followerID: targetID, followeeID: accountID, on: false)
            } else {
                try await db.run("DELETE FROM blocks WHERE account_id = ? AND target_id = ?", [accountID, targetID])
            }
        }
    }

    public func relationship(from: ID, to: ID) async throws -> Relationship {
        try await database.read { db in
            try await db.first(Self.relationshipQuery, ["a": from, "b": to]) { Self.relationship($0) } ?? Relationship()
        }
    }

    public func setTagFollow(accountID: ID, tag: String, on: Bool) async throws {
        try await database.write { db in
            let tagID = try await self.upsertTag(db, name: tag, countingPost: false)
            let sql = on
                ? "INSERT INTO tag_follows (account_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
                : "DELETE FROM tag_follows WHERE account_id = ? AND tag_id = ?"
            try await db.run(sql, [accountID, tagID])
        }
    }

    public func followedTags(accountID: ID) async throws -> [Tag] {
        try await database.read { db in
            try await db.rows("""
                SELECT t.id, t.name, t.posts_count FROM tag_follows tf JOIN tags t ON t.id = tf.tag_id
                WHERE tf.account_id = ? ORDER BY t.name_key
                """, [accountID], Self.tag)
        }
    }

    public func busiestTags(limit: Int) async throws -> [Tag] {
        try await database.read { db in
            try await db.rows("SELECT t.id, t.name, t.posts_count FROM tags t WHERE t.posts_count > 0 ORDER BY t.posts_count DESC, t.name_key LIMIT ?",
                [limit], Self.tag)
        }
    }

    public func hasPostedInJoinedProgram(accountID: ID) async throws -> Bool {
        try await database.read { db in
            try await db.scalar("""
                SELECT EXISTS (SELECT 1 FROM program_members m JOIN posts p ON p.program_id = m.program_id AND p.author_id = m.account_id
                               WHERE m.account_id = ? AND m.agreed_at IS NOT NULL)
                """, [accountID]) == 1
        }
    }

    public func hasRSVP(accountID: ID) async throws -> Bool {
        try await database.read { db in
            try await db.scalar("SELECT EXISTS (SELECT 1 FROM event_rsvps WHERE account_id = ?)", [accountID]) == 1
        }
    }

    public func tag(name: String) async throws -> Tag? {
        try await database.read { db in
            try await db.first("SELECT id, name, posts_count FROM tags WHERE name_key = ?", [Tag.key(name)], Self.tag)
        }
    }

    public func followers(of accountID: ID, page: PageRequest) async throws -> [Account] {
        try await relatedAccounts(join: "f.follower_id", where: "f.followee_id", accountID: accountID, page: page)
    }

    public func following(of accountID: ID, page: PageRequest) async throws -> [Account] {
        try await relatedAccounts(join: "f.followee_id", where: "f.follower_id", accountID: accountID, page: page)
    }

    public func interactors(of postID: ID, reposts: Bool, page: PageRequest) async throws -> [Account] {
        try await database.read { db in
            try await db.rows(Self.interactorsQuery(reposts: reposts), ["post": postID, "max": page.maxID, "limit": page.limit]) { Self.account($0) }
        }
    }

    private func relatedAccounts(join: String, where column: String, accountID: ID, page: PageRequest) async throws -> [Account] {
        try await database.read { db in
            try await db.rows("""
                SELECT \(Self.accountColumns) FROM follows f JOIN accounts a ON a.id = \(join)
                WHERE \(column) = :id AND a.id < coalesce(:max, 9223372036854775807) ORDER BY a.id DESC LIMIT :limit
                """, ["id": accountID, "max": page.maxID, "limit": page.limit]) { Self.account($0) }
        }
    }
}
