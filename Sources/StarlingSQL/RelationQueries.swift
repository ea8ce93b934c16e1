import Foundation
import StarlingCore

/// Relations between two people: the query both engines run and how its row becomes a `Relationship`.
extension SQLStore {
    /// How account `:a` relates to account `:b`; read by `relationship(_:)`.
    public static var relationshipQuery: String {
        """
        SELECT EXISTS (SELECT 1 FROM follows WHERE follower_id = :a AND followee_id = :b),
               EXISTS (SELECT 1 FROM follows WHERE follower_id = :b AND followee_id = :a),
               EXISTS (SELECT 1 FROM mutes WHERE account_id = :a AND target_id = :b),
               EXISTS (SELECT 1 FROM blocks WHERE account_id = :a AND target_id = :b),
               EXISTS (SELECT 1 FROM blocks WHERE account_id = :b AND target_id = :a),
               EXISTS (SELECT 1 FROM follows_out WHERE account_id = :a AND target_id = :b AND accepted_at IS NULL)
                   AND NOT EXISTS (SELECT 1 FROM follows WHERE follower_id = :a AND followee_id = :b)
        """
    }

    @inlinable public static func relationship(_ row: some ColumnReader) -> Relationship {
        var relationship = Relationship()
        relationship.following = row.bool(0)
        relationship.followedBy = row.bool(1)
        relationship.muting = row.bool(2)
        relationship.blocking = row.bool(3)
        relationship.blockedBy = row.bool(4)
        relationship.requested = row.bool(5)
        return relationship
    }
}
