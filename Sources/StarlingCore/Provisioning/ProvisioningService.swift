import Foundation
import HummingbirdBcrypt

/// Provisioning by the organization's identity provider (SCIM 2.0's Users and Groups), and leaving:
/// a person deactivated here or by the provider loses access at once (sessions, tokens and open
/// streams end) while their posts stay. Admins make the tokens the provider calls with.
public struct ProvisioningService: Sendable {
    let store: any Store
    let ids: IDGenerator
    let settings: InstanceSettings
    let events: any EventBus

    public init(store: any Store, ids: IDGenerator, settings: InstanceSettings, events: any EventBus) {
        self.store = store
        self.ids = ids
        self.settings = settings
        self.events = events
    }

    // MARK: Tokens

    /// Makes a provisioning token for admins to give the identity provider; the token is returned once.
    public func createToken(name: String, by admin: Account, now: Date = Date()) async throws -> (ProvisioningToken, secret: String) {
        try requireAdmin(admin)
        let label = try PostText.field(name, name: "name", maxLength: 100, required: true)
        let token = ProvisioningToken(id: ids.next(at: now), name: label, createdAt: now)
        let secret = "scim_" + Token.random()
        try await store.insertProvisioningToken(token, hash: SHA256.hex(secret))
        return (token, secret)
    }

    public func tokens(viewer: Account) async throws -> [ProvisioningToken] {
        try requireAdmin(viewer)
        return try await store.provisioningTokens()
    }

    public func revokeToken(_ id: ID, by admin: Account) async throws {
        try requireAdmin(admin)
        try await store.deleteProvisioningToken(id: id)
    }

    /// The token a provider's request carries, when it is one an admin made (and not revoked).
    public func authenticate(bearer: String, now: Date = Date()) async throws -> ProvisioningToken? {
        try await store.useProvisioningToken(hash: SHA256.hex(bearer), now: now)
    }

    // MARK: Users

    public func users(_ query: ProvisionedUserQuery, startIndex: Int, count: Int) async throws -> (users: [ProvisionedUser], total: Int) {
        try await store.provisionedUsers(query, offset: max(startIndex, 1) - 1, limit: min(max(count, 0), 200))
    }

    public func user(_ id: ID) async throws -> ProvisionedUser {
        guard let user = try await store.provisionedUser(accountID: id) else { throw DomainError.notFound }
        return user
    }

    /// Creates a person the provider describes; one it deleted before comes back as the same account.
    public func create(_ fields: ProvisionedUserFields, now: Date = Date()) async throws -> ProvisionedUser {
        let fields = try checked(fields)
        if let existing = try await store.identity(userName: fields.userName) {
            guard existing.deletedAt != nil else { throw DomainError.conflict("A person with the userName \(fields.userName) exists.") }
            return try await apply(fields, to: ProvisionedUser(account: try account(existing.accountID), identity: existing), now: now, reviving: true)
        }
        let email = try email(of: fields)
        let account = await NewAccount(id: ids.next(at: now), username: try store.freeUsername(basedOn: fields.userName), email: email,
                                 displayName: displayName(of: fields), role: .member,
                                 passwordHash: Bcrypt.hash(Token.random(), cost: settings.passwordCost), createdAt: now)
        let identity = SCIMIdentity(accountID: account.id, userName: fields.userName, externalID: fields.externalID,
                                    givenName: fields.givenName, familyName: fields.familyName, createdAt: now, updatedAt: now)
        var created = try await store.insertProvisionedAccount(account, identity: identity, entry: AuditEntry(
            id: ids.next(at: now), actorID: nil, action: .provisionAccount, targetAccountID: account.id, reason: fields.userName, createdAt: now))
        if !fields.active { created = try await setActive(created, false, by: nil, now: now) }
        return ProvisionedUser(account: created, identity: identity)
    }

    /// Replaces what the provider says about a person (SCIM `PUT`, and `PATCH` after merging).
    public func replace(_ id: ID, with fields: ProvisionedUserFields, now: Date = Date()) async throws -> ProvisionedUser {
        try await apply(try checked(fields), to: try await user(id), now: now, reviving: false)
    }

    /// The provider deleted the person: the account is deactivated (its posts stay) and no longer listed.
    public func delete(_ id: ID, now: Date = Date()) async throws {
        let user = try await user(id)
        try await setActive(user.account, false, by: nil, now: now)
        var identity = user.identity ?? SCIMIdentity(accountID: id, userName: user.userName, externalID: nil, givenName: "",
                                                     familyName: "", createdAt: now, updatedAt: now)
        identity.deletedAt = now
        identity.updatedAt = now
        try await store.saveIdentity(identity)
    }

    // MARK: Groups (roles)

    /// The roles the provider may hand out as groups: admins and moderators.
    public static let groupRoles: [Role] = [.admin, .moderator]

