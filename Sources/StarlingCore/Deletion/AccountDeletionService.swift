import Foundation
import HummingbirdBcrypt

/// Deleting an account when its owner asks (or an admin decides). Deletion takes effect at once: the
/// person is signed out everywhere and nobody sees the account or its posts any more; a job then erases
/// posts, media and everything else about them in batches. Only a nameless row stays, for what they made
/// for others (programs, events, plans, knowledge pages) and for the audit log. The same job machinery
/// removes the posts of someone who left (deactivated) when an admin asks, keeping the account.
///
/// An admin setting says whether a request needs an admin's approval first (off by default: people
/// delete their own accounts, as on Mastodon).
public struct AccountDeletionService: Sendable {
    static let approvalKey = "account_deletion_needs_approval"
    /// Posts erased per transaction: small enough that other writers wait only milliseconds between batches.
    static let batchSize = 200
    /// How long a deleted member's signing key is kept: until the last retry of their actor's `Delete`, and a day more.
    public static let keyKeptAfterDeletion = RetryPolicy.federation.span + 24 * 3600

    let store: any Store
    let files: any FileStore
    let ids: IDGenerator
    let settings: InstanceSettings
    let jobs: JobQueue
    let events: any EventBus
    let email: EmailService
    let policy: SignInPolicy
    let outbound: OutboundFederation

    /// What became of a person's request.
    public enum Outcome: Sendable, Equatable {
        /// The account is deleted; its data is being erased.
        case deleted
        /// An admin has to approve it first.
        case awaitingApproval
    }

    public init(store: any Store, files: any FileStore, ids: IDGenerator, settings: InstanceSettings, jobs: JobQueue,
                events: any EventBus, email: EmailService, policy: SignInPolicy, outbound: OutboundFederation) {
        self.store = store
        self.files = files
        self.ids = ids
        self.settings = settings
        self.jobs = jobs
        self.events = events
        self.email = email
        self.policy = policy
        self.outbound = outbound
    }

    // MARK: The setting

    public func needsApproval() async throws -> Bool { try await store.setting(Self.approvalKey) == "true" }

    public func setNeedsApproval(_ needed: Bool, by admin: Account) async throws {
        try requireAdmin(admin)
        try await store.setSetting(Self.approvalKey, value: needed ? "true" : "false")
    }

    // MARK: The owner

    /// How the owner confirms: with their password when they have one that works here, else by typing their username.
    public func confirmsWithPassword(_ account: Account) async throws -> Bool {
        guard let (_, hash) = try await store.credentials(login: account.username) else { return false }
        return !hash.isEmpty && policy.allowsPassword(for: account)
    }

    /// The owner asks to delete their account, confirming with their password (or username, see
    /// `confirmsWithPassword`). Deleted at once, or kept for an admin's approval when the setting says so.
    public func request(by account: Account, confirmation: String, now: Date = Date()) async throws -> Outcome {
        guard account.deletedAt == nil else { throw DomainError.notFound }
        try await checkConfirmation(confirmation, of: account)
        try await requireAnotherAdmin(besides: account)
        guard try await needsApproval() else {
            try await delete(account, by: nil, now: now)
            return .deleted
        }
        guard account.deletionRequestedAt == nil else { return .awaitingApproval }
        try await store.setDeletionRequested(accountID: account.id, at: now, entry: AuditEntry(
            id: ids.next(at: now), actorID: account.id, action: .deletionRequested, targetAccountID: account.id, createdAt: now))
        return .awaitingApproval
    }

    /// The owner changes their mind before an admin decided.
    public func withdraw(by account: Account, now: Date = Date()) async throws {
        guard account.deletionRequestedAt != nil, account.deletedAt == nil else { return }
        try await store.setDeletionRequested(accountID: account.id, at: nil, entry: AuditEntry(
            id: ids.next(at: now), actorID: account.id, action: .deletionWithdrawn, targetAccountID: account.id, createdAt: now))
    }

    // MARK: Admins

    /// Requests waiting for an admin, oldest first.
    public func pendingRequests(by admin: Account) async throws -> [Account] {
        try requireAdmin(admin)
        return try await store.accountsAwaitingDeletion()
    }

    /// An admin approves a pending request: the account is deleted.
    public func approve(_ accountID: ID, by admin: Account, now: Date = Date()) async throws {
        try requireAdmin(admin)
        guard let account = try await store.account(id: accountID), account.deletedAt == nil, account.deletionRequestedAt != nil else {
            throw DomainError.notFound
        }
        try await requireAnotherAdmin(besides: account)
        try await delete(account, by: admin, now: now)
    }

