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
        try await database.readOffPool { db in try self.filters(db, where: "id = ?", id.rawValue).first }
    }

    public func filters(accountID: ID) async throws -> [ContentFilter] {
        try await database.readOffPool { db in try self.filters(db, where: "account_id = ?", accountID.rawValue) }
    }

    private func filters(_ db: Connection, where condition: String, _ value: Int64) throws -> [ContentFilter] {
        let rows = try db.prepare("SELECT id, account_id, title, contexts, action, expires_at FROM filters WHERE \(condition) ORDER BY id")
            .bind([value])
            .rows { row in
                ContentFilter(id: ID(row.int64(0)), accountID: ID(row.int64(1)), title: row.string(2),
                              contexts: row.string(3).split(separator: ",").compactMap { ContentFilter.Context(rawValue: String($0)) },
                              action: ContentFilter.Action(rawValue: row.string(4)) ?? .warn, expiresAt: row.optionalInt64(5).map(Self.date))
            }
        return try rows.map { filter in
            var filter = filter
            filter.keywords = try db.prepare("SELECT id, keyword, whole_word FROM filter_keywords WHERE filter_id = ? ORDER BY id")
                .bind([filter.id.rawValue]).rows { ContentFilter.Keyword(id: ID($0.int64(0)), keyword: $0.string(1), wholeWord: $0.bool(2)) }
            filter.posts = try db.prepare("SELECT id, post_id FROM filter_posts WHERE filter_id = ? ORDER BY id")
                .bind([filter.id.rawValue]).rows { ContentFilter.PostEntry(id: ID($0.int64(0)), postID: ID($0.int64(1))) }
            return filter
        }
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
