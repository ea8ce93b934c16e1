import Foundation
import Hummingbird
import StarlingCore

/// The admins' federation page: how far the organization's door to the social web is open (the mode),
/// the domains allowed or blocked, with what each choice means, the relays, and the servers deliveries fail to reach.
struct FederationPages {
    let pages: WebPages
    var federation: FederationService { pages.starling.federation }

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/admin/federation") { request, context in try await page(request, context) }
        router.post("/admin/federation/mode") { _, context in
            let mode = try FederationMode(parsing: context.form.text("mode"))
            try await federation.setMode(mode, by: try context.requireViewer())
            return pages.redirect(to: "/admin/federation", notice: Self.modeNotice(mode))
        }
        router.post("/admin/federation/domains") { _, context in
            guard let kind = DomainRule.Kind(rawValue: context.form.text("kind")) else {
                throw DomainError.invalid(field: "kind", message: "Choose to allow or to block the domain.")
            }
            let domain = try await federation.list(context.form.text("domain"), as: kind, by: try context.requireViewer())
            return pages.redirect(to: "/admin/federation", notice: kind == .allow ? "\(domain) is allowed." : "\(domain) is blocked.")
        }
        router.post("/admin/federation/deliveries/resume") { _, context in
            let text = context.form.text("domain")
            try await federation.resumeDeliveries(to: text, by: try context.requireViewer())
            return pages.redirect(to: "/admin/federation", notice: "Deliveries to \(text) go out again.")
        }
        router.post("/admin/federation/relays") { _, context in
            let relay = try await pages.starling.relays.subscribe(context.form.text("address"), by: try context.requireViewer())
            return pages.redirect(to: "/admin/federation", notice: "Subscribing to \(relay.address): it is asked now, and read once it accepts.")
        }
        router.post("/admin/federation/relays/remove") { _, context in
            guard let id = ID(context.form.text("relay")) else { throw DomainError.notFound }
            try await pages.starling.relays.unsubscribe(id, by: try context.requireViewer())
            return pages.redirect(to: "/admin/federation", notice: "The relay subscription ended.")
        }
        router.post("/admin/federation/tag-relay") { _, context in
            let template = context.form.text("tag_relay")
            try await pages.starling.relays.setTagRelay(template, by: try context.requireViewer())
            return pages.redirect(to: "/admin/federation", notice: template.isEmpty
                ? "No relay for hashtags: members cannot ask for hashtags' posts from outside."
                : "Members who follow a hashtag can now ask for its posts from outside, through its relay.")
        }
        router.post("/admin/federation/domains/forget") { _, context in
            let text = context.form.text("domain")
            try await federation.forget(text, by: try context.requireViewer())
            return pages.redirect(to: "/admin/federation", notice: "\(text) is on neither list now.")
        }
    }

    static func modeNotice(_ mode: FederationMode) -> String {
        switch mode {
        case .off: "Federation is off: nothing leaves and nothing comes in."
        case .allowlist: "Federation is open to the allowed domains only."
        case .open: "Federation is open to every domain that is not blocked."
        }
    }

    private func page(_ request: Request, _ context: WebContext) async throws -> Response {
        let admin = try context.requireViewer()
        let rules = try await federation.rules(by: admin)
        let mode = try await federation.mode()
        let troubles = try await federation.deliveryTroubles(by: admin)
        let relays = try await pages.starling.relays.relays(by: admin)
        let tagRelay = try await pages.starling.relays.tagRelay()
        let csrf = Layout.csrfField(context.csrfToken)
        let choices: [(FederationMode, String)] = [
            (.off, "Off: nothing leaves the organization and nothing comes in (the default)."),
            (.allowlist, "Allowed domains only: exchange with the servers listed as allowed below, and no others."),
            (.open, "Open: exchange with every server except the blocked ones."),
        ]
        let radios = choices.map { choice, text -> HTML in
            """
            <label class="check"><input type="radio" name="mode" value="\(choice.rawValue)"\(HTML.when(mode == choice, " checked"))> \(text)</label>
            """
        }
        let rows = rules.map { rule -> HTML in
            """
            <tr><td><code>\(rule.domain.description)</code></td><td>\(rule.kind == .allow ? "allowed" : "blocked")</td><td>\(Layout.age(rule.createdAt))</td>
            <td><form method="post" action="/admin/federation/domains/forget">\(csrf)<input type="hidden" name="domain" value="\(rule.domain.description)">
            <button class="button secondary" type="submit">Remove</button></form></td></tr>
            """
        }
        let relayRows = relays.map { relay -> HTML in
            """
            <tr><td><code>\(relay.address)</code></td><td>\(relay.tag.map { "#\($0), for members who asked" } ?? "subscribed by an admin")</td>
            <td>\(relay.state.rawValue)</td><td>\(Layout.age(relay.createdAt))</td>
            <td><form method="post" action="/admin/federation/relays/remove">\(csrf)<input type="hidden" name="relay" value="\(relay.id.description)">
            <button class="button secondary" type="submit">Unsubscribe</button></form></td></tr>
            """
        }
        let troubleRows = troubles.map { trouble -> HTML in
            """
            <tr><td><code>\(trouble.domain)</code></td>
            <td>\(trouble.pausedAt.map { "paused \(Layout.age($0))" } ?? "failing, retried")</td>
            <td>\(Layout.age(trouble.failingSince))</td><td>\(trouble.lastError)</td>
            <td><form method="post" action="/admin/federation/deliveries/resume">\(csrf)<input type="hidden" name="domain" value="\(trouble.domain)">
            <button class="button secondary" type="submit">\(trouble.pausedAt == nil ? "Forget" : "Resume")</button></form></td></tr>
            """
        }
        return await HTMLPage(status: .ok, body: Layout.page("Federation", try pages.pageContext(request, context), """
            <h1>Federation</h1>
            <p>Federation connects the organization with other servers of the social web (ActivityPub, as Mastodon and
            GoToSocial speak it), so that members can learn with people outside. Only public posts of people who chose to be
            found from outside ever leave; posts for the organization, direct posts and every post of a program never do.
            A blocked domain is refused even when an allow entry covers it; an entry covers its subdomains.</p>
            <section class="card form" aria-labelledby="mode-title">
              <h2 id="mode-title">Mode</h2>
              <form method="post" action="/admin/federation/mode">\(csrf)
                <fieldset class="plain-fieldset"><legend>Exchange with other servers</legend>\(radios)</fieldset>
                <div class="actions-row"><button class="button" type="submit">Save</button></div>
              </form>
            </section>
            <section class="card form" aria-labelledby="domain-title">
              <h2 id="domain-title">Allow or block a domain</h2>
              <form method="post" action="/admin/federation/domains" class="compose-row">\(csrf)
                <label for="domain">Domain</label>
                <input id="domain" name="domain" maxlength="300" required placeholder="social.example">
                <label for="kind">List</label>
                <select id="kind" name="kind"><option value="allow">Allow</option><option value="block">Block</option></select>
                <button class="button" type="submit">Add</button>
              </form>
            </section>
            <section class="card" aria-labelledby="domains-title">
              <h2 id="domains-title">Domains</h2>
              \(rules.isEmpty ? "<p class=\"muted\">No domain is allowed or blocked yet.</p>" as HTML : """
                <table class="admin"><thead><tr><th scope="col">Domain</th><th scope="col">List</th><th scope="col">Since</th>
                <th scope="col"></th></tr></thead><tbody>\(rows)</tbody></table>
                """)
            </section>
            <section class="card form" aria-labelledby="relays-title">
              <h2 id="relays-title">Relays</h2>
              <p>A relay passes on public posts from many servers. Posts it passes on are kept only when they carry a hashtag
              a member asked for from outside (on the hashtag’s page: “Also posts from outside”); they are fetched from their
              author’s server, which must be admitted, and show on the hashtag’s “From outside” side and in those members’ homes.</p>
              <form method="post" action="/admin/federation/tag-relay" class="compose-row">\(csrf)
                <label for="tag-relay">Hashtags’ relays</label>
                <input id="tag-relay" name="tag_relay" maxlength="300" value="\(tagRelay ?? "")" placeholder="https://relay.example/tag/{tag}">
                <button class="button" type="submit">Save</button>
              </form>
              <p class="muted small">With <code>{tag}</code> for the hashtag, as FediBuzz serves them; empty for none.</p>
              <form method="post" action="/admin/federation/relays" class="compose-row">\(csrf)
                <label for="relay-address">Relay’s address</label>
                <input id="relay-address" name="address" maxlength="300" required placeholder="https://relay.example/inbox">
                <button class="button" type="submit">Subscribe</button>
              </form>
              \(relays.isEmpty ? "<p class=\"muted\">No relay is subscribed.</p>" as HTML : """
                <table class="admin"><thead><tr><th scope="col">Relay</th><th scope="col">For</th><th scope="col">State</th>
                <th scope="col">Since</th><th scope="col"></th></tr></thead><tbody>\(relayRows)</tbody></table>
                """)
            </section>
            <section class="card" aria-labelledby="deliveries-title">
              <h2 id="deliveries-title">Servers not taking deliveries</h2>
              <p>A delivery that fails is tried again for about two days. A server that has failed every delivery for two days
              is paused: nothing is sent to it until it sends something here, or you resume it.</p>
              \(troubles.isEmpty ? "<p class=\"muted\">Every server has taken what was sent to it.</p>" as HTML : """
                <table class="admin"><thead><tr><th scope="col">Server</th><th scope="col">State</th><th scope="col">Failing since</th>
                <th scope="col">Last error</th><th scope="col"></th></tr></thead><tbody>\(troubleRows)</tbody></table>
                """)
            </section>
            """)).response()
    }
}
