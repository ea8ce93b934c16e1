import Foundation
import StarlingCore
import StarlingSQL

/// Deleting accounts: the owner's request, the moment of deletion, and erasing in batches.
extension SQLiteStore {
    public func setDeletionRequested(accountID: ID, at date: Date?, entry: AuditEntry) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE accounts SET deletion_requested_at = ? WHERE id = ? AND deleted_at IS NULL")
                .bind([date.map(Self.millis), accountID.rawValue]).run()
            try self.insertAuditEntry(db, entry)
        }
    }

    public func activeAdminCount() async throws -> Int {
        try await database.readOffPool { db in
            Int(try db.prepare("""
                SELECT count(*) FROM accounts
                WHERE role = 'admin' AND deactivated_at IS NULL AND suspended_at IS NULL AND deleted_at IS NULL
                """).scalar() ?? 0)
        }
    }

    public func accountsAwaitingDeletion() async throws -> [Account] {
        try await database.readOffPool { db in
            try db.prepare("""
                SELECT \(Self.accountColumns) FROM accounts a
                WHERE a.deletion_requested_at IS NOT NULL AND a.deleted_at IS NULL ORDER BY a.deletion_requested_at, a.id
                """).rows { Self.account($0) }
        }
    }

    public func markDeleted(accountID: ID, at date: Date, entry: AuditEntry) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE accounts SET deleted_at = ?1, deactivated_at = coalesce(deactivated_at, ?1) WHERE id = ?2")
                .bind([Self.millis(date), accountID.rawValue]).run()
            try self.endAccess(db, accountID: accountID, at: date)
            try self.insertAuditEntry(db, entry)
        }
    }

    public func purgePosts(of accountID: ID, limit: Int) async throws -> (postIDs: [ID], files: [String]) {
        try await database.writeOffPool { db in
            guard let deleted = try db.prepare("SELECT deleted_at IS NOT NULL FROM accounts WHERE id = ? AND deactivated_at IS NOT NULL")
                .bind([accountID.rawValue]).first({ $0.int(0) != 0 }) else { return ([], []) }
            var posts = try db.prepare("SELECT \(Self.postColumns) FROM posts p WHERE p.author_id = ? ORDER BY p.id LIMIT ?")
                .bind([accountID.rawValue, limit]).rows { Self.post($0) }
            if deleted, posts.count < limit {
                posts += try db.prepare("SELECT \(Self.postColumns) FROM posts p WHERE p.only_for = ? ORDER BY p.id LIMIT ?")
                    .bind([accountID.rawValue, limit - posts.count]).rows { Self.post($0) }
            }
            var files: [String] = []
            for post in posts {
                files += try db.prepare("SELECT file_name FROM media WHERE post_id = ?").bind([post.id.rawValue]).rows { $0.string(0) }
                try self.deletePost(db, post)
            }
            return (posts.map(\.id), files)
        }
    }

    public func eraseDeletedAccount(accountID: ID) async throws -> [String] {
        try await database.writeOffPool { db in
            let id = accountID.rawValue
            // Once only: the email key marks an account already erased.
            guard try db.prepare("SELECT 1 FROM accounts WHERE id = ?1 AND deleted_at IS NOT NULL AND email_key <> 'deleted:' || ?1")
                .bind([id]).scalar() != nil else { return [] }
            // Counts on others' rows that include this person.
            try db.prepare("UPDATE accounts SET followers_count = followers_count - 1 WHERE id IN (SELECT followee_id FROM follows WHERE follower_id = ?)")
                .bind([id]).run()
            try db.prepare("UPDATE accounts SET following_count = following_count - 1 WHERE id IN (SELECT follower_id FROM follows WHERE followee_id = ?)")
                .bind([id]).run()
            try db.prepare("UPDATE posts SET likes_count = likes_count - 1 WHERE id IN (SELECT post_id FROM likes WHERE account_id = ?)").bind([id]).run()
            try db.prepare("UPDATE posts SET votes_count = votes_count - 1 WHERE id IN (SELECT post_id FROM answer_votes WHERE account_id = ?)")
                .bind([id]).run()
            try db.prepare("""
                UPDATE expert_questions SET votes_count = votes_count - 1
                WHERE id IN (SELECT question_id FROM expert_question_votes WHERE account_id = ?)
                """).bind([id]).run()
            // Media never posted (a plan's nugget keeps its image), and the avatar.
            let uploads = try db.prepare("""
                SELECT m.file_name FROM media m WHERE m.account_id = ? AND NOT EXISTS (SELECT 1 FROM nuggets n WHERE n.media_id = m.id)
                """).bind([id]).rows { $0.string(0) }
            try db.prepare("DELETE FROM media WHERE account_id = ? AND NOT EXISTS (SELECT 1 FROM nuggets n WHERE n.media_id = media.id)")
                .bind([id]).run()
            let avatar = try db.prepare("SELECT avatar_path FROM accounts WHERE id = ?").bind([id]).first { $0.optionalString(0) } ?? nil
            for (table, column) in Self.personalRows {
                try db.prepare("DELETE FROM \(table) WHERE \(column) = ?").bind([id]).run()
            }
            // The nameless row that stays: no email, name, bio, picture, password or calendar link; out of people search.
            try db.prepare("""
                UPDATE accounts SET email = '', email_key = 'deleted:' || id, display_name = '', bio = '', avatar_path = NULL,
                    password_hash = '', calendar_token_hash = NULL, time_zone = NULL, deletion_requested_at = NULL,
                    posts_count = 0, followers_count = 0, following_count = 0
                WHERE id = ?
                """).bind([id]).run()
            try db.prepare("INSERT INTO accounts_search(accounts_search, rowid, username, display_name) SELECT 'delete', id, username, display_name FROM accounts WHERE id = ?")
                .bind([id]).run()
            return uploads + [avatar].compactMap { $0 }
        }
    }
}
