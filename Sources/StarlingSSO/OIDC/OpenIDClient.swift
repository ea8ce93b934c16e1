import AsyncHTTPClient
import Foundation
import JWTKit
import Logging
import NIOCore
import StarlingCore

/// The relying party of the authorization code flow with PKCE, `state` and `nonce` (OpenID Connect Core
/// §3.1): it finds the provider by discovery, sends people there, exchanges the code that comes back, and
/// checks the ID token's signature against the provider's published keys (cached, and fetched again when
/// a token names a key not seen yet) and its `iss`, `aud`, `exp` and `nonce`. Every call has a timeout and
/// runs on SwiftNIO's event loops, never blocking Swift's cooperative pool.
public actor OpenIDClient {
    public nonisolated let configuration: OpenIDConfiguration
    private let http: HTTPClient
    private let logger: Logger
    private var metadata: ProviderMetadata?
    /// The provider's keys as last fetched, with the ids they were published under.
    private var keys: (collection: JWTKeyCollection, ids: Set<String>, fetchedAt: Date)?

    /// Seconds between fetches of the keys for an unknown key id (a flood of forged ids cannot make Starling
    /// hammer the provider, and a rotated key is found within this time).
    private let keyRefreshInterval: TimeInterval
    /// Signature algorithms accepted for ID tokens: asymmetric ones only (never `none`, never a shared secret).
    static let acceptedAlgorithms: Set<String> = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"]

    public init(configuration: OpenIDConfiguration, keyRefreshInterval: TimeInterval = 10, http: HTTPClient = .shared,
                logger: Logger = Logger(label: "starling.oidc")) {
        self.configuration = configuration
        self.keyRefreshInterval = keyRefreshInterval
        self.http = http
        self.logger = logger
    }

    /// Where to send the browser to start signing in, for `pending` (whose cookie the browser keeps).
    public func authorizationURL(for pending: PendingSignIn) async throws -> String {
        let metadata = try await providerMetadata()
        guard var components = URLComponents(string: metadata.authorizationEndpoint) else {
            throw SignOnFailure(.unreachable, "The identity provider's authorization endpoint is not a URL.")
        }
        components.queryItems = (components.queryItems ?? []) + [
            URLQueryItem(name: "response_type", value: "code"),
            URLQueryItem(name: "client_id", value: configuration.clientID),
            URLQueryItem(name: "redirect_uri", value: configuration.redirectURI),
            URLQueryItem(name: "scope", value: configuration.scopes.joined(separator: " ")),
            URLQueryItem(name: "state", value: pending.state),
            URLQueryItem(name: "nonce", value: pending.nonce),
            URLQueryItem(name: "code_challenge", value: pending.codeChallenge),
            URLQueryItem(name: "code_challenge_method", value: "S256"),
        ]
        guard let url = components.string else { throw SignOnFailure(.unreachable, "The authorization URL cannot be made.") }
        return url
    }

    /// Exchanges the code the provider sent back for tokens and returns the person its ID token vouches for.
    public func identity(code: String, pending: PendingSignIn) async throws -> ExternalIdentity {
        let metadata = try await providerMetadata()
        var form = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", configuration.redirectURI),
                    ("code_verifier", pending.codeVerifier), ("client_id", configuration.clientID)]
        var request = HTTPClientRequest(url: metadata.tokenEndpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        if metadata.sendsSecretInBody {
            form.append(("client_secret", configuration.clientSecret))
        } else {
            let credentials = "\(Self.formEncoded(configuration.clientID)):\(Self.formEncoded(configuration.clientSecret))"
            request.headers.add(name: "Authorization", value: "Basic " + Data(credentials.utf8).base64EncodedString())
        }
        request.body = .bytes(ByteBuffer(string: form.map { "\($0.0)=\(Self.formEncoded($0.1))" }.joined(separator: "&")))
        let (status, body) = try await send(request, what: "token endpoint")
        let response = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
        guard (200..<300).contains(status) else {
            let reason = (response?["error_description"] as? String) ?? (response?["error"] as? String) ?? "status \(status)"
            throw SignOnFailure(.refused, "The identity provider did not accept the sign-in: \(reason).")
        }
        guard let idToken = response?["id_token"] as? String else {
            throw SignOnFailure(.unreachable, "The identity provider's answer has no ID token.")
        }
        let claims = try await verified(idToken, nonce: pending.nonce, issuer: metadata.issuer)
        let email = claims.text("email")
        return ExternalIdentity(
            method: .oidc, issuer: metadata.issuer, subject: claims.subject.value, email: email, emailVerified: claims.emailVerified,
            preferredUsername: claims.text(configuration.usernameClaim) ?? email,
            displayName: claims.text("name") ?? [claims.text("given_name"), claims.text("family_name")].compactMap { $0 }.joined(separator: " "),
            groups: claims.texts(configuration.groupsClaim))
    }

    /// Checks an ID token: its signature against the provider's keys, then issuer, audience, expiry and nonce.
    func verified(_ token: String, nonce: String, issuer: String) async throws -> IDTokenClaims {
        let header = try Self.header(of: token)
        guard let algorithm = header["alg"] as? String, Self.acceptedAlgorithms.contains(algorithm) else {
            throw SignOnFailure(.refused, "The ID token is not signed with an algorithm Starling accepts (\(header["alg"] ?? "none")).")
        }
        let keyID = header["kid"] as? String
        let keys = try await keys(for: keyID)
        let claims: IDTokenClaims
        do {
            claims = try await keys.verify(token, as: IDTokenClaims.self, expectedAudience: configuration.clientID)
        } catch let error as JWTError {
            throw SignOnFailure(.refused, Self.explain(error))
        } catch {
            throw SignOnFailure(.refused, "The ID token cannot be read (\(error)).")
        }
        let subject = claims.subject.value
        guard claims.issuer.value == issuer else {
            throw SignOnFailure(.refused, "The ID token was issued by \(claims.issuer.value), not by \(issuer).", subject: subject)
        }
        guard claims.nonce == nonce else {
            throw SignOnFailure(.refused, "The ID token was not made for this sign-in (its nonce differs). Start again.", subject: subject)
        }
        if let issuedAt = claims.issuedAt?.value, issuedAt > Date() + 300 {
            throw SignOnFailure(.refused, "The ID token says it was issued in the future.", subject: subject)
        }
        return claims
    }

    /// Words for why jwt-kit refused a token.
    static func explain(_ error: JWTError) -> String {
        switch error.errorType {
        case .signatureVerificationFailed:
            "The ID token's signature does not match the identity provider's key: it was not issued by the provider."
        case .claimVerificationFailure:
            switch error.failedClaim {
            case is ExpirationClaim: "The ID token has expired. Sign in again."
            case is AudienceClaim: "The ID token was issued for another application, not for this Starling."
            default: "The ID token is not valid: \(error.reason ?? "a claim failed")."
            }
        case .malformedToken: "The ID token is malformed."
        default: "The ID token was refused (\(error.reason ?? error.errorType.description))."
        }
    }

    /// The keys to check a token signed with `keyID`: fetched once, and again when the id is not among them.
    private func keys(for keyID: String?) async throws -> JWTKeyCollection {
        if let keys, keyID.map(keys.ids.contains) ?? (keys.ids.count == 1) { return keys.collection }
        if let keys, Date().timeIntervalSince(keys.fetchedAt) < keyRefreshInterval {
            throw SignOnFailure(.refused, unknownKeyMessage(keyID))
        }
        let fetched = try await fetchKeys()
        keys = fetched
        guard keyID.map(fetched.ids.contains) ?? (fetched.ids.count == 1) else { throw SignOnFailure(.refused, unknownKeyMessage(keyID)) }
        return fetched.collection
    }

    private func unknownKeyMessage(_ keyID: String?) -> String {
        keyID.map { "The ID token is signed with a key the identity provider does not publish (kid \($0))." }
            ?? "The ID token does not say which of the identity provider's keys signed it."
    }

    private func fetchKeys() async throws -> (collection: JWTKeyCollection, ids: Set<String>, fetchedAt: Date) {
        let metadata = try await providerMetadata()
        let (status, body) = try await send(HTTPClientRequest(url: metadata.jwksURI), what: "keys (JWKS)")
        guard status == 200, let set = try? JSONDecoder().decode(JWKS.self, from: body) else {
            throw SignOnFailure(.unreachable, "The identity provider's keys (JWKS) could not be read (status \(status)).")
        }
        let collection = JWTKeyCollection()
        var ids: Set<String> = []
        for key in set.keys where key.keyIdentifier != nil {
            do {
                try await collection.add(jwk: key)
                ids.insert(key.keyIdentifier!.string)
            } catch {
                logger.notice("Skipped a key of the identity provider", metadata: ["kid": "\(key.keyIdentifier!.string)", "error": "\(error)"])
            }
        }
        logger.info("Fetched the identity provider's keys", metadata: ["keys": "\(ids.sorted())"])
        return (collection, ids, Date())
    }

    /// The provider's discovery document, fetched once (and again after a failure).
    private func providerMetadata() async throws -> ProviderMetadata {
        if let metadata { return metadata }
        let url = configuration.issuer.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/.well-known/openid-configuration"
        let (status, body) = try await send(HTTPClientRequest(url: url), what: "discovery document")
        guard status == 200, let found = try? JSONDecoder().decode(ProviderMetadata.self, from: body) else {
            throw SignOnFailure(.unreachable, "The identity provider's discovery document at \(url) could not be read (status \(status)).")
        }
        guard found.issuer.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                == configuration.issuer.trimmingCharacters(in: CharacterSet(charactersIn: "/")) else {
            throw SignOnFailure(.unreachable, "The identity provider calls itself \(found.issuer), not \(configuration.issuer) as configured.")
        }
        metadata = found
        return found
    }

    /// Sends a request with the configured timeout; a provider that does not answer is a clear failure.
    private func send(_ request: HTTPClientRequest, what: String) async throws -> (status: Int, body: Data) {
        let timeout = TimeAmount.nanoseconds(Int64(configuration.timeout.components.seconds) * 1_000_000_000
            + configuration.timeout.components.attoseconds / 1_000_000_000)
        do {
            let response = try await http.execute(request, timeout: timeout, logger: logger)
            let body = try await response.body.collect(upTo: 1 << 20)
            return (Int(response.status.code), Data(body.readableBytesView))
        } catch let failure as SignOnFailure {
            throw failure
        } catch {
            logger.warning("The identity provider did not answer", metadata: ["what": "\(what)", "error": "\(error)"])
            throw SignOnFailure(.unreachable, "The organization's identity provider did not answer (its \(what)). Try again in a moment, "
                + "or tell an admin if it keeps happening.")
        }
    }

    /// The JOSE header of a compact JWT, read (not trusted) to find the key and algorithm.
    static func header(of token: String) throws -> [String: Any] {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        var base64 = parts.first.map(String.init)?.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") ?? ""
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard parts.count == 3, let data = Data(base64Encoded: base64),
              let header = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw SignOnFailure(.refused, "The ID token is malformed.")
        }
        return header
    }

    /// `application/x-www-form-urlencoded` escaping of one value.
    static func formEncoded(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
