import Foundation
import StarlingCore
import StarlingSQL

/// Content filters, their keywords and their filtered posts.
extension PostgresStore {
    public func saveFilter(_ f: ContentFilter) async throws {
        try await database.write { db in
            try await db.run("""
                INSERT INTO filters (id, account_id, title, contexts, action, expires_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET title = excluded.title, contexts = excluded.contexts, action = excluded.action,
                    expires_at = excluded.expires_at
                """, [f.id, f.accountID, f.title, f.contexts.map(\.rawValue).joined(separator: ","), f.action.rawValue,
                       f.expiresAt.map(Self.millis)])
        }
    }

    public func deleteFilter(id: ID) async throws {
        try await database.write { db in try await db.run("DELETE FROM filters WHERE id = ?", [id]) }
    }

    public func filter(id: ID) async throws -> ContentFilter? {
        try await database.read { db in try await self.filters(db, where: "id = ?", id.rawValue).first }
    }

    public func filters(accountID: ID) async throws -> [ContentFilter] {
        try await database.read { db in try await self.filters(db, where: "account_id = ?", accountID.rawValue) }
    }

    private func filters(_ db: SQLConnection, where condition: String, _ value: Int64) async throws -> [ContentFilter] {
        let rows = try await db.rows("SELECT id, account_id, title, contexts, action, expires_at FROM filters WHERE \(condition) ORDER BY id", [value]) { row in
                ContentFilter(id: ID(row.int64(0)), accountID: ID(row.int64(1)), title: row.string(2),
                              contexts: row.string(3).split(separator: ",").compactMap { ContentFilter.Context(rawValue: String($0)) },
                              action: ContentFilter.Action(rawValue: row.string(4)) ?? .warn, expiresAt: row.optionalInt64(5).map(Self.date))
            }
        return try await rows.asyncMap { filter in
            var filter = filter
            filter.keywords = try await db.rows("SELECT id, keyword, whole_word FROM filter_keywords WHERE filter_id = ? ORDER BY id",
                [filter.id]) { ContentFilter.Keyword(id: ID($0.int64(0)), keyword: $0.string(1), wholeWord: $0.bool(2)) }
            filter.posts = try await db.rows("SELECT id, post_id FROM filter_posts WHERE filter_id = ? ORDER BY id",
                [filter.id]) { ContentFilter.PostEntry(id: ID($0.int64(0)), postID: ID($0.int64(1))) }
            return filter
        }
    }

    public func saveFilterKeyword(_ k: ContentFilter.Keyword, filterID: ID) async throws {
        try await database.write { db in
            try await db.run("""
                INSERT INTO filter_keywords (id, filter_id, keyword, whole_word) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET keyword = excluded.keyword, whole_word = excluded.whole_word
                """, [k.id, filterID, k.keyword, k.wholeWord])
        }
    }

    public func deleteFilterKeyword(id: ID) async throws {
        try await database.write { db in try await db.run("DELETE FROM filter_keywords WHERE id = ?", [id]) }
    }

    public func filterID(ofKeyword id: ID) async throws -> ID? {
        try await database.read { db in try await db.scalar("SELECT filter_id FROM filter_keywords WHERE id = ?", [id]).map(ID.init) }
    }

    public func addFilterPost(_ entry: ContentFilter.PostEntry, filterID: ID) async throws {
        try await database.write { db in
            try await db.run("INSERT INTO filter_posts (id, filter_id, post_id) VALUES (?, ?, ?)", [entry.id, filterID, entry.postID])
        }
    }

    public func deleteFilterPost(id: ID) async throws {
        try await database.write { db in try await db.run("DELETE FROM filter_posts WHERE id = ?", [id]) }
    }

    public func filterID(ofPostEntry id: ID) async throws -> ID? {
        try await database.read { db in try await db.scalar("SELECT filter_id FROM filter_posts WHERE id = ?", [id]).map(ID.init) }
    }
}
