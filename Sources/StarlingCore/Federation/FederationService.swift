import Foundation

/// The organization's door to the social web: how far it is open (`FederationMode`) and which domains are
/// allowed or blocked. Admins change it in the admin pages, the own API and `starling admin federation`;
/// everything that sends or accepts anything asks `policy()` first.
public struct FederationService: Sendable {
    let store: any Store
    let ids: IDGenerator
    let clock: any Clock

    /// The settings key the mode is kept under (absent: off).
    static let modeKey = "federation_mode"

    public init(store: any Store, ids: IDGenerator, clock: any Clock) {
        self.store = store
        self.ids = ids
        self.clock = clock
    }

    /// The mode and lists as they are now (read afresh, so that every node applies an admin's change at once).
    public func policy() async throws -> DomainPolicy {
        async let rules = store.domainRules()
        return DomainPolicy(mode: try await mode(), rules: try await rules)
    }

    public func mode() async throws -> FederationMode {
        try await store.setting(Self.modeKey).flatMap(FederationMode.init(rawValue:)) ?? .off
    }

    /// Sets the mode; `admin` nil is the operator starting the server with `--federation`.
    public func setMode(_ mode: FederationMode, by admin: Account?) async throws {
        try Self.checkAdmin(admin)
        guard try await self.mode() != mode else { return }
        try await store.setSetting(Self.modeKey, value: mode.rawValue)
        try await store.insertAuditEntry(AuditEntry(id: ids.next(), actorID: admin?.id, action: .federationMode, reason: mode.rawValue,
                                                    createdAt: clock.now()))
    }

    /// Puts a domain (as typed: `social.example`, `https://social.example/`, `127.0.0.1:8081`) on the allow
    /// or block list, off the other; returns the domain as kept.
    @discardableResult
    public func list(_ text: String, as kind: DomainRule.Kind, by admin: Account?) async throws -> RemoteDomain {
        try Self.checkAdmin(admin)
        let domain = try RemoteDomain(parsing: text)
        let now = clock.now()
        try await store.saveDomainRule(DomainRule(domain: domain, kind: kind, createdAt: now),
                                       entry: AuditEntry(id: ids.next(), actorID: admin?.id, action: kind == .allow ? .allowDomain : .blockDomain,
                                                         reason: domain.description, createdAt: now))
        return domain
    }

    /// Takes a domain off the lists; `DomainError.notFound` when it was on neither.
    public func forget(_ text: String, by admin: Account?) async throws {
        try Self.checkAdmin(admin)
        let domain = try RemoteDomain(parsing: text)
        let entry = AuditEntry(id: ids.next(), actorID: admin?.id, action: .forgetDomain, reason: domain.description, createdAt: clock.now())
        guard try await store.removeDomainRule(domain, entry: entry) else { throw DomainError.notFound }
    }

    /// The member other servers may see as an actor, by username: federation is on and the person is an
    /// active member (no guest) who chose to be found from outside. Anyone else is nobody to other servers.
    public func openAccount(username: String) async throws -> Account? {
        guard try await mode() != .off, let account = try await store.account(username: username) else { return nil }
        return Self.isOpen(account) ? account : nil
    }

    /// Whether other servers may see the account: see `openAccount(username:)`.
    public static func isOpen(_ account: Account) -> Bool {
        account.discoverable && !account.isGuest && account.suspendedAt == nil && account.deactivatedAt == nil && account.deletedAt == nil
    }

    /// The lists, allowed domains first, each by name.
    public func rules() async throws -> [DomainRule] {
        try await store.domainRules().sorted { ($0.kind.rawValue, $0.domain) < ($1.kind.rawValue, $1.domain) }
    }

    private static func checkAdmin(_ account: Account?) throws {
        if let account, account.role != .admin { throw DomainError.forbidden("Only admins can change federation.") }
    }
}
