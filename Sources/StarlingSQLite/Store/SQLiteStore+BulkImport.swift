import Foundation
import StarlingCore
import StarlingSQL

/// Fast loading of large generated or migrated datasets (the benchmark uses it).
///
/// Rows go in in large transactions and counters are recomputed once at the end, instead of the
/// per-post work `insertPost` does; no notifications are created.
extension SQLiteStore {
    public func importBatch(_ batch: ImportBatch) async throws {
        try await database.writeOffPool { db in
            let now = Self.millis(Date())
            for a in batch.accounts {
                try db.prepare("""
                    INSERT INTO accounts (id, username, username_key, email, email_key, display_name, bio, role, password_hash, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                    .bind([a.id.rawValue, a.username, a.username.lowercased(), a.email, a.email.lowercased(), a.displayName,
                           a.bio, a.role.rawValue, a.passwordHash, Self.millis(a.createdAt)]).run()
            }
            for f in batch.follows {
                try db.prepare("INSERT INTO follows (follower_id, followee_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .bind([f.follower.rawValue, f.followee.rawValue, now]).run()
            }
            for f in batch.tagFollows {
                let tagID = try self.upsertTag(db, name: f.tag, countingPost: false)
                try db.prepare("INSERT INTO tag_follows (account_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .bind([f.account.rawValue, tagID]).run()
            }
            for new in batch.posts {
                try self.insertPostRows(db, new, countingTags: false)
            }
        }
    }

    /// Recomputes every stored counter from the rows (after an import) and refreshes planner statistics.
    public func recomputeCounters() async throws {
        try await database.writeOffPool { db in
            try db.execute(Self.recomputeCountersScript)
        }
        try database.withWriter { try $0.execute("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)") }
    }
}
