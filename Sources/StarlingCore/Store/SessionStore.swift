import Foundation

/// What browser sessions need from persistence (kept by the hash of their cookie).
public protocol SessionStore: Sendable {
    func insertSession(tokenHash: String, accountID: ID, expiresAt: Date) throws
    func session(tokenHash: String, now: Date) throws -> Account?
    func deleteSession(tokenHash: String) throws
}
