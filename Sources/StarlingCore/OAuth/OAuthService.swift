import Foundation
import HummingbirdBcrypt

/// A client application registered through `POST /api/v1/apps`.
public struct OAuthApp: Sendable, Equatable {
    public var id: ID
    public var clientID: String
    public var name: String
    public var redirectURIs: [String]
    public var scopes: Scopes
    public var website: String?

    public init(id: ID, clientID: String, name: String, redirectURIs: [String], scopes: Scopes, website: String?) {
        self.id = id
        self.clientID = clientID
        self.name = name
        self.redirectURIs = redirectURIs
        self.scopes = scopes
        self.website = website
    }
}

/// What a bearer token grants: whose it is (nil for an app-only token) and which scopes.
public struct AccessGrant: Sendable {
    public var account: Account?
    public var scopes: Scopes
    public var appID: ID
    /// The store's change stamp, read with the token before anything else the request reads: a request may
    /// check a kept page against it instead of reading the stamp again.
    public var changeStamp: ChangeStamp

    public init(account: Account?, scopes: Scopes, appID: ID, changeStamp: ChangeStamp) {
        self.account = account
        self.scopes = scopes
        self.appID = appID
        self.changeStamp = changeStamp
    }
}

/// An issued access token, as the token endpoint reports it.
public struct IssuedToken: Sendable {
    public var token: String
    public var refreshToken: String?
    public var scopes: Scopes
    public var createdAt: Date
}

/// OAuth 2 for client apps: registering apps and issuing, checking and revoking tokens.
/// Secrets and tokens are stored only as SHA-256 hashes.
public struct OAuthService: Sendable {
    public static let outOfBand = "urn:ietf:wg:oauth:2.0:oob"

    let store: any Store
    let accounts: AccountService
    let ids: IDGenerator

    public init(store: any Store, accounts: AccountService, ids: IDGenerator) {
        self.store = store
        self.accounts = accounts
        self.ids = ids
    }

    /// Registers a client app; returns it with its secret (shown only now).
    public func registerApp(name: String, redirectURIs: String, scopes: String, website: String?) async throws -> (OAuthApp, secret: String) {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else {
            throw DomainError.invalid(field: "client_name", message: "client_name is required (at most 200 characters).")
        }
        let uris = redirectURIs.split(whereSeparator: { $0 == "\n" || $0 == " " }).map(String.init)
        guard !uris.isEmpty else { throw DomainError.invalid(field: "redirect_uris", message: "redirect_uris is required.") }
        for uri in uris where uri != Self.outOfBand {
            guard let scheme = URL(string: uri)?.scheme, !scheme.isEmpty, !["javascript", "data"].contains(scheme.lowercased()) else {
                throw DomainError.invalid(field: "redirect_uris", message: "Each redirect URI must be an absolute URI or \(Self.outOfBand).")
            }
        }
        let app = OAuthApp(id: ids.next(), clientID: Token.random(bytes: 24), name: name, redirectURIs: uris,
                           scopes: try Scopes(parsing: scopes), website: website.flatMap { $0.isEmpty ? nil : $0 })
        let secret = Token.random(bytes: 32)
        try await store.insertApp(app, secretHash: SHA256.hex(secret))
        return (app, secret)
    }

    /// The app with these credentials, or an `unauthorized` error.
    public func authenticateClient(clientID: String, secret: String) async throws -> OAuthApp {
        guard let (app, hash) = try await store.app(clientID: clientID), hash == SHA256.hex(secret) else {
            throw DomainError.unauthorized("Client authentication failed: unknown client_id or wrong client_secret.")
        }
        return app
    }

    /// A public client (PKCE, no secret): the app by its client id alone.
    public func publicClient(clientID: String) async throws -> OAuthApp {
        guard let (app, _) = try await store.app(clientID: clientID) else {
            throw DomainError.unauthorized("Client authentication failed: unknown client_id.")
        }
        return app
    }

