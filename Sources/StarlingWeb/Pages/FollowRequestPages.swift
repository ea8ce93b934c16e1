import Foundation
import Hummingbird
import StarlingActivityPub
import StarlingCore

/// The member's page of follows from outside waiting for approval: approve (they follow, and their
/// server hears so) or decline each one.
struct FollowRequestPages {
    let pages: WebPages
    let activityPub: ActivityPub
    var federation: FederationService { pages.starling.federation }

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/follow-requests") { request, context in try await page(request, context) }
        for (action, accepting) in [("approve", true), ("decline", false)] {
            router.post(RouterPath("/follow-requests/:id/\(action)")) { _, context in
                let viewer = try context.requireViewer()
                let actorID = try WebPages.idParameter(context)
                let follow = try await activityPub.answerFollowRequest(from: actorID, accepting: accepting, by: viewer)
                return pages.redirect(to: "/follow-requests", notice: accepting
                    ? "\(follow.actor.handle) follows you now." : "You declined \(follow.actor.handle)'s request.")
            }
        }
    }

    private func page(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let requests = try await federation.followRequests(of: viewer)
        let followers = try await federation.remoteFollowers(of: viewer)
        let csrf = Layout.csrfField(context.csrfToken)
        let rows = requests.map { follow -> HTML in
            let actor = follow.actor
            return """
                <li class="card person"><p><strong>\(actor.name)</strong> <span class="muted">@\(actor.handle)</span>
                <span class="badge">from outside: \(actor.domain)</span></p>
                <p class="muted small">asked \(Layout.age(follow.createdAt)) · <a href="\(actor.profileURL ?? actor.uri)" rel="nofollow noopener">their profile</a></p>
                <div class="actions-row">
                  <form method="post" action="/follow-requests/\(actor.id)/approve">\(csrf)<button class="button" type="submit">Approve</button></form>
                  <form method="post" action="/follow-requests/\(actor.id)/decline">\(csrf)<button class="button secondary" type="submit">Decline</button></form>
                </div></li>
                """
        }
        return await HTMLPage(status: .ok, body: Layout.page("Follow requests", try pages.pageContext(request, context), """
            <h1>Follow requests</h1>
            <p>People on other servers who asked to follow you. Whoever you approve receives your public posts;
            posts for the organization, direct posts and posts in programs never leave. Whether people outside may find
            and follow you, and whether you approve each one, is in your <a href="/settings/profile">settings</a>.</p>
            \(requests.isEmpty ? "<p class=\"muted\">No one is waiting.</p>" as HTML : "<ul class=\"plain\">\(rows)</ul>")
            <p class="muted">\(followers.count == 1 ? "1 person" : "\(followers.count) people") outside follow you.</p>
            """)).response()
    }
}
