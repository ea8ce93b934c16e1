import Foundation

/// Plans what other servers hear of members, in jobs the ActivityPub side runs. A post that leaves the
/// organization (see `FederationService.leavingPost`) is announced to its author's followers outside when
/// it is written, edited or deleted (`JobKind.federatePost`); an edit that takes a post inside (into a
/// program, say), and a moderator hiding it, are announced as its deletion. A profile change of someone
/// open to the outside is announced as an update of their actor (`JobKind.federateProfile`); a member's
/// follow of someone outside, and its end, as a `Follow` and its `Undo` (`JobKind.federateFollow`); a
/// member's like or repost of a post from outside (or a repost of one that leaves) as a `Like` or an
/// `Announce`, and a block of someone outside as a `Block` (`JobKind.federateInteraction`). A deleted
/// member's actor is announced deleted to the servers of those who knew them (`JobKind.federateAccountDeletion`).
public struct OutboundFederation: Sendable {
    /// What happened to a post, as its job's payload says: `create:POST:AUTHOR`, and for the deletion of an answer to
    /// someone outside, `delete:POST:AUTHOR:ANSWERED` (the post is gone by the time the job runs: whom it answered is
    /// carried, so that their server hears of the deletion too).
    public struct Change: Sendable, Hashable {
        public enum Kind: String, Sendable { case create, update, delete }
        public var kind: Kind
        public var postID: ID
        public var authorID: ID
        /// The person outside a deleted post answered.
        public var answeredID: ID?

        public init(_ kind: Kind, postID: ID, authorID: ID, answeredID: ID? = nil) {
            self.kind = kind
            self.postID = postID
            self.authorID = authorID
            self.answeredID = answeredID
        }

        public init?(payload: String) {
            if let (kind, numbers) = jobPayload(payload, as: Kind.self, numbers: 3) {
                self.init(kind, postID: ID(numbers[0]), authorID: ID(numbers[1]), answeredID: ID(numbers[2]))
            } else if let (kind, numbers) = jobPayload(payload, as: Kind.self, numbers: 2) {
                self.init(kind, postID: ID(numbers[0]), authorID: ID(numbers[1]))
            } else {
                return nil
            }
        }

        public var payload: String { "\(kind.rawValue):\(postID):\(authorID)" + (answeredID.map { ":\($0)" } ?? "") }
    }

    /// A member's follow of someone outside, or its end, as its job's payload says: `follow:MEMBER:TARGET:MILLIS`.
    /// The follow is named by when it was asked (`FollowOut.requestedAt`), so that a follow asked again is a new one.
    public struct FollowChange: Sendable, Hashable {
        public enum Kind: String, Sendable { case follow, undo }
        public var kind: Kind
        public var memberID: ID
        public var targetID: ID
        /// When the follow was asked, in milliseconds since 1970.
        public var requested: Int64

        public init(_ kind: Kind, memberID: ID, targetID: ID, requestedAt: Date) {
            self.init(kind, memberID: memberID, targetID: targetID, requested: Int64((requestedAt.timeIntervalSince1970 * 1000).rounded(.down)))
        }

        init(_ kind: Kind, memberID: ID, targetID: ID, requested: Int64) {
            self.kind = kind
            self.memberID = memberID
            self.targetID = targetID
            self.requested = requested
        }

        public init?(payload: String) {
            guard let (kind, numbers) = jobPayload(payload, as: Kind.self, numbers: 3) else { return nil }
            self.init(kind, memberID: ID(numbers[0]), targetID: ID(numbers[1]), requested: numbers[2])
        }

        public var payload: String { "\(kind.rawValue):\(memberID):\(targetID):\(requested)" }
    }

    /// A member's like or repost of a post, or block of someone outside (or its undoing), as its job's payload
    /// says: `like:MEMBER:OBJECT`, the object being the post (likes, reposts) or the person (blocks).
    public struct Interaction: Sendable, Hashable {
        public enum Kind: String, Sendable { case like, unlike, announce, unannounce, block, unblock }
        public var kind: Kind
        public var memberID: ID
        public var objectID: ID

        public init(_ kind: Kind, memberID: ID, objectID: ID) {
            self.kind = kind
            self.memberID = memberID
            self.objectID = objectID
        }

        public init?(payload: String) {
            guard let (kind, numbers) = jobPayload(payload, as: Kind.self, numbers: 2) else { return nil }
            self.init(kind, memberID: ID(numbers[0]), objectID: ID(numbers[1]))
        }

        public var payload: String { "\(kind.rawValue):\(memberID):\(objectID)" }
    }

    /// A deleted member and the inboxes to tell, as its job's payload says: the account's id, then one inbox a line.
    /// The inboxes are read when the account is deleted: the follows that name them are erased with it.
    public struct AccountDeletion: Sendable, Hashable {
        public var accountID: ID
        public var inboxes: [String]

        public init(accountID: ID, inboxes: [String]) {
            self.accountID = accountID
            self.inboxes = inboxes
        }

        public init?(payload: String) {
            let lines = payload.split(separator: "\n").map(String.init)
            guard let first = lines.first, let id = ID(first) else { return nil }
            self.init(accountID: id, inboxes: Array(lines.dropFirst()))
        }

        public var payload: String { ([accountID.description] + inboxes).joined(separator: "\n") }
    }

    let federation: FederationService
    let jobs: JobQueue

    public init(federation: FederationService, jobs: JobQueue) {
        self.federation = federation
        self.jobs = jobs
    }

