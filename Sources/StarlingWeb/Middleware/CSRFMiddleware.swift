import Hummingbird
import NIOCore
import StarlingCore

/// Cross-site request forgery protection for every form (double-submit cookie).
///
/// Each browser gets a random token in an HttpOnly, SameSite=Lax cookie; every form carries it in
/// the hidden `_csrf` field, and a POST whose field does not match is refused. This middleware
/// also reads and parses the form body once (urlencoded or multipart), into `context.form`.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = WebContext
    static let cookieName = "starling_csrf"
    let secureCookies: Bool

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let existing = request.cookies[Self.cookieName]?.value
        context.csrfToken = existing.flatMap { $0.count >= 32 ? $0 : nil } ?? Token.random()
        if request.method == .post {
            let body: ByteBuffer
            let contentType = request.headers[.contentType] ?? ""
            let multipart = contentType.lowercased().hasPrefix("multipart/form-data")
            do {
                body = try await request.collectBody(upTo: multipart ? context.maxUploadFormSize : context.maxFormSize)
            } catch is NIOTooManyBytesError {
                throw HTTPError(.contentTooLarge)
            }
            context.form = try FormData(body: body, contentType: contentType)
            guard let existing, let sent = context.form["_csrf"], constantTimeEqual(sent, existing) else {
                throw DomainError.forbidden("This form has expired. Go back, reload the page and try again.")
            }
        }
        var response = try await next(request, context)
        if existing != context.csrfToken {
            response.setCookie(Cookie(name: Self.cookieName, value: context.csrfToken, path: "/", secure: secureCookies,
                                      httpOnly: true, sameSite: .lax))
        }
        return response
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
