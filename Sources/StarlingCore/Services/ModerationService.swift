import Foundation

/// Moderators' actions, each written to the audit log: hiding a post with a reason (its author sees
/// why) and showing it again; looking at who asked an anonymous question; warning someone; suspending
/// an account. Instance moderators act anywhere; a program's facilitators
/// and moderators act on its posts. Admins read the audit log. A hidden post that had left the
/// organization is deleted on other servers; shown again, it goes out again.
public struct ModerationService: Sendable {
    let store: any Store
    let ids: IDGenerator
    let federation: OutboundFederation?

    public init(store: any Store, ids: IDGenerator, federation: OutboundFederation? = nil) {
        self.store = store
        self.ids = ids
        self.federation = federation
    }

    /// Hides a post from everyone but its author and moderators, with the reason its author will see.
    public func hide(_ postID: ID, reason: String, by moderator: Account, at now: Date = Date()) async throws -> PostView {
        let view = try await moderatable(postID, moderator)
        let why = try PostText.field(reason, name: "reason", maxLength: 500, required: true)
        let hadLeft = try await federation?.leaves(view) ?? false
        try await store.setHidden(postID: postID, reason: why, entry: AuditEntry(
            id: ids.next(at: now), actorID: moderator.id, action: .hidePost, programID: view.post.programID,
            targetAccountID: view.post.authorID, targetPostID: postID, reason: why, createdAt: now))
        if hadLeft { try await federation?.deleted(view, now: now) }
        return try await moderatable(postID, moderator)
    }

    /// Shows a hidden post again.
    public func show(_ postID: ID, by moderator: Account, at now: Date = Date()) async throws -> PostView {
        let view = try await moderatable(postID, moderator)
        try await store.setHidden(postID: postID, reason: nil, entry: AuditEntry(
            id: ids.next(at: now), actorID: moderator.id, action: .showPost, programID: view.post.programID,
            targetAccountID: view.post.authorID, targetPostID: postID, createdAt: now))
        let shown = try await moderatable(postID, moderator)
        if view.post.hiddenAt != nil { try await federation?.shownAgain(shown, now: now) }
        return shown
    }

    /// Who asked an anonymous question: for its program's facilitators and moderators (and the
    /// organization's moderators), and every look is written to the audit log.
    public func revealAuthor(_ postID: ID, by moderator: Account, at now: Date = Date()) async throws -> Account {
        let view = try await moderatable(postID, moderator)
        guard view.post.isAnonymous else { throw DomainError.invalid(field: "id", message: "This post was not asked anonymously.") }
        guard let author = try await store.account(id: view.post.authorID) else { throw DomainError.notFound }
        try await store.insertAuditEntry(AuditEntry(id: ids.next(at: now), actorID: moderator.id, action: .revealAuthor, programID: view.post.programID,
                                              targetAccountID: author.id, targetPostID: postID, createdAt: now))
        return author
    }

    /// Warns someone, with the reason they are notified of: instance moderators anyone, a program's
    /// facilitators and moderators the author of a post in their program (`postID`).
    public func warn(_ account: Account, reason: String, postID: ID? = nil, by moderator: Account, at now: Date = Date()) async throws {
        let why = try PostText.field(reason, name: "reason", maxLength: 500, required: true)
        var programID: ID?
        if let postID {
            let view = try await moderatable(postID, moderator)
            guard view.post.authorID == account.id else {
                throw DomainError.invalid(field: "status_id", message: "The post must be by the person warned.")
            }
            programID = view.post.programID
        } else if !moderator.role.canModerate {
            throw DomainError.forbidden("Only the organization's moderators warn someone without a post of theirs in their program.")
        }
        guard account.id != moderator.id else { throw DomainError.invalid(field: "account_id", message: "You cannot warn yourself.") }
        try await store.insertWarning(AuditEntry(id: ids.next(at: now), actorID: moderator.id, action: .warnAccount, programID: programID,
                                           targetAccountID: account.id, targetPostID: postID, reason: why, createdAt: now),
                                notificationID: ids.next(at: now))
    }

    /// Suspends an account (instance moderators): it can no longer sign in or use its tokens, and its
    /// posts are hidden from everyone but instance moderators, until `on` is false. Admins are not suspended.
    public func suspend(_ account: Account, _ on: Bool = true, reason: String, by moderator: Account, at now: Date = Date()) async throws -> Account {
        guard moderator.role.canModerate else { throw DomainError.forbidden("Only the organization's moderators suspend accounts.") }
        guard account.role != .admin, account.id != moderator.id else {
            throw DomainError.invalid(field: "account_id", message: "Admins, and you yourself, cannot be suspended.")
        }
        let why = try PostText.field(reason, name: "reason", maxLength: 500, required: on)
        try await store.setSuspended(accountID: account.id, on, entry: AuditEntry(
            id: ids.next(at: now), actorID: moderator.id, action: on ? .suspendAccount : .unsuspendAccount,
            targetAccountID: account.id, reason: why, createdAt: now))
        return try await store.account(id: account.id) ?? account
    }

    /// Whether `account` may moderate `post`.
    public func canModerate(_ post: PostView, by account: Account) async throws -> Bool {
        guard !account.role.canModerate else { return true }
        guard let programID = post.post.programID else { return false }
        return try await store.looksAfter(programID, account)
    }

    /// Every moderation action, newest first: for admins.
    public func auditLog(viewer: Account, page: PageRequest = PageRequest(limit: 40)) async throws -> [AuditEntry] {
        guard viewer.role == .admin else { throw DomainError.forbidden("Only admins read the audit log.") }
        return try await store.auditLog(page: page)
    }

    private func moderatable(_ postID: ID, _ moderator: Account) async throws -> PostView {
        guard let view = try await store.post(id: postID, viewer: moderator.id) else { throw DomainError.notFound }
        guard try await canModerate(view, by: moderator) else {
            throw DomainError.forbidden("Only moderators (of the organization, or of this post's program) can do this.")
        }
        return view
    }
}
