import Foundation
import StarlingCore
import StarlingSQL

/// Full-text search over posts (the generated `tsvector` column, English stemming, GIN index), and
/// prefix search over people (their own `tsvector`) and tags.
///
/// Post search reads matches newest first by id (post ids are time-ordered, so date filters are id
/// ranges). Ranking happens in the domain (`SearchRanking`). Every search is planned for its own words
/// (`planEachCall`): a plan kept from other searches took a second where its own takes milliseconds.
extension PostgresStore: SearchStore {
    /// How many of the newest word matches are examined before the other filters apply.
    private static func matchWindow(_ search: PostSearch) -> Int {
        search.authorID != nil || search.hashtag != nil ? 20_000 : 500
    }

    public func searchCandidates(_ search: PostSearch, viewer: ID?, limit: Int) async throws -> [SearchCandidate] {
        let words = Self.searchWords(search.text)
        var conditions = [Self.visible("p"), "p.repost_of_id IS NULL",
                          "(:from IS NULL OR p.id >= :from)", "(:until IS NULL OR p.id < :until)"]
        var from = "posts p"
        if !words.isEmpty {
            // The window's matches newest first, joined in that order: the scan stops as soon as `limit` of them
            // pass the visibility rule, instead of checking the whole window (and reading every match's words).
            from = """
                (SELECT m.id FROM posts m WHERE m.search @@ plainto_tsquery('english', :match) AND m.repost_of_id IS NULL
                         AND (:from IS NULL OR m.id >= :from) AND (:until IS NULL OR m.id < :until)
                         ORDER BY m.id DESC LIMIT :window) window_match JOIN posts p ON p.id = window_match.id
                """
        }
        if search.authorID != nil { conditions.append("p.author_id = :author AND (NOT p.anonymous OR p.author_id IS NOT DISTINCT FROM :viewer)") }
        if search.hashtag != nil {
            conditions.append("EXISTS (SELECT 1 FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id AND t.name_key = :tag)")
        }
        let sql = "SELECT p.id, p.source FROM \(from) WHERE \(conditions.joined(separator: " AND ")) ORDER BY p.id DESC LIMIT :limit"
        return try await database.read(planEachCall: true) { db in
            try await db.rows(sql, ["viewer": viewer, "match": words.joined(separator: " "), "author": search.authorID,
                                    "from": search.from.map { ID(floorOf: $0) }, "until": search.until.map { ID(floorOf: $0) },
                                    "tag": search.hashtag.map(Tag.key), "window": Self.matchWindow(search), "limit": limit]) {
                SearchCandidate(id: ID($0.int64(0)), text: $0.string(1))
            }
        }
    }

    public func searchAccounts(_ text: String, limit: Int, guest: ID?) async throws -> [Account] {
        // Every word must begin some part of the name (username or display name); underscores split words.
        let words = Self.searchWords(text).prefix(5).flatMap { $0.split(separator: "_") }
        guard !words.isEmpty else { return [] }
        let prefixes = words.map { "'\($0.lowercased())':*" }.joined(separator: " & ")
        return try await database.read(planEachCall: true) { db in
            try await db.rows("""
                SELECT \(Self.accountColumns) FROM accounts a
                WHERE a.search @@ to_tsquery('simple', :match) AND a.deleted_at IS NULL
                  AND (:guest IS NULL OR a.id = :guest OR EXISTS (
                      SELECT 1 FROM program_members mine JOIN program_members theirs ON theirs.program_id = mine.program_id
                      WHERE mine.account_id = :guest AND theirs.account_id = a.id))
                ORDER BY a.followers_count DESC LIMIT :limit
                """, ["match": prefixes, "limit": limit, "guest": guest]) { Self.account($0) }
        }
    }

    public func searchTags(_ text: String, limit: Int, guest: ID?) async throws -> [Tag] {
        let prefix = Tag.key(String(text.trimmingCharacters(in: .whitespaces).trimmingPrefix("#")))
        guard let last = prefix.unicodeScalars.last, let next = Unicode.Scalar(last.value + 1) else { return [] }
        // A range on the unique index: every key that starts with `prefix`.
        let upper = String(prefix.unicodeScalars.dropLast()) + String(next)
        return try await database.read(planEachCall: true) { db in
            try await db.rows("""
                SELECT id, name, posts_count FROM (SELECT * FROM tags WHERE name_key >= :from AND name_key < :to LIMIT 500) t
                WHERE :guest IS NULL OR EXISTS (
                    SELECT 1 FROM programs pr JOIN program_members m ON m.program_id = pr.id
                    WHERE m.account_id = :guest AND pr.tag_key = t.name_key)
                ORDER BY posts_count DESC LIMIT :limit
                """, ["from": prefix, "to": upper, "limit": limit, "guest": guest], Self.tag)
        }
    }
}
