import Foundation
import Hummingbird
import StarlingCore

/// The OAuth consent page: a signed-in person lets an app act for them (or says no).
struct AuthorizePages {
    let pages: WebPages
    var oauth: OAuthService { pages.starling.oauth }

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/oauth/authorize") { request, context in
            let q = try pages.query(request)
            guard context.viewer != nil else {
                let back = request.uri.description.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
                return Response.redirect(to: "/signin?next=" + back)
            }
            let authorization = try await authorizationRequest(q)
            return try await consentPage(request, context, authorization).response()
        }
        router.post("/oauth/authorize") { request, context in
            let viewer = try context.requireViewer()
            let authorization = try await authorizationRequest(context.form)
            guard context.form["decision"] == "approve" else {
                return Response.redirect(to: try redirect(authorization, ["error": "access_denied"]))
            }
            let code = try await oauth.approve(authorization, by: viewer)
            if authorization.redirectURI == OAuthService.outOfBand {
                let page = try await pages.pageContext(request, context)
                return HTMLPage(status: .ok, body: Layout.page("Authorization code", page, """
                    <section class="card auth" aria-labelledby="code-title">
                      <h1 id="code-title">Copy this code into \(authorization.app.name)</h1>
                      <p><code class="invite" id="authorization-code">\(code)</code></p>
                      <p class="muted small">It works once, within ten minutes.</p>
                    </section>
                    """)).response()
            }
            return Response.redirect(to: try redirect(authorization, ["code": code]))
        }
    }

    private func authorizationRequest(_ fields: FormData) async throws -> OAuthService.AuthorizationRequest {
        try await oauth.authorizationRequest(
            clientID: fields.text("client_id"), redirectURI: fields["redirect_uri"], responseType: fields["response_type"],
            scope: fields["scope"].flatMap { $0.isEmpty ? nil : $0 }, state: fields["state"],
            codeChallenge: fields["code_challenge"].flatMap { $0.isEmpty ? nil : $0 },
            codeChallengeMethod: fields["code_challenge_method"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The app's redirect URI with the result (and the app's `state`) added to its query.
    private func redirect(_ authorization: OAuthService.AuthorizationRequest, _ items: [String: String]) throws -> String {
        guard var components = URLComponents(string: authorization.redirectURI) else {
            throw DomainError.invalid(field: "redirect_uri", message: "The redirect URI cannot be used.")
        }
        var query = components.queryItems ?? []
        for (name, value) in items.sorted(by: { $0.key < $1.key }) { query.append(URLQueryItem(name: name, value: value)) }
        if let state = authorization.state { query.append(URLQueryItem(name: "state", value: state)) }
        components.queryItems = query
        return components.string ?? authorization.redirectURI
    }

    private func consentPage(_ request: Request, _ context: WebContext, _ authorization: OAuthService.AuthorizationRequest) async throws -> HTMLPage {
        let page = try await pages.pageContext(request, context)
        let hidden: [HTML] = [
            ("client_id", authorization.app.clientID), ("redirect_uri", authorization.redirectURI), ("response_type", "code"),
            ("scope", authorization.scopes.description), ("state", authorization.state ?? ""),
            ("code_challenge", authorization.codeChallenge ?? ""), ("code_challenge_method", authorization.codeChallenge == nil ? "" : "S256"),
        ].map { "<input type=\"hidden\" name=\"\($0.0)\" value=\"\($0.1)\">" }
        let scopes = authorization.scopes.values.map { "<li><code>\($0)</code></li>" as HTML }
        return HTMLPage(status: .ok, body: Layout.page("Authorize \(authorization.app.name)", page, """
            <section class="card auth form" aria-labelledby="consent-title">
              <h1 id="consent-title">Let \(authorization.app.name) use your account?</h1>
              <p>It will act as <strong>@\(context.viewer?.username ?? "")</strong> with these permissions:</p>
              <ul>\(scopes)</ul>
              <form method="post" action="/oauth/authorize">\(Layout.csrfField(context.csrfToken))\(hidden)
                <div class="actions-row">
                  <button class="button" type="submit" name="decision" value="approve">Authorize</button>
                  <button class="button secondary" type="submit" name="decision" value="deny">Deny</button>
                </div>
              </form>
            </section>
            """))
    }
}
