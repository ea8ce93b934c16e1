import Foundation
import HummingbirdBcrypt

/// Accounts: creating them (directly or by invitation), signing in and out, profiles.
public struct AccountService: Sendable {
    public static let sessionLifetime: TimeInterval = 30 * 24 * 3600
    static let openSignUpKey = "open_sign_up"

    public static let maxAvatarBytes = 2 * 1024 * 1024

    let store: any Store
    let files: any FileStore
    let ids: IDGenerator
    let settings: InstanceSettings
    let throttle: AttemptThrottle
    let metrics: ServerMetrics
    /// Whose passwords work (all, or break-glass admins and guests only when single sign-on took over).
    public let policy: SignInPolicy
    /// Tells followers outside of profile changes.
    let federation: OutboundFederation?

    public init(store: any Store, files: any FileStore, ids: IDGenerator, settings: InstanceSettings,
                metrics: ServerMetrics = ServerMetrics(), policy: SignInPolicy = SignInPolicy(), federation: OutboundFederation? = nil) {
        self.federation = federation
        self.metrics = metrics
        self.policy = policy
        self.store = store
        self.files = files
        self.ids = ids
        self.settings = settings
        self.throttle = AttemptThrottle(store: store)
    }

    /// What a person fills in to get an account.
    public struct Registration: Sendable {
        public var username: String
        public var email: String
        public var password: String
        public var displayName: String
        public var role: Role

        public init(username: String, email: String, password: String, displayName: String = "", role: Role = .member) {
            self.username = username
            self.email = email
            self.password = password
            self.displayName = displayName
            self.role = role
        }
    }

    /// Creates an account after checking every field (used by the CLI and by open sign-up).
    public func create(_ registration: Registration, at now: Date = Date()) async throws -> Account {
        try await store.insertAccount(try validated(registration, at: now))
    }

    /// Creates an account with an invitation's role, using the invitation up.
    public func signUp(invitationCode: String, _ registration: Registration, at now: Date = Date()) async throws -> Account {
        guard let invitation = try await store.invitation(code: invitationCode), invitation.isUsable(at: now) else {
            throw DomainError.invalid(field: "invitation", message: "This invitation link has expired or was already used.")
        }
        var registration = registration
        registration.role = invitation.role
        guard let account = try await store.redeemInvitation(code: invitationCode, account: try validated(registration, at: now), at: now) else {
            throw DomainError.invalid(field: "invitation", message: "This invitation link has expired or was already used.")
        }
        return account
    }

    /// Creates an account without an invitation, when the admin has opened sign-up.
    public func signUpOpenly(_ registration: Registration, at now: Date = Date()) async throws -> Account {
        guard try await isOpenSignUp() else { throw DomainError.forbidden("Sign-up is by invitation only.") }
        var registration = registration
        registration.role = .member
        return try await create(registration, at: now)
    }

    public func isOpenSignUp() async throws -> Bool { try await store.setting(Self.openSignUpKey) == "true" }

    public func setOpenSignUp(_ open: Bool, by admin: Account) async throws {
        guard admin.role == .admin else { throw DomainError.forbidden("Only admins can change sign-up.") }
        try await store.setSetting(Self.openSignUpKey, value: open ? "true" : "false")
    }

