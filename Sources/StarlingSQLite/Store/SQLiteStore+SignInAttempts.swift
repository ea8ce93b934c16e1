import Foundation
import StarlingCore
import StarlingSQL

/// The sign-in throttle's failed attempts.
extension SQLiteStore {
    public func recordFailedSignIn(key: String, at: Date, forgetBefore: Date) async throws {
        try await database.writeOffPool { db in
            try db.prepare(SignInAttemptQueries.forget).bind([Self.millis(forgetBefore)]).run()
            try db.prepare(SignInAttemptQueries.insert).bind([key, Self.millis(at)]).run()
        }
    }

    public func failedSignIns(key: String, since: Date) async throws -> [Date] {
        try await database.readOffPool { db in
            try db.prepare(SignInAttemptQueries.since).bind([key, Self.millis(since)]).rows { Self.date($0.int64(0)) }
        }
    }

    public func clearFailedSignIns(key: String) async throws {
        try await database.writeOffPool { db in try db.prepare(SignInAttemptQueries.clear).bind([key]).run() }
    }
}
