import Foundation
import StarlingCore

/// Full-text search (FTS5 with Porter stemming) over posts, and prefix search over people and tags.
extension SQLiteStore {
    /// Days after which a match counts half as much as a fresh one of equal relevance.
    private static let recencyHalfLifeMillis: Double = 30 * 24 * 3600 * 1000

    public func searchPosts(_ search: PostSearch, viewer: ID?, limit: Int) throws -> [PostView] {
        let match = Self.ftsQuery(search.text)
        var conditions = [Self.visible("p"), "p.repost_of_id IS NULL"]
        if match != nil { conditions.append("posts_search MATCH :match") }
        if search.authorID != nil { conditions.append("p.author_id = :author") }
        if search.from != nil { conditions.append("p.created_at >= :from") }
        if search.until != nil { conditions.append("p.created_at < :until") }
        if search.hashtag != nil {
            conditions.append("EXISTS (SELECT 1 FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id AND t.name_key = :tag)")
        }
        // Relevance (bm25, negative: lower is better) is damped by age, so recent matches rise.
        let sql = match != nil
            ? """
              SELECT p.id FROM posts_search JOIN posts p ON p.id = posts_search.rowid
              WHERE \(conditions.joined(separator: " AND "))
              ORDER BY bm25(posts_search) / (1.0 + (:now - p.created_at) / \(Self.recencyHalfLifeMillis)) LIMIT :limit
              """
            : """
              SELECT p.id FROM posts p WHERE \(conditions.joined(separator: " AND ")) ORDER BY p.id DESC LIMIT :limit
              """
        return try database.read { db in
            let ids = try db.prepare(sql)
                .bind(["viewer": viewer?.rawValue, "match": match, "author": search.authorID?.rawValue,
                       "from": search.from.map(Self.millis), "until": search.until.map(Self.millis),
                       "tag": search.hashtag.map(Tag.key), "now": Self.millis(Date()), "limit": limit])
                .rows { ID($0.int64(0)) }
            return try ids.compactMap { try postView(db, id: $0, viewer: viewer) }
        }
    }

    /// The words of a person's query as an FTS5 query: each word quoted (so operators and
    /// punctuation are literal), all required, the last one also matching as a prefix.
    static func ftsQuery(_ text: String) -> String? {
        let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init)
        guard !words.isEmpty else { return nil }
        return words.enumerated().map { index, word in
            "\"\(word)\"" + (index == words.count - 1 ? "*" : "")
        }.joined(separator: " ")
    }

    public func searchAccounts(_ text: String, limit: Int) throws -> [Account] {
        let needle = Self.likeEscaped(text.trimmingCharacters(in: .whitespaces).lowercased().trimmingPrefix("@"))
        guard !needle.isEmpty else { return [] }
        return try database.read { db in
            try db.prepare("""
                SELECT \(Self.accountColumns) FROM accounts a
                WHERE a.username_key LIKE :prefix ESCAPE '\\' OR lower(a.display_name) LIKE :infix ESCAPE '\\'
                ORDER BY a.username_key LIKE :prefix ESCAPE '\\' DESC, a.followers_count DESC LIMIT :limit
                """)
                .bind(["prefix": needle + "%", "infix": "%" + needle + "%", "limit": limit])
                .rows { Self.account($0) }
        }
    }

    public func searchTags(_ text: String, limit: Int) throws -> [Tag] {
        let needle = Self.likeEscaped(Tag.key(String(text.trimmingCharacters(in: .whitespaces).trimmingPrefix("#"))))
        guard !needle.isEmpty else { return [] }
        return try database.read { db in
            try db.prepare("SELECT id, name, posts_count FROM tags WHERE name_key LIKE ? ESCAPE '\\' ORDER BY posts_count DESC LIMIT ?")
                .bind([needle + "%", limit]).rows(Self.tag)
        }
    }

    private static func likeEscaped(_ text: some StringProtocol) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
