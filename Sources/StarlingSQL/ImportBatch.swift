import Foundation
import StarlingCore

/// A batch of data for a store's bulk import (`importBatch`, the benchmark's datasets); later batches may refer to earlier ones.
public struct ImportBatch: Sendable {
    public var accounts: [NewAccount] = []
    public var follows: [(follower: ID, followee: ID)] = []
    public var tagFollows: [(account: ID, tag: String)] = []
    public var posts: [NewPost] = []
    public init() {}
}

/// Bulk imports: what both engines run after one.
extension SQLStore {
    /// Statements (one a line-ending `;`) that recompute every stored counter from the rows.
    public static var recomputeCountersScript: String {
        """
        UPDATE accounts SET
            posts_count = (SELECT COUNT(*) FROM posts WHERE author_id = accounts.id AND repost_of_id IS NULL),
            followers_count = (SELECT COUNT(*) FROM follows WHERE followee_id = accounts.id),
            following_count = (SELECT COUNT(*) FROM follows WHERE follower_id = accounts.id);
        UPDATE tags SET posts_count = (SELECT COUNT(*) FROM post_tags WHERE tag_id = tags.id);
        UPDATE posts SET replies_count = (SELECT COUNT(*) FROM posts r WHERE r.in_reply_to_id = posts.id)
            WHERE id IN (SELECT DISTINCT in_reply_to_id FROM posts WHERE in_reply_to_id IS NOT NULL);
        """
    }
}
