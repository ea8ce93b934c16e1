import Foundation
import _CryptoExtras

/// Checks the signature of a request from another server: the algorithm, that it covers the request
/// target, `Host`, the date and (on a POST) the `Digest`, that the digest is the body's, that the date is
/// within 12 hours of now, and that the key of `keyId` signed it.
public struct SignatureVerifier: Sendable {
    /// How far a request's date may be from now, either way.
    public var dateTolerance: TimeInterval = 12 * 3600

    public init() {}

    /// The key id of a valid signature, or the `SignatureError` saying why the request is refused;
    /// `publicKeyPEM` finds the PEM of a key id (nil: no such key).
    public func verify(_ request: SignableRequest, body: [UInt8]?, now: Date,
                       publicKeyPEM: (String) async throws -> String?) async throws -> String {
        guard let header = request.headers["signature"] ?? Self.authorizationSignature(request.headers["authorization"]) else {
            throw SignatureError.unsigned
        }
        guard let signature = SignatureHeader(parsing: header) else { throw SignatureError.malformed }
        if let algorithm = signature.algorithm, !["rsa-sha256", "hs2019"].contains(algorithm) {
            throw SignatureError.unsupportedAlgorithm(algorithm)
        }
        for required in ["(request-target)", "host"] where !signature.headers.contains(required) {
            throw SignatureError.uncoveredHeader(required)
        }
        try checkDate(of: request, signature: signature, now: now)
        if request.method.uppercased() == "POST" || body.map({ !$0.isEmpty }) == true {
            guard signature.headers.contains("digest") else { throw SignatureError.uncoveredHeader("digest") }
            guard let digest = request.headers["digest"], BodyDigest.matches(digest, body: body ?? []) else {
                throw SignatureError.digestMismatch
            }
        }
        guard let text = request.signingString(covering: signature.headers, created: signature.created, expires: signature.expires) else {
            throw SignatureError.malformed
        }
        guard let pem = try await publicKeyPEM(signature.keyID), let key = try? _RSA.Signing.PublicKey(pemRepresentation: pem) else {
            throw SignatureError.unknownKey
        }
        guard key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature.signature), for: Data(text.utf8),
                                   padding: .insecurePKCS1v1_5) else { throw SignatureError.badSignature }
        return signature.keyID
    }

    /// The date must be signed (`date` or `(created)`) and within the tolerance of now.
    private func checkDate(of request: SignableRequest, signature: SignatureHeader, now: Date) throws {
        let signed: Date?
        if signature.headers.contains("date") {
            signed = request.headers["date"].flatMap(HTTPDate.parse)
        } else if signature.headers.contains("(created)") {
            signed = signature.created.flatMap(TimeInterval.init).map(Date.init(timeIntervalSince1970:))
        } else {
            throw SignatureError.uncoveredHeader("date")
        }
        guard let signed, abs(signed.timeIntervalSince(now)) <= dateTolerance else { throw SignatureError.staleDate }
    }

    /// `Authorization: Signature keyId=…`, the header's other home in the draft.
    private static func authorizationSignature(_ value: String?) -> String? {
        guard let value, value.lowercased().hasPrefix("signature ") else { return nil }
        return String(value.dropFirst("signature ".count))
    }
}
