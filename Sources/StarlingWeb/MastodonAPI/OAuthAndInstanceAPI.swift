import Foundation
import Hummingbird
import StarlingCore

/// Registering apps, getting tokens, and what the instance says about itself.
struct OAuthAndInstanceAPI {
    let starling: Starling
    var mapper: MastodonSerializer { MastodonSerializer(settings: starling.settings) }
    static let version = "4.3.0 (compatible; Starling \(InstanceSettings.starlingVersion))"

    func register(api: some RouterMethods<WebContext>, oauth: some RouterMethods<WebContext>) {
        api.post("/v1/apps") { request, context in
            let p = try await APIParameters.read(request, context: context)
            let (app, secret) = try await starling.oauth.registerApp(
                name: p["client_name"] ?? "", redirectURIs: p["redirect_uris"] ?? p.values("redirect_uris[]").joined(separator: "\n"),
                scopes: p["scopes"] ?? "read", website: p["website"])
            return APIResponse.json { json in
                json.object { json in
                    json.field("id", app.id.description)
                    json.field("name", app.name)
                    json.field("website", app.website)
                    json.field("scopes", app.scopes.values)
                    json.field("redirect_uri", app.redirectURIs.joined(separator: "\n"))
                    json.field("redirect_uris", app.redirectURIs)
                    json.field("client_id", app.clientID)
                    json.field("client_secret", secret)
                    json.field("client_secret_expires_at", 0)
                    json.field("vapid_key", "")
                }
            }
        }
        oauth.post("/token") { request, context in
            let p = try await APIParameters.read(request, context: context)
            // A public client proves itself with a PKCE verifier instead of a secret.
            let app = await p["client_secret"] == nil && p["code_verifier"] != nil
                ? try starling.oauth.publicClient(clientID: p["client_id"] ?? "")
                : try starling.oauth.authenticateClient(clientID: p["client_id"] ?? "", secret: p["client_secret"] ?? "")
            let issued: IssuedToken
            switch p["grant_type"] {
            case "authorization_code":
                do {
                    issued = try await starling.oauth.grantAuthorizationCode(app: app, code: p["code"] ?? "", redirectURI: p["redirect_uri"],
                                                                       codeVerifier: p["code_verifier"])
                } catch DomainError.unauthorized(let message) {
                    return APIResponse.error(.badRequest, "invalid_grant", description: message)
                }
            case "refresh_token":
                do {
                    issued = try await starling.oauth.grantRefresh(app: app, refreshToken: p["refresh_token"] ?? "")
                } catch DomainError.unauthorized(let message) {
                    return APIResponse.error(.badRequest, "invalid_grant", description: message)
                }
            case "password":
                do {
                    issued = try await starling.oauth.grantPassword(app: app, login: p["username"] ?? "", password: p["password"] ?? "",
                                                              scope: p["scope"])
                } catch DomainError.unauthorized {
                    return APIResponse.error(.badRequest, "invalid_grant",
                                             description: "The provided authorization grant is invalid, expired or revoked.")
                } catch let refusal as OAuthService.InvalidGrant {
                    // The account cannot use a password here (single sign-on only, suspended, deactivated).
                    return APIResponse.error(.badRequest, "invalid_grant", description: refusal.reason)
                }
            case "client_credentials":
                issued = try await starling.oauth.grantClientCredentials(app: app, scope: p["scope"])
            default:
                return APIResponse.error(.badRequest, "unsupported_grant_type",
                                         description: "Supported grant types: \(try await grantTypes().joined(separator: ", ")).")
            }
            return APIResponse.json { json in
                json.object { json in
                    json.field("access_token", issued.token)
                    json.field("token_type", "Bearer")
                    json.field("scope", issued.scopes.description)
                    json.field("created_at", Int(issued.createdAt.timeIntervalSince1970))
                    if let refresh = issued.refreshToken { json.field("refresh_token", refresh) }
                }
            }
        }
        oauth.post("/revoke") { request, context in
            let p = try await APIParameters.read(request, context: context)
            let app = try await starling.oauth.authenticateClient(clientID: p["client_id"] ?? "", secret: p["client_secret"] ?? "")
            try await starling.oauth.revoke(token: p["token"] ?? "", app: app)
            return APIResponse.emptyObject()
        }
        oauth.get("/userinfo") { _, context in
            guard let grant = context.grant, let account = grant.account else { throw DomainError.unauthorized("The access token is invalid") }
            guard grant.scopes.values.contains("profile") || grant.scopes.allow("read:accounts") else {
                throw DomainError.forbidden("This action is outside the authorized scopes")
            }
            return APIResponse.json { json in
                json.object(["iss": starling.settings.baseURL + "/", "sub": account.id.description, "name": account.name,
                             "preferred_username": account.username, "profile": mapper.profileURL(account.username),
                             "picture": starling.settings.baseURL + account.avatarURLPath])
            }
        }
        api.get("/v1/instance") { _, _ in try await instanceV1() }
        api.get("/v2/instance") { _, _ in try await instanceV2() }
        api.get("/v1/custom_emojis") { _, _ in APIResponse.emptyArray() }
        api.get("/v1/announcements") { _, context in
            _ = try context.requireScope("read")
            return APIResponse.emptyArray()
        }
        api.get("/v1/preferences") { _, context in
            _ = try context.requireUser("read:accounts")
            return APIResponse.json { json in
                json.object { json in
                    json.field("posting:default:visibility", "unlisted")
                    json.field("posting:default:sensitive", false)
                    json.field("posting:default:language", "en")
                    json.field("reading:expand:media", "default")
                    json.field("reading:expand:spoilers", false)
                }
            }
        }
    }

