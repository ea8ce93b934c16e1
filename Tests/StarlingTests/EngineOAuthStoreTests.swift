import Foundation
import Testing
@testable import StarlingCore

/// OAuth apps, codes and tokens in the store, on both engines; codes and refresh tokens are redeemed once,
/// also by two nodes at the same moment.
@Suite("OAuth store on both engines")
struct EngineOAuthStoreTests {
    /// An app and an account to hold its tokens.
    static func setUp(_ store: Engine.Stores) async throws -> (OAuthApp, Account) {
        let ids = IDGenerator()
        let app = OAuthApp(id: ids.next(), clientID: "client-1", name: "Toot", redirectURIs: ["urn:ietf:wg:oauth:2.0:oob", "https://app.example/cb"],
                           scopes: try Scopes(parsing: "read write"), website: "https://app.example")
        try await store.insertApp(app, secretHash: "secret-hash")
        let ada = try await store.insertAccount(EngineStoreTests.newAccount("ada", ids: ids))
        return (app, ada)
    }

    @Test("an app is found by its client id with its secret's hash", arguments: Engine.allCases)
    func apps(engine: Engine) async throws {
        let (store, _) = try await engine.twoNodes()
        let (app, _) = try await Self.setUp(store)
        let found = try #require(try await store.app(clientID: "client-1"))
        #expect(found.0.id == app.id && found.0.redirectURIs == app.redirectURIs && found.0.website == "https://app.example")
        #expect(found.0.scopes.description == app.scopes.description && found.secretHash == "secret-hash")
        #expect(try await store.app(clientID: "client-2") == nil)
    }

    @Test("an authorization code is redeemed once, by one of two nodes at the same moment, and not after it expires", arguments: Engine.allCases)
    func codes(engine: Engine) async throws {
        let (nodeA, nodeB) = try await engine.twoNodes()
        let (app, ada) = try await Self.setUp(nodeA)
        let now = Date()
        for hash in ["code-1", "code-2"] {
            try await nodeA.insertAuthorizationCode(AuthorizationCode(codeHash: hash, appID: app.id, accountID: ada.id, redirectURI: "https://app.example/cb",
                                                                      scopes: "read", codeChallenge: "abc", expiresAt: now + 600))
        }
        async let first = nodeA.redeemAuthorizationCode(hash: "code-1", at: now)
        async let second = nodeB.redeemAuthorizationCode(hash: "code-1", at: now)
        let redeemed = try await [first, second].compactMap { $0 }
        #expect(redeemed.count == 1)
        #expect(redeemed.first?.accountID == ada.id && redeemed.first?.codeChallenge == "abc" && redeemed.first?.redirectURI == "https://app.example/cb")
        #expect(try await nodeB.redeemAuthorizationCode(hash: "code-2", at: now + 601) == nil)
    }

    @Test("a token finds its app, account and scopes until revoked; a refresh token is redeemed once", arguments: Engine.allCases)
    func tokens(engine: Engine) async throws {
        let (nodeA, nodeB) = try await engine.twoNodes()
        let (app, ada) = try await Self.setUp(nodeA)
        let now = Date()
        try await nodeA.insertToken(hash: "token-1", refreshHash: "refresh-1", appID: app.id, accountID: ada.id, scopes: "read write", at: now)
        try await nodeA.insertToken(hash: "app-token", refreshHash: nil, appID: app.id, accountID: nil, scopes: "read", at: now)
        let found = try #require(try await nodeB.token(hash: "token-1"))
        #expect(found.appID == app.id && found.accountID == ada.id && found.account?.username == "ada" && found.scopes == "read write")
        let appOnly = try #require(try await nodeB.token(hash: "app-token"))
        #expect(appOnly.accountID == nil && appOnly.account == nil)

        async let first = nodeA.redeemRefreshToken(hash: "refresh-1", appID: app.id, at: now)
        async let second = nodeB.redeemRefreshToken(hash: "refresh-1", appID: app.id, at: now)
        let redeemed = try await [first, second].compactMap { $0 }
        #expect(redeemed.count == 1 && redeemed.first?.accountID == ada.id && redeemed.first?.scopes == "read write")
        #expect(try await nodeA.token(hash: "token-1") == nil) // refreshing retires the old token

        try await nodeB.revokeToken(hash: "app-token", appID: app.id)
        #expect(try await nodeA.token(hash: "app-token") == nil)
    }
}
