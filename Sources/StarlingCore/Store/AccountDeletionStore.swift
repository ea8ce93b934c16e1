import Foundation

/// What deleting an account needs from persistence: the request, the moment it is deleted, and erasing
/// what it leaves behind in steps small enough that other writers keep going meanwhile.
public protocol AccountDeletionStore: Sendable {
    /// Records (or, with nil, withdraws) a person's request to delete their account, with its audit entry.
    func setDeletionRequested(accountID: ID, at date: Date?, entry: AuditEntry) async throws
    /// Admins who can still sign in (not deactivated, suspended or deleted).
    func activeAdminCount() async throws -> Int
    /// Accounts whose owners asked for deletion that an admin has not decided on yet, oldest request first.
    func accountsAwaitingDeletion() async throws -> [Account]
    /// Marks the account deleted, in one step: it is deactivated if it was not, its sessions end, its app
    /// tokens are revoked, and the audit entry is recorded. Nobody sees it or its posts from then on.
    func markDeleted(accountID: ID, at date: Date, entry: AuditEntry) async throws
    /// Deletes up to `limit` posts and reposts of an account that can no longer sign in (deactivated or deleted;
    /// of a deleted one also the posts sent to it alone), keeping every count right. Returns their ids and the
    /// media files they had; none left when fewer come back, none at all for an account that can sign in.
    func purgePosts(of accountID: ID, limit: Int) async throws -> (postIDs: [ID], files: [String])
    /// Erases everything else of the deleted account that is about them (follows, likes, bookmarks, lists,
    /// memberships, commitments, reviews, activity, sign-in identities, …) and clears its profile, keeping
    /// only the row that things made for others (programs, events, plans, audit entries) still name.
    /// Returns the media files it had (its avatar, uploads never posted).
    func eraseDeletedAccount(accountID: ID) async throws -> [String]
}
