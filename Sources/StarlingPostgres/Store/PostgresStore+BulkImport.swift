import Foundation
import StarlingCore
import StarlingSQL

/// Fast loading of large generated or migrated datasets (the benchmark uses it).
///
/// Rows go in in large transactions and counters are recomputed once at the end, instead of the
/// per-post work `insertPost` does; no notifications are created.
extension PostgresStore {
    public func importBatch(_ batch: ImportBatch) async throws {
        try await database.write { db in
            let now = Self.millis(Date())
            for a in batch.accounts {
                try await db.run("""
                    INSERT INTO accounts (id, username, username_key, email, email_key, display_name, bio, role, password_hash, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [a.id, a.username, a.username.lowercased(), a.email, a.email.lowercased(), a.displayName,
                           a.bio, a.role.rawValue, a.passwordHash, Self.millis(a.createdAt)])
            }
            for f in batch.follows {
                try await db.run("INSERT INTO follows (follower_id, followee_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    [f.follower, f.followee, now])
            }
            for f in batch.tagFollows {
                let tagID = try await self.upsertTag(db, name: f.tag, countingPost: false)
                try await db.run("INSERT INTO tag_follows (account_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING", [f.account.rawValue, tagID])
            }
            for new in batch.posts {
                try await self.insertPostRows(db, new, countingTags: false)
            }
        }
    }

    /// Recomputes every stored counter from the rows (after an import) and refreshes planner statistics.
    public func recomputeCounters() async throws {
        try await database.write { db in
            try await db.runScript(Self.recomputeCountersScript)
        }
        try await database.withConnection { try await $0.run("ANALYZE") }
    }
}
