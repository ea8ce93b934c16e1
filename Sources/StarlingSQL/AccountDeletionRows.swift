import Foundation

/// Deleting an account: what both engines erase.
extension SQLStore {
    /// Rows about the person alone, erased with the account: (table, column naming the account). Rows in other
    /// tables that name it are kept: things made for others (programs, events, plans, knowledge pages, partner
    /// rounds, invitations), reports and the audit log; the nameless account row keeps them valid. The member's
    /// signing key outlives them by the deliveries of their actor's `Delete` (`JobKind.forgetActorKey`).
    public static var personalRows: [(table: String, column: String)] { personalRowList }
}

private let personalRowList: [(table: String, column: String)] = [
    ("sessions", "account_id"), ("oauth_tokens", "account_id"), ("oauth_codes", "account_id"),
    ("password_resets", "account_id"), ("external_identities", "account_id"), ("scim_identities", "account_id"),
    ("email_preferences", "account_id"), ("idempotency_keys", "account_id"), ("markers", "account_id"),
    ("follows", "follower_id"), ("follows", "followee_id"), ("likes", "account_id"), ("bookmarks", "account_id"),
    ("pins", "account_id"), ("mutes", "account_id"), ("mutes", "target_id"), ("blocks", "account_id"), ("blocks", "target_id"),
    ("lists", "account_id"), ("list_members", "account_id"), ("filters", "account_id"), ("tag_follows", "account_id"),
    ("mentions", "account_id"), ("notifications", "recipient_id"), ("notifications", "actor_id"),
    ("conversation_marks", "account_id"), ("suggestion_dismissals", "account_id"), ("suggestion_dismissals", "target_id"),
    ("scheduled_posts", "account_id"), ("poll_votes", "account_id"), ("answer_votes", "account_id"),
    ("expert_question_votes", "account_id"), ("expert_questions", "author_id"), ("event_rsvps", "account_id"),
    ("event_experts", "account_id"), ("program_members", "account_id"), ("commitment_checkins", "author_id"),
    ("commitments", "author_id"), ("partner_members", "account_id"), ("review_log", "account_id"),
    ("review_states", "account_id"), ("activity_days", "account_id"), ("remote_follows", "account_id"),
    ("follows_out", "account_id"), ("follows_out", "target_id"), ("remote_follows", "actor_id"),
]
