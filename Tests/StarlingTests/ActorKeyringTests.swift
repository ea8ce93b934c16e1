import Foundation
import Testing
import StarlingCore
import _CryptoExtras
@testable import StarlingActivityPub

/// Actors' signing keys: made once, on first need, and the same on every node.
@Suite("Actor keys")
struct ActorKeyringTests {
    @Test("an actor's key is made on first need and kept; another node reads the same key", arguments: Engine.allCases)
    func keptOnce(engine: Engine) async throws {
        let (node1, node2) = try await engine.twoNodes()
        let key = try await ActorKeyring(store: node1, clock: SystemClock()).key(of: ID(42))
        #expect(key.publicKeyPEM.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        #expect(try _RSA.Signing.PublicKey(pemRepresentation: key.publicKeyPEM).keySizeInBits == 2048)
        #expect(try await ActorKeyring(store: node2, clock: SystemClock()).key(of: ID(42)) == key)
    }

    @Test("when two nodes make a key at once, the first one kept is the one both use", arguments: Engine.allCases)
    func firstKeptWins(engine: Engine) async throws {
        let (node1, node2) = try await engine.twoNodes()
        let first = ActorKey(ownerID: ID(7), publicKeyPEM: "first", privateKeyPEM: "first-private", createdAt: Date(timeIntervalSince1970: 1))
        let second = ActorKey(ownerID: ID(7), publicKeyPEM: "second", privateKeyPEM: "second-private", createdAt: Date(timeIntervalSince1970: 2))
        #expect(try await node1.keepActorKey(first) == first)
        #expect(try await node2.keepActorKey(second) == first)
    }
}
