import Foundation

/// A relay this server subscribes to (the Mastodon/LitePub relay protocol: the server's own actor follows
/// the public collection at the relay's address). A relay for one hashtag, in the style of FediBuzz
/// (`https://relay.example/tag/iste2016`), is subscribed for the members who asked for that hashtag's posts
/// from outside, and let go when none asks any more; other relays are subscribed by admins.
public struct Relay: Sendable, Hashable, Identifiable {
    public enum State: String, Sendable {
        /// Asked, no answer yet.
        case requested
        /// The relay accepted: what it sends is read.
        case accepted
        /// The relay declined.
        case rejected
    }

    public var id: ID
    /// Where the `Follow` goes: the relay's inbox, or a tag relay's address.
    public var address: String
    /// The hashtag (its key) it was subscribed for on members' behalf; nil for a relay an admin subscribed.
    public var tag: String?
    /// The relay's actor, once it answered: what it sends is signed by this actor.
    public var actor: String?
    public var state: State
    public var createdAt: Date

    public init(id: ID, address: String, tag: String?, actor: String?, state: State, createdAt: Date) {
        self.id = id
        self.address = address
        self.tag = tag
        self.actor = actor
        self.state = state
        self.createdAt = createdAt
    }
}

/// A subscription to a relay, or its end, as its job's payload says: `follow RELAY ADDRESS` (the address is
/// carried so that the `Undo` can still be sent once the relay is forgotten here).
public struct RelayChange: Sendable, Hashable {
    public enum Kind: String, Sendable { case follow, undo }
    public var kind: Kind
    public var relayID: ID
    public var address: String

    public init(_ kind: Kind, relayID: ID, address: String) {
        self.kind = kind
        self.relayID = relayID
        self.address = address
    }

    public init?(payload: String) {
        let parts = payload.split(separator: " ", maxSplits: 2)
        guard parts.count == 3, let kind = Kind(rawValue: String(parts[0])), let id = Int64(parts[1]), id > 0 else { return nil }
        self.init(kind, relayID: ID(id), address: String(parts[2]))
    }

    public var payload: String { "\(kind.rawValue) \(relayID) \(address)" }
}
