import Foundation

/// How someone proved who they are.
public enum SignInMethod: String, Sendable, CaseIterable {
    /// A local password (also the OAuth password grant).
    case password
    /// The organization's OpenID Connect provider.
    case oidc
    /// The organization's LDAP directory.
    case ldap
}

/// A person as the organization's identity provider or directory vouches for them at sign-in, after
/// their token or password was checked there.
public struct ExternalIdentity: Sendable, Equatable {
    public var method: SignInMethod
    /// Who vouches: the OpenID provider's issuer URL, or the directory's URL.
    public var issuer: String
    /// The person's lasting id there: the ID token's `sub`, or the directory entry's DN.
    public var subject: String
    public var email: String?
    /// Whether the provider checked that the person owns `email` (only then may it link to an existing account).
    public var emailVerified: Bool
    /// The username the person would like here (a claim or attribute an admin chose); made unique when taken.
    public var preferredUsername: String?
    public var displayName: String?
    /// The groups the provider says the person is in (names or DNs), for roles.
    public var groups: [String]

    public init(method: SignInMethod, issuer: String, subject: String, email: String?, emailVerified: Bool,
                preferredUsername: String?, displayName: String?, groups: [String] = []) {
        self.method = method
        self.issuer = issuer
        self.subject = subject
        self.email = email
        self.emailVerified = emailVerified
        self.preferredUsername = preferredUsername
        self.displayName = displayName
        self.groups = groups
    }
}
