import Foundation

/// What single sign-on needs from persistence: which account an identity at a provider is.
public protocol SingleSignOnStore: Sendable {
    /// The account linked to `subject` at `issuer`.
    func account(issuer: String, subject: String) async throws -> Account?
    /// Creates an account that signs in through `issuer` only (no password), linked to `subject` there,
    /// with its audit entry, in one step; `DomainError.conflict` when its username or email is taken.
    func insertExternalAccount(_ account: NewAccount, issuer: String, subject: String, entry: AuditEntry) async throws -> Account
    /// Links an existing account to `subject` at `issuer` and records it in the audit log, in one step.
    func linkExternalIdentity(accountID: ID, issuer: String, subject: String, entry: AuditEntry) async throws
    /// The account with this email (compared without case).
    func account(email: String) async throws -> Account?
}