    /// Everyone with `role` (active or not).
    public func members(of role: Role) async throws -> [ProvisionedUser] {
        try await store.provisionedUsers(.all, offset: 0, limit: Int.max).users.filter { $0.account.role == role }
    }

    /// Gives `role` to the accounts in `adding`, and takes it from those in `removing` (who become members).
    public func changeGroup(_ role: Role, adding: [ID], removing: [ID], now: Date = Date()) async throws {
        for id in adding where try await account(id).role != role { try await setRole(id, role, now: now) }
        for id in removing where try await account(id).role == role { try await setRole(id, .member, now: now) }
    }

    // MARK: Leaving

    /// Deactivates (`active` false) or reactivates an account. `actor` is the admin who did it, nil for the
    /// identity provider. Deactivation ends sessions, tokens and open streams at once.
    @discardableResult
    public func setActive(_ account: Account, _ active: Bool, by actor: Account?, now: Date = Date()) async throws -> Account {
        if let actor {
            try requireAdmin(actor)
            guard actor.id != account.id else { throw DomainError.invalid(field: "account_id", message: "You cannot deactivate yourself.") }
        }
        guard (account.deactivatedAt == nil) != active else { return account }
        try await store.setDeactivated(accountID: account.id, at: active ? nil : now, entry: AuditEntry(
            id: ids.next(at: now), actorID: actor?.id, action: active ? .reactivateAccount : .deactivateAccount,
            targetAccountID: account.id, reason: actor == nil ? "by the identity provider" : "", createdAt: now))
        if !active { events.publish(.accessEnded(account.id)) }
        return try await self.account(account.id)
    }

    // MARK: Rules

    private func apply(_ fields: ProvisionedUserFields, to user: ProvisionedUser, now: Date, reviving: Bool) async throws -> ProvisionedUser {
        var identity = user.identity ?? SCIMIdentity(accountID: user.account.id, userName: fields.userName, externalID: nil,
                                                     givenName: "", familyName: "", createdAt: now, updatedAt: now)
        if let holder = try await store.identity(userName: fields.userName), holder.accountID != user.account.id {
            throw DomainError.conflict("Another person has the userName \(fields.userName).")
        }
        (identity.userName, identity.externalID, identity.givenName, identity.familyName) =
            (fields.userName, fields.externalID, fields.givenName, fields.familyName)
        identity.updatedAt = now
        if reviving { identity.deletedAt = nil }
        try await store.saveIdentity(identity)
        let email = try email(of: fields)
        if email.lowercased() != user.account.email.lowercased() { try await store.updateEmail(accountID: user.account.id, email: email) }
        let name = displayName(of: fields)
        if name != user.account.displayName {
            try await store.updateProfile(accountID: user.account.id, displayName: name, bio: user.account.bio, timeZone: user.account.timeZone)
        }
        let account = try await setActive(try account(user.account.id), fields.active, by: nil, now: now)
        return ProvisionedUser(account: account, identity: identity)
    }

    private func checked(_ fields: ProvisionedUserFields) throws -> ProvisionedUserFields {
        var fields = fields
        fields.userName = fields.userName.trimmingCharacters(in: .whitespaces)
        guard (1...254).contains(fields.userName.count), !fields.userName.contains(where: \.isNewline) else {
            throw DomainError.invalid(field: "userName", message: "A userName has 1 to 254 characters.")
        }
        fields.displayName = String(fields.displayName.trimmingCharacters(in: .whitespacesAndNewlines).prefix(50))
        return fields
    }

    private func email(of fields: ProvisionedUserFields) throws -> String {
        let email = (fields.email ?? fields.userName).trimmingCharacters(in: .whitespaces)
        guard AccountService.isEmail(email) else {
            throw DomainError.invalid(field: "emails", message: "A person needs an email address: send a primary email, or a userName that is one.")
        }
        return email
    }

    private func displayName(of fields: ProvisionedUserFields) -> String {
        let name = fields.displayName.isEmpty ? "\(fields.givenName) \(fields.familyName)" : fields.displayName
        return String(name.trimmingCharacters(in: .whitespaces).prefix(50))
    }

    /// A username from the provider's userName: its part before `@`, lower case, other characters as `_`,
    /// made unique with a number.
    private func setRole(_ id: ID, _ role: Role, now: Date) async throws {
        try await store.setRole(accountID: id, role, entry: AuditEntry(id: ids.next(at: now), actorID: nil, action: .changeRole,
                                                               targetAccountID: id, reason: role.rawValue, createdAt: now))
    }

    private func account(_ id: ID) async throws -> Account {
        guard let account = try await store.account(id: id) else { throw DomainError.notFound }
        return account
    }

    private func requireAdmin(_ account: Account) throws {
        guard account.role == .admin else { throw DomainError.forbidden("Only admins manage provisioning and deactivation.") }
    }
}
