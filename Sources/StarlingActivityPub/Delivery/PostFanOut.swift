import Foundation
import StarlingCore

extension ActivityPub {
    /// Tells a member's followers outside that a post of theirs was written, edited or deleted
    /// (`JobKind.federatePost`): one delivery per inbox, shared inboxes first, so a server with many
    /// followers gets it once; an answer to someone outside, and its deletion, reach them too. A post that no
    /// longer leaves by the time the job runs is not sent.
    func federate(_ job: Job, now: Date) async throws {
        guard let change = OutboundFederation.Change(payload: job.payload), let author = try await starling.store.account(id: change.authorID),
              author.deletedAt == nil else { return }
        let activity: JSONValue
        var inboxes = try await followerInboxes(of: author)
        switch change.kind {
        case .create, .update:
            guard let leaving = try await starling.federation.leavingPost(id: change.postID, followersOf: author.id) else { return }
            activity = change.kind == .create ? NoteDocument.create(leaving, at: addresses) : NoteDocument.update(leaving, at: addresses)
            // An answer to someone outside reaches them too.
            if let answered = leaving.answers?.author.remote, let inbox = try await inbox(of: answered.uri), !inboxes.contains(inbox) {
                inboxes.append(inbox)
            }
        case .delete:
            activity = NoteDocument.delete(change.postID, author: author.username, at: addresses)
            if let answered = try await change.answeredID.asyncFlatMap({ try await starling.store.account(id: $0) })?.remote,
               let inbox = try await inbox(of: answered.uri), !inboxes.contains(inbox) {
                inboxes.append(inbox)
            }
        }
        try await deliver(activity, to: inboxes, signedBy: author)
    }

    /// Where someone outside known here takes deliveries: their server's shared inbox when it has one.
    func inbox(of actorURI: String) async throws -> String? {
        try await starling.store.remoteActor(uri: actorURI).map { $0.sharedInbox ?? $0.inbox }
    }

    /// Where the member's followers outside take deliveries: each server's shared inbox when it has
    /// one, else each follower's own, every inbox once.
    func followerInboxes(of account: Account) async throws -> [String] {
        var seen = Set<String>()
        return try await starling.federation.remoteFollowers(of: account).map { $0.actor.sharedInbox ?? $0.actor.inbox }
            .filter { seen.insert($0).inserted }
    }
}
