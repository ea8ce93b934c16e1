import Foundation
import Hummingbird
import StarlingActivityPub
import StarlingCore

/// `/api/v1/follow_requests`: follows from people on other servers waiting for the member's approval,
/// approved (`authorize`: they follow, and their server hears `Accept`) or declined (`reject`).
struct FollowRequestsAPI {
    let starling: Starling
    let activityPub: ActivityPub
    var mapper: MastodonSerializer { MastodonSerializer(settings: starling.settings) }

    func register(on api: some RouterMethods<WebContext>) {
        api.get("/v1/follow_requests") { _, context in
            let viewer = try context.requireUser("read:follows")
            let requests = try await starling.federation.followRequests(of: viewer)
            let accounts = await requests.asyncCompactMap { try? await starling.store.account(id: $0.actor.id) }
            return APIResponse.json { json in json.array(accounts) { mapper.account($1, into: &$0) } }
        }
        for (action, accepting) in [("authorize", true), ("reject", false)] {
            api.post(RouterPath("/v1/follow_requests/:id/\(action)")) { _, context in
                let viewer = try context.requireUser("write:follows")
                let actorID = try WebPages.idParameter(context)
                let follow = try await activityPub.answerFollowRequest(from: actorID, accepting: accepting, by: viewer)
                return APIResponse.json { mapper.remoteRelationship(follow.actor, follow: accepting ? follow : nil, into: &$0) }
            }
        }
    }
}
