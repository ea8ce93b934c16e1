import Foundation
import HTTPTypes
import Hummingbird

/// A request from another server as its signature covers it, and the answer when the signature is refused.
enum SignedRequest {
    static func isSigned(_ request: Request) -> Bool {
        request.headers[HTTPField.Name("Signature")!] != nil
            || request.headers[.authorization]?.lowercased().hasPrefix("signature ") == true
    }

    /// The method, the target as the request line carried it, and the headers, with `host` from the
    /// request's authority (HTTP/1.1's `Host` and HTTP/2's `:authority` both end up there).
    static func signable(_ request: Request) -> SignableRequest {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        if let authority = request.head.authority { headers["host"] = authority }
        return SignableRequest(method: request.method.rawValue, target: request.head.path ?? "/", headers: headers)
    }

    /// 401 for a missing or invalid signature, 403 for a server the federation policy does not admit.
    static func refusal(_ error: any Error) -> Response {
        switch error {
        case let error as SignatureError:
            ActivityPubRoutes.error(.unauthorized, error.message)
        case FederationError.domainNotAllowed(let domain):
            ActivityPubRoutes.error(.forbidden, "\(domain) may not exchange anything with this server.")
        case let error as FederationError:
            ActivityPubRoutes.error(.unauthorized, "The signing key could not be fetched: \(error.description)")
        default:
            ActivityPubRoutes.error(.unauthorized, SignatureError.unknownKey.message)
        }
    }
}
