import Foundation

/// The organization's OpenID Connect provider, as an admin configured it (flags or `STARLING_OIDC_*`).
public struct OpenIDConfiguration: Sendable {
    /// The issuer URL; its `/.well-known/openid-configuration` says where everything else is.
    public var issuer: String
    public var clientID: String
    public var clientSecret: String
    public var scopes: [String]
    /// Where the provider sends people back to: `BASE_URL/signin/oidc/callback`.
    public var redirectURI: String
    /// What the sign-in page's button says after "Sign in with".
    public var displayName: String
    /// The claim new accounts take their username from (made unique), before the email's local part.
    public var usernameClaim: String
    /// The claim that lists the person's groups (for roles).
    public var groupsClaim: String
    /// How long each call to the provider may take.
    public var timeout: Duration

    public init(issuer: String, clientID: String, clientSecret: String, scopes: [String] = ["openid", "email", "profile"],
                redirectURI: String, displayName: String, usernameClaim: String = "preferred_username", groupsClaim: String = "groups",
                timeout: Duration = .seconds(10)) throws {
        guard let url = URL(string: issuer), let scheme = url.scheme, let host = url.host, url.query == nil, url.fragment == nil else {
            throw SignOnFailure(.unreachable, "The OpenID issuer must be a URL such as https://login.example.com, not \(issuer).")
        }
        guard scheme == "https" || (scheme == "http" && Self.isLoopback(host)) else {
            throw SignOnFailure(.unreachable, "The OpenID issuer must use https (http only on this machine, for tests): \(issuer).")
        }
        guard !clientID.isEmpty else { throw SignOnFailure(.unreachable, "The OpenID client id is missing.") }
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scopes = scopes.contains("openid") ? scopes : ["openid"] + scopes
        self.redirectURI = redirectURI
        self.displayName = displayName
        self.usernameClaim = usernameClaim
        self.groupsClaim = groupsClaim
        self.timeout = timeout
    }

    /// Whether `host` is this machine, where plain http is allowed (tests, labs).
    static func isLoopback(_ host: String) -> Bool {
        ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host.lowercased()) || host.hasPrefix("127.")
    }
}
