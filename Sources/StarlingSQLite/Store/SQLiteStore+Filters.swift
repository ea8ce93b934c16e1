import Foundation
import StarlingCore
import StarlingSQL

/// Content filters, their keywords and their filtered posts.
extension SQLiteStore {
    public func saveFilter(_ f: ContentFilter) async throws {
        try await database.writeOffPool { db in
            try db.prepare("""
                INSERT INTO filters (id, account_id, title, contexts, action, expires_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET title = excluded.title, contexts = excluded.contexts, action = excluded.action,
                    expires_at = excluded.expires_at
                """)
                .bind([f.id.rawValue, f.accountID.rawValue, f.title, f.contexts.map(\.rawValue).joined(separator: ","), f.action.rawValue,
                       f.expiresAt.map(Self.millis)])
                .run()
        }
    }

    public func deleteFilter(id: ID) async throws {
        try await database.writeOffPool { db in try db.prepare("DELETE FROM filters WHERE id = ?").bind([id.rawValue]).run() }
    }

    public func filter(id: ID) async throws -> ContentFilter? {
        try await database.readOffPool { db in try self.filters(db, whereIn: "id", [id]).first }
    }

    public func filters(accountIDs: [ID]) async throws -> [ContentFilter] {
        guard !accountIDs.isEmpty else { return [] }
        return try await database.readOffPool { db in try self.filters(db, whereIn: "account_id", accountIDs) }
    }

    private func filters(_ db: Connection, whereIn column: String, _ values: [ID]) throws -> [ContentFilter] {
        let filters = try db.prepare(Self.filtersQuery(whereIn: column)).bind(["values": values]).rows { Self.filter($0) }
        guard !filters.isEmpty else { return [] }
        let ids: [String: any SQLBindable] = ["filters": filters.map(\.id)]
        return Self.filters(filters, keywords: try db.prepare(Self.filterKeywordsQuery).bind(ids).rows { Self.filterKeyword($0) },
                            posts: try db.prepare(Self.filterPostsQuery).bind(ids).rows { Self.filterPost($0) })
    }

    public func saveFilterKeyword(_ k: ContentFilter.Keyword, filterID: ID) async throws {
        try await database.writeOffPool { db in
            try db.prepare("""
                INSERT INTO filter_keywords (id, filter_id, keyword, whole_word) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET keyword = excluded.keyword, whole_word = excluded.whole_word
                """)
                .bind([k.id.rawValue, filterID.rawValue, k.keyword, k.wholeWord]).run()
        }
    }

    public func deleteFilterKeyword(id: ID) async throws {
        try await database.writeOffPool { db in try db.prepare("DELETE FROM filter_keywords WHERE id = ?").bind([id.rawValue]).run() }
    }

    public func filterID(ofKeyword id: ID) async throws -> ID? {
        try await database.readOffPool { db in try db.prepare("SELECT filter_id FROM filter_keywords WHERE id = ?").bind([id.rawValue]).scalar().map(ID.init) }
    }

    public func addFilterPost(_ entry: ContentFilter.PostEntry, filterID: ID) async throws {
        try await database.writeOffPool { db in
            try db.prepare("INSERT INTO filter_posts (id, filter_id, post_id) VALUES (?, ?, ?)")
                .bind([entry.id.rawValue, filterID.rawValue, entry.postID.rawValue]).run()
        }
    }

    public func deleteFilterPost(id: ID) async throws {
        try await database.writeOffPool { db in try db.prepare("DELETE FROM filter_posts WHERE id = ?").bind([id.rawValue]).run() }
    }

    public func filterID(ofPostEntry id: ID) async throws -> ID? {
        try await database.readOffPool { db in try db.prepare("SELECT filter_id FROM filter_posts WHERE id = ?").bind([id.rawValue]).scalar().map(ID.init) }
    }
}
