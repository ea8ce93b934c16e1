import Foundation
import StarlingCore
import StarlingSQL

/// Lists of people and their members.
extension PostgresStore: ListStore {
    public func saveList(_ l: AccountList) async throws {
        try await database.write { db in
            try await db.run("""
                INSERT INTO lists (id, account_id, title, replies_policy, exclusive) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET title = excluded.title, replies_policy = excluded.replies_policy, exclusive = excluded.exclusive
                """, [l.id, l.ownerID, l.title, l.repliesPolicy.rawValue, l.exclusive])
        }
    }

    public func deleteList(id: ID) async throws {
        try await database.write { db in try await db.run("DELETE FROM lists WHERE id = ?", [id]) }
    }

    public func list(id: ID) async throws -> AccountList? {
        try await database.read { db in
            try await db.first("SELECT id, account_id, title, replies_policy, exclusive FROM lists WHERE id = ?", [id], Self.list)
        }
    }

    public func lists(ownerID: ID, member: ID?) async throws -> [AccountList] {
        try await database.read { db in
            try await db.rows("""
                SELECT id, account_id, title, replies_policy, exclusive FROM lists l
                WHERE l.account_id = :owner AND (:member IS NULL OR EXISTS (
                    SELECT 1 FROM list_members lm WHERE lm.list_id = l.id AND lm.account_id = :member))
                ORDER BY lower(l.title), l.id
                """, ["owner": ownerID, "member": member], Self.list)
        }
    }

    public func listMembers(listID: ID, page: PageRequest) async throws -> [Account] {
        try await database.read { db in
            try await db.rows("""
                SELECT \(Self.accountColumns) FROM list_members lm JOIN accounts a ON a.id = lm.account_id
                WHERE lm.list_id = :list AND a.id < coalesce(:max, 9223372036854775807) AND a.id > coalesce(:lower, 0)
                ORDER BY a.id DESC LIMIT :limit
                """, ["list": listID, "max": page.maxID, "lower": page.lowerBound, "limit": page.limit]) { Self.account($0) }
        }
    }

    public func setListMember(listID: ID, accountID: ID, on: Bool) async throws {
        try await database.write { db in
            let sql = on
                ? "INSERT INTO list_members (list_id, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
                : "DELETE FROM list_members WHERE list_id = ? AND account_id = ?"
            try await db.run(sql, [listID, accountID])
        }
    }
}
