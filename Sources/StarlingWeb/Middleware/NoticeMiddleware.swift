import Foundation
import Hummingbird
import StarlingCore

/// Notices after actions ("The script was saved."): an action that redirects leaves its notice in a
/// short-lived cookie, and the next page shown reads it into `context.notice` and removes it, so it is
/// seen once, on the page the action led to.
struct NoticeMiddleware: RouterMiddleware {
    typealias Context = WebContext
    static let cookieName = "starling_notice"
    let secureCookies: Bool

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        guard request.method == .get, let raw = request.cookies[Self.cookieName]?.value else { return try await next(request, context) }
        var context = context
        context.notice = raw.removingPercentEncoding
        var response = try await next(request, context)
        if response.status == .ok {
            response.setCookie(Cookie(name: Self.cookieName, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax))
        }
        return response
    }

    /// Leaves `notice` for the next page (at most 400 characters of it).
    static func leave(_ notice: String, on response: inout Response, secure: Bool) {
        let value = String(notice.prefix(400)).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        response.setCookie(Cookie(name: cookieName, value: value, maxAge: 60, path: "/", secure: secure, httpOnly: true, sameSite: .lax))
    }
}
