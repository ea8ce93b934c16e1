import Foundation
import Hummingbird
import StarlingCore
import StarlingSSO

/// Signing in and out, and signing up with an invitation (or openly, when the admin allows it).
struct AuthPages {
    let pages: WebPages

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/signin") { request, context in
            if context.viewer != nil { return Response.redirect(to: "/") }
            let next = try pages.query(request)["next"]
            return try await signInPage(request, context, login: "", next: next, error: nil).response()
        }
        router.post("/signin") { request, context in
            let form = context.form
            let next = WebPages.safeReturnPath(form["next"])
            do {
                if let directory = pages.signOn.directory,
                   let token = try await DirectorySignIn(pages: pages, directory: directory).signIn(login: form.text("login"), password: form.text("password")) {
                    return pages.signedIn(token: token, next: next)
                }
                let (_, token) = try await pages.starling.accounts.signIn(login: form.text("login"), password: form.text("password"))
                return pages.signedIn(token: token, next: next)
            } catch let failure as SignOnFailure {
                var page = try await signInPage(request, context, login: form.text("login"), next: next, error: failure.message)
                page.status = failure.kind == .unreachable ? .badGateway : .unauthorized
                return page.response()
            } catch let error as DomainError {
                let status: HTTPResponse.Status = switch error {
                case .throttled: .tooManyRequests
                case .forbidden: .forbidden // suspended or deactivated: the password was right
                default: .unauthorized
                }
                var page = try await signInPage(request, context, login: form.text("login"), next: next, error: error.message)
                page.status = status
                return page.response()
            }
        }
        router.post("/signout") { _, context in
            if let token = context.sessionToken { try await pages.starling.accounts.signOut(sessionToken: token) }
            var response = Response.redirect(to: "/signin")
            response.setCookie(Cookie(name: SessionMiddleware.cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
            return response
        }
        router.get("/invite/:code") { request, context in
            let code = context.parameters.get("code") ?? ""
            guard let invitation = try await pages.starling.store.invitation(code: code), invitation.isUsable(at: Date()) else {
                throw DomainError.notFound
            }
            return try await signUpPage(request, context, action: "/invite/\(code)", form: FormData(), error: nil, invitedTo: try await guestPlace(invitation))
        }
        router.post("/invite/:code") { request, context in
            let code = context.parameters.get("code") ?? ""
            let place = try await pages.starling.store.invitation(code: code).asyncFlatMap(guestPlace)
            // A guest goes straight to their program (to read and accept its agreement) or event.
            return try await signUp(request, context, action: "/invite/\(code)", invitedTo: place) {
                try await pages.starling.accounts.signUp(invitationCode: code, $0)
            }
        }
        router.get("/signup") { request, context in
            guard try await pages.starling.accounts.isOpenSignUp() else { throw DomainError.forbidden("Sign-up is by invitation only.") }
            return try await signUpPage(request, context, action: "/signup", form: FormData(), error: nil)
        }
        router.post("/signup") { request, context in
            try await signUp(request, context, action: "/signup") { try await pages.starling.accounts.signUpOpenly($0) }
        }
    }

    /// Creates the account with `create`, then signs the new person in; on bad input shows the form again.
    /// Where a guest invitation leads: a program or an event, what the sign-up page calls it, and its address.
    struct GuestPlace {
        var description: String
        var scope: String
        var path: String
    }

    private func guestPlace(_ invitation: Invitation) async throws -> GuestPlace? {
        if let program = try await invitation.programID.asyncFlatMap({ try await pages.starling.store.program(id: $0) }) {
            return GuestPlace(description: "\(program.title) (#\(program.hashtag))", scope: "see, search and post in this program only",
                              path: "/programs/\(program.id)")
        }
        if let event = try await invitation.eventID.asyncFlatMap({ try await pages.starling.store.event(id: $0) }) {
            return GuestPlace(description: "\(event.title) (#\(event.hashtag))",
                              scope: event.kind == .askTheExpert ? "see this event and answer its questions only"
                                  : "see this chat and take part in it only, while it runs", path: "/events/\(event.id)")
        }
        return nil
    }

    private func signUp(_ request: Request, _ context: WebContext, action: String, invitedTo place: GuestPlace? = nil,
                        create: (AccountService.Registration) async throws -> Account) async throws -> Response {
        let form = context.form
        let registration = AccountService.Registration(
            username: form.text("username"), email: form.text("email"), password: form.text("password"),
            displayName: form.text("display_name"))
        do {
            _ = try await create(registration)
            let (_, token) = try await pages.starling.accounts.signIn(login: registration.username, password: registration.password)
            return pages.signedIn(token: token, next: place?.path ?? "/")
        } catch let error as DomainError {
            return await HTMLPage(status: .unprocessableContent,
                            body: try signUpPage(request, context, action: action, form: form, error: error, invitedTo: place))
                .response()
        }
    }

    /// The sign-in page: "Sign in with ORGANIZATION" when there is single sign-on, and the password form
    /// (folded away when passwords are only for break-glass admins and guests).
    func signInPage(_ request: Request, _ context: WebContext, login: String, next: String?, error: String?) async throws -> HTMLPage {
        let page = try await pages.pageContext(request, context)
        let openSignUp = try await pages.starling.accounts.isOpenSignUp()
        let next = WebPages.safeReturnPath(next)
        let passwordForm: HTML = """
            <form method="post" action="/signin">\(Layout.csrfField(context.csrfToken))
              <input type="hidden" name="next" value="\(next)">
              <label for="login">Username or email</label>
              <input type="text" id="login" name="login" value="\(login)" autocomplete="username" required\(pages.signOn.openID == nil ? " autofocus" : "")>
              <label for="password">Password</label>
              <input type="password" id="password" name="password" autocomplete="current-password" required>
              <div class="actions-row"><button class="button\(pages.signOn.openID == nil ? "" : " secondary")" type="submit">Sign in</button></div>
              \(HTML.when(pages.starling.email.isEnabled, "<p class=\"muted small\"><a href=\"/password/forgot\">Forgot your password?</a></p>"))
            </form>
            """
        let singleSignOn: HTML = pages.signOn.openID.map { client in
            let start = "/signin/oidc?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")
            return """
                <p><a class="button" id="sign-in-with-provider" href="\(start)">Sign in with \(client.configuration.displayName)</a></p>
                """
        } ?? .empty
        let passwords: HTML = if pages.signOn.openID != nil, pages.signOn.directory == nil, !pages.starling.accounts.policy.localPasswords {
            """
            <details><summary>Sign in with a password (admins on duty, guests)</summary>\(passwordForm)</details>
            """
        } else if pages.signOn.openID != nil {
            "<p class=\"muted small\">Or with your password here:</p>\(passwordForm)"
        } else {
            passwordForm
        }
        return HTMLPage(status: .ok, body: Layout.page("Sign in", page, """
            <section class="card auth form" aria-labelledby="signin-title">
              <h1 id="signin-title">Sign in to \(pages.settings.name)</h1>
              \(error.map { "<p class=\"error\" role=\"alert\">\($0)</p>" as HTML })
              \(singleSignOn)\(passwords)
              <p class="muted small">\(openSignUp ? "New here? <a href=\"/signup\">Create an account</a>." as HTML : "New here? Ask an admin for an invitation link.")</p>
            </section>
            """))
    }

    /// The sign-up form; for an invitation to a program or event, it says the new account is a guest there.
    private func signUpPage(_ request: Request, _ context: WebContext, action: String, form: FormData, error: DomainError?,
                            invitedTo place: GuestPlace? = nil) async throws -> HTML {
        let page = try await pages.pageContext(request, context)
        func fieldError(_ name: String) -> HTML {
            guard case .invalid(let field, let message)? = error, field == name else { return .empty }
            return "<p class=\"field-error\" id=\"\(name)-error\">\(message)</p>"
        }
        let general: HTML = if let error, case .invalid(let field, _) = error, ["username", "email", "password", "display_name"].contains(field) {
            "<p class=\"error\" role=\"alert\">Please correct the field marked below.</p>"
        } else if let error {
            "<p class=\"error\" role=\"alert\">\(error.message)</p>"
        } else { .empty }
        return Layout.page("Join", page, """
            <section class="card auth form" aria-labelledby="signup-title">
              <h1 id="signup-title">Join \(pages.settings.name)</h1>
              \(place.map { """
                <p class="notice">You are invited as a guest expert to <strong>\($0.description)</strong>.
                As a guest you \($0.scope).</p>
                """ as HTML })
              \(general)
              <form method="post" action="\(action)">\(Layout.csrfField(context.csrfToken))
                <label for="username">Username</label>
                <input type="text" id="username" name="username" value="\(form.text("username"))" autocomplete="username" required maxlength="30">
                <p class="hint">Letters, digits and underscores. People mention you as @username.</p>\(fieldError("username"))
                <label for="display_name">Display name</label>
                <input type="text" id="display_name" name="display_name" value="\(form.text("display_name"))" maxlength="50">\(fieldError("display_name"))
                <label for="email">Email</label>
                <input type="email" id="email" name="email" value="\(form.text("email"))" autocomplete="email" required>\(fieldError("email"))
                <label for="password">Password</label>
                <input type="password" id="password" name="password" autocomplete="new-password" required minlength="8">
                <p class="hint">At least 8 characters.</p>\(fieldError("password"))
                <div class="actions-row"><button class="button" type="submit">Create my account</button></div>
              </form>
            </section>
            """)
    }
}
