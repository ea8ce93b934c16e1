import Foundation
import StarlingCore

/// The actor documents this server serves: members other servers may see, and the server's own actor,
/// which signs the server's fetches and is readable without a signature, so that other servers can
/// check those fetches without asking Starling for anything signed in turn.
public enum ActorDocument {
    static let context: JSONValue = [
        .string(ActivityStreams.context), .string(ActivityStreams.securityContext),
        [
            "manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
            "toot": "http://joinmastodon.org/ns#",
            "discoverable": "toot:discoverable",
            "indexable": "toot:indexable",
        ],
    ]

    /// A member as other servers see them: name, bio, avatar, inboxes, whether follows wait for
    /// approval (`locked`), and the public key.
    public static func person(_ account: Account, publicKeyPEM: String, at addresses: LocalAddresses) -> JSONValue {
        let described: [String: JSONValue] = [
            "name": .string(account.name),
            "summary": .string(account.bioHTML),
            "url": .string(addresses.profilePage(account.username)),
            "published": .string(account.createdAt.formatted(.iso8601)),
            "endpoints": ["sharedInbox": .string(addresses.sharedInbox)],
            "followers": .string(addresses.followers(account.username)),
            "following": .string(addresses.following(account.username)),
            "manuallyApprovesFollowers": .bool(account.locked),
            "discoverable": .bool(account.discoverable),
            "indexable": .bool(account.discoverable),
            "icon": ["type": "Image", "url": .string(addresses.base + account.avatarURLPath)],
        ]
        return .object((keyOnly(account, publicKeyPEM: publicKeyPEM, at: addresses).object ?? [:]).merging(described) { _, new in new })
    }

    /// What a request without a signature learns of a member: the key only (enough to check the member's
    /// signature), nothing the person wrote about themselves.
    public static func keyOnly(_ account: Account, publicKeyPEM: String, at addresses: LocalAddresses) -> JSONValue {
        let id = addresses.actor(account.username)
        return [
            "@context": context,
            "id": .string(id),
            "type": "Person",
            "preferredUsername": .string(account.username),
            "inbox": .string(addresses.inbox(account.username)),
            "outbox": .string(addresses.outbox(account.username)),
            "publicKey": key(of: id, pem: publicKeyPEM, at: addresses),
        ]
    }

    /// The server's own actor (an `Application` named after the host, as Mastodon's), which signs fetches.
    public static func instance(name: String, publicKeyPEM: String, at addresses: LocalAddresses) -> JSONValue {
        let id = addresses.instanceActor
        return [
            "@context": context,
            "id": .string(id),
            "type": "Application",
            "preferredUsername": .string(addresses.host),
            "name": .string(name),
            "url": .string(addresses.base + "/"),
            "inbox": .string(addresses.sharedInbox),
            "endpoints": ["sharedInbox": .string(addresses.sharedInbox)],
            "manuallyApprovesFollowers": true,
            "publicKey": key(of: id, pem: publicKeyPEM, at: addresses),
        ]
    }

    private static func key(of actor: String, pem: String, at addresses: LocalAddresses) -> JSONValue {
        ["id": .string(addresses.key(ofActor: actor)), "owner": .string(actor), "publicKeyPem": .string(pem)]
    }
}
