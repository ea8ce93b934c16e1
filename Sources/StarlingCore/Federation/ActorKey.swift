import Foundation

/// The key pair an actor signs its requests to other servers with (RSA, as Mastodon's HTTP signatures
/// use), as PEM text. Made once, the first time the actor needs it, and kept.
public struct ActorKey: Sendable, Hashable {
    /// The account the key belongs to, or `ActorKey.instanceActor` for the server itself.
    public var ownerID: ID
    /// SubjectPublicKeyInfo PEM (`BEGIN PUBLIC KEY`), as actor documents publish it.
    public var publicKeyPEM: String
    public var privateKeyPEM: String
    public var createdAt: Date

    public init(ownerID: ID, publicKeyPEM: String, privateKeyPEM: String, createdAt: Date) {
        self.ownerID = ownerID
        self.publicKeyPEM = publicKeyPEM
        self.privateKeyPEM = privateKeyPEM
        self.createdAt = createdAt
    }

    /// The owner id of the server's own actor (it signs relay subscriptions and fetches nobody in particular asked for).
    public static let instanceActor = ID(0)
}
