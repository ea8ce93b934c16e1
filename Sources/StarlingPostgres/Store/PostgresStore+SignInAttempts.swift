import Foundation
import StarlingCore
import StarlingSQL

/// The sign-in throttle's failed attempts: one table for every node, so five wrong passwords through
/// different nodes count as five.
extension PostgresStore: SignInAttemptStore {
    public func recordFailedSignIn(key: String, at: Date, forgetBefore: Date) async throws {
        try await database.write { db in
            try await db.run(SignInAttemptQueries.forget, [Self.millis(forgetBefore)])
            try await db.run(SignInAttemptQueries.insert, [key, Self.millis(at)])
        }
    }

    public func failedSignIns(key: String, since: Date) async throws -> [Date] {
        try await database.read { db in try await db.rows(SignInAttemptQueries.since, [key, Self.millis(since)]) { Self.date($0.int64(0)) } }
    }

    public func clearFailedSignIns(key: String) async throws {
        try await database.write { db in try await db.run(SignInAttemptQueries.clear, [key]) }
    }
}
