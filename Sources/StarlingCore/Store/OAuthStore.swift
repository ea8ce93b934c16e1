import Foundation

/// What the OAuth server needs from persistence: client apps, tokens (by their hash) and authorization codes.
public protocol OAuthStore: Sendable {
    func insertApp(_ app: OAuthApp, secretHash: String) async throws
    func app(clientID: String) async throws -> (OAuthApp, secretHash: String)?
    func insertToken(hash: String, refreshHash: String?, appID: ID, accountID: ID?, scopes: String, at: Date) async throws
    /// Revokes the token a refresh token belongs to and returns what it granted (once).
    func redeemRefreshToken(hash: String, appID: ID, at: Date) async throws -> (accountID: ID?, scopes: String)?
    func insertAuthorizationCode(_ code: AuthorizationCode) async throws
    /// Marks a code used and returns it, if it exists, is unused and has not expired.
    func redeemAuthorizationCode(hash: String, at: Date) async throws -> AuthorizationCode?
    /// A live token by its hash, with the account it acts for and the change stamp (`Store.changeStamp`),
    /// all read together, the stamp first: every API request asks, and a kept page is checked against the stamp.
    func token(hash: String) async throws -> (appID: ID, accountID: ID?, account: Account?, scopes: String, changeStamp: ChangeStamp)?
    func revokeToken(hash: String, appID: ID) async throws
}
