import Foundation

/// One moderation action, as the audit log keeps it: who did what to whom, when and why.
public struct AuditEntry: Sendable, Hashable, Identifiable {
    public enum Action: String, Sendable, CaseIterable {
        case hidePost = "hide_post", showPost = "show_post", deletePost = "delete_post", removeMember = "remove_member"
        /// A facilitator or moderator looked at who asked an anonymous question.
        case revealAuthor = "reveal_author"
        /// A moderator warned someone (who is notified with the reason).
        case warnAccount = "warn_account"
        case suspendAccount = "suspend_account", unsuspendAccount = "unsuspend_account"
        /// Someone left the organization (or came back): by an admin, or by the identity provider (no actor).
        case deactivateAccount = "deactivate_account", reactivateAccount = "reactivate_account"
        /// The identity provider created an account, or changed someone's role (reason: the new role).
        case provisionAccount = "provision_account", changeRole = "change_role"
        /// Single sign-on took over an existing account with the same verified email (reason: the provider).
        case linkIdentity = "link_identity"
        /// A sign-in through single sign-on or the directory was refused for an account (reason: why).
        case signInRefused = "sign_in_refused"
        /// Someone set a new password with an emailed reset link, or tried a used or expired one.
        case passwordReset = "password_reset", passwordResetRefused = "password_reset_refused"
        /// A person asked to delete their account, withdrew that, or an admin declined it (reason: why).
        case deletionRequested = "deletion_requested", deletionWithdrawn = "deletion_withdrawn", deletionDeclined = "deletion_declined"
        /// An account was deleted: by its owner, or by an admin (who approved the owner's request, or acted alone).
        case deleteAccount = "delete_account"
        /// An admin had the posts of someone deactivated removed (the account itself stays, deactivated).
        case removePosts = "remove_posts"
        /// An admin changed how far federation is open (reason: the new mode), or put a domain on the allow
        /// or block list or took it off (reason: the domain).
        case federationMode = "federation_mode", allowDomain = "allow_domain", blockDomain = "block_domain"
        case forgetDomain = "forget_domain"
        /// An admin resumed deliveries to a server they had been paused for (reason: the domain).
        case resumeDeliveries = "resume_deliveries"
        /// An admin subscribed to a relay or ended the subscription (reason: its address), or set the address
        /// hashtags' relays are found at (reason: it, or empty when none).
        case subscribeRelay = "subscribe_relay", unsubscribeRelay = "unsubscribe_relay", tagRelay = "tag_relay"
    }

    public var id: ID
    public var actorID: ID?
    public var action: Action
    public var programID: ID?
    public var targetAccountID: ID?
    public var targetPostID: ID?
    public var reason: String
    public var createdAt: Date

    public init(id: ID, actorID: ID?, action: Action, programID: ID? = nil, targetAccountID: ID? = nil, targetPostID: ID? = nil,
                reason: String = "", createdAt: Date) {
        self.id = id
        self.actorID = actorID
        self.action = action
        self.programID = programID
        self.targetAccountID = targetAccountID
        self.targetPostID = targetPostID
        self.reason = reason
        self.createdAt = createdAt
    }
}
