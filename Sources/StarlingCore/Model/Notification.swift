import Foundation

/// Something that happened that a person should hear about.
public struct Notification: Sendable, Hashable, Identifiable {
    public enum Kind: String, Sendable, CaseIterable {
        case mention, reply, like, repost, follow
        /// A moderator warned the recipient (`warning` says why; `post` is the post it is about, if any).
        case moderationWarning = "moderation_warning"
        /// An event the recipient said they would come to starts soon, or started (`event` says which).
        case eventReminder = "event_reminder", eventStarted = "event_started"
        /// The expert of an ask-the-expert session answered the recipient's question (once per session).
        case expertAnswered = "expert_answered"
        /// The asker (or a facilitator) accepted the recipient's answer (`post` is the answer).
        case answerAccepted = "answer_accepted"
        /// An accountability partner checked in on a commitment (`post` is the check-in, when public).
        case partnerCheckIn = "partner_checkin"
        /// Monday's analytics digest of a program the recipient facilitates (`digest` has its headline numbers).
        case analyticsDigest = "analytics_digest"

        /// The kinds Mastodon apps know (events and Q&A are Starling's own).
        public static let mastodonKinds: Set<Kind> = Set(allCases).subtracting([.eventReminder, .eventStarted, .expertAnswered, .answerAccepted, .partnerCheckIn, .analyticsDigest])
    }

    public var id: ID
    public var kind: Kind
    public var actor: Account
    /// The post it is about (absent for follows).
    public var post: PostView?
    public var createdAt: Date
    public var isUnread: Bool
    /// For a moderation warning: the moderator's reason.
    public var warning: String?
    /// For event notifications: which event, and when this occurrence starts.
    public var event: EventNotice?
    /// For an analytics digest: the program, and its headline numbers in words.
    public var digest: DigestNotice?

    public init(id: ID, kind: Kind, actor: Account, post: PostView?, createdAt: Date, isUnread: Bool) {
        self.id = id
        self.kind = kind
        self.actor = actor
        self.post = post
        self.createdAt = createdAt
        self.isUnread = isUnread
    }
}

/// What an analytics digest says: which program, and its headline numbers.
public struct DigestNotice: Sendable, Hashable {
    public var programID: ID
    public var programTitle: String
    public var summary: String

    public init(programID: ID, programTitle: String, summary: String) {
        self.programID = programID
        self.programTitle = programTitle
        self.summary = summary
    }
}

/// What an event notification says about its event.
public struct EventNotice: Sendable, Hashable {
    public var eventID: ID
    public var title: String
    public var startsAt: Date

    public init(eventID: ID, title: String, startsAt: Date) {
        self.eventID = eventID
        self.title = title
        self.startsAt = startsAt
    }
}
