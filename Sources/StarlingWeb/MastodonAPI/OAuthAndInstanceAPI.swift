import Foundation
import Hummingbird
import StarlingCore

/// Registering apps, getting tokens, and what the instance says about itself.
struct OAuthAndInstanceAPI {
    let starling: Starling
    var mapper: MastodonMapper { MastodonMapper(settings: starling.settings) }
    static let version = "4.3.0 (compatible; Starling 0.1.0)"

    func register(api: some RouterMethods<WebContext>, oauth: some RouterMethods<WebContext>) {
        api.post("/v1/apps") { request, context in
            let p = try await APIParameters.read(request, context: context)
            let (app, secret) = try starling.oauth.registerApp(
                name: p["client_name"] ?? "", redirectURIs: p["redirect_uris"] ?? p.values("redirect_uris[]").joined(separator: "\n"),
                scopes: p["scopes"] ?? "read", website: p["website"])
            return try APIResponse.json(Mastodon.Application(
                id: app.id.description, name: app.name, website: app.website, scopes: app.scopes.values,
                redirectUri: app.redirectURIs.joined(separator: "\n"), redirectUris: app.redirectURIs, clientId: app.clientID,
                clientSecret: secret, clientSecretExpiresAt: 0, vapidKey: ""))
        }
        oauth.post("/token") { request, context in
            let p = try await APIParameters.read(request, context: context)
            // A public client proves itself with a PKCE verifier instead of a secret.
            let app = p["client_secret"] == nil && p["code_verifier"] != nil
                ? try starling.oauth.publicClient(clientID: p["client_id"] ?? "")
                : try starling.oauth.authenticateClient(clientID: p["client_id"] ?? "", secret: p["client_secret"] ?? "")
            let issued: IssuedToken
            switch p["grant_type"] {
            case "authorization_code":
                do {
                    issued = try starling.oauth.grantAuthorizationCode(app: app, code: p["code"] ?? "", redirectURI: p["redirect_uri"],
                                                                       codeVerifier: p["code_verifier"])
                } catch DomainError.unauthorized(let message) {
                    return APIResponse.error(.badRequest, "invalid_grant", description: message)
                }
            case "refresh_token":
                do {
                    issued = try starling.oauth.grantRefresh(app: app, refreshToken: p["refresh_token"] ?? "")
                } catch DomainError.unauthorized(let message) {
                    return APIResponse.error(.badRequest, "invalid_grant", description: message)
                }
            case "password":
                do {
                    issued = try starling.oauth.grantPassword(app: app, login: p["username"] ?? "", password: p["password"] ?? "",
                                                              scope: p["scope"])
                } catch DomainError.unauthorized {
                    return APIResponse.error(.badRequest, "invalid_grant",
                                             description: "The provided authorization grant is invalid, expired or revoked.")
                }
            case "client_credentials":
                issued = try starling.oauth.grantClientCredentials(app: app, scope: p["scope"])
            default:
                return APIResponse.error(.badRequest, "unsupported_grant_type",
                                         description: "Supported grant types: \(try grantTypes().joined(separator: ", ")).")
            }
            return try APIResponse.json(Mastodon.Token(accessToken: issued.token, scope: issued.scopes.description,
                                                       createdAt: Int(issued.createdAt.timeIntervalSince1970), refreshToken: issued.refreshToken))
        }
        oauth.post("/revoke") { request, context in
            let p = try await APIParameters.read(request, context: context)
            let app = try starling.oauth.authenticateClient(clientID: p["client_id"] ?? "", secret: p["client_secret"] ?? "")
            try starling.oauth.revoke(token: p["token"] ?? "", app: app)
            return try APIResponse.json([String: String]())
        }
        oauth.get("/userinfo") { _, context in
            guard let grant = context.grant, let account = grant.account else { throw DomainError.unauthorized("The access token is invalid") }
            guard grant.scopes.values.contains("profile") || grant.scopes.allow("read:accounts") else {
                throw DomainError.forbidden("This action is outside the authorized scopes")
            }
            let entity = mapper.account(account)
            return try APIResponse.json(["iss": starling.settings.baseURL + "/", "sub": account.id.description, "name": account.name,
                                         "preferred_username": account.username, "profile": entity.url, "picture": entity.avatar])
        }
        api.get("/v1/instance") { _, _ in try APIResponse.json(instanceV1()) }
        api.get("/v2/instance") { _, _ in try APIResponse.json(instanceV2()) }
        api.get("/v1/custom_emojis") { _, _ in try APIResponse.json([String]()) }
        api.get("/v1/announcements") { _, context in
            _ = try context.requireScope("read")
            return try APIResponse.json([String]())
        }
        api.get("/v1/preferences") { _, context in
            _ = try context.requireUser("read:accounts")
            return try APIResponse.json([
                "posting:default:visibility": "unlisted", "posting:default:sensitive": "false", "posting:default:language": "en",
                "reading:expand:media": "default", "reading:expand:spoilers": "false",
            ])
        }
    }

    /// The grant types the token endpoint accepts now (the password grant is an admin setting).
    func grantTypes() throws -> [String] {
        ["authorization_code", "client_credentials", "refresh_token"] + (try starling.oauth.isPasswordGrantEnabled() ? ["password"] : [])
    }

