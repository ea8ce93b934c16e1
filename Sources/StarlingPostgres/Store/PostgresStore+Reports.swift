import Foundation
import StarlingCore
import StarlingSQL

/// Reports to moderators, and follow suggestions.
extension PostgresStore {
    public func insertReport(_ r: Report) async throws {
        try await database.write { db in
            try await db.run("""
                INSERT INTO reports (id, reporter_id, target_id, post_ids, comment, category, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [r.id, r.reporterID, r.target.id, r.postIDs.map(\.description).joined(separator: ","),
                       r.comment, r.category.rawValue, Self.millis(r.createdAt)])
        }
    }

    public func openReports(limit: Int, programID: ID?) async throws -> [Report] {
        try await database.read { db in
            try await db.rows("""
                SELECT r.id, r.reporter_id, r.post_ids, r.comment, r.category, r.created_at, \(Self.accountColumns)
                FROM reports r JOIN accounts a ON a.id = r.target_id
                WHERE r.resolved_at IS NULL AND (:program IS NULL OR EXISTS (
                    SELECT 1 FROM posts p WHERE p.id = ANY(string_to_array(r.post_ids, ',')::bigint[]) AND p.program_id = :program))
                ORDER BY r.id DESC LIMIT :limit
                """, ["limit": limit, "program": programID]) { row in
                    Report(id: ID(row.int64(0)), reporterID: ID(row.int64(1)), target: Self.account(row, from: 6),
                           postIDs: row.string(2).split(separator: ",").compactMap { ID($0) }, comment: row.string(3),
                           category: Report.Category(rawValue: row.string(4)) ?? .other, createdAt: Self.date(row.int64(5)))
                }
        }
    }

    public func resolveReport(id: ID, at date: Date) async throws {
        try await database.write { db in
            try await db.run("UPDATE reports SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL", [Self.millis(date), id])
        }
    }

    public func suggestions(for accountID: ID, limit: Int) async throws -> [Suggestion] {
        try await database.read { db in try await db.rows(Self.suggestionsQuery, ["me": accountID, "limit": limit]) { Self.suggestion($0) } }
    }

    public func dismissSuggestion(accountID: ID, targetID: ID) async throws {
        try await database.write { db in
            try await db.run("INSERT INTO suggestion_dismissals (account_id, target_id) VALUES (?, ?) ON CONFLICT DO NOTHING", [accountID, targetID])
        }
    }
}
