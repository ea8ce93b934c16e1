/// Why a request's signature was refused; each message is fit to send back to the server that asked.
public enum SignatureError: Error, Equatable, Sendable {
    case unsigned
    case malformed
    case unsupportedAlgorithm(String)
    case uncoveredHeader(String)
    case staleDate
    case digestMismatch
    case unknownKey
    case badSignature

    public var message: String {
        switch self {
        case .unsigned: "This server answers signed requests only (HTTP Signatures, rsa-sha256)."
        case .malformed: "The Signature header is not keyId, algorithm, headers and signature."
        case .unsupportedAlgorithm(let name): "The signature algorithm \(name) is not supported; use rsa-sha256."
        case .uncoveredHeader(let name): "The signature must cover \(name)."
        case .staleDate: "The request's Date is more than 12 hours away from now."
        case .digestMismatch: "The Digest header does not match the body."
        case .unknownKey: "The signing key could not be found."
        case .badSignature: "The signature does not match the request and key."
        }
    }
}
