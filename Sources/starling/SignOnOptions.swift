import ArgumentParser
import Foundation
import StarlingCore
import StarlingSSO

/// How people sign in: the organization's OpenID Connect provider, its LDAP directory, and whether local
/// passwords still work. Each flag falls back to a `STARLING_*` environment variable (better for secrets).
struct SignOnOptions: ParsableArguments {
    @Option(help: "OpenID Connect issuer URL; turns single sign-on on (env STARLING_OIDC_ISSUER).")
    var oidcIssuer: String?
    @Option(help: "OpenID Connect client id (env STARLING_OIDC_CLIENT_ID).")
    var oidcClientID: String?
    @Option(help: "OpenID Connect client secret (env STARLING_OIDC_CLIENT_SECRET, which keeps it out of the process list).")
    var oidcClientSecret: String?
    @Option(help: "Scopes asked for, space-separated (env STARLING_OIDC_SCOPES; default \"openid email profile\").")
    var oidcScopes: String?
    @Option(help: "Name on the sign-in button, \"Sign in with NAME\" (env STARLING_OIDC_NAME; default the instance name).")
    var oidcName: String?
    @Option(help: "Claim new usernames come from (env STARLING_OIDC_USERNAME_CLAIM; default preferred_username).")
    var oidcUsernameClaim: String?
    @Option(help: "Claim listing a person's groups (env STARLING_OIDC_GROUPS_CLAIM; default groups).")
    var oidcGroupsClaim: String?
    @Option(help: "Groups whose members are admins, comma-separated; with --sso-moderator-groups, roles follow groups at each sign-in (env STARLING_SSO_ADMIN_GROUPS).")
    var ssoAdminGroups: String?
    @Option(help: "Groups whose members are moderators, comma-separated (env STARLING_SSO_MODERATOR_GROUPS).")
    var ssoModeratorGroups: String?
    @Option(help: "Let a first single sign-on with a verified email take over the account with that email: true/false (env STARLING_SSO_LINK_BY_EMAIL; default false).")
    var ssoLinkByEmail: String?
    @Option(help: "Seconds each call to the identity provider or directory may take (env STARLING_SSO_TIMEOUT; default 10).")
    var ssoTimeout: Int?
    @Option(help: "Local passwords: on, or off for everyone but --break-glass-admin and guests (env STARLING_LOCAL_PASSWORDS; default on).")
    var localPasswords: String?
    @Option(help: "Admins whose password works when local passwords are off, comma-separated usernames (env STARLING_BREAK_GLASS_ADMINS).")
    var breakGlassAdmin: String?

    @Option(help: "LDAP directory URL, ldap://host:389 or ldaps://host:636; the sign-in form checks passwords there (env STARLING_LDAP_URL).")
    var ldapURL: String?
    @Option(help: "Upgrade ldap:// with StartTLS: true/false (env STARLING_LDAP_START_TLS; default false).")
    var ldapStartTLS: String?
    @Option(help: "PEM file of the CAs trusted for the directory's certificate (env STARLING_LDAP_CA_FILE; default the system's).")
    var ldapCAFile: String?
    @Option(help: "DN of the service account that searches (env STARLING_LDAP_BIND_DN; default anonymous search).")
    var ldapBindDN: String?
    @Option(help: "Password of --ldap-bind-dn (env STARLING_LDAP_BIND_PASSWORD).")
    var ldapBindPassword: String?
    @Option(help: "Where people's entries are, e.g. ou=people,dc=example,dc=org (env STARLING_LDAP_BASE_DN).")
    var ldapBaseDN: String?
    @Option(help: "Filter finding a person; {login} is what they typed, escaped (env STARLING_LDAP_USER_FILTER; default (|(uid={login})(mail={login}))).")
    var ldapUserFilter: String?
    @Option(help: "Only members of this group entry may sign in (env STARLING_LDAP_GROUP_DN; default everyone found).")
    var ldapGroupDN: String?

