import Foundation
import Hummingbird
import StarlingCore

/// Email from the person's side: forgotten passwords (a link by email), the email choices in settings,
/// and the unsubscribe link every chosen email carries (one click, also by mail clients, RFC 8058).
struct EmailPages {
    let pages: WebPages
    var email: EmailService { pages.starling.email }

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/password/forgot") { request, context in try await forgotPage(request, context, sent: false).response() }
        router.post("/password/forgot") { request, context in
            try await pages.starling.passwordResets.request(email: context.form.text("email"), now: pages.starling.clock.now())
            return try await forgotPage(request, context, sent: true).response()
        }
        router.get("/password/reset/:token") { request, context in
            let token = context.parameters.get("token") ?? ""
            try await pages.starling.passwordResets.check(token: token, now: pages.starling.clock.now())
            return try await resetPage(request, context, token: token).response()
        }
        router.post("/password/reset/:token") { _, context in
            try await pages.starling.passwordResets.reset(token: context.parameters.get("token") ?? "", newPassword: context.form.text("new_password"),
                                                    now: pages.starling.clock.now())
            return pages.redirect(to: "/signin", notice: "Your new password is set. Sign in with it.")
        }
        router.get("/settings/email") { request, context in try await settingsPage(request, context).response() }
        router.post("/settings/email") { _, context in
            let viewer = try context.requireViewer()
            let chosen = Set(EmailKind.allCases.filter { context.form[$0.rawValue] == "on" })
            try await email.setPreferences(EmailPreferences(enabled: chosen), for: viewer)
            return pages.redirect(to: "/settings/email", notice: "Your email choices were saved.")
        }
    }

    /// The unsubscribe link, outside the session and CSRF checks: its token is the credential, and mail
    /// clients post to it without a form of ours (`List-Unsubscribe-Post`).
    func registerUnsubscribe(on router: some RouterMethods<WebContext>) {
        router.get("/email/unsubscribe") { request, _ in
            let (token, kind) = try unsubscribeQuery(request)
            guard try await pages.starling.store.account(unsubscribeToken: token) != nil else { throw DomainError.notFound }
            return await unsubscribePage(request, """
                <p>Turn off emails "\(kind.label.lowercased())"?</p>
                <form method="post" action="\(request.uri.description)">
                  <div class="actions-row"><button class="button" type="submit">Turn them off</button></div>
                </form>
                """)
        }
        router.post("/email/unsubscribe") { request, _ in
            let (token, kind) = try unsubscribeQuery(request)
            try await email.unsubscribe(token: token, kind: kind)
            return await unsubscribePage(request, """
                <p role="status">Done: no more emails "\(kind.label.lowercased())". Your other choices are under
                <a href="/settings/email">Settings → Email</a>.</p>
                """)
        }
    }

    private func unsubscribeQuery(_ request: Request) throws -> (String, EmailKind) {
        let query = try pages.query(request)
        guard let kind = query["kind"].flatMap(EmailKind.init(rawValue:)) else {
            throw DomainError.invalid(field: "kind", message: "The link does not say which emails to turn off.")
        }
        return (query.text("token"), kind)
    }

    private func unsubscribePage(_ request: Request, _ body: HTML) async -> Response {
        HTMLPage(status: .ok, body: Layout.page("Email", await pages.errorPageContext(request), """
            <section class="card auth" aria-labelledby="unsubscribe-title"><h1 id="unsubscribe-title">Email from \(pages.settings.name)</h1>\(body)</section>
            """)).response()
    }

    private func forgotPage(_ request: Request, _ context: WebContext, sent: Bool) async throws -> HTMLPage {
        let page = try await pages.pageContext(request, context)
        let body: HTML = if !email.isEnabled {
            "<p>Email is off on this server, so a link cannot be sent. Ask an admin to set a new password for you.</p>"
        } else if sent {
            "<p role=\"status\">If an account here has that address and signs in with a password, a link to set a new one is on its way. It works once, within an hour.</p>"
        } else {
            """
            <form method="post" action="/password/forgot">\(Layout.csrfField(context.csrfToken))
              <label for="email">Your email address</label>
              <input type="email" id="email" name="email" autocomplete="email" required autofocus>
              <div class="actions-row"><button class="button" type="submit">Send me a link</button></div>
            </form>
            """
        }
        return HTMLPage(status: .ok, body: Layout.page("Forgot your password?", page, """
            <section class="card auth form" aria-labelledby="forgot-title"><h1 id="forgot-title">Forgot your password?</h1>\(body)</section>
            """))
    }

    private func resetPage(_ request: Request, _ context: WebContext, token: String) async throws -> HTMLPage {
        let page = try await pages.pageContext(request, context)
        return HTMLPage(status: .ok, body: Layout.page("Set a new password", page, """
            <section class="card auth form" aria-labelledby="reset-title"><h1 id="reset-title">Set a new password</h1>
              <form method="post" action="/password/reset/\(token)">\(Layout.csrfField(context.csrfToken))
                <label for="new_password">New password</label>
                <input type="password" id="new_password" name="new_password" autocomplete="new-password" required minlength="8" autofocus>
                <p class="hint">At least 8 characters. You will be signed out everywhere.</p>
                <div class="actions-row"><button class="button" type="submit">Set password</button></div>
              </form>
            </section>
            """))
    }

    private func settingsPage(_ request: Request, _ context: WebContext) async throws -> HTMLPage {
        let viewer = try context.requireViewer()
        let page = try await pages.pageContext(request, context)
        let preferences = try await email.preferences(of: viewer)
        let boxes = EmailKind.allCases.map { kind -> HTML in
            """
            <p><input type="checkbox" id="email-\(kind.rawValue)" name="\(kind.rawValue)"\(HTML.when(preferences.wants(kind), " checked"))>
            <label for="email-\(kind.rawValue)">\(kind.label)</label></p>
            """
        }
        let off: HTML = HTML.when(!email.isEnabled, "<p class=\"notice\">Email is off on this server: your choices are kept for when an admin turns it on.</p>")
        return HTMLPage(status: .ok, body: Layout.page("Email", page, """
            <h1>Email</h1>\(off)
            <section class="card form" aria-labelledby="email-choices">
              <h2 id="email-choices">What to email me at \(viewer.email)</h2>
              <form method="post" action="/settings/email">\(Layout.csrfField(context.csrfToken))\(boxes)
                <div class="actions-row"><button class="button" type="submit">Save</button></div>
              </form>
              <p class="hint">Every email has a link that turns its kind off.</p>
            </section>
            """))
    }
}
