import Foundation

/// What a follow from outside comes to.
public enum FollowAnswer: Sendable, Equatable {
    /// Following now (the member approves no followers from outside one by one).
    case accepted
    /// Waiting for the member's approval.
    case pending
    /// Refused: the member is not open to the outside (or not there at all).
    case rejected
}

/// Follows of members by people on other servers: received through the inbox, approved or declined by the
/// member, undone by the follower.
extension FederationService {
    /// A follow of `username` by `actor` (already checked: signed by them, from an admitted domain). The
    /// member must be open to the outside; a member who approves followers (`locked`) finds it waiting.
    public func receiveFollow(of username: String, from actor: RemoteActor, activityURI: String) async throws -> FollowAnswer {
        guard let account = try await openAccount(username: username) else { return .rejected }
        let kept = try await store.keepRemoteActor(actor)
        let now = clock.now()
        if let existing = try await store.remoteFollow(accountID: account.id, actorID: kept.id), existing.acceptedAt != nil {
            // Following already (their server asks again): the same answer again.
            try await store.saveRemoteFollow(accountID: account.id, actorID: kept.id, activityURI: activityURI, acceptedAt: existing.acceptedAt,
                                             createdAt: existing.createdAt)
            return .accepted
        }
        try await store.saveRemoteFollow(accountID: account.id, actorID: kept.id, activityURI: activityURI,
                                         acceptedAt: account.locked ? nil : now, createdAt: now)
        return account.locked ? .pending : .accepted
    }

    /// The follower undid their follow (or their request).
    public func undoFollow(of username: String, byActor uri: String) async throws {
        guard let follow = try await remoteFollow(of: username, byActor: uri) else { return }
        _ = try await store.removeRemoteFollow(accountID: follow.accountID, actorID: follow.actor.id)
    }

    /// The follow of a member by an actor elsewhere, accepted or waiting.
    public func remoteFollow(of username: String, byActor uri: String) async throws -> RemoteFollow? {
        guard let account = try await store.account(username: username), let actor = try await store.remoteActor(uri: uri) else { return nil }
        return try await store.remoteFollow(accountID: account.id, actorID: actor.id)
    }

    /// Follows from outside waiting for the member's approval, oldest first.
    public func followRequests(of account: Account) async throws -> [RemoteFollow] {
        try await store.remoteFollows(accountID: account.id, accepted: false)
    }

    /// How many follows from outside wait for the member's approval (`follow_requests_count`).
    public func followRequestCount(of account: Account) async throws -> Int {
        try await store.waitingRemoteFollowCount(accountID: account.id)
    }

    /// The member's followers from outside, longest-standing first.
    public func remoteFollowers(of account: Account) async throws -> [RemoteFollow] {
        try await store.remoteFollows(accountID: account.id, accepted: true)
    }

    /// The member approves a waiting follow; the follow returned is the one to answer with an `Accept`.
    public func authorize(_ actorID: ID, for account: Account) async throws -> RemoteFollow {
        guard var follow = try await store.remoteFollow(accountID: account.id, actorID: actorID), follow.acceptedAt == nil,
              try await store.acceptRemoteFollow(accountID: account.id, actorID: actorID, at: clock.now()) else { throw DomainError.notFound }
        follow.acceptedAt = clock.now()
        return follow
    }

    /// The member declines a waiting follow; the follow returned is the one to answer with a `Reject`.
    public func reject(_ actorID: ID, for account: Account) async throws -> RemoteFollow {
        guard let follow = try await store.remoteFollow(accountID: account.id, actorID: actorID), follow.acceptedAt == nil,
              try await store.removeRemoteFollow(accountID: account.id, actorID: actorID) else { throw DomainError.notFound }
        return follow
    }
}
