import Foundation

/// One entry of the federation lists: a domain allowed or blocked, by whom and when.
public struct DomainRule: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case allow, block
    }

    public var domain: RemoteDomain
    public var kind: Kind
    public var createdAt: Date

    public init(domain: RemoteDomain, kind: Kind, createdAt: Date) {
        self.domain = domain
        self.kind = kind
        self.createdAt = createdAt
    }
}

/// Which other servers the organization exchanges anything with: the mode and the lists, applied the
/// same way to what leaves and what comes in. A block always wins over an allow.
public struct DomainPolicy: Sendable, Equatable {
    public var mode: FederationMode
    public var rules: [DomainRule]

    public init(mode: FederationMode, rules: [DomainRule]) {
        self.mode = mode
        self.rules = rules
    }

    /// Nothing is admitted.
    public static let closed = DomainPolicy(mode: .off, rules: [])

    /// Whether anything may be sent to or accepted from `domain`.
    public func admits(_ domain: RemoteDomain) -> Bool {
        if rules.contains(where: { $0.kind == .block && $0.domain.covers(domain) }) { return false }
        switch mode {
        case .off: return false
        case .open: return true
        case .allowlist: return rules.contains { $0.kind == .allow && $0.domain.covers(domain) }
        }
    }

    /// Whether a domain given as text (from an id or a handle) is admitted; text that is no domain is not.
    public func admits(domainOf text: String) -> Bool {
        (try? RemoteDomain(parsing: text)).map(admits) ?? false
    }
}
