import Foundation
import Hummingbird
import StarlingCore
import StarlingSSO

/// Signing in through the organization's OpenID Connect provider: off to the provider with a fresh
/// `state`, `nonce` and PKCE verifier (kept in a short-lived cookie of this browser), and back with a code
/// that is exchanged for the ID token. Every refusal is a readable sign-in page, never a hung request.
struct SingleSignOnPages {
    let pages: WebPages
    static let pendingCookie = "starling_oidc"
    static let path = "/signin/oidc"

    func register(on router: some RouterMethods<WebContext>) {
        router.get(RouterPath(Self.path)) { request, context in
            guard let client = pages.signOn.openID else { throw DomainError.notFound }
            let pending = PendingSignIn(next: WebPages.safeReturnPath(try pages.query(request)["next"]))
            do {
                var response = Response.redirect(to: try await client.authorizationURL(for: pending))
                response.setCookie(pendingCookie(pending.cookieValue, maxAge: 600))
                return response
            } catch let failure as SignOnFailure {
                return try await refusal(request, context, failure.message, status: .badGateway, next: pending.next)
            }
        }
        router.get(RouterPath(Self.path + "/callback")) { request, context in
            guard let client = pages.signOn.openID else { throw DomainError.notFound }
            let query = try pages.query(request)
            let pending = request.cookies[Self.pendingCookie].flatMap { PendingSignIn(cookieValue: $0.value) }
            var response: Response
            do {
                let identity = try await identity(query, pending: pending, client: client)
                let (_, token) = try await pages.starling.singleSignOn.signIn(identity)
                response = pages.signedIn(token: token, next: pending?.next ?? "/")
            } catch let failure as SignOnFailure {
                try await pages.starling.singleSignOn.recordFailure(.oidc, issuer: client.configuration.issuer, subject: failure.subject,
                                                             reason: failure.message)
                context.logger.notice("Single sign-on refused", metadata: ["reason": "\(failure.message)"])
                response = try await refusal(request, context, failure.message, status: failure.kind == .unreachable ? .badGateway : .unauthorized,
                                       next: pending?.next)
            } catch let error as DomainError {
                response = try await refusal(request, context, error.message, status: .forbidden, next: pending?.next)
            }
            response.setCookie(pendingCookie("", maxAge: 0))
            return response
        }
    }

    /// The person the provider's answer vouches for, after checking that it answers the sign-in this browser started.
    private func identity(_ query: FormData, pending: PendingSignIn?, client: OpenIDClient) async throws -> ExternalIdentity {
        guard let pending else {
            throw SignOnFailure(.refused, "This sign-in was not started in this browser, or took longer than ten minutes. Please start again.")
        }
        guard query["state"] == pending.state else {
            throw SignOnFailure(.refused, "The identity provider's answer does not belong to the sign-in started here (its state differs). "
                + "Please start again.")
        }
        if let error = query["error"] {
            throw SignOnFailure(.refused, "The identity provider did not sign you in: \(query["error_description"] ?? error).")
        }
        guard let code = query["code"], !code.isEmpty else {
            throw SignOnFailure(.refused, "The identity provider's answer has no authorization code. Please start again.")
        }
        return try await client.identity(code: code, pending: pending)
    }

    private func refusal(_ request: Request, _ context: WebContext, _ message: String, status: HTTPResponse.Status,
                         next: String?) async throws -> Response {
        var page = try await AuthPages(pages: pages).signInPage(request, context, login: "", next: next, error: message)
        page.status = status
        return page.response()
    }

    private func pendingCookie(_ value: String, maxAge: Int) -> Cookie {
        Cookie(name: Self.pendingCookie, value: value, maxAge: maxAge, path: Self.path, secure: pages.secureCookies, httpOnly: true,
               sameSite: .lax)
    }
}
