import Foundation
import StarlingCore

extension ActivityPub {
    /// Tells a member's followers outside that a post of theirs was written, edited or deleted
    /// (`JobKind.federatePost`): one delivery per inbox, shared inboxes first, so a server with many
    /// followers gets it once. A post that no longer leaves by the time the job runs is not sent.
    func federate(_ job: Job, now: Date) async throws {
        guard let change = OutboundFederation.Change(payload: job.payload), let author = try await starling.store.account(id: change.authorID),
              author.deletedAt == nil else { return }
        let activity: JSONValue
        switch change.kind {
        case .create, .update:
            guard let leaving = try await starling.federation.leavingPost(id: change.postID, followersOf: author.id) else { return }
            activity = change.kind == .create ? NoteDocument.create(leaving, at: addresses) : NoteDocument.update(leaving, at: addresses)
        case .delete:
            activity = NoteDocument.delete(change.postID, author: author.username, at: addresses)
        }
        try await deliver(activity, to: try await followerInboxes(of: author), signedBy: author)
    }

    /// Where the member's followers outside take deliveries: each server's shared inbox when it has
    /// one, else each follower's own, every inbox once.
    func followerInboxes(of account: Account) async throws -> [String] {
        var seen = Set<String>()
        return try await starling.federation.remoteFollowers(of: account).map { $0.actor.sharedInbox ?? $0.actor.inbox }
            .filter { seen.insert($0).inserted }
    }
}