    /// Whose passwords work, how single sign-on finds accounts, and whether roles follow groups.
    func policy() throws -> SignInPolicy {
        let passwords = (localPasswords ?? env("STARLING_LOCAL_PASSWORDS") ?? "on").lowercased()
        guard ["on", "off"].contains(passwords) else { throw ValidationError("--local-passwords is on or off, not \(passwords).") }
        let hasProvider = (oidcIssuer ?? env("STARLING_OIDC_ISSUER")) != nil || (ldapURL ?? env("STARLING_LDAP_URL")) != nil
        if passwords == "off", !hasProvider {
            throw ValidationError("Local passwords can only be turned off when people can sign in otherwise (--oidc-issuer or --ldap-url).")
        }
        let link = (ssoLinkByEmail ?? env("STARLING_SSO_LINK_BY_EMAIL") ?? "false").lowercased()
        return SignInPolicy(
            localPasswords: passwords == "on", breakGlassAdmins: Self.list(breakGlassAdmin ?? env("STARLING_BREAK_GLASS_ADMINS")),
            linksByVerifiedEmail: ["1", "true", "yes", "on"].contains(link),
            adminGroups: Self.list(ssoAdminGroups ?? env("STARLING_SSO_ADMIN_GROUPS")),
            moderatorGroups: Self.list(ssoModeratorGroups ?? env("STARLING_SSO_MODERATOR_GROUPS")))
    }

    /// The configured identity provider and directory, for a server whose links start with `baseURL`.
    func providers(baseURL: String, instanceName: String) throws -> SignOnProviders {
        let timeout = ssoTimeout ?? env("STARLING_SSO_TIMEOUT").flatMap { Int($0) } ?? 10
        guard (1...120).contains(timeout) else { throw ValidationError("--sso-timeout is between 1 and 120 seconds.") }
        var providers = SignOnProviders()
        if let issuer = oidcIssuer ?? env("STARLING_OIDC_ISSUER") {
            guard let clientID = oidcClientID ?? env("STARLING_OIDC_CLIENT_ID") else {
                throw ValidationError("Single sign-on needs the client id the provider gave Starling (--oidc-client-id).")
            }
            do {
                let configuration = try OpenIDConfiguration(
                    issuer: issuer, clientID: clientID, clientSecret: oidcClientSecret ?? env("STARLING_OIDC_CLIENT_SECRET") ?? "",
                    scopes: (oidcScopes ?? env("STARLING_OIDC_SCOPES") ?? "openid email profile").split(separator: " ").map(String.init),
                    redirectURI: baseURL + "/signin/oidc/callback", displayName: oidcName ?? env("STARLING_OIDC_NAME") ?? instanceName,
                    usernameClaim: oidcUsernameClaim ?? env("STARLING_OIDC_USERNAME_CLAIM") ?? "preferred_username",
                    groupsClaim: oidcGroupsClaim ?? env("STARLING_OIDC_GROUPS_CLAIM") ?? "groups", timeout: .seconds(timeout))
                providers.openID = OpenIDClient(configuration: configuration)
            } catch let failure as SignOnFailure {
                throw ValidationError(failure.message)
            }
        }
        if let url = ldapURL ?? env("STARLING_LDAP_URL") {
            guard let base = ldapBaseDN ?? env("STARLING_LDAP_BASE_DN") else {
                throw ValidationError("The directory needs the base DN where people's entries are (--ldap-base-dn).")
            }
            do {
                providers.directory = LDAPDirectory(configuration: try LDAPConfiguration(
                    url: url, startTLS: ["1", "true", "yes", "on"].contains((ldapStartTLS ?? env("STARLING_LDAP_START_TLS") ?? "").lowercased()),
                    caFile: ldapCAFile ?? env("STARLING_LDAP_CA_FILE"), bindDN: ldapBindDN ?? env("STARLING_LDAP_BIND_DN"),
                    bindPassword: ldapBindPassword ?? env("STARLING_LDAP_BIND_PASSWORD") ?? "", baseDN: base,
                    userFilter: ldapUserFilter ?? env("STARLING_LDAP_USER_FILTER") ?? "(|(uid={login})(mail={login}))",
                    requiredGroupDN: ldapGroupDN ?? env("STARLING_LDAP_GROUP_DN"), timeout: .seconds(timeout)))
            } catch let failure as SignOnFailure {
                throw ValidationError(failure.message)
            }
        }
        return providers
    }

    private static func list(_ text: String?) -> Set<String> {
        Set((text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}
