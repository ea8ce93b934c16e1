import Foundation
import Testing
@testable import StarlingCore

/// Which servers federation admits: domains as admins type them, the modes, and the lists, where a
/// block always wins over an allow.
@Suite("Federation policy")
struct FederationPolicyTests {
    @Test("a domain is read as people type it: case, a trailing dot, a URL or a handle around it, a port",
          arguments: [("Social.Example", "social.example"), ("social.example.", "social.example"),
                      ("https://social.example/@ada", "social.example"), ("@ada@social.example", "social.example"),
                      ("127.0.0.1:8081", "127.0.0.1:8081"), ("http://localhost:3000/inbox", "localhost:3000")])
    func parsing(text: String, kept: String) throws {
        #expect(try RemoteDomain(parsing: text).description == kept)
    }

    @Test("text that is no domain is refused with a message saying what a domain looks like",
          arguments: ["", "social example", "social..example", "-social.example", "social.example:0", "social.example:99999", "[::1]:80",
                      "so_cial.example"])
    func refused(text: String) {
        #expect(throws: DomainError.self) { try RemoteDomain(parsing: text) }
    }

    static func policy(_ mode: FederationMode, allow: [String] = [], block: [String] = []) throws -> DomainPolicy {
        let now = Date()
        return DomainPolicy(mode: mode, rules: try allow.map { DomainRule(domain: try RemoteDomain(parsing: $0), kind: .allow, createdAt: now) }
                            + block.map { DomainRule(domain: try RemoteDomain(parsing: $0), kind: .block, createdAt: now) })
    }

    @Test("off admits nobody, even listed domains")
    func off() throws {
        #expect(!(try Self.policy(.off, allow: ["social.example"]).admits(domainOf: "social.example")))
    }

    @Test("allowlist admits listed domains and their subdomains only")
    func allowlist() throws {
        let policy = try Self.policy(.allowlist, allow: ["social.example"])
        #expect(policy.admits(domainOf: "social.example"))
        #expect(policy.admits(domainOf: "eu.social.example"))
        #expect(!policy.admits(domainOf: "other.example"))
        #expect(!policy.admits(domainOf: "notsocial.example"))
    }

    @Test("open admits every domain but blocked ones")
    func open() throws {
        let policy = try Self.policy(.open, block: ["spam.example"])
        #expect(policy.admits(domainOf: "social.example"))
        #expect(!policy.admits(domainOf: "spam.example"))
        #expect(!policy.admits(domainOf: "relay.spam.example"))
    }

    @Test("a block wins over an allow: a blocked subdomain of an allowed domain, and an allowed subdomain of a blocked one")
    func blockWins() throws {
        let policy = try Self.policy(.allowlist, allow: ["social.example", "ok.spam.example"], block: ["bad.social.example", "spam.example"])
        #expect(policy.admits(domainOf: "social.example"))
        #expect(!policy.admits(domainOf: "bad.social.example"))
        #expect(!policy.admits(domainOf: "ok.spam.example"))
    }

    @Test("an entry with a port covers that port only; one without covers every port of the host")
    func ports() throws {
        let policy = try Self.policy(.allowlist, allow: ["127.0.0.1:8081", "social.example"])
        #expect(policy.admits(domainOf: "127.0.0.1:8081"))
        #expect(!policy.admits(domainOf: "127.0.0.1:8082"))
        #expect(policy.admits(domainOf: "social.example:8443"))
    }

    @Test("admins set the mode and the lists; both are kept, with an audit entry for each change", arguments: Engine.allCases)
    func kept(engine: Engine) async throws {
        let world = try await TestWorld(engine: engine)
        let admin = try await world.member("root", role: .admin)
        let federation = world.starling.federation
        #expect(try await federation.mode() == .off)
        try await federation.setMode(.allowlist, by: admin)
        try await federation.list("https://Social.Example/", as: .allow, by: admin)
        try await federation.list("spam.example", as: .allow, by: admin)
        try await federation.list("spam.example", as: .block, by: admin)
        let policy = try await world.starling.federation.policy()
        #expect(policy.mode == .allowlist)
        #expect(policy.rules.map { "\($0.kind.rawValue) \($0.domain)" }.sorted() == ["allow social.example", "block spam.example"])
        try await federation.forget("social.example", by: admin)
        await #expect(throws: DomainError.notFound) { try await federation.forget("social.example", by: admin) }
        #expect(try await federation.rules(by: nil).map(\.domain.description) == ["spam.example"])
        let actions = try await world.store.auditLog(page: PageRequest(limit: 10)).map { "\($0.action.rawValue) \($0.reason)" }
        #expect(actions == ["forget_domain social.example", "block_domain spam.example", "allow_domain spam.example",
                            "allow_domain social.example", "federation_mode allowlist"])
    }

    @Test("a member or moderator cannot change federation", arguments: [Role.member, .moderator])
    func onlyAdmins(role: Role) async throws {
        let world = try await TestWorld()
        let person = try await world.member("pat", role: role)
        await #expect(throws: DomainError.self) { try await world.starling.federation.setMode(.open, by: person) }
        await #expect(throws: DomainError.self) { try await world.starling.federation.list("social.example", as: .allow, by: person) }
        #expect(try await world.starling.federation.policy() == .closed)
    }
}
