import Foundation
import StarlingCore

/// OAuth client apps and access tokens.
extension SQLiteStore {
    public func insertApp(_ app: OAuthApp, secretHash: String) throws {
        try database.write { db in
            try db.prepare("""
                INSERT INTO oauth_apps (id, client_id, secret_hash, name, redirect_uris, scopes, website) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
                .bind([app.id.rawValue, app.clientID, secretHash, app.name, app.redirectURIs.joined(separator: "\n"),
                       app.scopes.description, app.website])
                .run()
        }
    }

    public func app(clientID: String) throws -> (OAuthApp, secretHash: String)? {
        try database.read { db in
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

    public func insertToken(hash: String, appID: ID, accountID: ID?, scopes: String, at date: Date) throws {
        try database.write { db in
            try db.prepare("INSERT INTO oauth_tokens (token_hash, app_id, account_id, scopes, created_at) VALUES (?, ?, ?, ?, ?)")
                .bind([hash, appID.rawValue, accountID?.rawValue, scopes, Self.millis(date)]).run()
        }
    }

    public func token(hash: String) throws -> (appID: ID, accountID: ID?, scopes: String)? {
        try database.read { db in
            try db.prepare("SELECT app_id, account_id, scopes FROM oauth_tokens WHERE token_hash = ? AND revoked_at IS NULL")
                .bind([hash]).first { (ID($0.int64(0)), $0.optionalInt64(1).map(ID.init), $0.string(2)) }
        }
    }

    public func revokeToken(hash: String, appID: ID) throws {
        try database.write { db in
            try db.prepare("UPDATE oauth_tokens SET revoked_at = ? WHERE token_hash = ? AND app_id = ? AND revoked_at IS NULL")
                .bind([Self.millis(Date()), hash, appID.rawValue]).run()
        }
    }
}
