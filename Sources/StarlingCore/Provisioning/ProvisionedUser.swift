import Foundation

/// How the organization's identity provider knows a person (SCIM's User): the name it gives them, its
/// own id for them, and their given and family names. An account the provider never touched has none;
/// it is known to the provider by its email.
public struct SCIMIdentity: Sendable, Equatable {
    public var accountID: ID
    /// The provider's `userName`, unique without case (often the person's sign-in address).
    public var userName: String
    public var externalID: String?
    public var givenName: String
    public var familyName: String
    public var createdAt: Date
    public var updatedAt: Date
    /// When the provider deleted the person (the account stays, deactivated).
    public var deletedAt: Date?

    public init(accountID: ID, userName: String, externalID: String?, givenName: String, familyName: String,
                createdAt: Date, updatedAt: Date, deletedAt: Date? = nil) {
        self.accountID = accountID
        self.userName = userName
        self.externalID = externalID
        self.givenName = givenName
        self.familyName = familyName
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
    }
}

/// An account with its identity at the provider, if it has one.
public struct ProvisionedUser: Sendable, Equatable {
    public var account: Account
    public var identity: SCIMIdentity?

    public init(account: Account, identity: SCIMIdentity?) {
        self.account = account
        self.identity = identity
    }

    /// The name the provider knows the person by: its own `userName`, else the account's email.
    public var userName: String { identity?.userName ?? account.email }
    public var isActive: Bool { account.deactivatedAt == nil }
}

/// Which people a provider's list asks for (SCIM filters Starling answers: `attribute eq "value"`).
public enum ProvisionedUserQuery: Sendable, Equatable {
    case all
    case userName(String)
    case externalID(String)
    case email(String)
}

/// A person as the provider describes them, to create or replace (SCIM `POST` and `PUT`).
public struct ProvisionedUserFields: Sendable, Equatable {
    public var userName: String
    public var externalID: String?
    public var givenName: String
    public var familyName: String
    public var displayName: String
    /// The primary email; nil means "the userName, when it is an address".
    public var email: String?
    public var active: Bool

    public init(userName: String, externalID: String? = nil, givenName: String = "", familyName: String = "",
                displayName: String = "", email: String? = nil, active: Bool = true) {
        self.userName = userName
        self.externalID = externalID
        self.givenName = givenName
        self.familyName = familyName
        self.displayName = displayName
        self.email = email
        self.active = active
    }
}

/// A bearer token the identity provider calls `/scim/v2` with. Only its hash is stored; the token is
/// shown to the admin once, when it is made.
public struct ProvisioningToken: Sendable, Equatable, Identifiable {
    public var id: ID
    public var name: String
    public var createdAt: Date
    public var lastUsedAt: Date?

    public init(id: ID, name: String, createdAt: Date, lastUsedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
    }
}
