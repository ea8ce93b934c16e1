import Foundation

/// The organization's ways to sign in besides Starling's own passwords: an OpenID Connect provider,
/// an LDAP directory, both or neither (as an admin configured them at start).
public struct SignOnProviders: Sendable {
    public var openID: OpenIDClient?
    public var directory: LDAPDirectory?

    public init(openID: OpenIDClient? = nil, directory: LDAPDirectory? = nil) {
        self.openID = openID
        self.directory = directory
    }
}
