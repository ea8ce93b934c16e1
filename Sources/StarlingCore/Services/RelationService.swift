import Foundation

/// Following people and hashtags, muting and blocking: a person's learning network.
/// Every change here forgets the remembered home feeds it affects.
public struct RelationService: Sendable {
    let store: any Store
    let events: any EventBus
    let homeFeeds: HomeFeeds

    public init(store: any Store, events: any EventBus, homeFeeds: HomeFeeds) {
        self.store = store
        self.events = events
        self.homeFeeds = homeFeeds
    }

    public func follow(_ target: Account, by actor: Account, _ on: Bool = true) async throws {
        guard target.id != actor.id else { throw DomainError.invalid(field: "account", message: "You cannot follow yourself.") }
        if on {
            let relation = try await store.relationship(from: actor.id, to: target.id)
            guard !relation.blocking, !relation.blockedBy else { throw DomainError.forbidden("You cannot follow this person.") }
        }
        try await store.setFollow(followerID: actor.id, followeeID: target.id, on: on)
        homeFeeds.forget(actor.id)
        if on { events.publish(.notified(target.id)) }
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

    public func followTag(_ name: String, by actor: Account, _ on: Bool = true) async throws {
        let parsed = PostText("#" + name).hashtags
        guard parsed.count == 1, let tag = parsed.first, tag == name else {
            throw DomainError.invalid(field: "tag", message: "A hashtag has letters, digits, underscores and inner hyphens.")
        }
        try await store.setTagFollow(accountID: actor.id, tag: tag, on: on)
        homeFeeds.forget(actor.id)
    }

    public func relationship(of actor: Account, to target: Account) async throws -> Relationship {
        try await store.relationship(from: actor.id, to: target.id)
    }

    public func followedTags(of actor: Account) async throws -> [Tag] { try await store.followedTags(accountID: actor.id) }
}
