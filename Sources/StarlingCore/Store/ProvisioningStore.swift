import Foundation

/// What provisioning (SCIM) and leaving need from persistence: people as the identity provider knows
/// them, the tokens it calls with, and deactivation.
public protocol ProvisioningStore: Sendable {
    /// Deactivates (`at`) or reactivates (nil) an account and records it in the audit log, in one step;
    /// deactivating also ends its sessions and revokes its tokens.
    func setDeactivated(accountID: ID, at: Date?, entry: AuditEntry) async throws
    func updateEmail(accountID: ID, email: String) async throws
    /// Sets an account's role and records it in the audit log, in one step.
    func setRole(accountID: ID, _ role: Role, entry: AuditEntry) async throws

    /// People as the identity provider sees them (deleted ones left out), matching `query`, by account id;
    /// and how many match in all.
    func provisionedUsers(_ query: ProvisionedUserQuery, offset: Int, limit: Int) async throws -> (users: [ProvisionedUser], total: Int)
    /// One person as the identity provider sees them; nil when there is none or the provider deleted them.
    func provisionedUser(accountID: ID) async throws -> ProvisionedUser?
    /// The identity with this `userName`, also a deleted one (compared without case).
    func identity(userName: String) async throws -> SCIMIdentity?
    /// Creates an account with its identity and audit entry, in one step; `DomainError.conflict` when the username,
    /// email or `userName` is taken.
    func insertProvisionedAccount(_ account: NewAccount, identity: SCIMIdentity, entry: AuditEntry) async throws -> Account
    /// Adds or replaces an account's identity; `DomainError.conflict` when another holds its `userName`.
    func saveIdentity(_ identity: SCIMIdentity) async throws

    func insertProvisioningToken(_ token: ProvisioningToken, hash: String) async throws
    /// The token with this hash, noting that it was used at `now`.
    func useProvisioningToken(hash: String, now: Date) async throws -> ProvisioningToken?
    func provisioningTokens() async throws -> [ProvisioningToken]
    func deleteProvisioningToken(id: ID) async throws
}