    /// The grant types the token endpoint accepts now (the password grant is an admin setting).
    func grantTypes() async throws -> [String] {
        ["authorization_code", "client_credentials", "refresh_token"] + (try await starling.oauth.isPasswordGrantEnabled() ? ["password"] : [])
    }

    /// RFC 8414 metadata, listing only the grants that are enabled.
    func registerMetadata(on router: some RouterMethods<WebContext>) {
        router.get("/.well-known/oauth-authorization-server") { _, _ in
            let base = starling.settings.baseURL
            let grants = try await grantTypes()
            return APIResponse.json { json in
                json.object { json in
                    json.field("issuer", base + "/")
                    json.field("authorization_endpoint", base + "/oauth/authorize")
                    json.field("token_endpoint", base + "/oauth/token")
                    json.field("revocation_endpoint", base + "/oauth/revoke")
                    json.field("userinfo_endpoint", base + "/oauth/userinfo")
                    json.field("app_registration_endpoint", base + "/api/v1/apps")
                    json.field("service_documentation", "https://docs.joinmastodon.org/")
                    json.field("scopes_supported", Scopes.known.sorted())
                    json.field("response_types_supported", ["code"])
                    json.field("response_modes_supported", ["query", "fragment"])
                    json.field("grant_types_supported", grants)
                    json.field("code_challenge_methods_supported", ["S256"])
                    json.field("token_endpoint_auth_methods_supported", ["client_secret_basic", "client_secret_post", "none"])
                }
            }
        }
    }

    private var host: String { starling.settings.host }

    private var streamingURL: String { starling.settings.baseURL.replacingOccurrences(of: "http", with: "ws") }
    private var thumbnailURL: String { starling.settings.baseURL + "/headers/default.svg" }
    private var about: String { "\(starling.settings.name): a social learning network on Starling." }

    private func instanceV1() async throws -> Response {
        let userCount = try await starling.store.accountCount(), openSignUp = try await starling.accounts.isOpenSignUp()
        return APIResponse.json { json in
            json.object { json in
                json.field("uri", host)
                json.field("title", starling.settings.name)
                json.field("short_description", about)
                json.field("description", about)
                json.field("email", "")
                json.field("version", Self.version)
                json.field("urls") { $0.object(["streaming_api": streamingURL]) }
                json.field("stats") { json in
                    json.object { json in
                        json.field("user_count", userCount)
                        json.field("status_count", 0)
                        json.field("domain_count", 1)
                    }
                }
                json.field("thumbnail", thumbnailURL)
                json.field("languages", ["en"])
                json.field("registrations", openSignUp)
                json.field("approval_required", false)
                json.field("invites_enabled", true)
                json.field("configuration", configuration)
                json.field("contact_account") { $0.null() }
                json.field("rules", rules)
            }
        }
    }

    private func instanceV2() async throws -> Response {
        let openSignUp = try await starling.accounts.isOpenSignUp()
        return APIResponse.json { json in
            json.object { json in
                json.field("domain", host)
                json.field("title", starling.settings.name)
                json.field("version", Self.version)
                json.field("source_url", "https://github.com/starling")
                json.field("description", about)
                json.field("usage") { json in
                    json.object { json in json.field("users") { json in json.object { $0.field("active_month", 0) } } }
                }
                json.field("thumbnail") { $0.object(["url": thumbnailURL]) }
                json.field("icon") { json in json.array([thumbnailURL]) { json, url in json.object(["src": url, "size": "1500x500"]) } }
                json.field("languages", ["en"])
                json.field("configuration", configuration)
                json.field("registrations") { json in
                    json.object { json in
                        json.field("enabled", openSignUp)
                        json.field("approval_required", false)
                        json.field("message", String?.none)
                    }
                }
                json.field("api_versions") { json in json.object { $0.field("mastodon", 2) } }
                json.field("contact") { $0.object(["email": ""]) }
                json.field("rules", rules)
            }
        }
    }

    /// Limits clients read before posting.
    private func configuration(_ json: inout JSONWriter) {
        json.object { json in
            json.field("urls") { $0.object(["streaming": streamingURL]) }
            json.field("accounts") { json in
                json.object { json in
                    json.field("max_featured_tags", 0)
                    json.field("max_pinned_statuses", 0)
                }
            }
            json.field("statuses") { json in
                json.object { json in
                    json.field("max_characters", starling.settings.maxPostLength)
                    json.field("max_media_attachments", MediaService.maxPerPost)
                    json.field("characters_reserved_per_url", 23)
                }
            }
            json.field("media_attachments") { json in
                json.object { json in
                    json.field("supported_mime_types", ImageFormat.allCases.map(\.mimeType))
                    json.field("image_size_limit", MediaService.maxBytes)
                    json.field("image_matrix_limit", 16_777_216)
                    json.field("video_size_limit", 0)
                    json.field("video_frame_rate_limit", 0)
                    json.field("video_matrix_limit", 0)
                    json.field("description_limit", MediaService.maxDescriptionLength)
                }
            }
            json.field("polls") { json in
                json.object { json in
                    json.field("max_options", 4)
                    json.field("max_characters_per_option", 50)
                    json.field("min_expiration", 300)
                    json.field("max_expiration", 2_629_746)
                }
            }
            json.field("translation") { json in json.object { $0.field("enabled", false) } }
        }
    }

    private func rules(_ json: inout JSONWriter) {
        let texts = ["Posts stay inside the organization unless you choose otherwise.", "Be kind: questions are welcome, at every level."]
        json.array(texts.enumerated()) { json, rule in
            json.object(["id": String(rule.offset + 1), "text": rule.element, "hint": ""])
        }
    }
}
