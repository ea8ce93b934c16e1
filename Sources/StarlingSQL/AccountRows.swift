import Foundation
import StarlingCore

/// Accounts, invitations, provisioned identities and email choices: their columns and how a row becomes one.
extension SQLStore {
    /// The columns `account(_:from:)` reads, of the accounts row named `a`.
    public static var accountColumns: String { accountColumnsOfA }

    public static var accountColumnCount: Int32 { Int32(accountColumnNames.count) }

    /// The columns `account(_:from:)` reads, of the accounts row named `alias`.
    public static func accountColumns(_ alias: String) -> String { accountColumnList(alias) }

    @inlinable public static func account(_ row: some ColumnReader, from c: Int32 = 0) -> Account {
        var account = Account(
            id: ID(row.int64(c)), username: row.string(c + 1), email: row.string(c + 2),
            displayName: row.string(c + 3), bio: row.string(c + 4), role: Role(rawValue: row.string(c + 5)) ?? .member,
            createdAt: date(row.int64(c + 6)), postsCount: row.int(c + 7), followersCount: row.int(c + 8),
            followingCount: row.int(c + 9), avatarPath: row.optionalString(c + 10)
        )
        account.isGuest = row.bool(c + 11)
        account.suspendedAt = row.optionalInt64(c + 12).map(date)
        account.timeZone = row.optionalString(c + 13)
        account.deactivatedAt = row.optionalInt64(c + 14).map(date)
        account.deletionRequestedAt = row.optionalInt64(c + 15).map(date)
        account.deletedAt = row.optionalInt64(c + 16).map(date)
        account.discoverable = row.bool(c + 17)
        account.locked = row.bool(c + 18)
        if let domain = row.optionalString(c + 19) {
            let uri = row.string(c + 20)
            account.remote = RemoteIdentity(domain: domain, uri: uri, profileURL: row.optionalString(c + 21) ?? uri,
                                            avatarURL: row.optionalString(c + 22))
        }
        return account
    }

    /// The query (and its values) of `AccountStore.account(username:)`: a member's username, or the handle
    /// `name@domain` of someone outside known here.
    public static func accountByUsername(_ username: String) -> (String, [any SQLBindable]) {
        let name = username.lowercased()
        guard let at = name.firstIndex(of: "@") else {
            return ("SELECT \(accountColumnsOfA) FROM accounts a WHERE a.username_key = ? AND a.domain IS NULL", [name])
        }
        return ("SELECT \(accountColumnsOfA) FROM accounts a WHERE a.domain = ? AND lower(a.username) = ? AND a.deleted_at IS NULL",
                [String(name[name.index(after: at)...]), String(name[..<at])])
    }

    public static var invitationColumns: String { "code, role, created_by, created_at, expires_at, used_by, program_id, event_id" }

    @inlinable public static func invitation(_ row: some ColumnReader) -> Invitation {
        Invitation(code: row.string(0), role: Role(rawValue: row.string(1)) ?? .member, programID: row.optionalInt64(6).map(ID.init),
                   eventID: row.optionalInt64(7).map(ID.init), createdBy: row.optionalInt64(2).map(ID.init), createdAt: date(row.int64(3)),
                   expiresAt: date(row.int64(4)), usedBy: row.optionalInt64(5).map(ID.init))
    }

    public static var identityColumns: String { "s.account_id, s.user_name, s.external_id, s.given_name, s.family_name, s.created_at, s.updated_at, s.deleted_at" }

    @inlinable public static func identity(_ row: some ColumnReader, from c: Int32 = 0) -> SCIMIdentity? {
        guard !row.isNull(c) else { return nil }
        return SCIMIdentity(accountID: ID(row.int64(c)), userName: row.string(c + 1), externalID: row.optionalString(c + 2),
                            givenName: row.string(c + 3), familyName: row.string(c + 4), createdAt: date(row.int64(c + 5)),
                            updatedAt: date(row.int64(c + 6)), deletedAt: row.optionalInt64(c + 7).map(date))
    }

    @inlinable public static func provisioningToken(_ row: some ColumnReader) -> ProvisioningToken {
        ProvisioningToken(id: ID(row.int64(0)), name: row.string(1), createdAt: date(row.int64(2)), lastUsedAt: row.optionalInt64(3).map(date))
    }

    public static func preferences(_ kinds: String) -> EmailPreferences {
        EmailPreferences(enabled: Set(kinds.split(separator: ",").compactMap { EmailKind(rawValue: String($0)) }))
    }
}

/// The columns `account(_:from:)` reads, in its order.
@usableFromInline let accountColumnNames = [
    "id", "username", "email", "display_name", "bio", "role", "created_at", "posts_count", "followers_count",
    "following_count", "avatar_path", "guest", "suspended_at", "time_zone", "deactivated_at", "deletion_requested_at", "deleted_at",
    "discoverable", "locked", "domain", "uri", "url", "avatar_url",
]

/// The columns `account(_:from:)` reads, of the accounts row named `alias`.
func accountColumnList(_ alias: String) -> String {
    accountColumnNames.map { "\(alias).\($0)" }.joined(separator: ", ")
}

let accountColumnsOfA = accountColumnList("a")