    /// The resource-owner password grant (for local accounts; used by `toot login_cli` and scripts).
    /// The password grant cannot be used for this account (OAuth's `invalid_grant`), and why.
    public struct InvalidGrant: Error, Equatable {
        public let reason: String
    }

    public func grantPassword(app: OAuthApp, login: String, password: String, scope: String?) async throws -> IssuedToken {
        guard try await isPasswordGrantEnabled() else {
            throw DomainError.forbidden("The password grant is turned off on this server; use the authorization code flow.")
        }
        let requested = try scope.map { try Scopes(parsing: $0) } ?? app.scopes
        guard app.scopes.covers(requested) else {
            throw DomainError.invalid(field: "scope", message: "The requested scope is more than the app registered.")
        }
        let account: Account
        do {
            account = try await accounts.verify(login: login, password: password)
        } catch DomainError.forbidden(let reason) {
            throw InvalidGrant(reason: reason) // suspended, deactivated, or signs in through single sign-on
        }
        return try await issue(app: app, accountID: account.id, scopes: requested)
    }

    /// An app-only token (no account), for reading public information.
    public func grantClientCredentials(app: OAuthApp, scope: String?) async throws -> IssuedToken {
        let requested = try scope.map { try Scopes(parsing: $0) } ?? app.scopes
        guard app.scopes.covers(requested) else {
            throw DomainError.invalid(field: "scope", message: "The requested scope is more than the app registered.")
        }
        return try await issue(app: app, accountID: nil, scopes: requested)
    }

    /// A token for scripts, made by an admin on the command line (`starling admin token`).
    public func issueForScript(account: Account, scopes: String) async throws -> IssuedToken {
        let app: OAuthApp
        if let (existing, _) = try await store.app(clientID: "starling-cli") {
            app = existing
        } else {
            app = OAuthApp(id: ids.next(), clientID: "starling-cli", name: "Starling command line", redirectURIs: [Self.outOfBand],
                           scopes: try Scopes(parsing: "read write follow push"), website: nil)
            try await store.insertApp(app, secretHash: SHA256.hex(Token.random()))
        }
        return try await issue(app: app, accountID: account.id, scopes: try Scopes(parsing: scopes))
    }

    private func issue(app: OAuthApp, accountID: ID?, scopes: Scopes, refreshable: Bool = false) async throws -> IssuedToken {
        let token = Token.random(bytes: 32)
        let refresh = refreshable ? Token.random(bytes: 32) : nil
        let now = Date()
        try await store.insertToken(hash: SHA256.hex(token), refreshHash: refresh.map(SHA256.hex), appID: app.id, accountID: accountID,
                              scopes: scopes.description, at: now)
        return IssuedToken(token: token, refreshToken: refresh, scopes: scopes, createdAt: now)
    }

    // MARK: Authorization code flow

    static let passwordGrantKey = "oauth_password_grant"
    static let codeLifetime: TimeInterval = 600

    /// Whether the password grant is on (an admin setting; on by default for scripts and `toot login_cli`).
    public func isPasswordGrantEnabled() async throws -> Bool { try await store.setting(Self.passwordGrantKey) != "false" }

    public func setPasswordGrant(_ enabled: Bool, by admin: Account) async throws {
        guard admin.role == .admin else { throw DomainError.forbidden("Only admins can change sign-in methods for apps.") }
        try await store.setSetting(Self.passwordGrantKey, value: enabled ? "true" : "false")
    }

    /// A checked request to authorize an app, as the consent page shows it.
    public struct AuthorizationRequest: Sendable {
        public var app: OAuthApp
        public var redirectURI: String
        public var scopes: Scopes
        public var state: String?
        public var codeChallenge: String?
    }

