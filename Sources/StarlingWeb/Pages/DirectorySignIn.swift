import Foundation
import StarlingCore
import StarlingSSO

/// The sign-in form's password checked against the organization's LDAP directory first: someone the
/// directory knows signs in as the person it vouches for; someone it does not know falls back to a local
/// account (break-glass admins, guests). Attempts share the local passwords' throttle.
struct DirectorySignIn {
    let pages: WebPages
    let directory: LDAPDirectory

    /// A new session token, or nil when the directory does not know `login`.
    func signIn(login: String, password: String) async throws -> String? {
        let singleSignOn = pages.starling.singleSignOn
        let identity = try await pages.starling.accounts.throttled(login: login) {
            do {
                return try await directory.authenticate(login: login, password: password)
            } catch let failure as SignOnFailure where failure.kind == .refused {
                try await singleSignOn.recordFailure(.ldap, issuer: directory.configuration.url, subject: failure.subject, reason: failure.message)
                throw failure
            }
        } isRefusal: { ($0 as? SignOnFailure)?.kind == .refused }
        guard let identity else { return nil }
        return try await singleSignOn.signIn(identity).token
    }
}
