import Crypto
import Foundation
import StarlingCore

/// A sign-in that went to the provider and has not come back yet: what the callback must find again.
/// Kept in a short-lived HttpOnly cookie of the browser that started it (so any node can finish it).
public struct PendingSignIn: Codable, Sendable, Equatable {
    /// Sent to the provider and expected back unchanged (CSRF protection of the callback).
    public var state: String
    /// Expected in the ID token (it was made for this sign-in, not replayed).
    public var nonce: String
    /// The PKCE code verifier (RFC 7636); the provider got its SHA-256 as the challenge.
    public var codeVerifier: String
    /// Where to go after signing in (a local path).
    public var next: String

    /// A new pending sign-in with fresh random values.
    public init(next: String) {
        state = Token.random()
        nonce = Token.random()
        codeVerifier = Token.random()
        self.next = next
    }

    /// The S256 code challenge of `codeVerifier`.
    var codeChallenge: String { Token.base64URL(Array(Crypto.SHA256.hash(data: Data(codeVerifier.utf8)))) }

    /// The cookie value: JSON in URL-safe base64.
    public var cookieValue: String { Token.base64URL(Array((try? JSONEncoder().encode(self)) ?? Data())) }

    /// Reads a cookie value back; nil when it is not one.
    public init?(cookieValue: String) {
        var base64 = cookieValue.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard cookieValue.count < 2048, let data = Data(base64Encoded: base64),
              let pending = try? JSONDecoder().decode(Self.self, from: data) else { return nil }
        self = pending
    }
}