    /// RFC 8414 metadata, listing only the grants that are enabled.
    func registerMetadata(on router: some RouterMethods<WebContext>) {
        router.get("/.well-known/oauth-authorization-server") { _, _ in
            let base = starling.settings.baseURL
            return try APIResponse.json(Metadata(
                issuer: base + "/", authorizationEndpoint: base + "/oauth/authorize", tokenEndpoint: base + "/oauth/token",
                revocationEndpoint: base + "/oauth/revoke", userinfoEndpoint: base + "/oauth/userinfo",
                appRegistrationEndpoint: base + "/api/v1/apps", scopesSupported: Scopes.known.sorted(), grantTypesSupported: try grantTypes()))
        }
    }

    /// RFC 8414 authorization server metadata.
    private struct Metadata: Encodable {
        var issuer, authorizationEndpoint, tokenEndpoint, revocationEndpoint, userinfoEndpoint, appRegistrationEndpoint: String
        var serviceDocumentation = "https://docs.joinmastodon.org/"
        var scopesSupported: [String]
        var responseTypesSupported = ["code"]
        var responseModesSupported = ["query", "fragment"]
        var grantTypesSupported: [String]
        var codeChallengeMethodsSupported = ["S256"]
        var tokenEndpointAuthMethodsSupported = ["client_secret_basic", "client_secret_post", "none"]
    }

    private var host: String { URL(string: starling.settings.baseURL)?.host.map { h in
        URL(string: starling.settings.baseURL)?.port.map { "\(h):\($0)" } ?? h } ?? "localhost" }

    private struct InstanceV1: Encodable {
        var uri: String
        var title: String
        var shortDescription: String
        var description: String
        var email = ""
        var version: String
        var urls: [String: String]
        var stats: [String: Int]
        var thumbnail: String
        var languages = ["en"]
        var registrations: Bool
        var approvalRequired = false
        var invitesEnabled = true
        var configuration: Configuration
        var contactAccount: String?
        var rules: [Rule]
    }

    private struct InstanceV2: Encodable {
        var domain: String
        var title: String
        var version: String
        var sourceUrl = "https://github.com/starling"
        var description: String
        var usage = ["users": ["active_month": 0]]
        var thumbnail: [String: String]
        var icon: [[String: String]]
        var languages = ["en"]
        var configuration: Configuration
        var registrations: Registrations
        var apiVersions = ["mastodon": 2]
        var contact: [String: String]
        var rules: [Rule]
    }

    private struct Configuration: Encodable {
        var urls: [String: String]
        var accounts = ["max_featured_tags": 0, "max_pinned_statuses": 0]
        var statuses: [String: Int]
        var mediaAttachments: MediaLimits
        var polls = ["max_options": 4, "max_characters_per_option": 50, "min_expiration": 300, "max_expiration": 2_629_746]
        var translation = ["enabled": false]
    }

    private struct Rule: Encodable { var id: String; var text: String; var hint: String }
    private struct MediaLimits: Encodable {
        var supportedMimeTypes = ImageFormat.allCases.map(\.mimeType)
        var imageSizeLimit = AccountService.maxAvatarBytes
        var imageMatrixLimit = 16_777_216
        var videoSizeLimit = 0
        var videoFrameRateLimit = 0
        var videoMatrixLimit = 0
        var descriptionLimit = 1500
    }
    private struct Registrations: Encodable { var enabled: Bool; var approvalRequired = false; var message: String? }

    private var configuration: Configuration {
        Configuration(urls: ["streaming": starling.settings.baseURL.replacingOccurrences(of: "http", with: "ws")],
                      statuses: ["max_characters": starling.settings.maxPostLength, "max_media_attachments": 4,
                                 "characters_reserved_per_url": 23],
                      mediaAttachments: MediaLimits())
    }

    private var rules: [Rule] {
        [Rule(id: "1", text: "Posts stay inside the organization unless you choose otherwise.", hint: ""),
         Rule(id: "2", text: "Be kind: questions are welcome, at every level.", hint: "")]
    }

    private var about: String { "\(starling.settings.name): a social learning network on Starling." }

    private func instanceV1() throws -> InstanceV1 {
        InstanceV1(uri: host, title: starling.settings.name, shortDescription: about, description: about, version: Self.version,
                   urls: ["streaming_api": configuration.urls["streaming"] ?? ""],
                   stats: ["user_count": try starling.store.accountCount(), "status_count": 0, "domain_count": 1],
                   thumbnail: starling.settings.baseURL + "/headers/default.svg",
                   registrations: try starling.accounts.isOpenSignUp(), configuration: configuration, rules: rules)
    }

    private func instanceV2() throws -> InstanceV2 {
        InstanceV2(domain: host, title: starling.settings.name, version: Self.version, description: about,
                   thumbnail: ["url": starling.settings.baseURL + "/headers/default.svg"],
                   icon: [["src": starling.settings.baseURL + "/headers/default.svg", "size": "1500x500"]], configuration: configuration,
                   registrations: Registrations(enabled: try starling.accounts.isOpenSignUp()),
                   contact: ["email": ""], rules: rules)
    }
}