    /// A post just written: its job is planned when the post may leave (the job checks the whole rule).
    func written(_ post: Post, by author: Account, now: Date) async throws {
        guard FederationService.mayLeave(post, author: author, toFollowers: true), try await federation.mode() != .off else { return }
        try await plan(Change(.create, postID: post.id, authorID: author.id), now: now)
    }

    /// Whether the post leaves now: asked before it is edited or deleted.
    func leaves(_ view: PostView) async throws -> Bool {
        guard FederationService.mayLeave(view.post, author: view.author, toFollowers: true) else { return false }
        return try await federation.leaves(view)
    }

    /// A post was edited: outside hears the new version (first, as a new post, when the edit took it out of
    /// a program), or of its deletion when it no longer leaves.
    func edited(_ edited: PostView, leftBefore: Bool, now: Date) async throws {
        if try await leaves(edited) {
            try await plan(Change(leftBefore ? .update : .create, postID: edited.id, authorID: edited.post.authorID), now: now)
        } else if leftBefore {
            try await plan(Change(.delete, postID: edited.id, authorID: edited.post.authorID), now: now)
        }
    }

    /// A post a moderator had hidden is shown again: it goes out again when it leaves.
    func shownAgain(_ view: PostView, now: Date) async throws {
        if try await leaves(view) { try await plan(Change(.create, postID: view.id, authorID: view.post.authorID), now: now) }
    }

    /// A member open to the outside changed what other servers show of them (name, bio, avatar, whether
    /// they approve followers); changes made close together go out as one.
    func profileChanged(_ account: Account, now: Date) async throws {
        guard FederationService.isOpen(account), try await federation.mode() != .off else { return }
        try await jobs.enqueue(JobKind.federateProfile, key: "federate-profile:\(account.id)", payload: account.id.description, at: now, now: now)
    }

    /// A member's account was deleted (just now, before its erasure): the servers of everyone outside who followed
    /// them or whom they followed hear that their actor is gone.
    func accountDeleted(_ account: Account, now: Date) async throws {
        guard try await federation.mode() != .off else { return }
        let inboxes = try await federation.store.inboxesKnowing(accountID: account.id)
        guard !inboxes.isEmpty else { return }
        let deletion = AccountDeletion(accountID: account.id, inboxes: inboxes)
        try await jobs.enqueue(JobKind.federateAccountDeletion, key: "federate-account-deletion:\(account.id)", payload: deletion.payload,
                               at: now, now: now)
    }

    /// A member asked to follow someone outside, or stopped following them (or withdrew the request).
    func follow(_ change: FollowChange, now: Date) async throws {
        try await jobs.enqueue(JobKind.federateFollow, key: "federate-follow:\(change.payload)", payload: change.payload, at: now, now: now)
    }

    /// A member open to the outside liked a post from outside (or took the like back): its author's server hears it.
    func liked(_ view: PostView, by member: Account, _ on: Bool, now: Date) async throws {
        guard view.post.isRemote, FederationService.isOpen(member), try await federation.mode() != .off else { return }
        try await interact(Interaction(on ? .like : .unlike, memberID: member.id, objectID: view.id), now: now)
    }

    /// A member open to the outside reposted (or stopped reposting) a public post from outside, or one of the
    /// organization's that leaves: their followers outside hear it, and so does the author's server.
    func reposted(_ view: PostView, by member: Account, _ on: Bool, now: Date) async throws {
        // Most reposters are not open to the outside: asked first, before any read.
        guard FederationService.isOpen(member) else { return }
        let leaves = view.post.isRemote ? view.post.visibility == .public : try await federation.leavingPost(id: view.id) != nil
        guard leaves, try await federation.mode() != .off else { return }
        try await interact(Interaction(on ? .announce : .unannounce, memberID: member.id, objectID: view.id), now: now)
    }

    /// A member open to the outside blocked someone outside (or unblocked them): their server hears it.
    func blocked(_ target: Account, by member: Account, _ on: Bool, now: Date) async throws {
        guard target.isRemote, FederationService.isOpen(member), try await federation.mode() != .off else { return }
        try await interact(Interaction(on ? .block : .unblock, memberID: member.id, objectID: target.id), now: now)
    }

    private func interact(_ interaction: Interaction, now: Date) async throws {
        try await jobs.enqueue(JobKind.federateInteraction, key: "federate-interaction:\(interaction.payload)", payload: interaction.payload,
                               at: now, now: now)
    }

    /// A post that had left was deleted (or hidden by a moderator): its author's followers outside hear it, and so does
    /// the person outside it answered.
    func deleted(_ view: PostView, now: Date) async throws {
        let answered = try await view.post.inReplyToAccountID.asyncFlatMap { try await federation.store.account(id: $0) }
        try await plan(Change(.delete, postID: view.id, authorID: view.post.authorID, answeredID: answered?.isRemote == true ? answered?.id : nil),
                       now: now)
    }

    private func plan(_ change: Change, now: Date) async throws {
        try await jobs.enqueue(JobKind.federatePost, key: "federate:\(change.postID):\(change.kind.rawValue)", payload: change.payload,
                               at: now, now: now)
    }
}

/// The kind and the `numbers` positive whole numbers (ids, times) of a job payload `KIND:N:N…`; nil when it is not one.
private func jobPayload<Kind: RawRepresentable>(_ payload: String, as _: Kind.Type, numbers: Int) -> (Kind, [Int64])?
where Kind.RawValue == String {
    let parts = payload.split(separator: ":")
    guard parts.count == numbers + 1, let kind = Kind(rawValue: String(parts[0])) else { return nil }
    let values = parts.dropFirst().compactMap { Int64($0) }.filter { $0 > 0 }
    return values.count == numbers ? (kind, values) : nil
}
