import Foundation

/// The name of another server on the social web, as allow and block lists, actor ids and `acct:` handles
/// carry it: a lowercase host name or IPv4 address, with a port when it is not the default
/// (`social.example`, `127.0.0.1:8081`).
public struct RemoteDomain: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The host, lowercase, without a trailing dot.
    public let host: String
    /// The port, when one was given.
    public let port: Int?

    public var description: String { port.map { "\(host):\($0)" } ?? host }

    /// Reads a domain as people type it: `Social.Example`, `social.example.`, `https://social.example/@ada`
    /// and `127.0.0.1:8081` are accepted (scheme, path and user part are dropped); anything else is
    /// `DomainError.invalid` with a message saying what a domain looks like.
    public init(parsing text: String) throws {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces).lowercased())
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<slash] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        var port: Int?
        if let colon = rest.lastIndex(of: ":") {
            guard let number = Int(rest[rest.index(after: colon)...]), (1...65_535).contains(number) else { throw Self.invalid(text) }
            port = number
            rest = rest[..<colon]
        }
        if rest.hasSuffix(".") { rest = rest.dropLast() }
        let labels = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard !rest.isEmpty, rest.count <= 253,
              labels.allSatisfy({ !$0.isEmpty && $0.count <= 63 && $0.allSatisfy(Self.labelCharacters.contains) && $0.first != "-" && $0.last != "-" })
        else { throw Self.invalid(text) }
        host = String(rest)
        self.port = port
    }

    /// Whether a list entry for `self` covers `other`: the same host or one of its subdomains, on the
    /// entry's port when it names one, on any port when it names none.
    public func covers(_ other: RemoteDomain) -> Bool {
        guard port == nil || port == other.port else { return false }
        return other.host == host || other.host.hasSuffix("." + host)
    }

    public static func < (a: RemoteDomain, b: RemoteDomain) -> Bool { a.description < b.description }

    /// What a label of a host name may hold (lowercase already).
    private static let labelCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789-")

    private static func invalid(_ text: String) -> DomainError {
        .invalid(field: "domain", message: "“\(text.prefix(100))” is not a domain: a name such as social.example, with a port if needed (social.example:8443).")
    }
}
