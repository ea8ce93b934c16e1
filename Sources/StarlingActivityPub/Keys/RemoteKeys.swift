import Foundation
import StarlingCore

/// A public key of another server's actor, as its actor document gives it.
public struct RemoteKey: Sendable, Equatable {
    public var keyID: String
    /// The actor the key belongs to.
    public var ownerID: String
    public var publicKeyPEM: String
    var fetchedAt: Date
}

/// Finds the public keys other servers sign with: by key id (`…/users/bob#main-key`, or a key's own path
/// such as `…/users/bob/main-key`), fetching the document it names, signed by this server's own actor,
/// and keeping it an hour; lookups of one key at the same moment share one fetch. Only keys on an admitted domain are fetched, and only a key that the document
/// at its own address declares, for an actor on that same host, is believed.
public final class RemoteKeys: Sendable {
    static let keptFor: TimeInterval = 3600
    let client: FederationClient
    let instanceSigner: @Sendable () async throws -> RequestSigner
    let clock: any Clock
    private let kept = RecentlyUsedCache<String, RemoteKey>(capacity: 10_000)
    private let fetching = SingleFlight<String, RemoteKey>()

    public init(client: FederationClient, clock: any Clock, instanceSigner: @escaping @Sendable () async throws -> RequestSigner) {
        self.client = client
        self.clock = clock
        self.instanceSigner = instanceSigner
    }

    /// The key, kept or fetched; `refresh` fetches it again (after a signature failed against a kept key,
    /// which happens when an actor changed its key).
    public func key(_ keyID: String, policy: DomainPolicy, refresh: Bool = false) async throws -> RemoteKey {
        let now = clock.now()
        if !refresh, let key = kept[keyID], now.timeIntervalSince(key.fetchedAt) < Self.keptFor { return key }
        return try await fetching.run(keyID) { [client, instanceSigner, kept] in
            let address = keyID.split(separator: "#", maxSplits: 1).first.map(String.init) ?? keyID
            let document = try await client.fetch(address, signedBy: try await instanceSigner(), policy: policy, now: now)
            guard let key = Self.declaredKey(keyID, in: document, fetchedFrom: address, at: now) else { throw SignatureError.unknownKey }
            kept[keyID] = key
            return key
        }
    }

    /// The key with id `keyID` that `document` declares: an actor's `publicKey` (one or several), or a key
    /// document itself; its owner must be on the host the document came from.
    static func declaredKey(_ keyID: String, in document: JSONValue, fetchedFrom address: String, at now: Date) -> RemoteKey? {
        let candidates = document["publicKeyPem"] != nil ? [document] : (document["publicKey"]?.items ?? [])
        guard let key = candidates.first(where: { $0["id"]?.string == keyID }),
              let pem = key["publicKeyPem"]?.string,
              let owner = key["owner"]?.string ?? (document["publicKey"] != nil ? document["id"]?.string : nil),
              let ownerHost = URL(string: owner)?.host?.lowercased(),
              ownerHost == URL(string: address)?.host?.lowercased(),
              ownerHost == URL(string: keyID)?.host?.lowercased() else { return nil }
        return RemoteKey(keyID: keyID, ownerID: owner, publicKeyPEM: pem, fetchedAt: now)
    }
}
