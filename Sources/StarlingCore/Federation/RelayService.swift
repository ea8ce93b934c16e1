import Foundation

/// Posts from outside on hashtags, through relays. Admins subscribe to relays and set where a hashtag's own
/// relay is (`https://relay.example/tag/{tag}`, as FediBuzz serves them); a member who follows a hashtag can
/// ask for its posts from outside too, which subscribes that hashtag's relay, let go once nobody asks for it.
/// What a relay sends is kept only when it is public and carries a hashtag someone here asked for, or an
/// event open to the outside has (`InboundFederation.receiveFromRelay`).
public struct RelayService: Sendable {
    let store: any Store
    let ids: IDGenerator
    let clock: any Clock
    let jobs: JobQueue
    let federation: FederationService
    let homeFeeds: HomeFeeds

    /// The settings key of the address hashtags' relays are at (absent or empty: none).
    static let tagRelayKey = "federation_tag_relay"
    /// What stands for the hashtag in that address.
    public static let tagPlaceholder = "{tag}"

    public init(store: any Store, ids: IDGenerator, clock: any Clock, jobs: JobQueue, federation: FederationService, homeFeeds: HomeFeeds) {
        self.store = store
        self.ids = ids
        self.clock = clock
        self.jobs = jobs
        self.federation = federation
        self.homeFeeds = homeFeeds
    }

    /// Every relay, oldest first, for an admin (nil: the operator at the command line).
    public func relays(by admin: Account?) async throws -> [Relay] {
        try FederationService.checkAdmin(admin)
        return try await store.relays()
    }

    /// An admin subscribes to the relay at `address` (its inbox, or a tag relay's address): the server's own
    /// actor follows it. Federation must be on and the relay's domain admitted.
    @discardableResult
    public func subscribe(_ address: String, by admin: Account?) async throws -> Relay {
        try FederationService.checkAdmin(admin)
        let address = try await admitted(address, field: "address")
        let now = clock.now()
        let relay = try await subscribe(address, tag: nil, now: now)
        try await store.insertAuditEntry(AuditEntry(id: ids.next(at: now), actorID: admin?.id, action: .subscribeRelay, reason: address,
                                                    createdAt: now))
        return relay
    }

    /// An admin ends a subscription: the relay hears it (an `Undo` of the follow) and what it sends is no longer read.
    public func unsubscribe(_ id: ID, by admin: Account?) async throws {
        try FederationService.checkAdmin(admin)
        guard let relay = try await store.relays().first(where: { $0.id == id }) else { throw DomainError.notFound }
        try await letGo(relay)
        let now = clock.now()
        try await store.insertAuditEntry(AuditEntry(id: ids.next(at: now), actorID: admin?.id, action: .unsubscribeRelay,
                                                    reason: relay.address, createdAt: now))
    }

    /// Where hashtags' relays are, with `{tag}` for the hashtag; nil when none is set.
    public func tagRelay() async throws -> String? { try await store.setting(Self.tagRelayKey).flatMap { $0.isEmpty ? nil : $0 } }

    /// An admin sets where hashtags' relays are (`https://relay.example/tag/{tag}`), or none (nil or empty).
    /// The relays already subscribed stay until nobody asks for their hashtag.
    public func setTagRelay(_ template: String?, by admin: Account?) async throws {
        try FederationService.checkAdmin(admin)
        let trimmed = template?.trimmingCharacters(in: .whitespaces) ?? ""
        if !trimmed.isEmpty {
            guard trimmed.contains(Self.tagPlaceholder) else {
                throw DomainError.invalid(field: "tag_relay", message: "Name the hashtag’s place with {tag}, as in https://relay.example/tag/{tag}.")
            }
            _ = try await admitted(trimmed.replacingOccurrences(of: Self.tagPlaceholder, with: "tag"), field: "tag_relay")
        }
        try await store.setSetting(Self.tagRelayKey, value: trimmed)
        try await store.insertAuditEntry(AuditEntry(id: ids.next(), actorID: admin?.id, action: .tagRelay, reason: trimmed,
                                                    createdAt: clock.now()))
    }

