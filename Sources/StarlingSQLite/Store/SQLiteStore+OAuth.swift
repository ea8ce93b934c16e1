import Foundation
import StarlingCore
import StarlingSQL

/// OAuth client apps and access tokens.
extension SQLiteStore {
    public func insertApp(_ app: OAuthApp, secretHash: String) async throws {
        try await database.writeOffPool { db in
            try db.prepare("""
                INSERT INTO oauth_apps (id, client_id, secret_hash, name, redirect_uris, scopes, website) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
                .bind([app.id.rawValue, app.clientID, secretHash, app.name, app.redirectURIs.joined(separator: "\n"),
                       app.scopes.description, app.website])
                .run()
        }
    }

    public func app(clientID: String) async throws -> (OAuthApp, secretHash: String)? {
        try await database.readOffPool { db in
            try db.prepare("SELECT id, client_id, name, redirect_uris, scopes, website, secret_hash FROM oauth_apps WHERE client_id = ?")
                .bind([clientID])
                .first { row -> (OAuthApp, secretHash: String)? in
                    guard let scopes = try? Scopes(parsing: row.string(4)) else { return nil }
                    return (OAuthApp(id: ID(row.int64(0)), clientID: row.string(1), name: row.string(2),
                              redirectURIs: row.string(3).split(separator: "\n").map(String.init),
                              scopes: scopes,
                              website: row.optionalString(5)),
                     row.string(6))
                } ?? nil
        }
    }

    public func insertToken(hash: String, refreshHash: String?, appID: ID, accountID: ID?, scopes: String, at date: Date) async throws {
        try await database.writeOffPool { db in
            try db.prepare("""
                INSERT INTO oauth_tokens (token_hash, refresh_hash, app_id, account_id, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """)
                .bind([hash, refreshHash, appID.rawValue, accountID?.rawValue, scopes, Self.millis(date)]).run()
        }
    }

    public func redeemRefreshToken(hash: String, appID: ID, at date: Date) async throws -> (accountID: ID?, scopes: String)? {
        try await database.writeOffPool { db in
            let found = try db.prepare("""
                SELECT account_id, scopes FROM oauth_tokens WHERE refresh_hash = ? AND app_id = ? AND revoked_at IS NULL
                """)
                .bind([hash, appID.rawValue]).first { ($0.optionalInt64(0).map(ID.init), $0.string(1)) }
            guard let found else { return nil }
            try db.prepare("UPDATE oauth_tokens SET revoked_at = ?, refresh_hash = NULL WHERE refresh_hash = ?")
                .bind([Self.millis(date), hash]).run()
            return found
        }
    }

    public func insertAuthorizationCode(_ code: AuthorizationCode) async throws {
        try await database.writeOffPool { db in
            try db.prepare("""
                INSERT INTO oauth_codes (code_hash, app_id, account_id, redirect_uri, scopes, code_challenge, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
                .bind([code.codeHash, code.appID.rawValue, code.accountID.rawValue, code.redirectURI, code.scopes,
                       code.codeChallenge, Self.millis(code.expiresAt)]).run()
        }
    }

    public func redeemAuthorizationCode(hash: String, at date: Date) async throws -> AuthorizationCode? {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE oauth_codes SET used = 1 WHERE code_hash = ? AND used = 0 AND expires_at > ?")
                .bind([hash, Self.millis(date)]).run()
            guard db.changes == 1 else { return nil }
            return try db.prepare("""
                SELECT app_id, account_id, redirect_uri, scopes, code_challenge, expires_at FROM oauth_codes WHERE code_hash = ?
                """)
                .bind([hash])
                .first { row in
                    AuthorizationCode(codeHash: hash, appID: ID(row.int64(0)), accountID: ID(row.int64(1)), redirectURI: row.string(2),
                                      scopes: row.string(3), codeChallenge: row.optionalString(4), expiresAt: Self.date(row.int64(5)))
                }
        }
    }

    public func token(hash: String) async throws -> (appID: ID, accountID: ID?, account: Account?, scopes: String, changeStamp: ChangeStamp)? {
        try await database.readOffPool { db in
            // On the same trip to SQLite's threads, the stamp before the token's row.
            let changeStamp = try self.database.changeStamp()
            return try db.prepare("""
                SELECT t.app_id, t.account_id, t.scopes, \(Self.accountColumns)
                FROM oauth_tokens t LEFT JOIN accounts a ON a.id = t.account_id
                WHERE t.token_hash = ? AND t.revoked_at IS NULL AND a.suspended_at IS NULL AND a.deactivated_at IS NULL
                """)
                .bind([hash])
                .first { row in
                    (ID(row.int64(0)), row.optionalInt64(1).map(ID.init), row.isNull(3) ? nil : Self.account(row, from: 3), row.string(2),
                     changeStamp)
                }
        }
    }

    public func revokeToken(hash: String, appID: ID) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE oauth_tokens SET revoked_at = ? WHERE token_hash = ? AND app_id = ? AND revoked_at IS NULL")
                .bind([Self.millis(Date()), hash, appID.rawValue]).run()
        }
    }
}
