import Foundation
import StarlingCore

extension ActivityPub {
    /// Tells a member's followers outside that their profile changed (`JobKind.federateProfile`): an
    /// `Update` carrying the actor as it is now, unless the member is no longer open to the outside.
    func federateProfile(_ job: Job, now: Date) async throws {
        guard let id = ID(job.payload), let account = try await starling.store.account(id: id), FederationService.isOpen(account) else { return }
        let actor = ActorDocument.person(account, publicKeyPEM: try await keyring.key(of: account.id).publicKeyPEM, at: addresses)
        let version = Int64((now.timeIntervalSince1970 * 1000).rounded())
        let update: JSONValue = [
            "@context": actor["@context"] ?? .string(ActivityStreams.context),
            "id": .string(addresses.actor(account.username) + "#updates/\(version)"),
            "type": "Update",
            "actor": .string(addresses.actor(account.username)),
            "to": [.string(ActivityStreams.publicAudience)],
            "object": actor,
        ]
        try await deliver(update, to: try await followerInboxes(of: account), signedBy: account)
    }
}
