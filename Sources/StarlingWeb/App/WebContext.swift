import Hummingbird
import StarlingCore

/// The per-request context: who is signed in (by session cookie on web pages, by bearer token on
/// the API), the CSRF token and parsed form of web pages.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in person, resolved from the session cookie by `SessionMiddleware`.
    public var viewer: Account?
    /// The session cookie's token, when there is a valid session.
    public var sessionToken: String?
    /// The token forms must echo in `_csrf`, set by `CSRFMiddleware`.
    public var csrfToken = ""
    /// The urlencoded body of a POST, parsed and checked by `CSRFMiddleware`.
    public var form = FormData()
    /// A form sent from this page and refused, when `ErrorPageMiddleware` shows the page again.
    var rejectedForm: RejectedForm?
    /// The notice the previous action left for this page (`NoticeMiddleware`).
    var notice: String?
    /// What the bearer token of an API request grants, resolved by `BearerTokenMiddleware`.
    public var grant: AccessGrant?

    /// The client's IP address (for limits on requests without a token, and the logs): the peer's,
    /// or the one a trusted reverse proxy forwarded (`ForwardedHeadersMiddleware`).
    public var clientAddress: String
    /// Whether the client spoke HTTPS: to this server (`--tls-cert`), or to a trusted proxy that says so.
    public var isHTTPS = false

    public init(source: Source) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The largest web form body read; anything larger is answered with 413. Plain forms are small.
    public var maxFormSize: Int { 3 * 1024 * 1024 }
    /// The largest multipart (upload) form body read: a how-to guide's photos, up to 32 MiB together.
    public var maxUploadFormSize: Int { 32 * 1024 * 1024 }
    /// The largest API request body read: an image at the media limit plus room for the form around it.
    public var maxAPIBodySize: Int { MediaService.maxBytes + 256 * 1024 }

    /// The signed-in person, or an error that sends the browser to the sign-in page.
    func requireViewer() throws -> Account {
        guard let viewer else { throw DomainError.unauthorized("Sign in to continue.") }
        return viewer
    }
}
