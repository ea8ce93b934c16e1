import Foundation
import StarlingCore
import StarlingSQL

/// Lists of people and their members.
extension SQLiteStore {
    public func saveList(_ l: AccountList) async throws {
        try await database.writeOffPool { db in
            try db.prepare("""
                INSERT INTO lists (id, account_id, title, replies_policy, exclusive) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET title = excluded.title, replies_policy = excluded.replies_policy, exclusive = excluded.exclusive
                """)
                .bind([l.id.rawValue, l.ownerID.rawValue, l.title, l.repliesPolicy.rawValue, l.exclusive]).run()
        }
    }

    public func deleteList(id: ID) async throws {
        try await database.writeOffPool { db in try db.prepare("DELETE FROM lists WHERE id = ?").bind([id.rawValue]).run() }
    }

    public func list(id: ID) async throws -> AccountList? {
        try await database.readOffPool { db in
            try db.prepare("SELECT id, account_id, title, replies_policy, exclusive FROM lists WHERE id = ?").bind([id.rawValue]).first(Self.list)
        }
    }

    public func lists(ownerID: ID, member: ID?) async throws -> [AccountList] {
        try await database.readOffPool { db in
            try db.prepare("""
                SELECT id, account_id, title, replies_policy, exclusive FROM lists l
                WHERE l.account_id = :owner AND (:member IS NULL OR EXISTS (
                    SELECT 1 FROM list_members lm WHERE lm.list_id = l.id AND lm.account_id = :member))
                ORDER BY l.title COLLATE NOCASE, l.id
                """)
                .bind(["owner": ownerID.rawValue, "member": member?.rawValue]).rows(Self.list)
        }
    }

    public func listMembers(listID: ID, page: PageRequest) async throws -> [Account] {
        try await database.readOffPool { db in
            try db.prepare("""
                SELECT \(Self.accountColumns) FROM list_members lm JOIN accounts a ON a.id = lm.account_id
                WHERE lm.list_id = :list AND a.id < coalesce(:max, 9223372036854775807) AND a.id > coalesce(:lower, 0)
                ORDER BY a.id DESC LIMIT :limit
                """)
                .bind(["list": listID.rawValue, "max": page.maxID?.rawValue, "lower": page.lowerBound?.rawValue, "limit": page.limit])
                .rows { Self.account($0) }
        }
    }

    public func setListMember(listID: ID, accountID: ID, on: Bool) async throws {
        try await database.writeOffPool { db in
            let sql = on
                ? "INSERT INTO list_members (list_id, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
                : "DELETE FROM list_members WHERE list_id = ? AND account_id = ?"
            try db.prepare(sql).bind([listID.rawValue, accountID.rawValue]).run()
        }
    }
}
