import Foundation

/// Something that happened that a person should hear about.
public struct Notification: Sendable, Hashable, Identifiable {
    public enum Kind: String, Sendable, CaseIterable {
        case mention, reply, like, repost, follow
        /// A moderator warned the recipient (`warning` says why; `post` is the post it is about, if any).
        case moderationWarning = "moderation_warning"
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

    public init(id: ID, kind: Kind, actor: Account, post: PostView?, createdAt: Date, isUnread: Bool) {
        self.id = id
        self.kind = kind
        self.actor = actor
        self.post = post
        self.createdAt = createdAt
        self.isUnread = isUnread
    }
}
