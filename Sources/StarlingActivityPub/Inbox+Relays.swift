import Foundation
import StarlingCore

/// What relays the server subscribes to pass on: an `Announce` naming a post (FediBuzz, LitePub relays), or a
/// `Create` forwarded as its author sent it (Mastodon's relays). Neither is trusted as sent: the post is
/// fetched, signed, from its author's server (an admitted domain only), in a job of its own so that the relay's
/// delivery does not wait for that server, and kept when someone here asked for it
/// (`InboundFederation.receiveFromRelay`). Trouble with one post (gone, not a note) is logged and skipped: the
/// relay did nothing wrong; a server that does not answer is asked again for a few minutes.
extension Inbox {
    /// Takes the activity when a relay the server subscribes to sent it (signed by the relay's actor); false
    /// when it is no relay's, to be read as any other activity. Only a relay's `Announce`, or an activity whose
    /// actor is not its signer (a forwarded `Create`), can be one.
    func receiveFromRelay(_ activity: JSONValue, type: String, signedBy key: RemoteKey, policy: DomainPolicy) async throws -> Bool {
        guard type == "Announce" || (["Create", "Update"].contains(type) && Self.id(of: activity["actor"]) != key.ownerID),
              try await activityPub.starling.relays.acceptedRelay(actor: key.ownerID) != nil else { return false }
        guard let uri = Self.id(of: activity["object"]), policy.admits(domainOf: uri), !uri.hasPrefix(activityPub.addresses.base + "/"),
              try await activityPub.starling.store.remotePost(uri: uri) == nil else { return true }
        let now = activityPub.starling.clock.now()
        // One job per post, however many relays pass it on meanwhile.
        try await activityPub.starling.jobs.enqueue(JobKind.fetchRelayedPost, key: "fetch-relayed:\(uri)", payload: uri, at: now, now: now)
        return true
    }

    /// The post at `uri`, fetched from its author's server and kept when wanted (`JobKind.fetchRelayedPost`);
    /// its author is looked up only then. Throws, to be tried again, when the server could not be reached.
    func fetchRelayed(_ uri: String, policy: DomainPolicy) async throws {
        guard policy.admits(domainOf: uri), try await activityPub.starling.store.remotePost(uri: uri) == nil else { return }
        do {
            let (read, actor) = try await fetchNote(uri, policy: policy)
            try await activityPub.starling.inbound.receiveFromRelay(read) { try await activityPub.remoteAccount(actor, policy: policy) }
        } catch let error as InboxError {
            activityPub.logger.info("A relayed post was skipped", metadata: ["uri": "\(uri)", "reason": "\(error.message)"])
        } catch let error as FederationError where Delivery.isFinal(error) {
            activityPub.logger.info("A relayed post was skipped", metadata: ["uri": "\(uri)", "reason": "\(error)"])
        }
    }
}
