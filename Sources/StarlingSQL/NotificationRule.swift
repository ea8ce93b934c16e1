import Foundation
import StarlingCore

/// Notifications: the rule of who is not notified, as one statement both engines run.
extension SQLStore {
    /// Inserts a notification (`:id`, `:viewer` the recipient, `:kind`, `:actor`, `:post` or NULL, `:at`),
    /// unless the recipient could not see the post, muted the actor, or either blocked the other.
    public static var insertNotification: String { insertNotificationStatement }
}

private let insertNotificationStatement = """
    INSERT INTO notifications (id, recipient_id, kind, actor_id, post_id, created_at)
    SELECT :id, :viewer, :kind, :actor, :post, :at
    WHERE NOT EXISTS (SELECT 1 FROM mutes WHERE account_id = :viewer AND target_id = :actor)
      AND NOT EXISTS (SELECT 1 FROM blocks WHERE (account_id = :viewer AND target_id = :actor)
                                             OR (account_id = :actor AND target_id = :viewer))
      AND (:post IS NULL OR EXISTS (SELECT 1 FROM posts p WHERE p.id = :post AND \(visibility("p"))))
    """
