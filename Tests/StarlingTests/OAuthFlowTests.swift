import Foundation
import Testing
@testable import StarlingCore

@Suite("OAuth authorization code flow")
struct OAuthFlowTests {
    static let redirect = "https://app.example/callback"

    static func registerApp(_ server: LiveServer) async throws -> (id: String, secret: String) {
        let app = try await server.api("POST", "/api/v1/apps", json: #"{"client_name": "Flow", "redirect_uris": "\#(redirect)", "scopes": "read write profile"}"#)
        return (app.string("client_id"), app.string("client_secret"))
    }

    /// Signs in, opens the consent page and answers it; returns where the browser was sent.
    static func consent(_ browser: Browser, clientID: String, challenge: String?, decision: String) async throws -> URLComponents {
        var query = "client_id=\(clientID)&redirect_uri=\(Browser.encode(redirect))&response_type=code&scope=read+profile&state=s1"
        if let challenge { query += "&code_challenge=\(challenge)&code_challenge_method=S256" }
        let page = try await browser.get("/oauth/authorize?" + query)
        #expect(page.status == 200)
        #expect(page.body.contains("Let Flow use your account?"))
        var fields = [("client_id", clientID), ("redirect_uri", redirect), ("response_type", "code"), ("scope", "read profile"),
                      ("state", "s1"), ("decision", decision)]
        if let challenge { fields += [("code_challenge", challenge), ("code_challenge_method", "S256")] }
        let answer = try await browser.post("/oauth/authorize", fields)
        #expect(answer.status == 303)
        return try #require(URLComponents(string: answer.location ?? ""))
    }

    @Test("a PKCE public client gets a code by consent, a token for the verifier, and refreshes it")
    func pkceAndRefresh() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withSignedInBrowser(world, as: "ada") { (browser, server) async throws in
            let app = try await Self.registerApp(server)
            let verifier = Token.random(bytes: 32)
            let challenge = Token.base64URL(SHA256.digest(Array(verifier.utf8)))
            let back = try await Self.consent(browser, clientID: app.id, challenge: challenge, decision: "approve")
            #expect(back.host == "app.example")
            #expect(back.queryItems?.first { $0.name == "state" }?.value == "s1")
            let code = try #require(back.queryItems?.first { $0.name == "code" }?.value)

            let wrong = try await server.api("POST", "/oauth/token", form: [("grant_type", "authorization_code"), ("client_id", app.id),
                ("code", code), ("redirect_uri", Self.redirect), ("code_verifier", "not-it")])
            #expect(wrong.string("error") == "invalid_grant")
            // The failed attempt used the code up, as it should; get another.
            let again = try await Self.consent(browser, clientID: app.id, challenge: challenge, decision: "approve")
            let code2 = try #require(again.queryItems?.first { $0.name == "code" }?.value)
            let token = try await server.api("POST", "/oauth/token", form: [("grant_type", "authorization_code"), ("client_id", app.id),
                ("code", code2), ("redirect_uri", Self.redirect), ("code_verifier", verifier)])
            #expect(token.status == 200)
            let access = token.string("access_token"), refresh = token.string("refresh_token")
            #expect(try await server.api("GET", "/oauth/userinfo", token: access).string("preferred_username") == "ada")

            let renewed = try await server.api("POST", "/oauth/token", form: [("grant_type", "refresh_token"), ("client_id", app.id),
                ("client_secret", app.secret), ("refresh_token", refresh)])
            #expect(renewed.status == 200)
            #expect(try await server.api("GET", "/api/v1/accounts/verify_credentials", token: access).status == 401)
            #expect(try await server.api("GET", "/api/v1/accounts/verify_credentials", token: renewed.string("access_token")).status == 200)
            let replay = try await server.api("POST", "/oauth/token", form: [("grant_type", "refresh_token"), ("client_id", app.id),
                ("client_secret", app.secret), ("refresh_token", refresh)])
            #expect(replay.string("error") == "invalid_grant")
        }
    }

    @Test("denying sends the app access_denied; a code works only once")
    func denyAndReuse() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withSignedInBrowser(world, as: "ada") { (browser, server) async throws in
            let app = try await Self.registerApp(server)
            let denied = try await Self.consent(browser, clientID: app.id, challenge: nil, decision: "deny")
            #expect(denied.queryItems?.first { $0.name == "error" }?.value == "access_denied")
            let approved = try await Self.consent(browser, clientID: app.id, challenge: nil, decision: "approve")
            let code = try #require(approved.queryItems?.first { $0.name == "code" }?.value)
            let exchange = [("grant_type", "authorization_code"), ("client_id", app.id), ("client_secret", app.secret), ("code", code),
                            ("redirect_uri", Self.redirect)]
            #expect(try await server.api("POST", "/oauth/token", form: exchange).status == 200)
            #expect(try await server.api("POST", "/oauth/token", form: exchange).string("error") == "invalid_grant")
        }
    }

    @Test("an unregistered redirect URI is refused on the consent page")
    func unregisteredRedirect() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withSignedInBrowser(world, as: "ada") { (browser, server) async throws in
            let app = try await Self.registerApp(server)
            let page = try await browser.get("/oauth/authorize?client_id=\(app.id)&redirect_uri=https%3A%2F%2Fevil.example%2F&response_type=code")
            #expect(page.status == 422)
            #expect(page.body.contains("not one the app registered"))
        }
    }

    @Test("the metadata lists only enabled grants; turning the password grant off refuses it")
    func passwordGrantSetting() async throws {
        let world = try await TestWorld()
        let admin = try await world.member("ada", role: .admin)
        try await withLiveServer(world) { server in
            var metadata = try await server.api("GET", "/.well-known/oauth-authorization-server")
            #expect((metadata.json["grant_types_supported"] as? [String])?.contains("password") == true)
            #expect(metadata.json["code_challenge_methods_supported"] as? [String] == ["S256"])
            try await world.starling.oauth.setPasswordGrant(false, by: admin)
            metadata = try await server.api("GET", "/.well-known/oauth-authorization-server")
            #expect((metadata.json["grant_types_supported"] as? [String])?.contains("password") == false)
            let app = try await Self.registerApp(server)
            let refused = try await server.api("POST", "/oauth/token", form: [("grant_type", "password"), ("client_id", app.id),
                ("client_secret", app.secret), ("username", "ada"), ("password", "password1")])
            #expect(refused.status == 403)
        }
    }
}
