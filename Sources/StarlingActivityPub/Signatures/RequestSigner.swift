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

/// The `Date` header's format (RFC 9110's IMF-fixdate, `Sun, 06 Dec 2026 12:00:00 GMT`), written with
/// Foundation's formatter made once, and read by `parse`: every signed request in and out uses it.
public enum HTTPDate {
    private static let pattern: Date.FormatString = """
        \(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \
        \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT
        """
    private static let formatStyle = Date.VerbatimFormatStyle(format: pattern, locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt,
                                                              calendar: Calendar(identifier: .gregorian))
    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public static func format(_ date: Date) -> String { date.formatted(formatStyle) }

    /// The moment an IMF-fixdate names, or nil for anything else (another format, a day the month does not
    /// have, a weekday name that is none). Read field by field: Foundation's parse strategy took a twentieth of
    /// an inbound activity's time.
    public static func parse(_ text: String) -> Date? {
        let fields = text.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0].count == 4, fields[0].last == ",", weekdays.contains(String(fields[0].dropLast())),
              fields[1].count == 2, let day = Int(fields[1]), let month = months.firstIndex(of: String(fields[2])).map({ $0 + 1 }),
              fields[3].count == 4, let year = Int(fields[3]), fields[5] == "GMT" else { return nil }
        let time = fields[4].split(separator: ":", omittingEmptySubsequences: false)
        guard time.count == 3, time.allSatisfy({ $0.count == 2 }), let hour = Int(time[0]), let minute = Int(time[1]), let second = Int(time[2]),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
              (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        let seconds = ((daysSince1970(year: year, month: month, day: day) * 24 + hour) * 60 + minute) * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a day of the (proleptic) Gregorian calendar, counted in 400-year eras that
    /// start in March (so that a leap day ends its year).
    private static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
