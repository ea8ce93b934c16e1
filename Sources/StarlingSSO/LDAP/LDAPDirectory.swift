import CLDAP
import Foundation
import Logging
import NIOPosix
import StarlingCore

/// Sign-in against the organization's LDAP directory through OpenLDAP's libldap. Its calls block, so
/// each sign-in runs on SwiftNIO's blocking-work thread pool, never on Swift's cooperative pool; every
/// network step has the configured timeout.
public struct LDAPDirectory: Sendable {
    public let configuration: LDAPConfiguration
    private let threads: NIOThreadPool
    private let logger: Logger

    public init(configuration: LDAPConfiguration, threads: NIOThreadPool = .singleton, logger: Logger = Logger(label: "starling.ldap")) {
        self.configuration = configuration
        self.threads = threads
        self.logger = logger
    }

    /// The person `login` names, when `password` is theirs and they may sign in; nil when the directory
    /// does not know `login` (so a local account may be tried). Wrong passwords and people outside the
    /// group are refusals (`SignOnFailure`).
    public func authenticate(login: String, password: String) async throws -> ExternalIdentity? {
        // An empty password would be an "unauthenticated bind", which directories accept without checking anything.
        guard !login.isEmpty, !password.isEmpty else { throw SignOnFailure(.refused, "That username or password is not right.") }
        let configuration = configuration
        return try await threads.runIfActive {
            let connection = try LDAPConnection(configuration)
            defer { connection.close() }
            try connection.bind(dn: configuration.bindDN, password: configuration.bindPassword, what: "the service account")
            let filter = configuration.userFilter.replacingOccurrences(of: "{login}", with: try LDAPConnection.escapedFilterValue(login))
            let entries = try connection.search(base: configuration.baseDN, scope: LDAP_SCOPE_SUBTREE, filter: filter,
                                                attributes: [configuration.usernameAttribute, configuration.emailAttribute, configuration.nameAttribute])
            guard let person = entries.first else { return nil }
            guard entries.count == 1 else {
                throw SignOnFailure(.refused, "More than one person in the directory matches \(login); sign in with your username.")
            }
            let groups = try connection.groups(of: person.dn, uid: person.first(configuration.usernameAttribute), base: configuration.baseDN)
            if let required = configuration.requiredGroupDN, !groups.contains(where: { $0.caseInsensitiveCompare(required) == .orderedSame }) {
                throw SignOnFailure(.refused, "You are not in the group of people who may use this Starling. Ask an admin.", subject: person.dn)
            }
            guard try connection.bindChecking(dn: person.dn, password: password) else {
                throw SignOnFailure(.refused, "That username or password is not right.", subject: person.dn)
            }
            let email = person.first(configuration.emailAttribute)
            return ExternalIdentity(method: .ldap, issuer: configuration.url, subject: person.dn, email: email, emailVerified: email != nil,
                                    preferredUsername: person.first(configuration.usernameAttribute), displayName: person.first(configuration.nameAttribute),
                                    groups: groups + groups.compactMap { LDAPConnection.commonName(of: $0) })
        }
    }
}
