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
        try await database.read { db in try await self.filters(db, whereIn: "id", [id]).first }
    }

    public func filters(accountIDs: [ID]) async throws -> [ContentFilter] {
        guard !accountIDs.isEmpty else { return [] }
        return try await database.read { db in try await self.filters(db, whereIn: "account_id", accountIDs) }
    }

    private func filters(_ db: SQLConnection, whereIn column: String, _ values: [ID]) async throws -> [ContentFilter] {
        let filters = try await db.rows(Self.filtersQuery(whereIn: column), ["values": values]) { Self.filter($0) }
        guard !filters.isEmpty else { return [] }
        let ids: [String: any SQLBindable] = ["filters": filters.map(\.id)]
        return Self.filters(filters, keywords: try await db.rows(Self.filterKeywordsQuery, ids) { Self.filterKeyword($0) },
                            posts: try await db.rows(Self.filterPostsQuery, ids) { Self.filterPost($0) })
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
