import Foundation

/// A note another server sent, already checked (signed by its author, from an admitted domain) and read
/// into what this server keeps of it.
public struct IncomingNote: Sendable {
    /// Who may read it, as its addressing says.
    public enum Audience: Sendable, Equatable {
        /// Addressed to the public collection (in `to` or `cc`).
        case everyone
        /// To the author's followers (and the people it mentions).
        case followers
        /// To the people it mentions alone.
        case mentioned
    }

    public var remote: RemotePost
    /// Its text (`RemoteHTML.plainText` of its content).
    public var text: String
    /// Its `summary`, shown as a content warning.
    public var contentWarning: String
    public var audience: Audience
    /// Members here it mentions (open to the outside; anyone else it names is not told).
    public var mentioned: [Account]
    /// The post here it answers: one that left the organization, or one that came from outside.
    public var parent: Post?
    public var language: String?

    public init(remote: RemotePost, text: String, contentWarning: String, audience: Audience, mentioned: [Account], parent: Post?,
                language: String?) {
        self.remote = remote
        self.text = text
        self.contentWarning = contentWarning
        self.audience = audience
        self.mentioned = mentioned
        self.parent = parent
        self.language = language
    }

    /// The visibility the post has here: public, for its author's followers here, or for the people it mentions.
    var visibility: Visibility {
        switch audience {
        case .everyone: .public
        case .followers: .followers
        case .mentioned: .direct
        }
    }
}

/// What comes in from other servers, and only what someone here asked for: notes of people members
/// follow (and the posts they repost), those that answer or mention members, those relays pass on with a hashtag
/// members asked for, and those members look up; their edits and deletions by their authors; likes
/// and reposts of members' posts; the answers to members' follows of people outside; the deletion of an
/// account there.
public struct InboundFederation: Sendable {
    let store: any Store
    let ids: IDGenerator
    let clock: any Clock
    let events: any EventBus
    let jobs: JobQueue
    let homeFeeds: HomeFeeds

    public init(store: any Store, ids: IDGenerator, clock: any Clock, events: any EventBus, jobs: JobQueue, homeFeeds: HomeFeeds) {
        self.store = store
        self.ids = ids
        self.clock = clock
        self.events = events
        self.jobs = jobs
        self.homeFeeds = homeFeeds
    }

    /// Whether a note by `author` is one someone here asked for: a member follows its author, or it answers a
    /// post here, or it mentions a member.
    public func wants(_ note: IncomingNote, by author: Account) -> Bool {
        author.followersCount > 0 || note.parent != nil || !note.mentioned.isEmpty
    }

    /// Keeps a note (`Create`) when someone here asked for it, rendered by the rules of members' posts; a
    /// note already here is left as it is. Returns the post kept, nil when the note is not wanted.
    @discardableResult
    public func receive(_ note: IncomingNote, by author: Account) async throws -> Post? {
        guard wants(note, by: author) else { return try await store.remotePost(uri: note.remote.uri) }
        return try await keep(note, by: author)
    }

    /// Whether a note a relay passed on is one someone here asked for: public, with a hashtag someone asked for
    /// from outside (or an event open to the outside has).
    func wantsFromRelay(_ note: IncomingNote) async throws -> Bool {
        guard note.audience == .everyone else { return false }
        let tags = Set(PostText(note.text).hashtags.map(Tag.key))
        guard !tags.isEmpty else { return false }
        return try await !RelayService.wantedFromOutside(store).isDisjoint(with: tags)
    }

    /// Keeps a note a relay passed on (fetched from its author's server) when someone here asked for it
    /// (`wantsFromRelay`); its `author` is looked up only then (nobody is kept for a note not kept). Returns the
    /// post kept, nil when the note is not wanted.
    @discardableResult
    public func receiveFromRelay(_ note: IncomingNote, author: () async throws -> Account) async throws -> Post? {
        guard try await wantsFromRelay(note) else { return nil }
        return try await keep(note, by: try await author())
    }

    /// Keeps a public note fetched on behalf of someone here: a member looked it up by its address (search with
    /// `resolve`), or someone a member follows reposted it. Nil for any other note.
    @discardableResult
    public func receiveFetched(_ note: IncomingNote, by author: Account) async throws -> Post? {
        guard note.audience == .everyone else { return nil }
        return try await keep(note, by: author)
    }

    /// Keeps a note (one already here is left as it is), rendered by the rules of members' posts.
    private func keep(_ note: IncomingNote, by author: Account) async throws -> Post? {
        guard author.isRemote, author.deletedAt == nil, author.suspendedAt == nil else { return nil }
        if let existing = try await store.remotePost(uri: note.remote.uri) { return existing }
        let now = clock.now()
        let rendered = render(note)
        var post = Post(id: ids.next(at: now), authorID: author.id, visibility: note.visibility, source: rendered.source, html: rendered.html,
                        contentWarning: String(note.contentWarning.prefix(500)), inReplyToID: note.parent?.id,
                        inReplyToAccountID: note.parent?.authorID, createdAt: now, language: note.language)
        post.remote = note.remote
        let mentionedIDs = note.mentioned.map(\.id)
        let stored = try await store.insertPostFromOutside(NewPost(post: post, hashtags: rendered.hashtags, mentionedIDs: mentionedIDs,
                                                                   idempotencyKey: nil))
        events.publish(.posted(stored.id))
        for recipient in Set(mentionedIDs + [note.parent?.authorID].compactMap { $0 }) { events.publish(.notified(recipient)) }
        return stored
    }

