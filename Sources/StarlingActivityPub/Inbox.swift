import Foundation
import Logging
import StarlingCore

/// Why an activity sent to the inbox was refused (400): each message says what was wrong with it.
public struct InboxError: Error, Equatable, Sendable {
    public let message: String
}

/// What other servers deliver: activities already known to be signed by a key of an admitted domain.
/// The activity's actor must be the key's owner; follows of members are recorded and answered (or wait
/// for the member's approval); an `Undo` of a follow ends it; the `Delete` of an actor by itself forgets them;
/// notes are taken (`Inbox+Notes`), and so are answers to members' follows, likes, reposts and blocks
/// (`Inbox+Interactions`), and what relays pass on (`Inbox+Relays`). Other activities are accepted and not acted on.
public struct Inbox: Sendable {
    let activityPub: ActivityPub
    var federation: FederationService { activityPub.starling.federation }

    public init(_ activityPub: ActivityPub) {
        self.activityPub = activityPub
    }

    public func receive(_ activity: JSONValue, signedBy key: RemoteKey, policy: DomainPolicy) async throws {
        guard activity.object != nil, let type = activity["type"]?.string else { throw InboxError(message: "An activity is a JSON object with a type.") }
        if try await receiveFromRelay(activity, type: type, signedBy: key, policy: policy) { return }
        guard let actor = Self.id(of: activity["actor"]), actor == key.ownerID else {
            throw InboxError(message: "The activity's actor is not the owner of the key that signed it.")
        }
        // A server that delivers to us is up: deliveries to it, if they were failing or paused, go out again.
        if let domain = try? RemoteDomain(parsing: actor) { try await federation.heardFrom(domain.description) }
        switch type {
        case "Follow":
            try await follow(activity, by: actor, policy: policy)
        case "Undo" where activity["object"]?["type"]?.string == "Follow":
            guard let object = activity["object"], Self.id(of: object["actor"]) == actor else {
                throw InboxError(message: "Only the follower can undo a follow.")
            }
            if let username = Self.id(of: object["object"]).flatMap(activityPub.addresses.username(ofActor:)) {
                try await federation.undoFollow(of: username, byActor: actor)
            }
        case "Delete" where Self.id(of: activity["object"]) == actor:
            // The actor deleted their own account.
            try await activityPub.starling.inbound.actorDeleted(uri: actor)
        case "Delete":
            try await receiveNoteDeletion(activity, by: actor)
        case "Like", "Announce":
            try await interaction(activity, by: actor, on: true, policy: policy)
        case "Undo" where ["Like", "Announce"].contains(activity["object"]?["type"]?.string ?? ""):
            guard let object = activity["object"], Self.id(of: object["actor"]) == actor else {
                throw InboxError(message: "Only whoever liked or reposted can undo it.")
            }
            try await interaction(object, by: actor, on: false, policy: policy)
        case "Block":
            try await block(activity, by: actor, on: true)
        case "Undo" where activity["object"]?["type"]?.string == "Block":
            try await block(activity["object"] ?? .null, by: actor, on: false)
        case "Accept", "Reject":
            try await answer(activity, by: actor, accepting: type == "Accept")
        case "Create" where Self.noteTypes.contains(activity["object"]?["type"]?.string ?? ""):
            try await receiveNote(activity, by: actor, edit: false, policy: policy)
        case "Update" where Self.noteTypes.contains(activity["object"]?["type"]?.string ?? ""):
            try await receiveNote(activity, by: actor, edit: true, policy: policy)
        case "Update" where activity["object"]?["id"]?.string == actor:
            // The actor's profile changed: kept again when known here.
            if try await activityPub.starling.store.remoteActor(uri: actor) != nil,
               let changed = activity["object"].flatMap({ FollowDocuments.actor($0, uri: actor, fetchedAt: activityPub.starling.clock.now()) }) {
                _ = try await activityPub.starling.store.keepRemoteActor(changed)
            }
        default:
            break
        }
    }

    /// A follow of a member: the follower's actor document is read (for their inbox), the follow recorded,
    /// and answered at once unless it waits for the member's approval.
    private func follow(_ activity: JSONValue, by actor: String, policy: DomainPolicy) async throws {
        guard let followURI = activity["id"]?.string else { throw InboxError(message: "A Follow has an id.") }
        guard let username = Self.id(of: activity["object"]).flatMap(activityPub.addresses.username(ofActor:)) else {
            throw InboxError(message: "The Follow's object is no actor of this server.")
        }
        let follower: RemoteActor
        do {
            follower = try await activityPub.fetchActor(actor, policy: policy)
        } catch FederationError.notAnActor(let uri) {
            throw InboxError(message: FederationError.notAnActor(uri).description)
        }
        let answer = try await federation.receiveFollow(of: username, from: follower, activityURI: followURI)
        // Waiting follows are answered when the member decides; a follow of someone who is nobody outside is
        // not answered at all (as if they did not exist). An accepted one is answered through the job queue.
        guard answer == .accepted, let follow = try await federation.remoteFollow(of: username, byActor: actor),
              let member = try await activityPub.starling.store.account(username: username) else { return }
        try await activityPub.send(answerTo: follow, accepting: true, member: member)
    }

    /// An actor's `Delete` of itself that can no longer be checked, because its server no longer has its
    /// key (404 or 410), as happens once an account is deleted there: taken (the actor and their follows are
    /// forgotten) when the actor is known here and its own document, fetched now, is gone too, so that a
    /// Delete sent by anyone else cannot make this server forget someone who still exists. False otherwise.
    public func receiveDeletionOfGoneActor(_ activity: JSONValue, policy: DomainPolicy) async throws -> Bool {
        guard activity["type"]?.string == "Delete", let actor = Self.id(of: activity["actor"]), Self.id(of: activity["object"]) == actor,
              try await activityPub.starling.store.remoteActor(uri: actor) != nil else { return false }
        do {
            _ = try await activityPub.client.fetch(actor, signedBy: try await activityPub.instanceSigner(), policy: policy,
                                                   now: activityPub.starling.clock.now())
            return false
        } catch FederationError.status(let code, _) where code == 404 || code == 410 {
            try await activityPub.starling.inbound.actorDeleted(uri: actor)
            return true
        }
    }

    /// The id an activity's property names: a string, or an object's `id`.
    static func id(of value: JSONValue?) -> String? { value?.string ?? value?["id"]?.string }
}
