import Foundation

/// The organization's door to the social web: how far it is open (`FederationMode`) and which domains are
/// allowed or blocked. Admins change it in the admin pages, the own API and `starling admin federation`;
/// everything that sends or accepts anything asks `policy()` first.
public struct FederationService: Sendable {
    let store: any Store
    let ids: IDGenerator
    let clock: any Clock

    /// The settings key the mode is kept under (absent: off).
    static let modeKey = "federation_mode"

    public init(store: any Store, ids: IDGenerator, clock: any Clock) {
        self.store = store
        self.ids = ids
        self.clock = clock
    }

    /// The mode and lists as they are now (read afresh, so that every node applies an admin's change at once).
    public func policy() async throws -> DomainPolicy {
        async let rules = store.domainRules()
        return DomainPolicy(mode: try await mode(), rules: try await rules)
    }

    public func mode() async throws -> FederationMode {
        try await store.setting(Self.modeKey).flatMap(FederationMode.init(rawValue:)) ?? .off
    }

    /// Sets the mode; `admin` nil is the operator starting the server with `--federation`.
    public func setMode(_ mode: FederationMode, by admin: Account?) async throws {
        try Self.checkAdmin(admin)
        guard try await self.mode() != mode else { return }
        try await store.setSetting(Self.modeKey, value: mode.rawValue)
        try await store.insertAuditEntry(AuditEntry(id: ids.next(), actorID: admin?.id, action: .federationMode, reason: mode.rawValue,
                                                    createdAt: clock.now()))
    }

    /// Puts a domain (as typed: `social.example`, `https://social.example/`, `127.0.0.1:8081`) on the allow
    /// or block list, off the other; returns the domain as kept.
    @discardableResult
    public func list(_ text: String, as kind: DomainRule.Kind, by admin: Account?) async throws -> RemoteDomain {
        try Self.checkAdmin(admin)
        let domain = try RemoteDomain(parsing: text)
        let now = clock.now()
        try await store.saveDomainRule(DomainRule(domain: domain, kind: kind, createdAt: now),
                                       entry: AuditEntry(id: ids.next(), actorID: admin?.id, action: kind == .allow ? .allowDomain : .blockDomain,
                                                         reason: domain.description, createdAt: now))
        return domain
    }

    /// Takes a domain off the lists; `DomainError.notFound` when it was on neither.
    public func forget(_ text: String, by admin: Account?) async throws {
        try Self.checkAdmin(admin)
        let domain = try RemoteDomain(parsing: text)
        let entry = AuditEntry(id: ids.next(), actorID: admin?.id, action: .forgetDomain, reason: domain.description, createdAt: clock.now())
        guard try await store.removeDomainRule(domain, entry: entry) else { throw DomainError.notFound }
    }

    /// The member other servers may see as an actor, by username: federation is on and the person is an
    /// active member (no guest) who chose to be found from outside. Anyone else is nobody to other servers.
    public func openAccount(username: String) async throws -> Account? {
        guard try await mode() != .off, let account = try await store.account(username: username) else { return nil }
        return Self.isOpen(account) ? account : nil
    }

    /// Whether other servers may see the account: see `openAccount(username:)`.
    public static func isOpen(_ account: Account) -> Bool {
        account.discoverable && !account.isGuest && account.suspendedAt == nil && account.deactivatedAt == nil && account.deletedAt == nil
    }

    /// A post as other servers may read it, or nil when it does not leave the organization. A post leaves
    /// when federation is on, its author is open to the outside (`isOpen`), it is `public` (what the
    /// organization lets anyone read), in no program (open or private), no anonymous question and no
    /// repost, and, when it answers a post, that post leaves too (or came from outside): a conversation
    /// inside stays inside.
    /// With `followersOf` its author, a post for the author's `followers` leaves too, for delivery to their
    /// followers outside alone (nobody fetches it).
    public func leavingPost(id: ID, followersOf authorID: ID? = nil) async throws -> LeavingPost? {
        guard try await mode() != .off, let view = try await store.post(id: id, viewer: authorID) else { return nil }
        guard authorID == nil || view.post.authorID == authorID else { return nil }
        return try await leaving(view, toFollowers: authorID != nil)
    }

    /// Whether a post reaches its author's followers outside now (see `leavingPost`), asked before it is edited or deleted.
    public func leaves(_ view: PostView) async throws -> Bool {
        guard try await mode() != .off else { return false }
        return try await leaving(view, toFollowers: true) != nil
    }

    /// The part of `leavingPost`'s rule the post and its author decide alone (not what it answers, nor
    /// whether federation is on): a post that fails it never leaves. `toFollowers`: a post for the author's
    /// followers passes (delivered to their followers outside).
    public static func mayLeave(_ post: Post, author: Account, toFollowers: Bool = false) -> Bool {
        isOpen(author) && (post.visibility == .public || (toFollowers && post.visibility == .followers)) && post.programID == nil
            && !post.isAnonymous && post.repostOfID == nil && post.onlyFor == nil && post.hiddenAt == nil && !post.isRemote
    }

    /// One page of a person's posts that leave, newest first; `next` continues below the page's last post
    /// read (nil at the end), so a page may hold fewer than it could when posts in between stay inside.
    public func leavingPosts(of account: Account, page: PageRequest) async throws -> (posts: [LeavingPost], next: ID?) {
        guard try await mode() != .off, Self.isOpen(account) else { return ([], nil) }
        let entries = try await store.timeline(.profile(account.id, ProfileFilter(excludeReposts: true)), viewer: nil, page: page)
        var posts: [LeavingPost] = []
        for entry in entries {
            if let post = try await leaving(entry.post, toFollowers: false) { posts.append(post) }
        }
        return (posts, entries.count < page.limit ? nil : entries.last?.id)
    }

    /// `leavingPost`'s rule; the post as it leaves names (as mentions) only people open to the outside.
    private func leaving(_ view: PostView, toFollowers: Bool) async throws -> LeavingPost? {
        let post = view.post
        guard Self.mayLeave(post, author: view.author, toFollowers: toFollowers) else { return nil }
        var answered: PostView?
        if let parentID = post.inReplyToID {
            if let fromOutside = try await store.post(id: parentID, viewer: post.authorID), fromOutside.post.isRemote {
                // Answering a post from outside is answering its author there.
                answered = fromOutside
            } else {
                // Answering oneself for the same followers is answering a post they had too.
                let sameFollowers = toFollowers && post.inReplyToAccountID == post.authorID
                guard let parent = try await leavingPost(id: parentID, followersOf: sameFollowers ? post.authorID : nil) else { return nil }
                answered = parent.view
            }
        }
        var view = view
        var named: [MentionedAccount] = []
        for mention in view.mentions {
            if let account = try await store.account(id: mention.id), Self.isOpen(account) { named.append(mention) }
        }
        view.mentions = named
        return LeavingPost(view: view, answers: answered)
    }

    /// The lists, allowed domains first, each by name, for an admin (nil: the operator at the command line).
    public func rules(by admin: Account?) async throws -> [DomainRule] {
        try Self.checkAdmin(admin)
        return try await store.domainRules().sorted { ($0.kind.rawValue, $0.domain) < ($1.kind.rawValue, $1.domain) }
    }

    static func checkAdmin(_ account: Account?) throws {
        if let account, account.role != .admin { throw DomainError.forbidden("Only admins can see and change federation.") }
    }
}
