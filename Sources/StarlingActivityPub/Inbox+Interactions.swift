import Foundation
import StarlingCore

/// What other servers say about members and their posts: answers to members' follows of people outside,
/// likes and reposts of members' posts, reposts by people members follow, and blocks of members.
extension Inbox {
    /// A `Like` or `Announce` (or, `on` false, its undoing) of a member's post that left the organization:
    /// counted, the member told. Of a post for followers, only from an accepted follower of its author.
    /// A repost of a post elsewhere: see `repostFromOutside`. Of anything else (a post that never left), ignored.
    func interaction(_ activity: JSONValue, by actor: String, on: Bool, policy: DomainPolicy) async throws {
        guard let object = Self.id(of: activity["object"]) else { return }
        guard let (username, postID) = activityPub.addresses.post(ofNote: object) else {
            if activity["type"]?.string == "Announce" { try await repostFromOutside(of: object, by: actor, on: on, policy: policy) }
            return
        }
        guard let author = try await federation.openAccount(username: username),
              let leaving = try await federation.leavingPost(id: postID, followersOf: author.id) else { return }
        if leaving.view.post.visibility != .public {
            guard try await federation.remoteFollow(of: username, byActor: actor)?.acceptedAt != nil else { return }
        }
        let account: Account
        if let known = try await activityPub.starling.store.actorAccount(uri: actor) {
            account = known
        } else if on {
            account = try await activityPub.remoteAccount(actor, policy: policy)
        } else {
            return
        }
        if activity["type"]?.string == "Like" {
            try await activityPub.starling.inbound.liked(leaving.view.post, by: account, on)
        } else {
            try await activityPub.starling.inbound.reposted(leaving.view.post, by: account, on)
        }
    }

    /// A repost (`Announce`), or its `Undo`, by someone outside that members follow, of a post on another server: the
    /// post is fetched from its author's server when it is not here yet (public posts only), and the repost shows in
    /// the homes of those who follow the reposter. From anyone nobody here follows, ignored.
    private func repostFromOutside(of uri: String, by actor: String, on: Bool, policy: DomainPolicy) async throws {
        guard !uri.hasPrefix(activityPub.addresses.base + "/"), let reposter = try await activityPub.starling.store.actorAccount(uri: actor),
              reposter.followersCount > 0 else { return }
        var post = try await activityPub.starling.store.remotePost(uri: uri)
        if post == nil, on, policy.admits(domainOf: uri) {
            do {
                let (note, author) = try await fetchNote(uri, policy: policy)
                post = try await activityPub.starling.inbound.receiveFetched(note, by: try await activityPub.remoteAccount(author, policy: policy))
            } catch let error as InboxError {
                activityPub.logger.info("A reposted post was skipped", metadata: ["uri": "\(uri)", "reason": "\(error.message)"])
            } catch let error as FederationError {
                activityPub.logger.info("A reposted post was skipped", metadata: ["uri": "\(uri)", "reason": "\(error)"])
            }
        }
        guard let post else { return }
        try await activityPub.starling.inbound.reposted(post, by: reposter, on)
    }

    /// Someone outside answered a member's follow: accepted, they are followed; declined (or, later, the
    /// follow ended by them), it ends. A relay's answer to the server's follow is the relay's. An answer about a
    /// follow of anyone else is ignored.
    func answer(_ activity: JSONValue, by actor: String, accepting: Bool) async throws {
        if let relayID = Self.id(of: activity["object"]).flatMap(activityPub.addresses.relay(ofFollow:)) {
            // A relay answered the server's subscription.
            try await activityPub.starling.relays.answered(relayID: relayID, byActor: actor, accepting: accepting)
            return
        }
        let followed = Self.id(of: activity["object"]?["object"])
        guard followed == nil || followed == actor, let username = FollowDocuments.follower(answeredBy: activity, at: activityPub.addresses),
              let member = try await activityPub.starling.store.account(username: username),
              let target = try await activityPub.starling.store.actorAccount(uri: actor) else { return }
        if accepting {
            try await activityPub.starling.inbound.followAccepted(by: target, of: member)
        } else {
            try await activityPub.starling.inbound.followRejected(by: target, of: member)
        }
    }

    /// A `Block` of a member by someone outside (or, `on` false, its undoing): see `InboundFederation.blocked`.
    func block(_ block: JSONValue, by actor: String, on: Bool) async throws {
        guard Self.id(of: block["actor"]) == actor else { throw InboxError(message: "Only whoever blocked can undo the block.") }
        guard let username = Self.id(of: block["object"]).flatMap(activityPub.addresses.username(ofActor:)),
              let member = try await activityPub.starling.store.account(username: username),
              let account = try await activityPub.starling.store.actorAccount(uri: actor) else { return }
        try await activityPub.starling.inbound.blocked(member, by: account, on)
    }
}
