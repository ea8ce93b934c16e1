import Foundation

/// The parts of a provider's `/.well-known/openid-configuration` (OpenID Connect Discovery 1.0) Starling uses.
struct ProviderMetadata: Decodable, Sendable {
    var issuer: String
    var authorizationEndpoint: String
    var tokenEndpoint: String
    var jwksURI: String
    var tokenEndpointAuthMethodsSupported: [String]?
    var idTokenSigningAlgValuesSupported: [String]?

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case jwksURI = "jwks_uri"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
        case idTokenSigningAlgValuesSupported = "id_token_signing_alg_values_supported"
    }

    /// Whether the client secret goes in the form body rather than HTTP Basic (the default, RFC 6749 §2.3.1).
    var sendsSecretInBody: Bool {
        guard let methods = tokenEndpointAuthMethodsSupported else { return false }
        return !methods.contains("client_secret_basic") && methods.contains("client_secret_post")
    }
}
