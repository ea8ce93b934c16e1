import Foundation

/// What email needs from persistence: each person's choices and unsubscribe token, and password resets.
public protocol EmailStore: Sendable {
    /// A person's choices (nil: never chosen) and their unsubscribe token (made with `token` when there is none).
    func emailPreferences(accountID: ID, newToken token: String) async throws -> (EmailPreferences?, unsubscribeToken: String)
    func saveEmailPreferences(accountID: ID, _ preferences: EmailPreferences, newToken token: String) async throws
    /// The account an unsubscribe token belongs to.
    func account(unsubscribeToken: String) async throws -> Account?
    /// Active accounts that want `kind`: those who turned it on, and (for a kind on by default) those who never chose.
    func accounts(wantingEmail kind: EmailKind) async throws -> [Account]

    func insertPasswordReset(tokenHash: String, accountID: ID, createdAt: Date, expiresAt: Date) async throws
    /// The reset a token hash names: whose it is, and whether it can still be used at `now`.
    func passwordReset(tokenHash: String, now: Date) async throws -> (accountID: ID, usable: Bool)?
    /// Uses a reset, in one step: marks it used (false when it was used or expired meanwhile; nothing changes
    /// then), sets the new password hash, ends the account's sessions and app tokens, and records the audit entry.
    func usePasswordReset(tokenHash: String, newPasswordHash: String, now: Date, entry: AuditEntry) async throws -> Bool
}