    /// The author edited a note kept here (`Update`): its text, content warning, hashtags and mentions
    /// follow, the earlier version stays in its history. False when no such note of theirs is here.
    @discardableResult
    public func receiveEdit(_ note: IncomingNote, by author: Account) async throws -> Bool {
        guard let post = try await store.remotePost(uri: note.remote.uri), post.authorID == author.id else { return false }
        let rendered = render(note)
        try await store.updatePost(PostEdit(postID: post.id, source: rendered.source, html: rendered.html,
                                            contentWarning: String(note.contentWarning.prefix(500)), hashtags: rendered.hashtags,
                                            mentionedIDs: note.mentioned.map(\.id), editedAt: clock.now()))
        events.publish(.edited(post.id))
        return true
    }

    /// The author deleted a note kept here (`Delete`). False when no such note of theirs is here.
    @discardableResult
    public func receiveDeletion(of uri: String, by author: Account) async throws -> Bool {
        guard let post = try await store.remotePost(uri: uri), post.authorID == author.id else { return false }
        try await store.deletePost(id: post.id, audit: nil)
        events.publish(.deleted(post.id))
        return true
    }

    /// Someone outside liked a post of a member (or took the like back): it is counted, and the author told.
    public func liked(_ post: Post, by account: Account, _ on: Bool) async throws {
        guard account.isRemote else { return }
        try await store.setLike(accountID: account.id, postID: post.id, on: on)
        if on { events.publish(.notified(post.authorID)) }
    }

    /// Someone outside reposted a post of a member (or stopped): it is counted, and the author told. Their
    /// repost shows in the homes of members who follow them, never on the organization's timeline.
    public func reposted(_ post: Post, by account: Account, _ on: Bool) async throws {
        guard account.isRemote, post.visibility.allowsReposts else { return }
        if let repostID = try await store.setRepost(accountID: account.id, postID: post.id, on: on) {
            events.publish(.posted(repostID))
            events.publish(.notified(post.authorID))
        }
    }

    /// Someone outside blocked a member (or unblocked them): neither follows the other any more, and the member
    /// sees nothing of theirs, as after a block here.
    public func blocked(_ member: Account, by account: Account, _ on: Bool) async throws {
        guard account.isRemote else { return }
        try await store.setBlock(accountID: account.id, targetID: member.id, on: on)
        if on {
            _ = try await store.removeRemoteFollow(accountID: member.id, actorID: account.id)
            try await store.removeFollowOut(accountID: member.id, targetID: account.id)
        }
        homeFeeds.forget(member.id)
    }

    /// Someone outside (`target`) accepted `member`'s follow: the member follows them from now on (their notes
    /// come in). False when no follow of theirs was waiting.
    @discardableResult
    public func followAccepted(by target: Account, of member: Account) async throws -> Bool {
        guard target.isRemote, let follow = try await store.followOut(accountID: member.id, targetID: target.id), follow.acceptedAt == nil else {
            return false
        }
        // The follow first: should the second step not happen, the answer given again completes it.
        try await store.setFollow(followerID: member.id, followeeID: target.id, on: true)
        _ = try await store.acceptFollowOut(accountID: member.id, targetID: target.id, at: clock.now())
        homeFeeds.forget(member.id)
        return true
    }

    /// Someone outside (`target`) declined `member`'s follow, or stopped letting them follow: it ends.
    public func followRejected(by target: Account, of member: Account) async throws {
        guard target.isRemote, try await store.followOut(accountID: member.id, targetID: target.id) != nil else { return }
        try await store.setFollow(followerID: member.id, followeeID: target.id, on: false)
        try await store.removeFollowOut(accountID: member.id, targetID: target.id)
        homeFeeds.forget(member.id)
    }

    /// Someone outside deleted their account: they follow nobody here any more, and their account and
    /// everything that came from them is erased, as a member's deleted account is.
    public func actorDeleted(uri: String) async throws {
        let account = try await store.actorAccount(uri: uri)
        _ = try await store.removeRemoteActor(uri: uri)
        guard let account else { return }
        let now = clock.now()
        try await store.markDeleted(accountID: account.id, at: now, entry: AuditEntry(
            id: ids.next(at: now), actorID: nil, action: .deleteAccount, targetAccountID: account.id,
            reason: "deleted on \(account.remote?.domain ?? "their server")", createdAt: now))
        try await jobs.enqueue(JobKind.eraseAccount, key: "erase-account:\(account.id)", payload: account.id.description, at: now, now: now)
    }

    /// The note's text as a member's post of the same text is rendered: links, hashtags here, and
    /// mentions of the members it names (anyone else it names stays plain text).
    private func render(_ note: IncomingNote) -> (source: String, html: String, hashtags: [String]) {
        let text = PostText(note.text)
        let mentioned = Dictionary(note.mentioned.map { ($0.username.lowercased(), $0.username) }, uniquingKeysWith: { first, _ in first })
        return (note.text, text.html { mentioned[$0.lowercased()] }, text.hashtags)
    }
}
