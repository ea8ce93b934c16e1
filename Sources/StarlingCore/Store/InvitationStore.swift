import Foundation

/// What invitations need from persistence: links with a role, and signing up through one.
public protocol InvitationStore: Sendable {
    func insertInvitation(_ invitation: Invitation) async throws
    func invitation(code: String) async throws -> Invitation?
    func invitations() async throws -> [Invitation]
    /// Creates the account and marks the invitation used, in one step; nil when it was already used.
    func redeemInvitation(code: String, account: NewAccount, at: Date) async throws -> Account?
}
