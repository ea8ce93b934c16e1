import Foundation
import StarlingCore

/// The activities about follows: reading the actor who follows, a member's answer to a follow, and a
/// member's own follow of someone outside (and its `Undo`).
public enum FollowDocuments {
    /// The actor a document at `uri` describes, when it is one Starling can deliver to: its id is `uri`, it
    /// has a username and an inbox, and its inbox is on its own host.
    public static func actor(_ document: JSONValue, uri: String, fetchedAt: Date) -> RemoteActor? {
        guard document["id"]?.string == uri, let domain = try? RemoteDomain(parsing: uri),
              let username = document["preferredUsername"]?.string, !username.isEmpty,
              let inbox = document["inbox"]?.string, URL(string: inbox)?.host?.lowercased() == URL(string: uri)?.host?.lowercased() else { return nil }
        let profile = document["url"]?.items.lazy.compactMap { $0.string ?? $0["href"]?.string }.first.flatMap(httpURL)
        return RemoteActor(id: ID(0), uri: uri, domain: domain.description, username: username,
                           displayName: document["name"]?.string ?? "", inbox: inbox,
                           sharedInbox: document["endpoints"]?["sharedInbox"]?.string, profileURL: profile,
                           avatarURL: document["icon"]?.items.lazy.compactMap { $0["url"]?.string ?? $0.string }.first.flatMap(httpURL),
                           fetchedAt: fetchedAt)
    }

    /// Only http(s) links are kept from other servers' documents.
    static func httpURL(_ text: String) -> String? {
        guard let scheme = URL(string: text)?.scheme?.lowercased(), scheme == "https" || scheme == "http" else { return nil }
        return text
    }

    /// A member's `Follow` of someone outside, or its `Undo`: the follow is named by the member, its target and
    /// when it was asked, so the `Undo` names the very follow, and a follow asked again is a new one.
    public static func follow(_ change: OutboundFederation.FollowChange, member username: String, target uri: String,
                              at addresses: LocalAddresses) -> JSONValue {
        let member = addresses.actor(username)
        let followID = member + "#follows/\(change.targetID)/\(change.requested)"
        let follow: [String: JSONValue] = ["id": .string(followID), "type": "Follow", "actor": .string(member), "object": .string(uri)]
        guard change.kind == .undo else { return .object(follow.merging(["@context": .string(ActivityStreams.context)]) { $1 }) }
        return ["@context": .string(ActivityStreams.context), "id": .string(followID + "/undo"), "type": "Undo", "actor": .string(member),
                "object": .object(follow)]
    }

    /// The member whose follow an `Accept` or `Reject` answers: the follow's `actor` when it is given whole,
    /// else the actor its id (one `follow` made) starts with.
    public static func follower(answeredBy answer: JSONValue, at addresses: LocalAddresses) -> String? {
        guard let object = answer["object"] else { return nil }
        if let actor = object["actor"] { return (actor.string ?? actor["id"]?.string).flatMap(addresses.username(ofActor:)) }
        guard let id = object.string, let fragment = id.firstIndex(of: "#"), id[fragment...].hasPrefix("#follows/") else { return nil }
        return addresses.username(ofActor: String(id[..<fragment]))
    }

    /// A member's `Accept` or `Reject` of a follow, naming the follow as the follower sent it.
    public static func answer(accepting: Bool, _ follow: RemoteFollow, member username: String, at addresses: LocalAddresses) -> JSONValue {
        let member = addresses.actor(username)
        return [
            "@context": .string(ActivityStreams.context),
            "id": .string(member + "#\(accepting ? "accepts" : "rejects")/follows/\(follow.actor.id)/\(follow.createdAt.timeIntervalSince1970)"),
            "type": accepting ? "Accept" : "Reject",
            "actor": .string(member),
            "object": ["id": .string(follow.activityURI), "type": "Follow", "actor": .string(follow.actor.uri), "object": .string(member)],
        ]
    }
}
