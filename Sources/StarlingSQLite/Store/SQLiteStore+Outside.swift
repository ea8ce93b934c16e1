import Foundation
import StarlingCore
import StarlingSQL

/// People and posts from outside as they show here, and members' follows of them.
extension SQLiteStore {
    public func actorAccount(uri: String) async throws -> Account? {
        try await database.readOffPool { db in try db.prepare(OutsideQueries.actorAccount).bind([uri]).first { Self.account($0) } }
    }

    public func remotePost(uri: String) async throws -> Post? {
        try await database.readOffPool { db in try db.prepare(OutsideQueries.remotePost).bind([uri]).first { Self.post($0) } }
    }

    public func saveFollowOut(accountID: ID, targetID: ID, at date: Date) async throws {
        try await database.writeOffPool { db in
            try db.prepare(OutsideQueries.saveFollow).bind([accountID.rawValue, targetID.rawValue, Self.millis(date)]).run()
        }
    }

    public func followOut(accountID: ID, targetID: ID) async throws -> FollowOut? {
        try await database.readOffPool { db in
            try db.prepare(OutsideQueries.follow).bind([accountID.rawValue, targetID.rawValue]).first { Self.followOut($0) }
        }
    }

    public func acceptFollowOut(accountID: ID, targetID: ID, at date: Date) async throws -> Bool {
        try await database.writeOffPool { db in
            try db.prepare(OutsideQueries.accept).bind([Self.millis(date), accountID.rawValue, targetID.rawValue]).run()
            return db.changes > 0
        }
    }

    public func removeFollowOut(accountID: ID, targetID: ID) async throws -> Bool {
        try await database.writeOffPool { db in
            try db.prepare(OutsideQueries.removeFollow).bind([accountID.rawValue, targetID.rawValue]).run()
            return db.changes > 0
        }
    }
}