    private func validated(_ r: Registration, at now: Date) throws -> NewAccount {
        let username = r.username.trimmingCharacters(in: .whitespaces)
        let email = r.email.trimmingCharacters(in: .whitespaces)
        let displayName = r.displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...30).contains(username.count), username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw DomainError.invalid(field: "username", message: "A username has 1 to 30 letters, digits or underscores (a–z, 0–9, _).")
        }
        try Self.checkEmail(email)
        try Self.checkPassword(r.password)
        guard displayName.count <= 50 else {
            throw DomainError.invalid(field: "display_name", message: "A display name has at most 50 characters.")
        }
        return NewAccount(id: ids.next(at: now), username: username, email: email, displayName: displayName,
                          role: r.role, passwordHash: Bcrypt.hash(r.password, cost: settings.passwordCost), createdAt: now)
    }

    public static func checkEmail(_ email: String) throws {
        guard isEmail(email) else { throw DomainError.invalid(field: "email", message: "Enter an email address like name@example.org.") }
    }

    /// Whether `text` has the shape of an email address (one `@`, a dot in the domain, nothing odd).
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return text.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
    }

    static func checkPassword(_ password: String) throws {
        guard password.count >= 8 else {
            throw DomainError.invalid(field: "password", message: "A password has at least 8 characters.")
        }
        guard password.utf8.count <= 72 else {
            throw DomainError.invalid(field: "password", message: "A password has at most 72 bytes.")
        }
    }

    // MARK: Sessions

    /// Checks a username-or-email and password; returns the account and a new session token.
    /// Repeated failures for the same name are throttled.
    public func signIn(login: String, password: String, at now: Date = Date()) async throws -> (Account, token: String) {
        let account = try await verify(login: login, password: password, at: now)
        let token = Token.random()
        try await store.insertSession(tokenHash: SHA256.hex(token), accountID: account.id, expiresAt: now + Self.sessionLifetime)
        return (account, token)
    }

    /// Checks a username-or-email and password without starting a session (the OAuth password
    /// grant uses this). Repeated failures for the same name are throttled.
    public func verify(login: String, password: String, at now: Date = Date()) async throws -> Account {
        let key = login.lowercased()
        let failures = try await throttle.check(key, now: now)
        let credentials = try await store.credentials(login: login)
        if let (account, hash) = credentials, hash.isEmpty || !policy.allowsPassword(for: account) {
            // No password of its own (made by single sign-on), or passwords are off for it: say how to get in.
            metrics.signIn(.password, succeeded: false)
            throw DomainError.forbidden("@\(account.username) signs in through the organization's single sign-on, not with a password here.")
        }
        guard let (account, hash) = credentials, Bcrypt.verify(password, hash: hash) else {
            try await throttle.recordFailure(key, now: now)
            metrics.signIn(.password, succeeded: false)
            throw DomainError.unauthorized("That username or password is not right.")
        }
        try await throttle.reset(key, failures: failures)
        guard account.deactivatedAt == nil else {
            metrics.signIn(.password, succeeded: false)
            throw DomainError.forbidden("This account was deactivated when its owner left the organization. Ask an admin if that is wrong.")
        }
        guard account.suspendedAt == nil else {
            metrics.signIn(.password, succeeded: false)
            throw DomainError.forbidden("This account is suspended. Ask the organization's moderators.")
        }
        metrics.signIn(.password, succeeded: true)
        return account
    }

    /// Checks a password somewhere else (the organization's directory) under the same throttle as local
    /// passwords; errors for which `isRefusal` holds count as failed attempts.
    public func throttled<Result>(login: String, now: Date = Date(), _ check: () async throws -> Result,
                                  isRefusal: (any Error) -> Bool) async throws -> Result {
        let key = login.lowercased()
        let failures = try await throttle.check(key, now: now)
        do {
            let result = try await check()
            try await throttle.reset(key, failures: failures)
            return result
        } catch {
            if isRefusal(error) { try await throttle.recordFailure(key, now: now) }
            throw error
        }
    }

    /// The account a session token belongs to, if the session is still valid.
    public func account(sessionToken: String, at now: Date = Date()) async throws -> Account? {
        try await store.session(tokenHash: SHA256.hex(sessionToken), now: now)
    }

    public func signOut(sessionToken: String) async throws {
        try await store.deleteSession(tokenHash: SHA256.hex(sessionToken))
    }

    // MARK: Invitations and profiles

    /// A new invitation link code for the given role. Only admins may invite moderators or admins.
    public func invite(role: Role, by inviter: Account?, at now: Date = Date()) async throws -> Invitation {
        if let inviter, inviter.role != .admin, role != .member || !inviter.role.canModerate {
            throw DomainError.forbidden("Only admins can invite people with that role.")
        }
        let invitation = Invitation.issued(role: role, by: inviter?.id, at: now)
        try await store.insertInvitation(invitation)
        return invitation
    }

    public func invitationURL(_ invitation: Invitation) -> String { "\(settings.baseURL)/invite/\(invitation.code)" }

    /// Changes the display name, bio and (when given; "" is the organization's) the personal time zone.
    public func updateProfile(_ account: Account, displayName: String, bio: String, timeZone: String? = nil) async throws {
        let displayName = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        let bio = PostText.normalize(bio).trimmingCharacters(in: .whitespacesAndNewlines)
        guard displayName.count <= 50 else {
            throw DomainError.invalid(field: "display_name", message: "A display name has at most 50 characters.")
        }
        guard bio.count <= 500 else { throw DomainError.invalid(field: "bio", message: "A bio has at most 500 characters.") }
        let zone = timeZone.map { $0.trimmingCharacters(in: .whitespaces) } ?? account.timeZone ?? ""
        guard zone.isEmpty || TimeZones.isKnown(zone) else {
            throw DomainError.invalid(field: "time_zone", message: "Choose a time zone from the list.")
        }
        try await store.updateProfile(accountID: account.id, displayName: displayName, bio: bio, timeZone: zone.isEmpty ? nil : zone)
        if displayName != account.displayName || bio != account.bio { try await federation?.profileChanged(account, now: Date()) }
    }

    /// A person's federation choices: whether people outside the organization may find and follow them
    /// (off until they say so), and whether followers from outside wait for their approval (on until they say
    /// otherwise); nil leaves a choice as it is. Guests belong to their programs only and cannot be found from outside.
    public func setFederationChoices(_ account: Account, discoverable: Bool?, locked: Bool?) async throws {
        let discoverable = discoverable ?? account.discoverable
        if discoverable, account.isGuest {
            throw DomainError.invalid(field: "discoverable", message: "Guests cannot be found from outside the organization.")
        }
        try await store.setFederationChoices(accountID: account.id, discoverable: discoverable, locked: locked ?? account.locked)
        if discoverable, let locked, locked != account.locked, let changed = try await store.account(id: account.id) {
            try await federation?.profileChanged(changed, now: Date())
        }
    }

    /// Replaces the account's avatar with an uploaded image (JPEG, PNG, GIF or WebP, recognized by its
    /// bytes, at most 2 MiB). Location and camera metadata are removed from JPEGs before storing.
    public func setAvatar(_ account: Account, bytes: [UInt8]) async throws {
        guard !bytes.isEmpty else { throw DomainError.invalid(field: "avatar", message: "Choose an image file to upload.") }
        guard bytes.count <= Self.maxAvatarBytes else {
            throw DomainError.invalid(field: "avatar", message: "An avatar is at most 2 MB.")
        }
        guard let format = ImageFormat.detect(bytes) else {
            throw DomainError.invalid(field: "avatar", message: "Upload a JPEG, PNG, GIF or WebP image.")
        }
        let cleaned = format == .jpeg ? ImageMetadata.strippingJPEG(bytes) : bytes
        let name = "avatars/\(account.id)-\(Token.random(bytes: 8)).\(format.fileExtension)"
        try await files.save(cleaned, as: name)
        try await store.updateAvatar(accountID: account.id, path: name)
        if let old = account.avatarPath { try await files.delete(old) }
        try await federation?.profileChanged(account, now: Date())
    }

    /// Goes back to the generated avatar.
    public func removeAvatar(_ account: Account) async throws {
        try await store.updateAvatar(accountID: account.id, path: nil)
        if let old = account.avatarPath { try await files.delete(old) }
        try await federation?.profileChanged(account, now: Date())
    }

    public func changePassword(_ account: Account, current: String, new: String) async throws {
        guard let (_, hash) = try await store.credentials(login: account.username), Bcrypt.verify(current, hash: hash) else {
            throw DomainError.invalid(field: "current_password", message: "Your current password is not right.")
        }
        try Self.checkPassword(new)
        try await store.updatePasswordHash(accountID: account.id, hash: Bcrypt.hash(new, cost: settings.passwordCost))
    }
}
