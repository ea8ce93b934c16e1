import Foundation
import Hummingbird
import JWTKit
import Logging
import NIOCore
import Synchronization

/// An OpenID provider on 127.0.0.1 for Swift tests: discovery, JWKS and a token endpoint whose ID token
/// the test signs itself (so it can forge, expire or misdirect one). The browser-facing login page is
/// the test's part: it reads `state`, `nonce` and the PKCE challenge from the authorization URL.
final class TestOpenIDProvider: Sendable {
    /// One signing key the provider publishes (or, for forgeries, does not).
    struct Key: Sendable {
        let id: String
        let privateKey = ES256PrivateKey()

        var jwk: [String: String] {
            let parameters = privateKey.publicKey.parameters!
            return ["kty": "EC", "crv": "P-256", "alg": "ES256", "use": "sig", "kid": id, "x": parameters.x, "y": parameters.y]
        }
    }

    struct State {
        var published: [Key] = []
        /// What the token endpoint answers next: an ID token, or a delay first.
        var nextIDToken = ""
        var tokenDelay: Duration = .zero
        var tokenRequests: [[String: String]] = []
        var keyFetches = 0
    }

    let state = Mutex(State())
    let clientID = "starling-test"

    /// Runs a provider for the duration of `body`, publishing `keys`.
    static func run<T: Sendable>(publishing keys: [Key], _ body: @Sendable (TestOpenIDProvider, String) async throws -> T) async throws -> T {
        let provider = TestOpenIDProvider()
        provider.state.withLock { $0.published = keys }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let router = Router()
        let issuer = Mutex("")
        router.get("/.well-known/openid-configuration") { _, _ in
            let base = issuer.withLock { $0 }
            return provider.json([
                "issuer": base, "authorization_endpoint": base + "/authorize", "token_endpoint": base + "/token",
                "jwks_uri": base + "/jwks", "id_token_signing_alg_values_supported": ["ES256"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            ])
        }
        router.get("/jwks") { _, _ in
            let keys = provider.state.withLock { state in
                state.keyFetches += 1
                return state.published.map(\.jwk)
            }
            return provider.json(["keys": keys])
        }
        router.post("/token") { request, _ in
            let body = try await request.body.collect(upTo: 1 << 16)
            var form: [String: String] = [:]
            for pair in String(buffer: body).split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
                form[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            form["authorization"] = request.headers[.authorization] ?? ""
            let (token, delay) = provider.state.withLock { state in
                state.tokenRequests.append(form)
                return (state.nextIDToken, state.tokenDelay)
            }
            try await Task.sleep(for: delay)
            return provider.json(["access_token": "at", "token_type": "Bearer", "id_token": token])
        }
        var logger = Logger(label: "test-openid-provider")
        logger.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await app.runService(gracefulShutdownSignals: [])
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            let base = "http://127.0.0.1:\(port)"
            issuer.withLock { $0 = base }
            defer { group.cancelAll() }
            return try await body(provider, base)
        }
    }

    /// Signs `claims` with `key` (whether published or not); `kid` defaults to the key's id.
    func sign(_ claims: TestIDClaims, with key: Key, kid: String? = nil) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(ecdsa: key.privateKey, kid: JWKIdentifier(string: kid ?? key.id))
        return try await keys.sign(claims, kid: JWKIdentifier(string: kid ?? key.id))
    }

    func answer(with idToken: String, after delay: Duration = .zero) {
        state.withLock {
            $0.nextIDToken = idToken
            $0.tokenDelay = delay
        }
    }

    func publish(_ keys: [Key]) { state.withLock { $0.published = keys } }

    private func json(_ object: [String: Any]) -> Response {
        let data = try! JSONSerialization.data(withJSONObject: object)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The claims of an ID token a test signs.
struct TestIDClaims: JWTPayload {
    var iss: String
    var sub: String
    var aud: String
    var exp: Int
    var iat: Int
    var nonce: String?
    var email: String?
    var email_verified: Bool?
    var name: String?
    var preferred_username: String?
    var groups: [String]?

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
