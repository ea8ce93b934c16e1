import Foundation
import StarlingCore
import StarlingSQL

/// Deleting accounts: the owner's request, the moment of deletion, and erasing in batches.
extension PostgresStore {
    public func setDeletionRequested(accountID: ID, at date: Date?, entry: AuditEntry) async throws {
        try await database.write { db in
            try await db.run("UPDATE accounts SET deletion_requested_at = ? WHERE id = ? AND deleted_at IS NULL", [date.map(Self.millis), accountID])
            try await self.insertAuditEntry(db, entry)
        }
    }

    public func activeAdminCount() async throws -> Int {
        try await database.read { db in
            Int(try await db.scalar("""
                SELECT count(*) FROM accounts
                WHERE role = 'admin' AND deactivated_at IS NULL AND suspended_at IS NULL AND deleted_at IS NULL
                """) ?? 0)
        }
    }

    public func accountsAwaitingDeletion() async throws -> [Account] {
        try await database.read { db in
            try await db.rows("""
                SELECT \(Self.accountColumns) FROM accounts a
                WHERE a.deletion_requested_at IS NOT NULL AND a.deleted_at IS NULL ORDER BY a.deletion_requested_at, a.id
                """) { Self.account($0) }
        }
    }

    public func markDeleted(accountID: ID, at date: Date, entry: AuditEntry) async throws {
        try await database.write { db in
            try await db.run("UPDATE accounts SET deleted_at = ?1, deactivated_at = coalesce(deactivated_at, ?1) WHERE id = ?2",
                [Self.millis(date), accountID])
            try await self.endAccess(db, accountID: accountID, at: date)
            try await self.insertAuditEntry(db, entry)
        }
    }

    public func purgePosts(of accountID: ID, limit: Int) async throws -> (postIDs: [ID], files: [String]) {
        try await database.write { db in
            guard let deleted = try await db.first("SELECT deleted_at IS NOT NULL FROM accounts WHERE id = ? AND deactivated_at IS NOT NULL",
                [accountID], { $0.bool(0) }) else { return ([], []) }
            var posts = try await db.rows("SELECT \(Self.postColumns) FROM posts p WHERE p.author_id = ? ORDER BY p.id LIMIT ?",
                [accountID, limit]) { Self.post($0) }
            if deleted, posts.count < limit {
                posts += try await db.rows("SELECT \(Self.postColumns) FROM posts p WHERE p.only_for = ? ORDER BY p.id LIMIT ?",
                    [accountID, limit - posts.count]) { Self.post($0) }
            }
            var files: [String] = []
            for post in posts {
                files += try await db.rows("SELECT file_name FROM media WHERE post_id = ?", [post.id]) { $0.string(0) }
                try await self.deletePost(db, post)
            }
            return (posts.map(\.id), files)
        }
    }

    public func eraseDeletedAccount(accountID: ID) async throws -> [String] {
        try await database.write { db in
            let id = accountID.rawValue
            // Once only: the email key marks an account already erased.
            guard try await db.scalar("SELECT 1 FROM accounts WHERE id = ?1 AND deleted_at IS NOT NULL AND email_key <> 'deleted:' || ?1", [id]) != nil else { return [] }
            // Counts on others' rows that include this person.
            try await db.run("UPDATE accounts SET followers_count = followers_count - 1 WHERE id IN (SELECT followee_id FROM follows WHERE follower_id = ?)",
                [id])
            try await db.run("UPDATE accounts SET following_count = following_count - 1 WHERE id IN (SELECT follower_id FROM follows WHERE followee_id = ?)",
                [id])
            try await db.run("UPDATE posts SET likes_count = likes_count - 1 WHERE id IN (SELECT post_id FROM likes WHERE account_id = ?)", [id])
            try await db.run("UPDATE posts SET votes_count = votes_count - 1 WHERE id IN (SELECT post_id FROM answer_votes WHERE account_id = ?)",
                [id])
            try await db.run("""
                UPDATE expert_questions SET votes_count = votes_count - 1
                WHERE id IN (SELECT question_id FROM expert_question_votes WHERE account_id = ?)
                """, [id])
            // Media never posted (a plan's nugget keeps its image), and the avatar.
            let uploads = try await db.rows("""
                SELECT m.file_name FROM media m WHERE m.account_id = ? AND NOT EXISTS (SELECT 1 FROM nuggets n WHERE n.media_id = m.id)
                """, [id]) { $0.string(0) }
            try await db.run("DELETE FROM media WHERE account_id = ? AND NOT EXISTS (SELECT 1 FROM nuggets n WHERE n.media_id = media.id)", [id])
            let avatar = try await db.first("SELECT avatar_path FROM accounts WHERE id = ?", [id]) { $0.optionalString(0) } ?? nil
            for (table, column) in Self.personalRows {
                try await db.run("DELETE FROM \(table) WHERE \(column) = ?", [id])
            }
            // The nameless row that stays: no email, name, bio, picture, password or calendar link (people search skips deleted accounts).
            try await db.run("""
                UPDATE accounts SET email = '', email_key = 'deleted:' || id, display_name = '', bio = '', avatar_path = NULL,
                    password_hash = '', calendar_token_hash = NULL, time_zone = NULL, deletion_requested_at = NULL,
                    posts_count = 0, followers_count = 0, following_count = 0
                WHERE id = ?
                """, [id])
            return uploads + [avatar].compactMap { $0 }
        }
    }
}
