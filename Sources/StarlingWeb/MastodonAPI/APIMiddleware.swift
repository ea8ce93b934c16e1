import Foundation
import HTTPTypes
import Hummingbird
import StarlingCore

/// Paths that speak JSON to client apps rather than HTML to browsers.
enum APIPaths {
    static func contains(_ path: String) -> Bool {
        path.hasPrefix("/api/") || path.hasPrefix("/scim/") || ["/oauth/token", "/oauth/revoke", "/oauth/userinfo"].contains(path) || path.hasPrefix("/.well-known/")
    }
}

/// Resolves `Authorization: Bearer …` (or an `access_token` query parameter, for streaming clients)
/// to what the token grants. A token that is present but unknown gets 401 at once.
struct BearerTokenMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let oauth: OAuthService

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        var token: String?
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        } else if let query = request.uri.queryParameters["access_token"] {
            token = String(query)
        }
        if let token {
            guard let grant = try await oauth.grant(bearer: token) else {
                throw DomainError.unauthorized("The access token is invalid")
            }
            context.grant = grant
            context.viewer = grant.account
        }
        return try await next(request, context)
    }
}

/// Mastodon's rate limits: every API response says `X-RateLimit-Limit`, `-Remaining` and `-Reset`;
/// past the limit, 429 until the window resets. Counted per account (or app) token, else per address.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let limiter: RateLimiter

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        let key = context.grant.map { grant in grant.account.map { "account:\($0.id)" } ?? "app:\(grant.appID)" } ?? "ip:\(context.clientAddress)"
        let decision = limiter.record(key)
        let headers: HTTPFields = [
            HTTPField.Name("X-RateLimit-Limit")!: String(limiter.limit),
            HTTPField.Name("X-RateLimit-Remaining")!: String(decision.remaining),
            HTTPField.Name("X-RateLimit-Reset")!: decision.resetsAt.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)),
        ]
        var response: Response
        if decision.allowed {
            response = try await next(request, context)
        } else {
            response = APIResponse.error(.tooManyRequests, "Too many requests")
        }
        for field in headers { response.headers[field.name] = field.value }
        return response
    }
}

/// CORS for the API, OAuth token endpoints and well-known documents, so browser-based clients work;
/// web pages get none.
struct APICORSMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let cors = CORSMiddleware<WebContext>(
        allowOrigin: .all,
        allowHeaders: [.accept, .authorization, .contentType, .origin, HTTPField.Name("Idempotency-Key")!],
        allowMethods: [.get, .post, .put, .patch, .delete, .head, .options],
        exposedHeaders: ["Link", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"]
    )

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        guard APIPaths.contains(request.uri.path) else { return try await next(request, context) }
        return try await cors.handle(request, context: context, next: next)
    }
}

extension WebContext {
    /// The account acting through the API, if its token has `scope`; else the error Mastodon gives.
    func requireUser(_ scope: String) throws -> Account {
        let grant = try requireScope(scope)
        guard let account = grant.account else {
            throw DomainError.invalid(field: "token", message: "This method requires an authenticated user")
        }
        return account
    }

    /// The token's grant, if it has `scope`.
    func requireScope(_ scope: String) throws -> AccessGrant {
        guard let grant else { throw DomainError.unauthorized("The access token is invalid") }
        guard grant.scopes.allow(scope) else { throw DomainError.forbidden("This action is outside the authorized scopes") }
        return grant
    }
}
