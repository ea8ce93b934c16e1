import Foundation
import Hummingbird
import StarlingCore

/// Other servers asking for a member's profile page (`/@ada`) or a post's page (`/@ada/ID`) as ActivityStreams get
/// the actor or the note, as from `/users/ada` and `/users/ada/statuses/ID` (Mastodon's pages answer so, and a post is
/// often looked up by its page's address). Browsers get the pages, as before.
public struct PageDocuments<Context: RequestContext>: RouterMiddleware {
    let routes: ActivityPubRoutes

    public init(_ activityPub: ActivityPub) {
        routes = ActivityPubRoutes(activityPub)
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get, ActivityStreams.isAskedFor(accept: request.headers[.accept]) else { return try await next(request, context) }
        let parts = request.uri.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard let first = parts.first, first.hasPrefix("@"), first.count > 1, !first.dropFirst().contains("@") else {
            return try await next(request, context)
        }
        let username = String(first.dropFirst()).removingPercentEncoding ?? String(first.dropFirst())
        switch parts.count {
        case 1:
            return try await routes.actor(request, username: username)
        case 2 where ID(String(parts.last!)) != nil:
            return try await routes.note(request, username: username, id: ID(String(parts.last!)))
        default:
            return try await next(request, context)
        }
    }
}
