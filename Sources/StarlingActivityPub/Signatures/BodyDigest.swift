import Foundation
import StarlingCore

/// The `Digest` header of a request body (RFC 3230, as Mastodon sends it): `SHA-256=` and the body's
/// SHA-256 in base64.
public enum BodyDigest {
    public static func header(for body: [UInt8]) -> String {
        "SHA-256=" + Data(SHA256.digest(body)).base64EncodedString()
    }

    /// Whether a `Digest` header holds the body's SHA-256 (among other digests it may list); a header
    /// with no SHA-256 does not.
    public static func matches(_ header: String, body: [UInt8]) -> Bool {
        let expected = Data(SHA256.digest(body)).base64EncodedString()
        return header.split(separator: ",").contains { part in
            let pair = part.trimmingCharacters(in: .whitespaces)
            guard let equals = pair.firstIndex(of: "=") else { return false }
            return pair[..<equals].lowercased() == "sha-256" && pair[pair.index(after: equals)...] == expected
        }
    }
}
