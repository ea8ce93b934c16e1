import Foundation
import HummingbirdBcrypt

/// Forgotten passwords of local accounts: a link by email with an unguessable token (only its hash is
/// kept), good for one hour and one use. Asking never tells whether an account has that email.
public struct PasswordResets: Sendable {
    public static let lifetime: TimeInterval = 3600

    let store: any Store
    let ids: IDGenerator
    let settings: InstanceSettings
    let email: EmailService
    let policy: SignInPolicy
    let events: any EventBus

    public init(store: any Store, ids: IDGenerator, settings: InstanceSettings, email: EmailService, policy: SignInPolicy, events: any EventBus) {
        self.store = store
        self.ids = ids
        self.settings = settings
        self.email = email
        self.policy = policy
        self.events = events
    }

    /// Emails a reset link to the account with this address, when there is one that signs in with a password here.
    public func request(email address: String, now: Date = Date()) async throws {
        guard email.isEnabled else { throw DomainError.forbidden("Email is off on this server: ask an admin to set a new password.") }
        guard let (account, hash) = try await store.credentials(login: address.trimmingCharacters(in: .whitespaces)),
              account.email.caseInsensitiveCompare(address.trimmingCharacters(in: .whitespaces)) == .orderedSame,
              !hash.isEmpty, policy.allowsPassword(for: account), account.deactivatedAt == nil, account.suspendedAt == nil else { return }
        let token = Token.random()
        try await store.insertPasswordReset(tokenHash: SHA256.hex(token), accountID: account.id, createdAt: now, expiresAt: now + Self.lifetime)
        let link = "\(settings.baseURL)/password/reset/\(token)"
        let message = EmailLayout(
            organization: settings.name, greeting: "Hello \(account.name),",
            paragraphs: ["Someone (we hope you) asked to set a new password for @\(account.username) at \(settings.name).",
                         "The link works once, within an hour. If you did not ask, ignore this email: your password stays as it is."],
            action: ("Set a new password", link), footer: "Sent because a new password was asked for at \(settings.baseURL)/password/forgot.")
            .message(to: account.email, subject: "Set a new password for \(settings.name)")
        try await email.enqueue(message, kind: "password_reset", now: now)
    }

    /// Whether a link can still be used (to show its form); a used or expired one is refused and audited.
    public func check(token: String, now: Date = Date()) async throws {
        guard let (accountID, usable) = try await store.passwordReset(tokenHash: SHA256.hex(token), now: now) else { throw Self.unusable }
        guard usable else {
            try await audit(.passwordResetRefused, accountID, "used or expired link", now: now)
            throw Self.unusable
        }
    }

    /// Sets the new password with a link, once: the account's sessions, app tokens and open streams end (whoever
    /// else knew the old password is out), and the audit log records it.
    public func reset(token: String, newPassword: String, now: Date = Date()) async throws {
        try AccountService.checkPassword(newPassword)
        guard let (accountID, usable) = try await store.passwordReset(tokenHash: SHA256.hex(token), now: now) else { throw Self.unusable }
        let entry = AuditEntry(id: ids.next(at: now), actorID: accountID, action: .passwordReset, targetAccountID: accountID, createdAt: now)
        guard usable, try await store.usePasswordReset(tokenHash: SHA256.hex(token), newPasswordHash: Bcrypt.hash(newPassword, cost: settings.passwordCost),
                                                  now: now, entry: entry) else {
            try await audit(.passwordResetRefused, accountID, "used or expired link", now: now)
            throw Self.unusable
        }
        events.publish(.accessEnded(accountID))
    }

    static let unusable = DomainError.forbidden("This link was already used or has expired. Ask for a new one.")

    private func audit(_ action: AuditEntry.Action, _ accountID: ID, _ reason: String, now: Date) async throws {
        try await store.insertAuditEntry(AuditEntry(id: ids.next(at: now), actorID: nil, action: action, targetAccountID: accountID, reason: reason, createdAt: now))
    }
}
