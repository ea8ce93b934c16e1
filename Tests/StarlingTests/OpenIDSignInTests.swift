import Crypto
import Foundation
import Testing
@testable import StarlingCore
@testable import StarlingSSO
import StarlingWeb

/// A live Starling whose sign-in page offers a test OpenID provider, and a browser to go through it.
private struct OpenIDWorld: Sendable {
    let world: TestWorld
    let provider: TestOpenIDProvider
    let issuer: String
    let server: LiveServer
    let browser: Browser

    static let key = TestOpenIDProvider.Key(id: "key-1")

    /// Runs `body` with a provider publishing `keys` and a server using it (calls to it time out after `timeout`).
    static func run(world: TestWorld? = nil, publishing keys: [TestOpenIDProvider.Key] = [key], timeout: Duration = .seconds(5),
                    keyRefreshInterval: TimeInterval = 60, _ body: @Sendable (OpenIDWorld) async throws -> Void) async throws {
        let world = if let world { world } else { try await TestWorld() }
        try await TestOpenIDProvider.run(publishing: keys) { provider, issuer in
            let configuration = try OpenIDConfiguration(issuer: issuer, clientID: provider.clientID, clientSecret: "s3cret",
                                                        redirectURI: "http://127.0.0.1/signin/oidc/callback", displayName: "Example Corp",
                                                        timeout: timeout)
            let options = ServerOptions(signOn: SignOnProviders(openID: OpenIDClient(configuration: configuration, keyRefreshInterval: keyRefreshInterval)))
            try await withLiveServer(world, options: options) { server in
                try await body(OpenIDWorld(world: world, provider: provider, issuer: issuer, server: server, browser: server.browser()))
            }
        }
    }

    /// Starts signing in and reads what Starling sent the browser to the provider with.
    func start(next: String = "/") async throws -> [String: String] {
        let page = try await browser.get("/signin/oidc?next=" + Browser.encode(next))
        let location = try #require(page.location, "status \(page.status): \(page.body.prefix(300))")
        #expect(location.hasPrefix(issuer + "/authorize?"))
        return Dictionary(uniqueKeysWithValues: (URLComponents(string: location)?.queryItems ?? []).map { ($0.name, $0.value ?? "") })
    }

    /// Claims the provider would put in a token for this sign-in.
    func claims(_ request: [String: String], sub: String = "sub-ada") -> TestIDClaims {
        let now = Int(Date().timeIntervalSince1970)
        return TestIDClaims(iss: issuer, sub: sub, aud: provider.clientID, exp: now + 300, iat: now, nonce: request["nonce"],
                            email: "ada@example.org", email_verified: true, name: "Ada Okafor", preferred_username: "ada")
    }

    /// Comes back from the provider with a code, after it was told to answer with `idToken`.
    func finish(_ request: [String: String], idToken: String, state: String? = nil) async throws -> Page {
        provider.answer(with: idToken)
        return try await browser.get("/signin/oidc/callback?code=the-code&state=" + Browser.encode(state ?? request["state"] ?? ""))
    }

    func signedIn() async -> Bool { await browser.cookies["starling_session"] != nil }
}

@Suite("Single sign-on: OpenID Connect")
struct OpenIDSignInTests {
    @Test("signing in with the provider uses PKCE, state and nonce, and comes back signed in where it started")
    func signInThroughProvider() async throws {
        try await OpenIDWorld.run { oidc in
            let signInPage = try await oidc.browser.get("/signin")
            #expect(signInPage.body.contains("Sign in with Example Corp"))
            let request = try await oidc.start(next: "/programs")
            #expect(request["response_type"] == "code" && request["client_id"] == "starling-test" && request["code_challenge_method"] == "S256")
            #expect(request["scope"] == "openid email profile" && request["redirect_uri"] == "http://127.0.0.1/signin/oidc/callback")
            #expect(request["state"]?.count ?? 0 >= 32 && request["nonce"]?.count ?? 0 >= 32 && request["state"] != request["nonce"])

            let token = try await oidc.provider.sign(oidc.claims(request), with: OpenIDWorld.key)
            let back = try await oidc.finish(request, idToken: token)
            #expect(back.status == 303 && back.location == "/programs")
            #expect(await oidc.signedIn())
            #expect(try await oidc.browser.get("/").body.contains("@ada"))

            let exchange = try #require(oidc.provider.state.withLock { $0.tokenRequests.first })
            #expect(exchange["code"] == "the-code" && exchange["grant_type"] == "authorization_code")
            let verifier = try #require(exchange["code_verifier"])
            #expect(Token.base64URL(Array(Crypto.SHA256.hash(data: Data(verifier.utf8)))) == request["code_challenge"])
            #expect(exchange["authorization"] == "Basic " + Data("starling-test:s3cret".utf8).base64EncodedString())
        }
    }

    /// Ways an answer from "the provider" can be wrong, each of which must be refused without a session.
    enum BadAnswer: String, CaseIterable, Sendable {
        case forgedSignature, expired, otherAudience, otherIssuer, otherNonce, unknownKey, unsigned, wrongState

        var message: String {
            switch self {
            case .forgedSignature: "signature does not match"
            case .expired: "has expired"
            case .otherAudience: "issued for another application"
            case .otherIssuer: "was issued by https://evil.example"
            case .otherNonce: "its nonce differs"
            case .unknownKey: "a key the identity provider does not publish (kid key-9)"
            case .unsigned: "not signed with an algorithm Starling accepts"
            case .wrongState: "its state differs"
            }
        }
    }

