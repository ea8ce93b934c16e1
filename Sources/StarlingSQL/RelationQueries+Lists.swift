import Foundation
import StarlingCore

/// People listed by how they relate to a post or a person: the queries both engines run.
extension SQLStore {
    /// The people who reposted (or liked) post `:post`, most recent first, from `:max`, at most `:limit`; rows are accounts.
    public static func interactorsQuery(reposts: Bool) -> String {
        let source = reposts
            ? "SELECT author_id AS account_id, id AS position FROM posts WHERE repost_of_id = :post"
            : "SELECT account_id, id AS position FROM likes WHERE post_id = :post"
        return """
            SELECT \(accountColumns) FROM (\(source)) x JOIN accounts a ON a.id = x.account_id
            WHERE (:max IS NULL OR x.position < :max) ORDER BY x.position DESC LIMIT :limit
            """
    }

    /// People worth following for `:me`, at most `:limit`: followed by people they follow, then the most followed;
    /// rows are accounts and whether the first reason applies (read by `suggestion`).
    public static var suggestionsQuery: String {
        """
        WITH candidates(id, weight) AS (
            SELECT f2.followee_id, count(*) * 1000 FROM follows f1 JOIN follows f2 ON f2.follower_id = f1.followee_id
            WHERE f1.follower_id = :me GROUP BY f2.followee_id
            UNION ALL
            SELECT id, followers_count FROM (SELECT id, followers_count FROM accounts WHERE domain IS NULL ORDER BY followers_count DESC LIMIT 200) AS most_followed
        )
        SELECT \(accountColumns), c.weight >= 1000 FROM (SELECT id, max(weight) AS weight FROM candidates GROUP BY id) c
        JOIN accounts a ON a.id = c.id
        WHERE a.id != :me AND a.domain IS NULL
          AND NOT EXISTS (SELECT 1 FROM follows WHERE follower_id = :me AND followee_id = a.id)
          AND NOT EXISTS (SELECT 1 FROM blocks WHERE (account_id = :me AND target_id = a.id) OR (account_id = a.id AND target_id = :me))
          AND NOT EXISTS (SELECT 1 FROM suggestion_dismissals WHERE account_id = :me AND target_id = a.id)
        ORDER BY c.weight DESC, a.id DESC LIMIT :limit
        """
    }

    @inlinable public static func suggestion(_ row: some ColumnReader) -> Suggestion {
        Suggestion(account: account(row), reason: row.bool(accountColumnCount) ? .friendsOfFriends : .mostFollowed)
    }
}
