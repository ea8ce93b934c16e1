import Foundation

/// A piece of timed work kept in the database until it is done (see `JobQueue` and `JobRunner`).
public struct Job: Sendable, Hashable, Identifiable {
    public var id: ID
    /// Which handler runs it (`JobKind`).
    public var kind: String
    /// One job per thing to do: enqueueing the same key again moves that job instead of adding one.
    public var key: String
    /// What the handler needs (an id, usually), as text.
    public var payload: String
    /// When it is due (or, while a runner holds it, when the hold lapses).
    public var runAt: Date
    /// How many times a runner has started it.
    public var attempts: Int
    /// Why the last attempt failed.
    public var lastError: String?
    /// When it was given up after its last attempt failed: it then waits for an admin to retry it.
    public var failedAt: Date?
    public var createdAt: Date

    public init(id: ID, kind: String, key: String, payload: String, runAt: Date, attempts: Int = 0, lastError: String? = nil,
                failedAt: Date? = nil, createdAt: Date) {
        self.id = id
        self.kind = kind
        self.key = key
        self.payload = payload
        self.runAt = runAt
        self.attempts = attempts
        self.lastError = lastError
        self.failedAt = failedAt
        self.createdAt = createdAt
    }
}

/// The kinds of timed work, each run by one handler.
public enum JobKind {
    /// Publish a scheduled post (payload: its id).
    public static let publishScheduledPost = "publish_scheduled_post"
    /// Remind the people who said they would come (payload: the occurrence's id).
    public static let remindOccurrence = "event_reminder"
    /// Start an occurrence: tell those coming, and plan the next one of a recurring event.
    public static let startOccurrence = "event_start"
    /// End an occurrence.
    public static let endOccurrence = "event_end"
    /// Release a tweetchat question (payload: "occurrence id:question number").
    public static let releaseQuestion = "event_release_question"
    /// Release a reinforcement plan's next nugget when due (payload: the plan's id).
    public static let releaseNugget = "reinforcement_release"
    /// Send every review that fell due as a direct status with a poll (one job for all learners).
    public static let deliverReviews = "reinforcement_deliver_reviews"
    /// Remind a commitment's author to check in, or that it is due (payload: the commitment's id).
    public static let remindCommitment = "commitment_reminder"
    /// Ask a round's partner groups whether they met, near its end (payload: the round's id).
    public static let partnerCheckBack = "partner_check_back"
    /// Start the next round of a recurring pairing (payload: the ending round's id).
    public static let nextPartnerRound = "partner_next_round"
    /// Send each program's facilitators their weekly analytics digest, then plan the next (one job for all).
    public static let analyticsDigest = "analytics_digest"
    /// Make the nightly backup, delete the oldest beyond the number kept, then plan the next (`NightlyBackups`).
    public static let nightlyBackup = "nightly_backup"
    /// Hand one email to the mail server (payload: the message as JSON, with its kind).
    public static let sendEmail = "send_email"
    /// Email a mention or direct post to the people it names who chose to get that (payload: the post's id).
    public static let emailPostNotice = "email_post_notice"
    /// Email each person who chose it their weekly digest, then plan the next (one job for all).
    public static let weeklyEmailDigest = "weekly_email_digest"
    /// Erase a deleted account's posts, media and data, in batches (payload: the account's id).
    public static let eraseAccount = "erase_account"
    /// Remove a deactivated person's posts and reposts, in batches, when an admin asked (payload: the account's id).
    public static let removePosts = "remove_posts"
    /// Tell a post's author's followers outside that it was written, edited or deleted: plans one
    /// `deliverActivity` per server (payload: `OutboundFederation.Change`).
    public static let federatePost = "federate_post"
    /// Tell a member's followers outside that their profile changed, as an `Update` of their actor (payload: the account's id).
    public static let federateProfile = "federate_profile"
    /// Ask someone outside to let a member follow them, or tell them the member stopped: plans one
    /// `deliverActivity` (payload: `OutboundFederation.FollowChange`).
    public static let federateFollow = "federate_follow"
    /// Tell the servers concerned that a member liked or reposted a post, or blocked someone outside, or took it back (payload:
    /// `OutboundFederation.Interaction`).
    public static let federateInteraction = "federate_interaction"
    /// Subscribe to a relay, or end the subscription: plans one `deliverActivity` of the server's own actor (payload:
    /// `RelayChange`).
    public static let federateRelay = "federate_relay"
    /// Tell the servers of everyone outside who followed a deleted member, or whom they followed, that their actor
    /// is gone: plans one `deliverActivity` of its `Delete` per inbox (payload: `OutboundFederation.AccountDeletion`).
    public static let federateAccountDeletion = "federate_account_deletion"
    /// Forget a deleted member's signing key once the deliveries of their actor's `Delete` are over (payload: the account's id).
    public static let forgetActorKey = "forget_actor_key"
    /// Fetch a post a relay passed on from its author's server, and keep it when someone here asked for it (payload:
    /// the post's id there). Run by the ActivityPub side, side by side with other jobs.
    public static let fetchRelayedPost = "fetch_relayed_post"
    /// Deliver one activity to one inbox on another server (payload: the delivery as JSON). Run by the
    /// ActivityPub side, side by side with other jobs, retried for about two days.
    public static let deliverActivity = "deliver_activity"
}
