import Foundation
import JWTKit

/// An ID token's claims (OpenID Connect Core §2): the ones every token has, checked here, and every
/// other claim by name, for the username and groups claims an admin chose.
struct IDTokenClaims: JWTIdentityToken {
    var issuer: IssuerClaim
    var subject: SubjectClaim
    var audience: AudienceClaim
    var expiration: ExpirationClaim
    var issuedAt: IssuedAtClaim?
    var nonce: String?
    /// Every claim, by name, as JSON values.
    var all: [String: ClaimValue]

    /// A claim's value, for the claims Starling reads: text, a yes/no, or a list of texts.
    enum ClaimValue: Codable, Sendable, Equatable {
        case text(String), flag(Bool), list([String]), other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) { self = .text(text) }
            else if let flag = try? container.decode(Bool.self) { self = .flag(flag) }
            else if let list = try? container.decode([String].self) { self = .list(list) }
            else { self = .other }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .flag(let flag): try container.encode(flag)
            case .list(let list): try container.encode(list)
            case .other: try container.encodeNil()
            }
        }
    }

    struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Name.self)
        issuer = try container.decode(IssuerClaim.self, forKey: Name("iss"))
        subject = try container.decode(SubjectClaim.self, forKey: Name("sub"))
        audience = try container.decode(AudienceClaim.self, forKey: Name("aud"))
        expiration = try container.decode(ExpirationClaim.self, forKey: Name("exp"))
        issuedAt = try container.decodeIfPresent(IssuedAtClaim.self, forKey: Name("iat"))
        nonce = try container.decodeIfPresent(String.self, forKey: Name("nonce"))
        var all: [String: ClaimValue] = [:]
        for key in container.allKeys { all[key.stringValue] = try container.decode(ClaimValue.self, forKey: key) }
        self.all = all
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Name.self)
        for (name, value) in all { try container.encode(value, forKey: Name(name)) }
    }

    /// Checks what holds for every ID token whatever it is for: not expired (a minute of clock skew allowed).
    func verify(using algorithm: some JWTAlgorithm) async throws {
        try expiration.verifyNotExpired(currentDate: Date() - 60)
    }

    func text(_ name: String) -> String? {
        if case .text(let text)? = all[name], !text.isEmpty { return text }
        return nil
    }

    /// A claim as a list of texts (a single text counts as a list of one).
    func texts(_ name: String) -> [String] {
        switch all[name] {
        case .list(let list)?: list
        case .text(let text)?: [text]
        default: []
        }
    }

    /// `email_verified`, which some providers send as the text "true".
    var emailVerified: Bool {
        switch all["email_verified"] {
        case .flag(let flag)?: flag
        case .text(let text)?: text == "true"
        default: false
        }
    }
}
