import Foundation

/// What accounts need from persistence: creating them, finding them (also for sign-in), and their profiles.
public protocol AccountStore: Sendable {
    func insertAccount(_ account: NewAccount) throws -> Account
    func account(id: ID) throws -> Account?
    func account(username: String) throws -> Account?
    /// Finds by username or email, for sign-in; also returns the stored password hash.
    func credentials(login: String) throws -> (Account, passwordHash: String)?
    func updateProfile(accountID: ID, displayName: String, bio: String, timeZone: String?) throws
    func updatePasswordHash(accountID: ID, hash: String) throws
    /// Sets (or clears, with nil) the file name of an uploaded avatar.
    func updateAvatar(accountID: ID, path: String?) throws
    func accounts(page: PageRequest) throws -> [Account]
    func accountCount() throws -> Int
}
