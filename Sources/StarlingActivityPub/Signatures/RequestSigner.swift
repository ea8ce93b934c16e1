import Foundation
import _CryptoExtras

/// Signs requests to other servers as one actor: `Host`, `Date`, a `Digest` of the body when there is
/// one, and a `Signature` over them and the request target (rsa-sha256, as Mastodon expects).
public struct RequestSigner: Sendable {
    /// The actor's key id (`https://org.example/users/ada#main-key`).
    public let keyID: String
    let key: _RSA.Signing.PrivateKey

    public init(keyID: String, privateKeyPEM: String) throws {
        self.keyID = keyID
        key = try _RSA.Signing.PrivateKey(pemRepresentation: privateKeyPEM)
    }

    init(keyID: String, key: _RSA.Signing.PrivateKey) {
        self.keyID = keyID
        self.key = key
    }

    /// The headers to send with a request to `url` (with `body` on POST), signed at `date`.
    public func headers(method: String, url: URL, body: [UInt8]?, date: Date) throws -> [String: String] {
        var headers = ["host": Self.host(of: url), "date": HTTPDate.format(date)]
        var covered = ["(request-target)", "host", "date"]
        if let body {
            headers["digest"] = BodyDigest.header(for: body)
            covered.append("digest")
        }
        var target = url.path.isEmpty ? "/" : url.path
        if let query = url.query { target += "?" + query }
        let request = SignableRequest(method: method, target: target, headers: headers)
        guard let text = request.signingString(covering: covered) else { throw SignatureError.malformed }
        let signature = try key.signature(for: Data(text.utf8), padding: .insecurePKCS1v1_5)
        headers["signature"] = SignatureHeader(keyID: keyID, algorithm: "rsa-sha256", headers: covered,
                                               signature: signature.rawRepresentation).text
        return headers
    }

    /// The `Host` header for `url`: its host, and its port when it is not the scheme's default.
    static func host(of url: URL) -> String {
        let host = url.host ?? ""
        guard let port = url.port, !(url.scheme == "https" && port == 443), !(url.scheme == "http" && port == 80) else { return host }
        return "\(host):\(port)"
    }
}

/// The `Date` header's format (RFC 9110's IMF-fixdate), written and read with one description of it,
/// made once (every signed request in and out uses it).
public enum HTTPDate {
    private static let pattern: Date.FormatString = """
        \(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \
        \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT
        """
    private static let locale = Locale(identifier: "en_US_POSIX")
    private static let formatStyle = Date.VerbatimFormatStyle(format: pattern, locale: locale, timeZone: .gmt, calendar: Calendar(identifier: .gregorian))
    private static let parseStrategy = Date.ParseStrategy(format: pattern, locale: locale, timeZone: .gmt)

    public static func format(_ date: Date) -> String { date.formatted(formatStyle) }

    public static func parse(_ text: String) -> Date? {
        try? parseStrategy.parse(text.trimmingCharacters(in: .whitespaces))
    }
}