    @Test("a forged, expired, misdirected, replayed or unsigned ID token, or a wrong state, is refused with a clear page",
          arguments: BadAnswer.allCases)
    func badAnswersAreRefused(_ bad: BadAnswer) async throws {
        try await OpenIDWorld.run { oidc in
            let request = try await oidc.start()
            var claims = oidc.claims(request)
            var key = OpenIDWorld.key
            var kid: String?
            switch bad {
            case .forgedSignature: key = TestOpenIDProvider.Key(id: OpenIDWorld.key.id) // same kid, another private key
            case .expired: claims.exp = Int(Date().timeIntervalSince1970) - 3600
            case .otherAudience: claims.aud = "another-app"
            case .otherIssuer: claims.iss = "https://evil.example"
            case .otherNonce: claims.nonce = "a-nonce-from-another-sign-in"
            case .unknownKey: kid = "key-9"
            case .unsigned, .wrongState: break
            }
            var token = try await oidc.provider.sign(claims, with: key, kid: kid)
            if bad == .unsigned {
                let parts = token.split(separator: ".")
                token = Token.base64URL(Array(#"{"alg":"none","kid":"key-1"}"#.utf8)) + "." + parts[1] + "."
            }
            let page = try await oidc.finish(request, idToken: token, state: bad == .wrongState ? "another-state" : nil)
            #expect(page.status == 401)
            #expect(page.body.contains(bad.message), "\(page.body.prefix(2000))")
            #expect(await !oidc.signedIn())
            #expect(try await oidc.world.store.account(username: "ada") == nil)
        }
    }

    @Test("a refused token that is signed right and names a known person is recorded in their audit log")
    func refusalOfKnownPersonIsAudited() async throws {
        try await OpenIDWorld.run { oidc in
            let first = try await oidc.start()
            _ = try await oidc.finish(first, idToken: try await oidc.provider.sign(oidc.claims(first), with: OpenIDWorld.key))
            let ada = try #require(try await oidc.world.store.account(username: "ada"))
            _ = try await oidc.browser.post("/signout", [])
            let second = try await oidc.start()
            let replayed = try await oidc.provider.sign(oidc.claims(first), with: OpenIDWorld.key) // the first sign-in's nonce
            #expect(try await oidc.finish(second, idToken: replayed).status == 401)
            let refusals = try await oidc.world.store.auditLog(page: PageRequest(limit: 50)).filter { $0.action == .signInRefused }
            #expect(refusals.map(\.targetAccountID) == [ada.id] && refusals.first?.reason.contains("nonce") == true)
        }
    }

    @Test("a key the provider started using after Starling fetched its keys is fetched when a token names it")
    func rotatedKeyIsFetched() async throws {
        try await OpenIDWorld.run(keyRefreshInterval: 0) { oidc in
            let first = try await oidc.start()
            #expect(try await oidc.finish(first, idToken: try await oidc.provider.sign(oidc.claims(first), with: OpenIDWorld.key)).status == 303)
            _ = try await oidc.browser.post("/signout", [])
            let rotated = TestOpenIDProvider.Key(id: "key-2")
            oidc.provider.publish([rotated])
            let second = try await oidc.start()
            #expect(try await oidc.finish(second, idToken: try await oidc.provider.sign(oidc.claims(second), with: rotated)).status == 303)
            #expect(oidc.provider.state.withLock { $0.keyFetches } == 2)
        }
    }

    @Test("tokens naming unknown keys do not make Starling fetch the keys again more often than it allows")
    func unknownKeysAreNotFetchedAgainAndAgain() async throws {
        try await OpenIDWorld.run(keyRefreshInterval: 60) { oidc in
            for attempt in 1...3 {
                let request = try await oidc.start()
                let token = try await oidc.provider.sign(oidc.claims(request), with: OpenIDWorld.key, kid: "forged-\(attempt)")
                #expect(try await oidc.finish(request, idToken: token).status == 401)
            }
            #expect(oidc.provider.state.withLock { $0.keyFetches } == 1)
        }
    }

    @Test("a provider that does not answer in time gives a clear page within seconds, not a hung request")
    func providerThatDoesNotAnswer() async throws {
        try await OpenIDWorld.run(timeout: .seconds(1)) { oidc in
            let request = try await oidc.start()
            oidc.provider.answer(with: try await oidc.provider.sign(oidc.claims(request), with: OpenIDWorld.key), after: .seconds(8))
            let started = ContinuousClock.now
            let page = try await oidc.browser.get("/signin/oidc/callback?code=c&state=" + Browser.encode(request["state"]!))
            #expect(ContinuousClock.now - started < .seconds(4))
            #expect(page.status == 502 && page.body.contains("identity provider did not answer"))
        }
    }

    @Test("a callback without the cookie of a sign-in started in this browser is refused")
    func callbackWithoutPendingSignIn() async throws {
        try await OpenIDWorld.run { oidc in
            let page = try await oidc.browser.get("/signin/oidc/callback?code=c&state=s")
            #expect(page.status == 401 && page.body.contains("not started in this browser"))
        }
    }
}

@Suite("Single sign-on: LDAP filters")
struct LDAPFilterTests {
    @Test("what a person types is escaped by libldap, so it cannot change the directory's filter")
    func loginIsEscaped() throws {
        #expect(try LDAPConnection.escapedFilterValue("*)(uid=*") == #"\2A\29\28uid=\2A"#)
        #expect(try LDAPConnection.escapedFilterValue("ada") == "ada")
        #expect(try LDAPConnection.escapedFilterValue(#"a\b"#) == #"a\5Cb"#)
    }
}
