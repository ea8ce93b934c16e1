import Foundation
import Hummingbird
import StarlingCore
import StarlingSSO

/// What every web page handler shares: the domain, and helpers to read requests and build pages.
struct WebPages: Sendable {
    let starling: Starling
    /// Single sign-on and the directory, when the organization has them.
    var signOn = SignOnProviders()

    var settings: InstanceSettings { starling.settings }
    var secureCookies: Bool { settings.baseURL.hasPrefix("https://") }

    func pageContext(_ request: Request, _ context: WebContext) async throws -> PageContext {
        await PageContext(
            instanceName: settings.name, viewer: context.viewer, csrfToken: context.csrfToken,
            unreadCount: try context.viewer.asyncMap { try await starling.reads.unreadNotificationCount(of: $0) } ?? 0,
            currentPath: request.uri.path, dueReviews: try await context.viewer.asyncMap { try await starling.reviews.dueCount(of: $0, now: starling.clock.now()) } ?? 0,
            timeZone: TimeZones.zone(of: context.viewer, settings: settings), rejectedForm: context.rejectedForm, notice: context.notice
        )
    }

    /// The page context of an error page, which may be answered before (or without) the middleware that
    /// knows who is signed in: the session cookie is read here. Anything failing makes it a signed-out page.
    func errorPageContext(_ request: Request) async -> PageContext {
        let viewer = await request.cookies[SessionMiddleware.cookieName].asyncFlatMap { try? await starling.accounts.account(sessionToken: $0.value) }
        return await PageContext(
            instanceName: settings.name, viewer: viewer, csrfToken: request.cookies[CSRFMiddleware.cookieName]?.value ?? "",
            unreadCount: viewer.asyncFlatMap { try? await starling.reads.unreadNotificationCount(of: $0) } ?? 0, currentPath: request.uri.path,
            timeZone: TimeZones.zone(of: viewer, settings: settings)
        )
    }

    /// An error page with the menu of whoever is signed in.
    func errorResponse(_ status: HTTPResponse.Status, _ message: String, _ request: Request) async -> Response {
        HTMLPage(status: status, body: Layout.errorPage(status: status, message: message, await errorPageContext(request))).response()
    }

    /// The page shown while the database is away: no menu of a signed-in person, which would need the database.
    func databaseUnavailableResponse(_ message: String, _ request: Request) -> Response {
        let context = PageContext(instanceName: settings.name, viewer: nil, csrfToken: "", unreadCount: 0, currentPath: request.uri.path)
        return HTMLPage(status: .serviceUnavailable, body: Layout.errorPage(status: .serviceUnavailable, message: message, context)).response()
    }

    /// A redirect after an action, with a notice for the page it leads to ("Your question was posted.").
    /// After a sign-in: the new session's cookie, and on to `next`.
    func signedIn(token: String, next: String) -> Response {
        var response = Response.redirect(to: next)
        response.setCookie(Cookie(name: SessionMiddleware.cookieName, value: token, maxAge: Int(AccountService.sessionLifetime),
                                  path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    func redirect(to path: String, notice: String) -> Response {
        var response = Response.redirect(to: path)
        NoticeMiddleware.leave(notice, on: &response, secure: secureCookies)
        return response
    }

    /// The account a form's `username` field names (with or without the "@").
    func namedAccount(_ form: FormData) async throws -> Account {
        let username = String(form.text("username").trimmingCharacters(in: .whitespaces).trimmingPrefix("@"))
        guard let account = try await starling.store.account(username: username) else {
            throw DomainError.invalid(field: "username", message: "Nobody here has the username @\(username).")
        }
        return account
    }

    func query(_ request: Request) throws -> FormData {
        try FormData(urlEncoded: Array((request.uri.query ?? "").utf8))
    }

    func pageRequest(_ request: Request) throws -> PageRequest {
        try query(request).pageRequest()
    }

    /// A local path to go back to after a form, never another site.
    static func safeReturnPath(_ candidate: String?, fallback: String = "/") -> String {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.contains("\\"),
              !candidate.contains(where: { $0.isNewline }) else { return fallback }
        return candidate
    }

    static func idParameter(_ context: WebContext, _ name: String = "id") throws -> ID {
        guard let raw = context.parameters.get(name), let id = ID(raw) else { throw DomainError.notFound }
        return id
    }

    /// Registers every page and form of the web UI.
    func register(on router: some RouterMethods<WebContext>) {
        AuthPages(pages: self).register(on: router)
        SingleSignOnPages(pages: self).register(on: router)
        TimelinePages(pages: self).register(on: router)
        PostActions(pages: self).register(on: router)
        PeopleActions(pages: self).register(on: router)
        SearchAndNotificationPages(pages: self).register(on: router)
        SettingsPages(pages: self).register(on: router)
        EmailPages(pages: self).register(on: router)
        AccountDeletionPages(pages: self).register(on: router)
        AdminPages(pages: self).register(on: router)
        ProvisioningPages(pages: self).register(on: router)
        FederationPages(pages: self).register(on: router)
        ProgramPages(pages: self).register(on: router)
        KnowledgePages(pages: self).register(on: router)
        GuidePages(pages: self).register(on: router)
        JobPages(pages: self).register(on: router)
        EventPages(pages: self).register(on: router)
        EventCalendarPage(pages: self).register(on: router)
        LivePages(pages: self).register(on: router)
        ExpertPages(pages: self).register(on: router)
        ModerationPages(pages: self).register(on: router)
        AuthorizePages(pages: self).register(on: router)
        MenuPage(pages: self).register(on: router)
        ReviewPages(pages: self).register(on: router)
        ReinforcementPages(pages: self).register(on: router)
        CommitmentPages(pages: self).register(on: router)
        AnalyticsPages(pages: self).register(on: router)
        ReportAndEditPages(pages: self).register(on: router)
    }
}
