import Dispatch
import Foundation
import StarlingCore
import _CryptoExtras

/// Each actor's signing key: read from the store, made (RSA 2048) the first time an actor needs one,
/// and kept parsed in memory, since parsing a PEM key costs more than the signature made with it. Requests
/// that need a new key at the same moment (a burst of activities from a server that this one must first
/// fetch a key from, signed with its own actor's key) share one making of it.
public final class ActorKeyring: Sendable {
    let store: any FederationStore
    let clock: any Clock
    private let parsed = RecentlyUsedCache<ID, _RSA.Signing.PrivateKey>(capacity: 2_000)
    private let making = SingleFlight<ID, ActorKey>()

    public init(store: any FederationStore, clock: any Clock) {
        self.store = store
        self.clock = clock
    }

    /// The actor's key, made and kept now if it has none.
    public func key(of ownerID: ID) async throws -> ActorKey {
        if let key = try await store.actorKey(ownerID: ownerID) { return key }
        return try await making.run(ownerID) { [store, clock] in
            // Kept by a caller whose making ended between the read above and this one?
            if let key = try await store.actorKey(ownerID: ownerID) { return key }
            // Making a key takes tens of milliseconds of CPU: not on the cooperative pool's few threads.
            let made = try await withCheckedThrowingContinuation { (done: CheckedContinuation<_RSA.Signing.PrivateKey, any Error>) in
                DispatchQueue.global().async { done.resume(with: Result { try _RSA.Signing.PrivateKey(keySize: .bits2048) }) }
            }
            return try await store.keepActorKey(ActorKey(ownerID: ownerID, publicKeyPEM: made.publicKey.pemRepresentation,
                                                         privateKeyPEM: made.pemRepresentation, createdAt: clock.now()))
        }
    }

    /// A signer for the actor with the key it has, or nil when it has none (never made: a deleted member's
    /// key is not made again once forgotten).
    public func keptSigner(of ownerID: ID, keyID: String) async throws -> RequestSigner? {
        guard let key = try await store.actorKey(ownerID: ownerID) else { return nil }
        return RequestSigner(keyID: keyID, key: try _RSA.Signing.PrivateKey(pemRepresentation: key.privateKeyPEM))
    }

    /// A signer for the actor, under `keyID` (its actor id with `#main-key`).
    public func signer(of ownerID: ID, keyID: String) async throws -> RequestSigner {
        if let key = parsed[ownerID] { return RequestSigner(keyID: keyID, key: key) }
        let key = try _RSA.Signing.PrivateKey(pemRepresentation: try await self.key(of: ownerID).privateKeyPEM)
        parsed[ownerID] = key
        return RequestSigner(keyID: keyID, key: key)
    }
}
