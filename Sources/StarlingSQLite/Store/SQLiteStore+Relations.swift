import Foundation
import StarlingCore
import StarlingSQL

/// Follows (of people and hashtags), mutes and blocks.
extension SQLiteStore {
    public func setFollow(followerID: ID, followeeID: ID, on: Bool) async throws {
        try await database.writeOffPool { db in try self.setFollow(db, followerID: followerID, followeeID: followeeID, on: on) }
    }

    private func setFollow(_ db: Connection, followerID: ID, followeeID: ID, on: Bool) throws {
        let now = Date()
        if on {
            try db.prepare("INSERT INTO follows (follower_id, followee_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .bind([followerID.rawValue, followeeID.rawValue, Self.millis(now)]).run()
        } else {
            // Lists hold only people you follow.
            try db.prepare("DELETE FROM list_members WHERE account_id = ? AND list_id IN (SELECT id FROM lists WHERE account_id = ?)")
                .bind([followeeID.rawValue, followerID.rawValue]).run()
            try db.prepare("DELETE FROM follows WHERE follower_id = ? AND followee_id = ?").bind([followerID.rawValue, followeeID.rawValue]).run()
        }
        guard db.changes == 1 else { return }
        let delta = on ? 1 : -1
        try db.prepare("UPDATE accounts SET following_count = following_count + ? WHERE id = ?").bind([delta, followerID.rawValue]).run()
        try db.prepare("UPDATE accounts SET followers_count = followers_count + ? WHERE id = ?").bind([delta, followeeID.rawValue]).run()
        if on {
            try notify(db, recipient: followeeID, kind: .follow, actor: followerID, post: nil, at: now)
        }
    }

    public func setMute(accountID: ID, targetID: ID, on: Bool) async throws {
        try await database.writeOffPool { db in
            let sql = on
                ? "INSERT INTO mutes (account_id, target_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
                : "DELETE FROM mutes WHERE account_id = ? AND target_id = ?"
            try db.prepare(sql).bind([accountID.rawValue, targetID.rawValue]).run()
        }
    }

    /// Blocking also ends follows in both directions.
    public func setBlock(accountID: ID, targetID: ID, on: Bool) async throws {
        try await database.writeOffPool { db in
            if on {
                try db.prepare("INSERT INTO blocks (account_id, target_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .bind([accountID.rawValue, targetID.rawValue]).run()
                try self.setFollow(db, followerID: accountID, followeeID: targetID, on: false)
                try self.setFollow(db, followerID: targetID, followeeID: accountID, on: false)
            } else {
                try db.prepare("DELETE FROM blocks WHERE account_id = ? AND target_id = ?").bind([accountID.rawValue, targetID.rawValue]).run()
            }
        }
    }

    public func relationship(from: ID, to: ID) async throws -> Relationship {
        try await database.readOffPool { db in
            try db.prepare(Self.relationshipQuery).bind(["a": from, "b": to]).first { Self.relationship($0) } ?? Relationship()
        }
    }

    public func setTagFollow(accountID: ID, tag: String, on: Bool) async throws {
        try await database.writeOffPool { db in
            let tagID = try self.upsertTag(db, name: tag, countingPost: false)
            let sql = on
                ? "INSERT INTO tag_follows (account_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
                : "DELETE FROM tag_follows WHERE account_id = ? AND tag_id = ?"
            try db.prepare(sql).bind([accountID.rawValue, tagID]).run()
        }
    }

    public func followedTags(accountID: ID) async throws -> [Tag] {
        try await database.readOffPool { db in
            try db.prepare("""
                SELECT t.id, t.name, t.posts_count FROM tag_follows tf JOIN tags t ON t.id = tf.tag_id
                WHERE tf.account_id = ? ORDER BY t.name_key
                """)
                .bind([accountID.rawValue]).rows(Self.tag)
        }
    }

    public func busiestTags(limit: Int) async throws -> [Tag] {
        try await database.readOffPool { db in
            try db.prepare("SELECT t.id, t.name, t.posts_count FROM tags t WHERE t.posts_count > 0 ORDER BY t.posts_count DESC, t.name_key LIMIT ?")
                .bind([limit]).rows(Self.tag)
        }
    }

    public func hasPostedInJoinedProgram(accountID: ID) async throws -> Bool {
        try await database.readOffPool { db in
            try db.prepare("""
                SELECT EXISTS (SELECT 1 FROM program_members m JOIN posts p ON p.program_id = m.program_id AND p.author_id = m.account_id
                               WHERE m.account_id = ? AND m.agreed_at IS NOT NULL)
                """).bind([accountID.rawValue]).scalar() == 1
        }
    }

    public func hasRSVP(accountID: ID) async throws -> Bool {
        try await database.readOffPool { db in
            try db.prepare("SELECT EXISTS (SELECT 1 FROM event_rsvps WHERE account_id = ?)").bind([accountID.rawValue]).scalar() == 1
        }
    }

    public func tag(name: String) async throws -> Tag? {
        try await database.readOffPool { db in
            try db.prepare("SELECT id, name, posts_count FROM tags WHERE name_key = ?").bind([Tag.key(name)]).first(Self.tag)
        }
    }

    public func followers(of accountID: ID, page: PageRequest) async throws -> [Account] {
        try await relatedAccounts(join: "f.follower_id", where: "f.followee_id", accountID: accountID, page: page)
    }

    public func following(of accountID: ID, page: PageRequest) async throws -> [Account] {
        try await relatedAccounts(join: "f.followee_id", where: "f.follower_id", accountID: accountID, page: page)
    }

    public func interactors(of postID: ID, reposts: Bool, page: PageRequest) async throws -> [Account] {
        try await database.readOffPool { db in
            try db.prepare(Self.interactorsQuery(reposts: reposts)).bind(["post": postID, "max": page.maxID, "limit": page.limit])
                .rows { Self.account($0) }
        }
    }

    private func relatedAccounts(join: String, where column: String, accountID: ID, page: PageRequest) async throws -> [Account] {
        try await database.readOffPool { db in
            try db.prepare("""
                SELECT \(Self.accountColumns) FROM follows f JOIN accounts a ON a.id = \(join)
                WHERE \(column) = :id AND a.id < coalesce(:max, 9223372036854775807) ORDER BY a.id DESC LIMIT :limit
                """)
                .bind(["id": accountID.rawValue, "max": page.maxID?.rawValue, "limit": page.limit])
                .rows { Self.account($0) }
        }
    }
}
