import Foundation
import Hummingbird
import StarlingCore

/// The admins' provisioning page: the SCIM address and the tokens the identity provider calls it with
/// (each shown once, when made), and deactivating or reactivating a person from the people list.
struct ProvisioningPages {
    let pages: WebPages
    var provisioning: ProvisioningService { pages.starling.provisioning }

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/admin/provisioning") { request, context in try await page(request, context, newToken: nil) }
        router.post("/admin/provisioning/tokens") { request, context in
            let made = try await provisioning.createToken(name: context.form.text("name"), by: try context.requireViewer(), now: pages.starling.clock.now())
            return try await page(request, context, newToken: made.secret)
        }
        router.post("/admin/provisioning/tokens/:id/revoke") { _, context in
            try await provisioning.revokeToken(try WebPages.idParameter(context), by: try context.requireViewer())
            return pages.redirect(to: "/admin/provisioning", notice: "The token was revoked; the identity provider can no longer use it.")
        }
        for (action, active) in [("deactivate", false), ("reactivate", true)] {
            router.post(RouterPath("/admin/users/:id/\(action)")) { _, context in
                guard let account = try await pages.starling.store.account(id: try WebPages.idParameter(context)) else { throw DomainError.notFound }
                try await provisioning.setActive(account, active, by: try context.requireViewer(), now: pages.starling.clock.now())
                return pages.redirect(to: "/admin/users", notice: active
                    ? "@\(account.username) can sign in again."
                    : "@\(account.username) was deactivated: their sessions, tokens and open streams ended; their posts stay unless you remove them here.")
            }
        }
    }

    private func page(_ request: Request, _ context: WebContext, newToken: String?) async throws -> Response {
        let tokens = try await provisioning.tokens(viewer: try context.requireViewer())
        let rows = tokens.map { token -> HTML in
            """
            <tr><td>\(token.name)</td><td>\(Layout.age(token.createdAt))</td><td>\(token.lastUsedAt.map { Layout.age($0) } ?? "never")</td>
            <td><form method="post" action="/admin/provisioning/tokens/\(token.id)/revoke">\(Layout.csrfField(context.csrfToken))
            <button class="button secondary" type="submit">Revoke</button></form></td></tr>
            """
        }
        let base = pages.settings.baseURL + "/scim/v2"
        return await HTMLPage(status: .ok, body: Layout.page("Provisioning", try pages.pageContext(request, context), """
            <h1>Provisioning</h1>
            <p>The organization's identity provider (Entra ID, Okta, Keycloak, …) creates, updates and deactivates people here
            through SCIM 2.0. Give it the address <code>\(base)</code> and a token. Someone it deactivates, or an admin deactivates
            under <a href="/admin/users">People</a>, loses access at once; their posts stay. Its groups <em>Admins</em> and
            <em>Moderators</em> are Starling's roles.</p>
            \(newToken.map { "<p class=\"notice\" role=\"status\">New token (shown this once): <code class=\"invite\">\($0)</code></p>" as HTML })
            <section class="card form" aria-labelledby="token-title">
              <h2 id="token-title">Make a token</h2>
              <form method="post" action="/admin/provisioning/tokens" class="compose-row">\(Layout.csrfField(context.csrfToken))
                <label for="token-name">Name</label>
                <input id="token-name" name="name" maxlength="100" required placeholder="Entra ID">
                <button class="button" type="submit">Make token</button>
              </form>
            </section>
            <section class="card" aria-labelledby="tokens-title">
              <h2 id="tokens-title">Tokens</h2>
              \(tokens.isEmpty ? "<p class=\"muted\">No tokens yet.</p>" as HTML : """
                <table class="admin"><thead><tr><th scope="col">Name</th><th scope="col">Made</th><th scope="col">Last used</th>
                <th scope="col"></th></tr></thead><tbody>\(rows)</tbody></table>
                """)
            </section>
            """)).response()
    }
}