    /// Checks the parameters of `/oauth/authorize`.
    public func authorizationRequest(clientID: String, redirectURI: String?, responseType: String?, scope: String?, state: String?,
                                     codeChallenge: String?, codeChallengeMethod: String?) async throws -> AuthorizationRequest {
        guard let (app, _) = try await store.app(clientID: clientID) else {
            throw DomainError.invalid(field: "client_id", message: "This app is not registered here (unknown client_id).")
        }
        guard responseType == nil || responseType == "code" else {
            throw DomainError.invalid(field: "response_type", message: "Only response_type=code is supported.")
        }
        let redirect = redirectURI ?? app.redirectURIs.first ?? Self.outOfBand
        guard app.redirectURIs.contains(redirect) else {
            throw DomainError.invalid(field: "redirect_uri", message: "The redirect URI is not one the app registered.")
        }
        let scopes = try scope.map { try Scopes(parsing: $0) } ?? app.scopes
        guard app.scopes.covers(scopes) else {
            throw DomainError.invalid(field: "scope", message: "The app asks for more than it registered.")
        }
        if codeChallenge != nil, (codeChallengeMethod ?? "plain") != "S256" {
            throw DomainError.invalid(field: "code_challenge_method", message: "Only the S256 code challenge method is supported.")
        }
        return AuthorizationRequest(app: app, redirectURI: redirect, scopes: scopes, state: state, codeChallenge: codeChallenge)
    }

    /// The person approved the request: a one-time code for the app (valid ten minutes).
    public func approve(_ request: AuthorizationRequest, by account: Account) async throws -> String {
        let code = Token.random(bytes: 24)
        try await store.insertAuthorizationCode(AuthorizationCode(
            codeHash: SHA256.hex(code), appID: request.app.id, accountID: account.id, redirectURI: request.redirectURI,
            scopes: request.scopes.description, codeChallenge: request.codeChallenge, expiresAt: Date() + Self.codeLifetime))
        return code
    }

    /// Exchanges a code for a token. A code made with a PKCE challenge needs the matching verifier.
    public func grantAuthorizationCode(app: OAuthApp, code: String, redirectURI: String?, codeVerifier: String?) async throws -> IssuedToken {
        guard let stored = try await store.redeemAuthorizationCode(hash: SHA256.hex(code), at: Date()), stored.appID == app.id,
              redirectURI == nil || redirectURI == stored.redirectURI else {
            throw DomainError.unauthorized("The authorization code is invalid, expired or already used.")
        }
        if let challenge = stored.codeChallenge {
            guard let verifier = codeVerifier, Token.base64URL(SHA256.digest(Array(verifier.utf8))) == challenge else {
                throw DomainError.unauthorized("The PKCE code verifier does not match the challenge.")
            }
        }
        return try await issue(app: app, accountID: stored.accountID, scopes: try Scopes(parsing: stored.scopes), refreshable: true)
    }

    /// Exchanges a refresh token for a new token pair; the old pair stops working.
    public func grantRefresh(app: OAuthApp, refreshToken: String) async throws -> IssuedToken {
        guard let (accountID, scopes) = try await store.redeemRefreshToken(hash: SHA256.hex(refreshToken), appID: app.id, at: Date()) else {
            throw DomainError.unauthorized("The refresh token is invalid or was already used.")
        }
        return try await issue(app: app, accountID: accountID, scopes: try Scopes(parsing: scopes), refreshable: true)
    }

    /// What a bearer token grants, or nil when it is unknown or revoked.
    public func grant(bearer token: String) async throws -> AccessGrant? {
        guard let found = try await store.token(hash: SHA256.hex(token)) else { return nil }
        if found.accountID != nil, found.account == nil { return nil }
        return AccessGrant(account: found.account, scopes: try Scopes(parsing: found.scopes), appID: found.appID, changeStamp: found.changeStamp)
    }

    /// Revokes a token (if the client owns it); unknown tokens are ignored, as RFC 7009 asks.
    public func revoke(token: String, app: OAuthApp) async throws {
        try await store.revokeToken(hash: SHA256.hex(token), appID: app.id)
    }
}
