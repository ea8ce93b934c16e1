import Foundation

/// Following people and hashtags, muting and blocking: a person's learning network.
/// Every change here forgets the remembered home feeds it affects. A follow of someone on another server
/// waits for their answer (`Relationship.requested`) and asks it through `OutboundFederation`.
public struct RelationService: Sendable {
    let store: any Store
    let events: any EventBus
    let homeFeeds: HomeFeeds
    let federation: FederationService
    let outbound: OutboundFederation
    let relays: RelayService
    let clock: any Clock

    public init(store: any Store, events: any EventBus, homeFeeds: HomeFeeds, federation: FederationService, outbound: OutboundFederation,
                relays: RelayService, clock: any Clock) {
        self.store = store
        self.events = events
        self.homeFeeds = homeFeeds
        self.federation = federation
        self.outbound = outbound
        self.relays = relays
        self.clock = clock
    }

    public func follow(_ target: Account, by actor: Account, _ on: Bool = true) async throws {
        guard target.id != actor.id else { throw DomainError.invalid(field: "account", message: "You cannot follow yourself.") }
        if on {
            let relation = try await store.relationship(from: actor.id, to: target.id)
            guard !relation.blocking, !relation.blockedBy else { throw DomainError.forbidden("You cannot follow this person.") }
        }
        if target.isRemote { return try await followOutside(target, by: actor, on) }
        try await store.setFollow(followerID: actor.id, followeeID: target.id, on: on)
        homeFeeds.forget(actor.id)
        if on { events.publish(.notified(target.id)) }
    }

    /// A follow of someone on another server: only for a member open to the outside (the other server reads
    /// their actor to check the request), and only to an admitted domain. It waits for their answer; ending it
    /// (or withdrawing the request) tells them too.
    private func followOutside(_ target: Account, by actor: Account, _ on: Bool) async throws {
        let now = clock.now()
        guard on else {
            guard let follow = try await store.followOut(accountID: actor.id, targetID: target.id) else { return }
            try await store.setFollow(followerID: actor.id, followeeID: target.id, on: false)
            try await store.removeFollowOut(accountID: actor.id, targetID: target.id)
            homeFeeds.forget(actor.id)
            return try await outbound.follow(.init(.undo, memberID: actor.id, targetID: target.id, requestedAt: follow.requestedAt), now: now)
        }
        guard FederationService.isOpen(actor) else {
            throw DomainError.forbidden("To follow people on other servers, first let people outside the organization find you (in your settings).")
        }
        guard let remote = target.remote, try await federation.policy().admits(domainOf: remote.uri) else {
            throw DomainError.forbidden("This server does not federate with \(target.remote?.domain ?? "that server").")
        }
        guard try await store.followOut(accountID: actor.id, targetID: target.id) == nil else { return }
        try await store.saveFollowOut(accountID: actor.id, targetID: target.id, at: now)
        try await outbound.follow(.init(.follow, memberID: actor.id, targetID: target.id, requestedAt: now), now: now)
    }

    public func mute(_ target: Account, by actor: Account, _ on: Bool = true) async throws {
        guard target.id != actor.id else { throw DomainError.invalid(field: "account", message: "You cannot mute yourself.") }
        try await store.setMute(accountID: actor.id, targetID: target.id, on: on)
        homeFeeds.forget(actor.id)
    }

    public func block(_ target: Account, by actor: Account, _ on: Bool = true) async throws {
        guard target.id != actor.id else { throw DomainError.invalid(field: "account", message: "You cannot block yourself.") }
        try await store.setBlock(accountID: actor.id, targetID: target.id, on: on)
        homeFeeds.forget(actor.id)
        homeFeeds.forget(target.id)
        if target.isRemote {
            // Blocking someone outside ends their follow of the member and the member's of them, there too.
            if on {
                _ = try await store.removeRemoteFollow(accountID: actor.id, actorID: target.id)
                try await store.removeFollowOut(accountID: actor.id, targetID: target.id)
            }
            try await outbound.blocked(target, by: actor, on, now: clock.now())
        }
    }

    /// People worth following: those the people you follow follow, then the most followed (none for
    /// guests, who meet only the people of their programs).
    public func suggestions(for account: Account, limit: Int = 40) async throws -> [Suggestion] {
        guard !account.isGuest else { return [] }
        return try await store.suggestions(for: account.id, limit: limit)
    }

    /// Stops suggesting someone.
    public func dismissSuggestion(_ targetID: ID, by account: Account) async throws {
        guard try await store.account(id: targetID) != nil else { throw DomainError.notFound }
        try await store.dismissSuggestion(accountID: account.id, targetID: targetID)
    }

    /// Follows a hashtag (its posts reach home), or stops: then its posts from outside too, and its relay is let
    /// go when nobody else asks for them.
    public func followTag(_ name: String, by actor: Account, _ on: Bool = true) async throws {
        let tag = try Tag.checked(name)
        try await store.setTagFollow(accountID: actor.id, tag: tag, on: on)
        homeFeeds.forget(actor.id)
        if !on { try await relays.letGoUnwanted(tag) }
    }

    public func relationship(of actor: Account, to target: Account) async throws -> Relationship {
        try await store.relationship(from: actor.id, to: target.id)
    }

    public func followedTags(of actor: Account) async throws -> [Tag] { try await store.followedTags(accountID: actor.id) }
}
