import Foundation
import StarlingCore

extension ActivityPub {
    /// Tells the servers of those who knew a deleted member that their actor is gone
    /// (`JobKind.federateAccountDeletion`): a `Delete` of the actor by itself, as Mastodon sends, signed with
    /// the member's key (kept for these deliveries after the rest of the account is erased).
    func federateAccountDeletion(_ job: Job, now: Date) async throws {
        guard let deletion = OutboundFederation.AccountDeletion(payload: job.payload),
              let account = try await starling.store.account(id: deletion.accountID), account.deletedAt != nil else { return }
        try await deliver(Self.actorDeletion(of: addresses.actor(account.username)), to: deletion.inboxes, signedBy: account)
    }

    /// The `Delete` of an actor by itself.
    static func actorDeletion(of actor: String) -> JSONValue {
        [
            "@context": .string(ActivityStreams.context), "id": .string(actor + "#delete"), "type": "Delete",
            "actor": .string(actor), "object": .string(actor), "to": [.string(ActivityStreams.publicAudience)],
        ]
    }
}
