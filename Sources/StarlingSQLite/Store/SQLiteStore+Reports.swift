import Foundation
import StarlingCore
import StarlingSQL

/// Reports to moderators, and follow suggestions.
extension SQLiteStore {
    public func insertReport(_ r: Report) async throws {
        try await database.writeOffPool { db in
            try db.prepare("""
                INSERT INTO reports (id, reporter_id, target_id, post_ids, comment, category, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
                .bind([r.id.rawValue, r.reporterID.rawValue, r.target.id.rawValue, r.postIDs.map(\.description).joined(separator: ","),
                       r.comment, r.category.rawValue, Self.millis(r.createdAt)])
                .run()
        }
    }

    public func openReports(limit: Int, programID: ID?) async throws -> [Report] {
        try await database.readOffPool { db in
            try db.prepare("""
                SELECT r.id, r.reporter_id, r.post_ids, r.comment, r.category, r.created_at, \(Self.accountColumns)
                FROM reports r JOIN accounts a ON a.id = r.target_id
                WHERE r.resolved_at IS NULL AND (:program IS NULL OR EXISTS (
                    SELECT 1 FROM json_each('[' || r.post_ids || ']') j JOIN posts p ON p.id = j.value WHERE p.program_id = :program))
                ORDER BY r.id DESC LIMIT :limit
                """)
                .bind(["limit": limit, "program": programID?.rawValue])
                .rows { row in
                    Report(id: ID(row.int64(0)), reporterID: ID(row.int64(1)), target: Self.account(row, from: 6),
                           postIDs: row.string(2).split(separator: ",").compactMap { ID($0) }, comment: row.string(3),
                           category: Report.Category(rawValue: row.string(4)) ?? .other, createdAt: Self.date(row.int64(5)))
                }
        }
    }

    public func resolveReport(id: ID, at date: Date) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE reports SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL").bind([Self.millis(date), id.rawValue]).run()
        }
    }

    public func suggestions(for accountID: ID, limit: Int) async throws -> [Suggestion] {
        try await database.readOffPool { db in
            try db.prepare(Self.suggestionsQuery).bind(["me": accountID, "limit": limit]).rows { Self.suggestion($0) }
        }
    }

    public func dismissSuggestion(accountID: ID, targetID: ID) async throws {
        try await database.writeOffPool { db in
            try db.prepare("INSERT INTO suggestion_dismissals (account_id, target_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .bind([accountID.rawValue, targetID.rawValue]).run()
        }
    }
}
