import Foundation

/// Signing in with the organization's identity provider or directory: the first sign-in creates the
/// account (or takes over the one with the same verified email, when an admin allowed it), later ones
/// find it by the provider's lasting id; roles can follow the provider's groups. Refusals that concern
/// an account are recorded in the audit log.
public struct SingleSignOnService: Sendable {
    let store: any Store
    let ids: IDGenerator
    let policy: SignInPolicy
    let metrics: ServerMetrics

    public init(store: any Store, ids: IDGenerator, policy: SignInPolicy, metrics: ServerMetrics) {
        self.store = store
        self.ids = ids
        self.policy = policy
        self.metrics = metrics
    }

    /// Signs in the person the provider vouched for; returns their account and a new session token.
    public func signIn(_ identity: ExternalIdentity, now: Date = Date()) async throws -> (Account, token: String) {
        do {
            let account = try await account(for: identity, now: now)
            let token = Token.random()
            try await store.insertSession(tokenHash: SHA256.hex(token), accountID: account.id, expiresAt: now + AccountService.sessionLifetime)
            metrics.signIn(identity.method, succeeded: true)
            return (account, token)
        } catch {
            metrics.signIn(identity.method, succeeded: false)
            throw error
        }
    }

    /// Counts a sign-in the provider or directory refused (a bad token, a wrong password) and, when it is known
    /// whose account it concerns (`subject`), records it in that account's audit log.
    public func recordFailure(_ method: SignInMethod, issuer: String, subject: String?, reason: String, now: Date = Date()) async throws {
        metrics.signIn(method, succeeded: false)
        if let subject, let account = try await store.account(issuer: issuer, subject: subject) {
            try await recordRefusal(of: account, reason: "\(method.rawValue): \(reason)", now: now)
        }
    }

    /// Records in the audit log that a sign-in for `account` was refused, and why.
    func recordRefusal(of account: Account, reason: String, now: Date = Date()) async throws {
        try await store.insertAuditEntry(AuditEntry(id: ids.next(at: now), actorID: nil, action: .signInRefused, targetAccountID: account.id,
                                              reason: String(reason.prefix(500)), createdAt: now))
    }

    private func account(for identity: ExternalIdentity, now: Date) async throws -> Account {
        var account = if let linked = try await store.account(issuer: identity.issuer, subject: identity.subject) {
            linked
        } else {
            try await firstSignIn(identity, now: now)
        }
        if account.deactivatedAt != nil {
            try await recordRefusal(of: account, reason: "deactivated (\(identity.method.rawValue))", now: now)
            throw DomainError.forbidden("This account was deactivated when its owner left the organization. Ask an admin if that is wrong.")
        }
        if account.suspendedAt != nil {
            try await recordRefusal(of: account, reason: "suspended (\(identity.method.rawValue))", now: now)
            throw DomainError.forbidden("This account is suspended. Ask the organization's moderators.")
        }
        if let role = policy.role(forGroups: identity.groups), role != account.role {
            try await store.setRole(accountID: account.id, role, entry: AuditEntry(
                id: ids.next(at: now), actorID: nil, action: .changeRole, targetAccountID: account.id,
                reason: "\(role.rawValue) (groups at \(identity.issuer))", createdAt: now))
            account.role = role
        }
        return account
    }

    /// The account for someone signing in for the first time: the existing one with their verified email when
    /// admins allowed taking it over, else a new one.
    private func firstSignIn(_ identity: ExternalIdentity, now: Date) async throws -> Account {
        guard let email = identity.email, AccountService.isEmail(email) else {
            throw DomainError.forbidden("The identity provider did not say the email address of this person, and Starling needs one. "
                + "Ask an admin to let the provider share it (the email scope or attribute).")
        }
        if let existing = try await store.account(email: email) {
            guard policy.linksByVerifiedEmail, identity.emailVerified else {
                try await recordRefusal(of: existing, reason: "an account with this email exists; \(identity.issuer) may not take it over", now: now)
                throw DomainError.forbidden("An account with the email \(email) exists here, and single sign-on may not take it over. "
                    + "Ask an admin to link it.")
            }
            try await store.linkExternalIdentity(accountID: existing.id, issuer: identity.issuer, subject: identity.subject, entry: AuditEntry(
                id: ids.next(at: now), actorID: nil, action: .linkIdentity, targetAccountID: existing.id, reason: identity.issuer, createdAt: now))
            return existing
        }
        let role = policy.role(forGroups: identity.groups) ?? .member
        let new = await NewAccount(id: ids.next(at: now), username: try store.freeUsername(basedOn: identity.preferredUsername ?? email),
                             email: email, displayName: String((identity.displayName ?? "").prefix(50)), role: role,
                             passwordHash: "", createdAt: now)
        return try await store.insertExternalAccount(new, issuer: identity.issuer, subject: identity.subject, entry: AuditEntry(
            id: ids.next(at: now), actorID: nil, action: .provisionAccount, targetAccountID: new.id,
            reason: "\(identity.method.rawValue): \(identity.issuer)", createdAt: now))
    }
}

extension Store {
    /// A username not yet taken, made from `name` (a username someone would like, or an email address):
    /// its letters and digits (before any `@`), with a number added when taken.
    func freeUsername(basedOn name: String) async throws -> String {
        let local = name.split(separator: "@").first.map(String.init) ?? name
        var base = String(local.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" }.prefix(26))
        if base.isEmpty { base = "person" }
        var candidate = base
        var number = 2
        while try await account(username: candidate) != nil {
            candidate = "\(base)\(number)"
            number += 1
        }
        return candidate
    }
}
