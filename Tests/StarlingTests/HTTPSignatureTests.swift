import Foundation
import Testing
import StarlingCore
import _CryptoExtras
@testable import StarlingActivityPub

/// HTTP Signatures as Mastodon speaks them (draft-cavage, rsa-sha256 with a `Digest` on POSTs): what
/// Starling signs verifies, and every way a request can be wrong is refused with the reason.
@Suite("HTTP signatures")
struct HTTPSignatureTests {
    static let inbox = URL(string: "https://org.example/users/ada/inbox")!
    static let body = Array(#"{"type":"Follow","actor":"https://peer.example/users/bo"}"#.utf8)
    static let now = Date(timeIntervalSince1970: 1_796_000_000)

    /// Two keys made once for the suite (making one takes a while in a debug build).
    static let ada = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    static let other = try! _RSA.Signing.PrivateKey(keySize: .bits2048)

    /// A signer for Ada, and her public key's PEM; `other: true` gives the other key's PEM instead.
    static func keys(other: Bool = false) -> (RequestSigner, String) {
        (RequestSigner(keyID: "https://org.example/users/ada#main-key", key: ada), (other ? Self.other : ada).publicKey.pemRepresentation)
    }

    static func request(_ headers: [String: String], method: String = "POST", target: String = "/users/ada/inbox") -> SignableRequest {
        SignableRequest(method: method, target: target, headers: headers)
    }

    @Test("a POST signed by Starling verifies with the signer's public key, and names its key id")
    func roundTrip() async throws {
        let (signer, pem) = Self.keys()
        let headers = try signer.headers(method: "POST", url: Self.inbox, body: Self.body, date: Self.now)
        #expect(headers["digest"] == BodyDigest.header(for: Self.body))
        let keyID = try await SignatureVerifier().verify(Self.request(headers), body: Self.body, now: Self.now) { _ in pem }
        #expect(keyID == signer.keyID)
    }

    @Test("a signature made by another implementation (Python's cryptography, hs2019 label, extra covered header) verifies")
    func interoperates() async throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/http-signatures")
        let fixture = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("signed-by-python.json"))) as! [String: Any]
        let pem = try String(contentsOf: folder.appendingPathComponent("peer-public-key.pem"), encoding: .utf8)
        let request = SignableRequest(method: fixture["method"] as! String, target: fixture["target"] as! String,
                                      headers: fixture["headers"] as! [String: String])
        let signedAt = try Date(fixture["signedAt"] as! String, strategy: .iso8601)
        let keyID = try await SignatureVerifier().verify(request, body: Array((fixture["body"] as! String).utf8), now: signedAt + 60) { id in
            id == "https://peer.example/users/bo#main-key" ? pem : nil
        }
        #expect(keyID == "https://peer.example/users/bo#main-key")
    }

    @Test("a request signed with another key than the key id's is refused")
    func wrongKey() async throws {
        let (signer, otherPEM) = Self.keys(other: true)
        let headers = try signer.headers(method: "POST", url: Self.inbox, body: Self.body, date: Self.now)
        await #expect(throws: SignatureError.badSignature) {
            try await SignatureVerifier().verify(Self.request(headers), body: Self.body, now: Self.now) { _ in otherPEM }
        }
    }

    @Test("a body changed after signing is refused by its digest")
    func changedBody() async throws {
        let (signer, pem) = Self.keys()
        let headers = try signer.headers(method: "POST", url: Self.inbox, body: Self.body, date: Self.now)
        await #expect(throws: SignatureError.digestMismatch) {
            try await SignatureVerifier().verify(Self.request(headers), body: Self.body + Array(" ".utf8), now: Self.now) { _ in pem }
        }
    }

    @Test("a Date more than 12 hours old is refused, one within 12 hours is not")
    func oldDate() async throws {
        let (signer, pem) = Self.keys()
        let headers = try signer.headers(method: "POST", url: Self.inbox, body: Self.body, date: Self.now)
        _ = try await SignatureVerifier().verify(Self.request(headers), body: Self.body, now: Self.now + 11 * 3600) { _ in pem }
        await #expect(throws: SignatureError.staleDate) {
            try await SignatureVerifier().verify(Self.request(headers), body: Self.body, now: Self.now + 12 * 3600 + 1) { _ in pem }
        }
    }

    @Test("an unsigned GET is refused")
    func unsignedGet() async throws {
        await #expect(throws: SignatureError.unsigned) {
            try await SignatureVerifier().verify(Self.request(["host": "org.example", "date": HTTPDate.format(Self.now)], method: "GET",
                                                              target: "/users/ada"), body: nil, now: Self.now) { _ in nil }
        }
    }

    @Test("a signed GET verifies, and a GET signed for another path is refused")
    func signedGet() async throws {
        let (signer, pem) = Self.keys()
        let headers = try signer.headers(method: "GET", url: URL(string: "https://org.example/users/ada")!, body: nil, date: Self.now)
        _ = try await SignatureVerifier().verify(Self.request(headers, method: "GET", target: "/users/ada"), body: nil, now: Self.now) { _ in pem }
        await #expect(throws: SignatureError.badSignature) {
            try await SignatureVerifier().verify(Self.request(headers, method: "GET", target: "/users/ben"), body: nil, now: Self.now) { _ in pem }
        }
    }

    @Test("a POST whose signature leaves out the digest is refused, though the digest header is right")
    func digestNotCovered() async throws {
        let (signer, pem) = Self.keys()
        var headers = try signer.headers(method: "GET", url: Self.inbox, body: nil, date: Self.now)
        headers["digest"] = BodyDigest.header(for: Self.body)
        await #expect(throws: SignatureError.uncoveredHeader("digest")) {
            try await SignatureVerifier().verify(Self.request(headers), body: Self.body, now: Self.now) { _ in pem }
        }
    }

    @Test("an unknown key id, a garbled header and another algorithm are refused, each saying why")
    func malformed() async throws {
        let (signer, pem) = Self.keys()
        let headers = try signer.headers(method: "POST", url: Self.inbox, body: Self.body, date: Self.now)
        await #expect(throws: SignatureError.unknownKey) {
            try await SignatureVerifier().verify(Self.request(headers), body: Self.body, now: Self.now) { _ in nil }
        }
        var garbled = headers
        garbled["signature"] = "keyId=\"x\",signature=\"not base64!\""
        await #expect(throws: SignatureError.malformed) {
            try await SignatureVerifier().verify(Self.request(garbled), body: Self.body, now: Self.now) { _ in pem }
        }
        var hmac = headers
        hmac["signature"] = headers["signature"]!.replacingOccurrences(of: "rsa-sha256", with: "hmac-sha256")
        await #expect(throws: SignatureError.unsupportedAlgorithm("hmac-sha256")) {
            try await SignatureVerifier().verify(Self.request(hmac), body: Self.body, now: Self.now) { _ in pem }
        }
    }

    @Test("the Date header is written and read in HTTP's format")
    func httpDate() {
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 1_796_558_400)) == "Sun, 06 Dec 2026 12:00:00 GMT")
        #expect(HTTPDate.parse("Sun, 06 Dec 2026 12:00:00 GMT") == Date(timeIntervalSince1970: 1_796_558_400))
        #expect(HTTPDate.parse("yesterday") == nil)
    }

    @Test("a Date header is read back as the moment written, over centuries, leap days included")
    func httpDateRoundTrip() {
        var generator = SystemRandomNumberGenerator()
        let moments = [0, 951_782_400, 4_107_542_399, -2_208_988_800] + (0..<2_000).map { _ in Int.random(in: -2_208_988_800...7_258_118_400, using: &generator) }
        for seconds in moments {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(HTTPDate.parse(HTTPDate.format(date)) == date, "\(HTTPDate.format(date))")
        }
    }

    @Test("only IMF-fixdate is read as a Date header: no other format, no day the month lacks, no made-up weekday")
    func httpDateRefusals() {
        for text in ["Sun, 29 Feb 2026 12:00:00 GMT", "Sun, 6 Dec 2026 12:00:00 GMT", "Sunday, 06-Dec-26 12:00:00 GMT",
                     "Sun Dec  6 12:00:00 2026", "Xyz, 06 Dec 2026 12:00:00 GMT", "Sun, 06 Dec 2026 24:00:00 GMT",
                     "Sun, 06 Dec 2026 12:00:00 UTC", "Sun, 06 Dec 2026 12:00 GMT", "Sun, 06 Dez 2026 12:00:00 GMT", ""] {
            #expect(HTTPDate.parse(text) == nil, "\(text)")
        }
        #expect(HTTPDate.parse("Thu, 29 Feb 2024 23:59:59 GMT") == Date(timeIntervalSince1970: 1_709_251_199))
    }
}
