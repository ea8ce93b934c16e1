import Foundation
import Testing
@testable import StarlingCore

/// The store concerns both engines implement, checked on each: one behaviour, two engines.
@Suite("Accounts, sessions and settings on both engines")
struct EngineStoreTests {
    static func newAccount(_ username: String, ids: IDGenerator, role: Role = .member) -> NewAccount {
        NewAccount(id: ids.next(), username: username, email: "\(username)@Example.org", displayName: username.capitalized,
                   bio: "About \(username)", role: role, passwordHash: "hash-of-\(username)", createdAt: Date(timeIntervalSince1970: 1_800_000_000.123))
    }

    @Test("an account is found by id, by username and by login (username or email) in any case", arguments: Engine.allCases)
    func findsAccounts(engine: Engine) async throws {
        let ids = IDGenerator()
        let store = try await engine.freshStore(ids: ids)
        let made = try await store.insertAccount(Self.newAccount("ada", ids: ids, role: .admin))
        let byID = try #require(try await store.account(id: made.id))
        #expect(byID.username == "ada" && byID.email == "ada@Example.org" && byID.displayName == "Ada" && byID.bio == "About ada")
        #expect(byID.role == .admin && !byID.isGuest && byID.suspendedAt == nil && byID.postsCount == 0)
        #expect(byID.createdAt == Date(timeIntervalSince1970: 1_800_000_000.123))
        #expect(try await store.account(username: "ADA")?.id == made.id)
        #expect(try await store.credentials(login: "ADA@example.ORG")?.passwordHash == "hash-of-ada")
        #expect(try await store.credentials(login: "Ada")?.0.id == made.id)
        #expect(try await store.account(username: "nobody") == nil)
        #expect(try await store.credentials(login: "nobody") == nil)
    }

    @Test("usernames and emails are unique without regard to case", arguments: Engine.allCases)
    func uniqueness(engine: Engine) async throws {
        let ids = IDGenerator()
        let store = try await engine.freshStore(ids: ids)
        _ = try await store.insertAccount(Self.newAccount("ada", ids: ids))
        await #expect(throws: DomainError.invalid(field: "username", message: "That username is taken.")) {
            _ = try await store.insertAccount(NewAccount(id: ids.next(), username: "ADA", email: "other@example.org", displayName: "", role: .member,
                                                         passwordHash: "x", createdAt: Date()))
        }
        await #expect(throws: DomainError.invalid(field: "email", message: "An account with that email already exists.")) {
            _ = try await store.insertAccount(NewAccount(id: ids.next(), username: "other", email: "ADA@example.org", displayName: "", role: .member,
                                                         passwordHash: "x", createdAt: Date()))
        }
        #expect(try await store.accountCount() == 1)
    }

    @Test("a profile, an avatar and a password change are kept; a new password ends every session", arguments: Engine.allCases)
    func profileChanges(engine: Engine) async throws {
        let ids = IDGenerator()
        let store = try await engine.freshStore(ids: ids)
        let ada = try await store.insertAccount(Self.newAccount("ada", ids: ids))
        try await store.updateProfile(accountID: ada.id, displayName: "Ada L.", bio: "Analyst ‘engines’", timeZone: "Europe/London")
        try await store.updateAvatar(accountID: ada.id, path: "avatar-1.png")
        let changed = try #require(try await store.account(id: ada.id))
        #expect(changed.displayName == "Ada L." && changed.bio == "Analyst ‘engines’" && changed.timeZone == "Europe/London")
        #expect(changed.avatarPath == "avatar-1.png")
        try await store.updateAvatar(accountID: ada.id, path: nil)
        #expect(try await store.account(id: ada.id)?.avatarPath == nil)

        let now = Date()
        try await store.insertSession(tokenHash: "s1", accountID: ada.id, expiresAt: now + 3600)
        try await store.updatePasswordHash(accountID: ada.id, hash: "new-hash")
        #expect(try await store.credentials(login: "ada")?.passwordHash == "new-hash")
        #expect(try await store.session(tokenHash: "s1", now: now) == nil)
    }

    @Test("a session finds its account until it expires or is deleted", arguments: Engine.allCases)
    func sessions(engine: Engine) async throws {
        let ids = IDGenerator()
        let store = try await engine.freshStore(ids: ids)
        let ada = try await store.insertAccount(Self.newAccount("ada", ids: ids))
        let now = Date()
        try await store.insertSession(tokenHash: "live", accountID: ada.id, expiresAt: now + 60)
        try await store.insertSession(tokenHash: "old", accountID: ada.id, expiresAt: now - 1)
        #expect(try await store.session(tokenHash: "live", now: now)?.id == ada.id)
        #expect(try await store.session(tokenHash: "live", now: now + 61) == nil)
        #expect(try await store.session(tokenHash: "old", now: now) == nil)
        #expect(try await store.session(tokenHash: "unknown", now: now) == nil)
        try await store.deleteSession(tokenHash: "live")
        #expect(try await store.session(tokenHash: "live", now: now) == nil)
    }

    @Test("settings are written, read back and overwritten", arguments: Engine.allCases)
    func settings(engine: Engine) async throws {
        let store = try await engine.freshStore()
        #expect(try await store.setting("name") == nil)
        try await store.setSetting("name", value: "Acme")
        try await store.setSetting("name", value: "Acme Learning ‘26")
        #expect(try await store.setting("name") == "Acme Learning ‘26")
    }

    @Test("accounts are listed newest first, a page at a time, and counted", arguments: Engine.allCases)
    func accountPages(engine: Engine) async throws {
        let ids = IDGenerator()
        let store = try await engine.freshStore(ids: ids)
        var made: [Account] = []
        for name in ["ada", "ben", "cy", "dee", "eve"] { made.append(try await store.insertAccount(Self.newAccount(name, ids: ids))) }
        let first = try await store.accounts(page: PageRequest(limit: 2))
        #expect(first.map(\.username) == ["eve", "dee"])
        let second = try await store.accounts(page: PageRequest(maxID: first.last?.id, limit: 2))
        #expect(second.map(\.username) == ["cy", "ben"])
        #expect(try await store.accountCount() == made.count)
    }

    @Test("a new database is at this build's schema version", arguments: Engine.allCases)
    func schemaVersion(engine: Engine) async throws {
        let store = try await engine.freshStore()
        #expect(try await store.storedSchemaVersion() == store.currentSchemaVersion)
    }
}
