import Foundation
import StarlingCore

extension ActivityPub {
    /// The account someone outside shows as here, their actor document fetched (signed by this server's own
    /// actor, from an admitted domain only) and kept, or kept again when it was known.
    public func remoteAccount(_ uri: String, policy: DomainPolicy) async throws -> Account {
        let actor = try await fetchActor(uri, policy: policy)
        guard let account = try await starling.store.actorAccount(uri: actor.uri) else { throw FederationError.notAnActor(uri) }
        return account
    }

    /// Fetches and keeps an actor's document: `FederationError.notAnActor` when it describes no actor Starling can deliver to.
    func fetchActor(_ uri: String, policy: DomainPolicy) async throws -> RemoteActor {
        let now = starling.clock.now()
        let document = try await client.fetch(uri, signedBy: try await instanceSigner(), policy: policy, now: now)
        guard let actor = FollowDocuments.actor(document, uri: uri, fetchedAt: now) else { throw FederationError.notAnActor(uri) }
        return try await starling.store.keepRemoteActor(actor)
    }
}

extension ActivityPub {
    /// Someone on another server named by their handle (`@name@domain`), found by WebFinger on their
    /// server and kept: nil when the text is no handle of another server; `FederationError` when their
    /// server is not admitted, cannot be reached or knows nobody by that name.
    public func resolve(handle text: String) async throws -> Account? {
        guard let (name, domain) = WebFinger.handle(text), domain.description != addresses.host.lowercased() else { return nil }
        if let known = try await starling.store.account(username: "\(name)@\(domain)") { return known }
        let policy = try await starling.federation.policy()
        let resource = "acct:\(name)@\(domain)".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? ""
        // Plain http only where the operator allowed private addresses (tests and labs).
        let schemes = client.addressGuard.allowsPrivateAddresses ? ["https", "http"] : ["https"]
        var lastError: any Error = FederationError.notAnActor(text)
        for scheme in schemes {
            do {
                let answer = try await client.fetch("\(scheme)://\(domain)/.well-known/webfinger?resource=\(resource)",
                                                    signedBy: try await instanceSigner(), policy: policy, now: starling.clock.now())
                guard let actor = WebFinger.actorID(in: answer) else { throw FederationError.notAnActor(text) }
                return try await remoteAccount(actor, policy: policy)
            } catch {
                lastError = error
            }
        }
        throw lastError
    }
}
