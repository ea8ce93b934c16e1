import Foundation
import StarlingCore
import StarlingSQL

/// Full-text search (FTS5 with Porter stemming) over posts, and prefix search over people and tags.
///
/// Post search reads matches newest first by rowid (post ids are time-ordered, so date filters are rowid
/// ranges): that stays fast however common a word is. Ranking happens in the domain (`SearchRanking`).
extension SQLiteStore {
    /// How many of the newest word matches are examined before the other filters apply.
    private static func matchWindow(_ search: PostSearch) -> Int {
        search.authorID != nil || search.hashtag != nil ? 20_000 : 500
    }

    public func searchCandidates(_ search: PostSearch, viewer: ID?, limit: Int) async throws -> [SearchCandidate] {
        let match = Self.ftsQuery(search.text)
        var conditions = [Self.visible("p"), "p.repost_of_id IS NULL",
                          "(:from IS NULL OR p.id >= :from)", "(:until IS NULL OR p.id < :until)"]
        if match != nil {
            conditions.append("""
                p.id IN (SELECT rowid FROM posts_search WHERE posts_search MATCH :match
                         AND (:from IS NULL OR rowid >= :from) AND (:until IS NULL OR rowid < :until)
                         ORDER BY rowid DESC LIMIT :window)
                """)
        }
        if search.authorID != nil { conditions.append("p.author_id = :author AND (NOT p.anonymous OR p.author_id IS :viewer)") }
        if search.hashtag != nil {
            conditions.append("EXISTS (SELECT 1 FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id AND t.name_key = :tag)")
        }
        let sql = "SELECT p.id, p.source FROM posts p WHERE \(conditions.joined(separator: " AND ")) ORDER BY p.id DESC LIMIT :limit"
        return try await database.readOffPool { db in
            try db.prepare(sql)
                .bind(["viewer": viewer?.rawValue, "match": match, "author": search.authorID?.rawValue,
                       "from": search.from.map { ID(floorOf: $0).rawValue }, "until": search.until.map { ID(floorOf: $0).rawValue },
                       "tag": search.hashtag.map(Tag.key), "window": Self.matchWindow(search), "limit": limit])
                .rows { SearchCandidate(id: ID($0.int64(0)), text: $0.string(1)) }
        }
    }

    /// The words of a person's query as an FTS5 query: each word quoted (so operators and
    /// punctuation are literal), all required. Porter stemming matches word forms.
    static func ftsQuery(_ text: String) -> String? {
        let words = searchWords(text)
        return words.isEmpty ? nil : words.map { "\"\($0)\"" }.joined(separator: " ")
    }

    public func searchAccounts(_ text: String, limit: Int, guest: ID?) async throws -> [Account] {
        let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).prefix(5)
        guard !words.isEmpty else { return [] }
        // Every word must begin some part of the name (username or display name); underscores split words.
        let match = words.map { "\"\($0.replacingOccurrences(of: "_", with: " "))\"*" }.joined(separator: " ")
        return try await database.readOffPool { db in
            try db.prepare("""
                SELECT \(Self.accountColumns) FROM accounts_search s JOIN accounts a ON a.id = s.rowid
                WHERE accounts_search MATCH :match AND a.deleted_at IS NULL
                  AND (:guest IS NULL OR a.id = :guest OR EXISTS (
                      SELECT 1 FROM program_members mine JOIN program_members theirs ON theirs.program_id = mine.program_id
                      WHERE mine.account_id = :guest AND theirs.account_id = a.id))
                ORDER BY a.followers_count DESC LIMIT :limit
                """)
                .bind(["match": match, "limit": limit, "guest": guest?.rawValue])
                .rows { Self.account($0) }
        }
    }

    public func searchTags(_ text: String, limit: Int, guest: ID?) async throws -> [Tag] {
        let prefix = Tag.key(String(text.trimmingCharacters(in: .whitespaces).trimmingPrefix("#")))
        guard let last = prefix.unicodeScalars.last, let next = Unicode.Scalar(last.value + 1) else { return [] }
        // A range on the unique index: every key that starts with `prefix`.
        let upper = String(prefix.unicodeScalars.dropLast()) + String(next)
        return try await database.readOffPool { db in
            try db.prepare("""
                SELECT id, name, posts_count FROM (SELECT * FROM tags WHERE name_key >= :from AND name_key < :to LIMIT 500) t
                WHERE :guest IS NULL OR EXISTS (
                    SELECT 1 FROM programs pr JOIN program_members m ON m.program_id = pr.id
                    WHERE m.account_id = :guest AND pr.tag_key = t.name_key)
                ORDER BY posts_count DESC LIMIT :limit
                """)
                .bind(["from": prefix, "to": upper, "limit": limit, "guest": guest?.rawValue]).rows(Self.tag)
        }
    }
}
