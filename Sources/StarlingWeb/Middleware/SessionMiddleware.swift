import Hummingbird
import NIOCore
import StarlingCore

/// Resolves the session cookie to the signed-in account.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = WebContext
    static let cookieName = "starling_session"
    let accounts: AccountService

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[Self.cookieName]?.value, !token.isEmpty,
           let account = try await accounts.account(sessionToken: token) {
            context.viewer = account
            context.sessionToken = token
        }
        return try await next(request, context)
    }
}
