import Foundation
import StarlingCore
import StarlingSQL

/// People and posts from outside as they show here, and members' follows of them.
extension PostgresStore {
    public func actorAccount(uri: String) async throws -> Account? {
        try await database.read { db in try await db.first(OutsideQueries.actorAccount, [uri]) { Self.account($0) } }
    }

    public func remotePost(uri: String) async throws -> Post? {
        try await database.read { db in try await db.first(OutsideQueries.remotePost, [uri]) { Self.post($0) } }
    }

    public func saveFollowOut(accountID: ID, targetID: ID, at date: Date) async throws {
        try await database.write { db in try await db.run(OutsideQueries.saveFollow, [accountID, targetID, Self.millis(date)]) }
    }

    public func followOut(accountID: ID, targetID: ID) async throws -> FollowOut? {
        try await database.read { db in try await db.first(OutsideQueries.follow, [accountID, targetID]) { Self.followOut($0) } }
    }

    public func acceptFollowOut(accountID: ID, targetID: ID, at date: Date) async throws -> Bool {
        try await database.write { db in try await db.run(OutsideQueries.accept + " RETURNING 1", [Self.millis(date), accountID, targetID]) > 0 }
    }

    public func removeFollowOut(accountID: ID, targetID: ID) async throws -> Bool {
        try await database.write { db in try await db.run(OutsideQueries.removeFollow + " RETURNING 1", [accountID, targetID]) > 0 }
    }
}
