/// Why a request to another server was not made or its answer not used; each message says it plainly
/// enough for an admin's page or a log line.
public enum FederationError: Error, Equatable, Sendable, CustomStringConvertible {
    case badURL(String)
    case insecureScheme(String)
    case privateAddress(String)
    case unreachable(String)
    case domainNotAllowed(String)
    case status(Int, url: String)
    case tooLarge(url: String)
    case notADocument(url: String)
    case notAnActor(String)

    public var description: String {
        switch self {
        case .badURL(let url): "\(url) is not a URL of another server."
        case .insecureScheme(let url): "\(url) is not https:// (plain http is allowed only with --federation-allow-private-addresses)."
        case .privateAddress(let host): "\(host) is a private or loopback address (allowed only with --federation-allow-private-addresses)."
        case .unreachable(let host): "\(host) could not be resolved."
        case .domainNotAllowed(let domain): "\(domain) is not allowed by this server's federation settings."
        case .status(let code, let url): "\(url) answered \(code)."
        case .tooLarge(let url): "\(url) answered with more than a document's size limit."
        case .notADocument(let url): "\(url) did not answer with a JSON document."
        case .notAnActor(let url): "\(url) is not an actor with an inbox on its own host."
        }
    }
}