    /// A member asks for a hashtag's posts from outside too (following it, if they did not), or stops asking.
    /// Asking subscribes the hashtag's relay; federation must be on and a relay for hashtags set.
    public func askFromOutside(_ name: String, by member: Account, _ on: Bool) async throws {
        let tag = try Tag.checked(name)
        guard !member.isRemote, !member.isGuest else { throw DomainError.forbidden("Only members can ask for posts from outside.") }
        if on {
            guard try await federation.mode() != .off else { throw DomainError.conflict("Federation is off: nothing comes from outside.") }
            guard let template = try await tagRelay() else {
                throw DomainError.conflict("No relay for hashtags is set up here: an admin can set one on the federation page.")
            }
            let address = try await admitted(template.replacingOccurrences(of: Self.tagPlaceholder, with: Tag.key(tag)), field: "tag")
            try await store.setTagFollow(accountID: member.id, tag: tag, on: true)
            _ = try await store.setTagFromOutside(accountID: member.id, tag: tag, on: true)
            try await subscribeTagRelay(at: address, tag: tag)
        } else {
            _ = try await store.setTagFromOutside(accountID: member.id, tag: tag, on: false)
            try await letGoUnwanted(tag)
        }
        homeFeeds.forget(member.id)
    }

    /// The hashtags (their keys) a member asked for from outside.
    public func tagsFromOutside(of member: Account) async throws -> Set<String> { try await store.tagsFromOutside(accountID: member.id) }

    /// Subscribes the hashtag's relay, when a relay for hashtags is set and on an admitted domain (an event opened
    /// to the outside asks; its posts from outside may come from people members follow as well).
    func subscribeTagRelay(_ tag: String) async throws {
        guard let template = try await tagRelay(),
              let address = try? await admitted(template.replacingOccurrences(of: Self.tagPlaceholder, with: Tag.key(tag)), field: "tag")
        else { return }
        try await subscribeTagRelay(at: address, tag: tag)
    }

    private func subscribeTagRelay(at address: String, tag: String) async throws {
        guard try await !store.relays().contains(where: { $0.address == address }) else { return }
        _ = try await subscribe(address, tag: Tag.key(tag), now: clock.now())
    }

    /// Lets go of the hashtag's relay when nobody asks for its posts from outside any more (no member, no open event).
    func letGoUnwanted(_ tag: String) async throws {
        let key = Tag.key(tag)
        guard try await !Self.wantedFromOutside(store).contains(key) else { return }
        for relay in try await store.relays() where relay.tag == key { try await letGo(relay) }
    }

    /// The hashtags (their keys) someone here wants from outside: those members asked for, and those of events
    /// open to the outside.
    static func wantedFromOutside(_ store: any Store) async throws -> Set<String> {
        async let events = store.openEventHashtags()
        return try await store.tagsWantedFromOutside().union(try await events.map(Tag.key))
    }

    /// The relay answered the server's follow (`accepting` or not), as `actor`: what that actor sends is read
    /// from now on. False when no such relay is subscribed.
    @discardableResult
    public func answered(relayID: ID, byActor actor: String, accepting: Bool) async throws -> Bool {
        guard try await store.relays().contains(where: { $0.id == relayID }) else { return false }
        try await store.setRelayAnswer(id: relayID, actor: actor, state: accepting ? .accepted : .rejected)
        return true
    }

    /// The relay that accepted the server's follow as `actor`, if any: what it sends is read.
    public func acceptedRelay(actor: String) async throws -> Relay? {
        try await store.relays().first { $0.actor == actor && $0.state == .accepted }
    }

    private func subscribe(_ address: String, tag: String?, now: Date) async throws -> Relay {
        let relay = try await store.saveRelay(Relay(id: ids.next(at: now), address: address, tag: tag, actor: nil, state: .requested,
                                                    createdAt: now))
        try await plan(RelayChange(.follow, relayID: relay.id, address: relay.address), now: now)
        return relay
    }

    private func letGo(_ relay: Relay) async throws {
        guard try await store.removeRelay(id: relay.id) else { return }
        try await plan(RelayChange(.undo, relayID: relay.id, address: relay.address), now: clock.now())
    }

    private func plan(_ change: RelayChange, now: Date) async throws {
        try await jobs.enqueue(JobKind.federateRelay, key: "federate-relay:\(change.kind.rawValue):\(change.relayID)", payload: change.payload,
                               at: now, now: now)
    }

    /// A relay's address when it is an http(s) URL on a domain the federation policy admits now.
    private func admitted(_ address: String, field: String) async throws -> String {
        let trimmed = address.trimmingCharacters(in: .whitespaces)
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http", url.host != nil,
              let domain = try? RemoteDomain(parsing: trimmed) else {
            throw DomainError.invalid(field: field, message: "A relay’s address is a web address, such as https://relay.example/inbox.")
        }
        let policy = try await federation.policy()
        guard policy.mode != .off else { throw DomainError.conflict("Federation is off: turn it on before subscribing to relays.") }
        guard policy.admits(domain) else {
            throw DomainError.invalid(field: field, message: "\(domain) is not allowed: allow it on the federation page first.")
        }
        return trimmed
    }
}