    /// An admin declines a pending request, saying why; the owner is told by email when email is on.
    public func decline(_ accountID: ID, by admin: Account, reason: String, now: Date = Date()) async throws {
        try requireAdmin(admin)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...500).contains(reason.count) else {
            throw DomainError.invalid(field: "reason", message: "Say in 1 to 500 characters why the account stays.")
        }
        guard let account = try await store.account(id: accountID), account.deletedAt == nil, account.deletionRequestedAt != nil else {
            throw DomainError.notFound
        }
        try await store.setDeletionRequested(accountID: account.id, at: nil, entry: AuditEntry(
            id: ids.next(at: now), actorID: admin.id, action: .deletionDeclined, targetAccountID: account.id, reason: reason, createdAt: now))
        try await tell(account, subject: "Your account stays", paragraphs: [
            "You asked to delete your account @\(account.username). \(admin.name) kept it, saying:", reason,
            "Ask them if you have questions, or ask again in your settings."], now: now)
    }

    /// An admin deletes someone's account without a request (someone who left, say). Not their own: they ask like everyone.
    public func delete(_ accountID: ID, by admin: Account, now: Date = Date()) async throws {
        try requireAdmin(admin)
        guard accountID != admin.id else {
            throw DomainError.invalid(field: "account_id", message: "Delete your own account in your settings.")
        }
        guard let account = try await store.account(id: accountID), account.deletedAt == nil else { throw DomainError.notFound }
        try await requireAnotherAdmin(besides: account)
        try await delete(account, by: admin, now: now)
    }

    /// An admin has the posts and reposts of someone who left (deactivated, not deleted) removed; the account
    /// stays, deactivated, and can still be reactivated, without those posts. Done by a job, in batches.
    public func removePosts(of accountID: ID, by admin: Account, now: Date = Date()) async throws {
        try requireAdmin(admin)
        guard let account = try await store.account(id: accountID), account.deletedAt == nil else { throw DomainError.notFound }
        guard account.deactivatedAt != nil else {
            throw DomainError.invalid(field: "account_id", message: "Deactivate @\(account.username) first: only the posts of someone who left are removed.")
        }
        try await store.insertAuditEntry(AuditEntry(id: ids.next(at: now), actorID: admin.id, action: .removePosts,
                                              targetAccountID: account.id, createdAt: now))
        try await jobs.enqueue(JobKind.removePosts, key: "remove-posts:\(account.id)", payload: account.id.description, at: now, now: now)
    }

    // MARK: Erasing

    /// The job handler: erases the deleted account's posts batch by batch (each its own transaction, telling open
    /// streams they are gone), then everything else. Running it again after a crash picks up where it stopped.
    public func erase(_ accountID: ID) async throws {
        guard let account = try await store.account(id: accountID), account.deletedAt != nil else { return }
        try await purgePosts(of: accountID)
        for file in try await store.eraseDeletedAccount(accountID: accountID) { try? await files.delete(file) }
    }

    /// Removes every post of an account that can no longer sign in, one batch per transaction, telling open
    /// streams each is gone. Stops early if the account was reactivated meanwhile.
    func purgePosts(of accountID: ID) async throws {
        while true {
            let batch = try await store.purgePosts(of: accountID, limit: Self.batchSize)
            for file in batch.files { try? await files.delete(file) }
            for postID in batch.postIDs { events.publish(.deleted(postID)) }
            if batch.postIDs.count < Self.batchSize { break }
        }
    }

    private func delete(_ account: Account, by admin: Account?, now: Date) async throws {
        // Told first, while the address is still known.
        try await tell(account, subject: "Your account was deleted", paragraphs: [
            "Your account @\(account.username) at \(settings.name) was deleted\(admin.map { " by \($0.name)" } ?? ", as you asked").",
            "Your posts, media and other data are being erased now. Thank you for learning with us."], now: now)
        try await store.markDeleted(accountID: account.id, at: now, entry: AuditEntry(
            id: ids.next(at: now), actorID: admin?.id ?? account.id, action: .deleteAccount, targetAccountID: account.id,
            reason: admin == nil ? "asked by the owner" : account.deletionRequestedAt != nil ? "approved the owner's request" : "",
            createdAt: now))
        events.publish(.accessEnded(account.id))
        try await outbound.accountDeleted(account, now: now)
        try await jobs.enqueue(JobKind.eraseAccount, key: "erase-account:\(account.id)", payload: account.id.description, at: now, now: now)
        try await jobs.enqueue(JobKind.forgetActorKey, key: "forget-actor-key:\(account.id)", payload: account.id.description,
                               at: now + Self.keyKeptAfterDeletion, now: now)
    }

    /// The job handler: forgets a deleted member's signing key (`keyKeptAfterDeletion` after the deletion).
    public func forgetKey(_ accountID: ID) async throws {
        guard let account = try await store.account(id: accountID), account.deletedAt != nil else { return }
        try await store.removeActorKey(ownerID: accountID)
    }

    private func tell(_ account: Account, subject: String, paragraphs: [String], now: Date) async throws {
        guard email.isEnabled, AccountService.isEmail(account.email) else { return }
        let message = EmailLayout(organization: settings.name, greeting: "Hello \(account.name),", paragraphs: paragraphs,
                                  action: nil, footer: "You get this email because it concerns your account.")
            .message(to: account.email, subject: subject)
        try await email.enqueue(message, kind: "account", now: now)
    }

    private func checkConfirmation(_ confirmation: String, of account: Account) async throws {
        if try await confirmsWithPassword(account) {
            guard let (_, hash) = try await store.credentials(login: account.username), Bcrypt.verify(confirmation, hash: hash) else {
                throw DomainError.invalid(field: "confirmation", message: "That is not your password.")
            }
        } else {
            guard confirmation.trimmingCharacters(in: .whitespaces).lowercased() == account.username.lowercased() else {
                throw DomainError.invalid(field: "confirmation", message: "Type your username, \(account.username), to confirm.")
            }
        }
    }

    /// The organization keeps at least one admin who can sign in.
    private func requireAnotherAdmin(besides account: Account) async throws {
        guard account.role == .admin, account.deactivatedAt == nil, account.suspendedAt == nil else { return }
        guard try await store.activeAdminCount() > 1 else {
            throw DomainError.invalid(field: "account_id", message: "@\(account.username) is the only admin: make someone else an admin first.")
        }
    }

    private func requireAdmin(_ account: Account) throws {
        guard account.role == .admin else { throw DomainError.forbidden("Only admins decide on deleting accounts.") }
    }
}
