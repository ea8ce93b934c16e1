import Foundation

/// What accounts need from persistence: creating them, finding them (also for sign-in), and their profiles.
public protocol AccountStore: Sendable {
    func insertAccount(_ account: NewAccount) async throws -> Account
    func account(id: ID) async throws -> Account?
    /// A member by username, or, for `name@domain`, someone outside known here by that handle (`Account.handle`).
    func account(username: String) async throws -> Account?
    /// Finds by username or email, for sign-in; also returns the stored password hash.
    func credentials(login: String) async throws -> (Account, passwordHash: String)?
    func updateProfile(accountID: ID, displayName: String, bio: String, timeZone: String?) async throws
    func updatePasswordHash(accountID: ID, hash: String) async throws
    /// Sets (or clears, with nil) the file name of an uploaded avatar.
    func updateAvatar(accountID: ID, path: String?) async throws
    func accounts(page: PageRequest) async throws -> [Account]
    func accountCount() async throws -> Int
}
