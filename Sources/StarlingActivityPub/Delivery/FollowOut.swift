import Foundation
import StarlingCore

extension ActivityPub {
    /// Asks someone outside to let a member follow them, or tells them the member stopped
    /// (`JobKind.federateFollow`): a `Follow`, or its `Undo`, delivered to their inbox, signed by the member.
    /// A follow withdrawn before the job ran is not asked.
    func federateFollow(_ job: Job, now: Date) async throws {
        guard let change = OutboundFederation.FollowChange(payload: job.payload),
              let member = try await starling.store.account(id: change.memberID), member.deletedAt == nil,
              let target = try await starling.store.account(id: change.targetID), let remote = target.remote,
              let actor = try await starling.store.remoteActor(uri: remote.uri) else { return }
        if change.kind == .follow {
            guard FederationService.isOpen(member), let follow = try await starling.store.followOut(accountID: member.id, targetID: target.id),
                  follow.acceptedAt == nil else { return }
        }
        try await deliver(FollowDocuments.follow(change, member: member.username, target: remote.uri, at: addresses), to: [actor.inbox],
                          signedBy: member)
    }
}
