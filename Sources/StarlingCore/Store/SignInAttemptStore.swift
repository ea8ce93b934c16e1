import Foundation

/// What the sign-in throttle needs from persistence: failed attempts per name, in the database so that
/// every node of one organization counts the same attempts.
public protocol SignInAttemptStore: Sendable {
    /// Records a failed attempt for `key`, and forgets every name's attempts older than `forgetBefore`.
    func recordFailedSignIn(key: String, at: Date, forgetBefore: Date) async throws
    /// The moments of `key`'s failed attempts since `since`, oldest first.
    func failedSignIns(key: String, since: Date) async throws -> [Date]
    func clearFailedSignIns(key: String) async throws
}
