import Foundation

/// How people may sign in, as an admin set it at start: whether local passwords still work, whether
/// single sign-on may take over an existing account with the same email, and whether roles follow the
/// provider's groups.
public struct SignInPolicy: Sendable, Equatable {
    /// Whether local passwords work for everyone. When off, only the break-glass admins (and guests,
    /// whom the organization's provider does not know) sign in with a password; everyone else through
    /// single sign-on.
    public var localPasswords: Bool
    /// Usernames of admins whose password always works, to get in when the provider is down.
    public var breakGlassAdmins: Set<String>
    /// Whether a first single sign-on with a verified email takes over the existing account with that email.
    public var linksByVerifiedEmail: Bool
    /// Groups whose members are admins, and moderators. When both are empty, roles are managed here only;
    /// otherwise every single sign-on sets the role from the groups (admin before moderator, else member).
    public var adminGroups: Set<String>
    public var moderatorGroups: Set<String>

    public init(localPasswords: Bool = true, breakGlassAdmins: Set<String> = [], linksByVerifiedEmail: Bool = false,
                adminGroups: Set<String> = [], moderatorGroups: Set<String> = []) {
        self.localPasswords = localPasswords
        self.breakGlassAdmins = Set(breakGlassAdmins.map { $0.lowercased() })
        self.linksByVerifiedEmail = linksByVerifiedEmail
        self.adminGroups = adminGroups
        self.moderatorGroups = moderatorGroups
    }

    /// Whether `account` may sign in with its password under this policy.
    public func allowsPassword(for account: Account) -> Bool {
        localPasswords || account.isGuest || (account.role == .admin && breakGlassAdmins.contains(account.username.lowercased()))
    }

    /// The role the provider's groups give, or nil when roles do not follow groups.
    public func role(forGroups groups: [String]) -> Role? {
        guard !adminGroups.isEmpty || !moderatorGroups.isEmpty else { return nil }
        if groups.contains(where: adminGroups.contains) { return .admin }
        if groups.contains(where: moderatorGroups.contains) { return .moderator }
        return .member
    }
}
