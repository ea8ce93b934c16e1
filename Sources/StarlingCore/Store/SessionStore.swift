import Foundation

/// What browser sessions need from persistence (kept by the hash of their cookie).
public protocol SessionStore: Sendable {
    func insertSession(tokenHash: String, accountID: ID, expiresAt: Date) async throws
    func session(tokenHash: String, now: Date) async throws -> Account?
    func deleteSession(tokenHash: String) async throws
}
