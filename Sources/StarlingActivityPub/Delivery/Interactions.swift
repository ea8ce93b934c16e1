import Foundation
import StarlingCore

extension ActivityPub {
    /// Tells the servers concerned that a member liked or reposted a post, or blocked someone outside, or took
    /// it back (`JobKind.federateInteraction`): a `Like` goes to the author of a post from outside; an `Announce`
    /// to the member's followers outside and, for a post from outside, its author's server; a `Block` to the
    /// one blocked. An undoing is the `Undo` of the very activity (named by member and object).
    func federateInteraction(_ job: Job, now: Date) async throws {
        guard let interaction = OutboundFederation.Interaction(payload: job.payload),
              let member = try await starling.store.account(id: interaction.memberID), FederationService.isOpen(member) else { return }
        let actor = addresses.actor(member.username)
        if interaction.kind == .block || interaction.kind == .unblock {
            guard let target = try await starling.store.account(id: interaction.objectID), let remote = target.remote,
                  let inbox = try await inbox(of: remote.uri) else { return }
            let block: JSONValue = ["id": .string(actor + "#blocks/\(target.id)"), "type": "Block", "actor": .string(actor), "object": .string(remote.uri)]
            let activity: JSONValue = interaction.kind == .block ? block
                : ["id": .string(actor + "#blocks/\(target.id)/undo"), "type": "Undo", "actor": .string(actor), "object": block]
            return try await deliver(activity, to: [inbox], signedBy: member)
        }
        guard let view = try await starling.store.post(id: interaction.objectID, viewer: member.id) else { return }
        let object = view.post.remote?.uri ?? addresses.note(view.author.username, view.id)
        let authorInbox = try await view.author.remote.asyncFlatMap { try await inbox(of: $0.uri) }
        var activity: [String: JSONValue]
        var inboxes: [String]
        switch interaction.kind {
        case .like, .unlike:
            activity = ["id": .string(actor + "#likes/\(view.id)"), "type": "Like", "actor": .string(actor), "object": .string(object)]
            inboxes = authorInbox.map { [$0] } ?? []
        case .block, .unblock:
            return
        case .announce, .unannounce:
            activity = ["id": .string(actor + "#announces/\(view.id)"), "type": "Announce", "actor": .string(actor), "object": .string(object),
                        "published": .string(now.formatted(.iso8601)), "to": [.string(ActivityStreams.publicAudience)],
                        "cc": .array([.string(addresses.followers(member.username))] + (view.author.remote.map { [.string($0.uri)] } ?? []))]
            inboxes = try await followerInboxes(of: member)
            if let authorInbox, !inboxes.contains(authorInbox) { inboxes.append(authorInbox) }
        }
        if interaction.kind == .unlike || interaction.kind == .unannounce {
            let id = activity["id"]?.string ?? actor
            activity = ["id": .string(id + "/undo"), "type": "Undo", "actor": .string(actor), "object": .object(activity)]
        }
        activity["@context"] = .string(ActivityStreams.context)
        try await deliver(.object(activity), to: inboxes, signedBy: member)
    }
}
