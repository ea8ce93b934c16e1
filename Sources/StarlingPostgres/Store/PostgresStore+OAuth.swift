import Foundation
import StarlingCore
import StarlingSQL

/// OAuth client apps, authorization codes and access tokens. A code or refresh token is redeemed by one
/// conditional update that returns what it took, so two nodes redeeming it at once cannot both succeed.
extension PostgresStore: OAuthStore {
    public func insertApp(_ app: OAuthApp, secretHash: String) async throws {
        try await database.write { db in
            try await db.run("INSERT INTO oauth_apps (id, client_id, secret_hash, name, redirect_uris, scopes, website) VALUES (?, ?, ?, ?, ?, ?, ?)",
                             [app.id, app.clientID, secretHash, app.name, app.redirectURIs.joined(separator: "\n"), app.scopes.description, app.website])
        }
    }

    public func app(clientID: String) async throws -> (OAuthApp, secretHash: String)? {
        let found = try await database.read { db in
            try await db.first("SELECT id, client_id, name, redirect_uris, scopes, website, secret_hash FROM oauth_apps WHERE client_id = ?",
                               [clientID]) { row -> (OAuthApp, String)? in
                guard let scopes = try? Scopes(parsing: row.string(4)) else { return nil }
                return (OAuthApp(id: ID(row.int64(0)), clientID: row.string(1), name: row.string(2),
                                 redirectURIs: row.string(3).split(separator: "\n").map(String.init), scopes: scopes, website: row.optionalString(5)),
                        row.string(6))
            } ?? nil
        }
        return found.map { ($0.0, secretHash: $0.1) }
    }

    public func insertToken(hash: String, refreshHash: String?, appID: ID, accountID: ID?, scopes: String, at date: Date) async throws {
        try await database.write { db in
            try await db.run("INSERT INTO oauth_tokens (token_hash, refresh_hash, app_id, account_id, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                             [hash, refreshHash, appID, accountID, scopes, Self.millis(date)])
        }
    }

    public func redeemRefreshToken(hash: String, appID: ID, at date: Date) async throws -> (accountID: ID?, scopes: String)? {
        let found = try await database.write { db in
            try await db.first("""
                UPDATE oauth_tokens SET revoked_at = ?, refresh_hash = NULL
                WHERE refresh_hash = ? AND app_id = ? AND revoked_at IS NULL
                RETURNING account_id, scopes
                """, [Self.millis(date), hash, appID]) { ($0.optionalInt64(0).map(ID.init), $0.string(1)) }
        }
        return found.map { (accountID: $0.0, scopes: $0.1) }
    }

    public func insertAuthorizationCode(_ code: AuthorizationCode) async throws {
        try await database.write { db in
            try await db.run("""
                INSERT INTO oauth_codes (code_hash, app_id, account_id, redirect_uri, scopes, code_challenge, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [code.codeHash, code.appID, code.accountID, code.redirectURI, code.scopes, code.codeChallenge, Self.millis(code.expiresAt)])
        }
    }

    public func redeemAuthorizationCode(hash: String, at date: Date) async throws -> AuthorizationCode? {
        try await database.write { db in
            try await db.first("""
                UPDATE oauth_codes SET used = TRUE WHERE code_hash = ? AND NOT used AND expires_at > ?
                RETURNING app_id, account_id, redirect_uri, scopes, code_challenge, expires_at
                """, [hash, Self.millis(date)]) { row in
                AuthorizationCode(codeHash: hash, appID: ID(row.int64(0)), accountID: ID(row.int64(1)), redirectURI: row.string(2),
                                  scopes: row.string(3), codeChallenge: row.optionalString(4), expiresAt: Self.date(row.int64(5)))
            }
        }
    }

    public func token(hash: String) async throws -> (appID: ID, accountID: ID?, account: Account?, scopes: String, changeStamp: ChangeStamp)? {
        // One round trip: the stamp is two uncorrelated subqueries, evaluated before the token's row is read.
        let found = try await database.read { db in
            try await db.first("""
                SELECT \(PostgresDatabase.changeStampColumns), t.app_id, t.account_id, t.scopes, \(Self.accountColumns)
                FROM oauth_tokens t LEFT JOIN accounts a ON a.id = t.account_id
                WHERE t.token_hash = ? AND t.revoked_at IS NULL AND a.suspended_at IS NULL AND a.deactivated_at IS NULL
                """, [hash]) { row in
                (ID(row.int64(2)), row.optionalInt64(3).map(ID.init), row.isNull(5) ? nil : Self.account(row, from: 5), row.string(4),
                 PostgresDatabase.changeStamp(row, from: 0))
            }
        }
        return found.map { (appID: $0.0, accountID: $0.1, account: $0.2, scopes: $0.3, changeStamp: $0.4) }
    }

    public func revokeToken(hash: String, appID: ID) async throws {
        try await database.write { db in
            try await db.run("UPDATE oauth_tokens SET revoked_at = ? WHERE token_hash = ? AND app_id = ? AND revoked_at IS NULL",
                             [Self.millis(Date()), hash, appID])
        }
    }
}
