import Foundation
import Testing
@testable import StarlingCore

/// Single sign-on identities, email choices and password resets in the store, on both engines.
@Suite("Sign-on and email stores on both engines")
struct EngineSignOnAndEmailStoreTests {
    @Test("an identity at the provider finds the account it created or was linked to", arguments: Engine.allCases)
    func identities(engine: Engine) async throws {
        let ids = IDGenerator()
        let store = try await engine.freshStore(ids: ids)
        let new = EngineStoreTests.newAccount("ada", ids: ids)
        let created = try await store.insertExternalAccount(new, issuer: "https://idp.example", subject: "u-1",
                                                            entry: AuditEntry(id: ids.next(), actorID: nil, action: .provisionAccount, targetAccountID: new.id,
                                                                              createdAt: Date()))
        #expect(created.id == new.id && created.username == "ada")
        #expect(try await store.account(issuer: "https://idp.example", subject: "u-1")?.id == new.id)
        #expect(try await store.account(issuer: "https://other.example", subject: "u-1") == nil)
        try await store.linkExternalIdentity(accountID: new.id, issuer: "ldap://directory", subject: "uid=ada",
                                             entry: AuditEntry(id: ids.next(), actorID: nil, action: .linkIdentity, targetAccountID: new.id, createdAt: Date()))
        #expect(try await store.account(issuer: "ldap://directory", subject: "uid=ada")?.id == new.id)
        #expect(try await store.account(email: "ADA@example.org")?.id == new.id)
    }

    @Test("email choices start from the defaults, are saved, and name who wants each kind; the unsubscribe token stays", arguments: Engine.allCases)
    func emailChoices(engine: Engine) async throws {
        let ids = IDGenerator()
        let store = try await engine.freshStore(ids: ids)
        let ada = try await store.insertAccount(EngineStoreTests.newAccount("ada", ids: ids))
        let ben = try await store.insertAccount(EngineStoreTests.newAccount("ben", ids: ids))
        let (none, token) = try await store.emailPreferences(accountID: ada.id, newToken: "tok-ada")
        #expect(none == nil && token == "tok-ada")
        #expect(try await store.emailPreferences(accountID: ada.id, newToken: "another").unsubscribeToken == "tok-ada")
        try await store.saveEmailPreferences(accountID: ada.id, EmailPreferences(enabled: [.mentions, .weeklyDigest]), newToken: "unused")
        #expect(try await store.emailPreferences(accountID: ada.id, newToken: "x").0 == EmailPreferences(enabled: [.mentions, .weeklyDigest]))
        #expect(try await store.account(unsubscribeToken: "tok-ada")?.id == ada.id)
        #expect(try await store.accounts(wantingEmail: .weeklyDigest).map(\.id) == [ada.id])
        // Ben never chose: the kinds on by default apply to him; Ada's choice left event reminders out.
        #expect(try await store.accounts(wantingEmail: .eventReminders).map(\.id) == [ben.id])
    }

    @Test("a password reset is used once, before it expires, and ends sessions and tokens", arguments: Engine.allCases)
    func passwordResets(engine: Engine) async throws {
        let ids = IDGenerator()
        let store = try await engine.freshStore(ids: ids)
        let ada = try await store.insertAccount(EngineStoreTests.newAccount("ada", ids: ids))
        let now = Date()
        try await store.insertSession(tokenHash: "session", accountID: ada.id, expiresAt: now + 3600)
        let app = OAuthApp(id: ids.next(), clientID: "c", name: "App", redirectURIs: ["urn:ietf:wg:oauth:2.0:oob"],
                           scopes: try Scopes(parsing: "read"), website: nil)
        try await store.insertApp(app, secretHash: "s")
        try await store.insertToken(hash: "token", refreshHash: nil, appID: app.id, accountID: ada.id, scopes: "read", at: now)
        try await store.insertPasswordReset(tokenHash: "reset", accountID: ada.id, createdAt: now, expiresAt: now + 3600)
        try await store.insertPasswordReset(tokenHash: "late", accountID: ada.id, createdAt: now, expiresAt: now + 60)
        #expect(try await store.passwordReset(tokenHash: "reset", now: now)?.usable == true)
        #expect(try await store.passwordReset(tokenHash: "late", now: now + 61)?.usable == false)
        let entry = AuditEntry(id: ids.next(), actorID: ada.id, action: .passwordReset, targetAccountID: ada.id, createdAt: now)
        #expect(try await store.usePasswordReset(tokenHash: "reset", newPasswordHash: "new", now: now, entry: entry))
        #expect(try await !store.usePasswordReset(tokenHash: "reset", newPasswordHash: "again", now: now, entry: entry))
        #expect(try await store.credentials(login: "ada")?.passwordHash == "new")
        #expect(try await store.session(tokenHash: "session", now: now) == nil)
        #expect(try await store.token(hash: "token") == nil)
    }
}
