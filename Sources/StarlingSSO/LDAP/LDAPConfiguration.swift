import Foundation

/// The organization's LDAP directory, as an admin configured it (flags or `STARLING_LDAP_*`).
/// Sign-in searches the person's entry (as the service account, or anonymously), checks the group,
/// then binds as the person with their password.
public struct LDAPConfiguration: Sendable {
    /// `ldap://host:port` or `ldaps://host:port`.
    public var url: String
    /// Upgrade an `ldap://` connection with StartTLS before sending anything.
    public var startTLS: Bool
    /// A PEM file of the certificate authorities trusted for the directory's certificate (default: the system's).
    public var caFile: String?
    /// The service account that searches; nil searches anonymously.
    public var bindDN: String?
    public var bindPassword: String
    /// Where people's entries are.
    public var baseDN: String
    /// Finds a person's entry; `{login}` is replaced by what they typed, escaped (RFC 4515), so it cannot change the filter.
    public var userFilter: String
    /// When set, only members of this group entry (`member`, `uniqueMember` or `memberUid`) may sign in.
    public var requiredGroupDN: String?
    public var usernameAttribute: String
    public var emailAttribute: String
    public var nameAttribute: String
    /// How long connecting, each search and each bind may take.
    public var timeout: Duration

    public init(url: String, startTLS: Bool = false, caFile: String? = nil, bindDN: String? = nil, bindPassword: String = "",
                baseDN: String, userFilter: String = "(|(uid={login})(mail={login}))", requiredGroupDN: String? = nil,
                usernameAttribute: String = "uid", emailAttribute: String = "mail", nameAttribute: String = "cn",
                timeout: Duration = .seconds(10)) throws {
        guard let parsed = URL(string: url), ["ldap", "ldaps"].contains(parsed.scheme ?? ""), parsed.host != nil else {
            throw SignOnFailure(.unreachable, "The directory URL must look like ldap://host:389 or ldaps://host:636, not \(url).")
        }
        guard !(startTLS && parsed.scheme == "ldaps") else {
            throw SignOnFailure(.unreachable, "StartTLS is for ldap:// URLs; ldaps:// is encrypted from the start.")
        }
        guard userFilter.contains("{login}") else {
            throw SignOnFailure(.unreachable, "The directory's user filter must contain {login}, e.g. (uid={login}).")
        }
        self.url = url
        self.startTLS = startTLS
        self.caFile = caFile
        self.bindDN = bindDN
        self.bindPassword = bindPassword
        self.baseDN = baseDN
        self.userFilter = userFilter
        self.requiredGroupDN = requiredGroupDN
        self.usernameAttribute = usernameAttribute
        self.emailAttribute = emailAttribute
        self.nameAttribute = nameAttribute
        self.timeout = timeout
    }
}
