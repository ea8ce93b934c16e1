import Foundation

/// The federation lists (allowed and blocked domains) and the actors' signing keys.
public protocol FederationStore: Sendable {
    /// Every allowed and blocked domain, by domain.
    func domainRules() async throws -> [DomainRule]
    /// Puts a domain on a list (replacing its entry on the other one), with the audit entry saying so.
    func saveDomainRule(_ rule: DomainRule, entry: AuditEntry) async throws
    /// Takes a domain off both lists; false when it was on neither.
    func removeDomainRule(_ domain: RemoteDomain, entry: AuditEntry) async throws -> Bool
    /// A person's choices: whether people outside may find and follow them, and whether they approve each follower from outside.
    func setFederationChoices(accountID: ID, discoverable: Bool, locked: Bool) async throws
    /// The key an actor signs with, if it has one yet.
    func actorKey(ownerID: ID) async throws -> ActorKey?
    /// Keeps a new key unless the actor already has one (another node made it first): returns the one kept.
    func keepActorKey(_ key: ActorKey) async throws -> ActorKey
    /// Forgets an actor's key (a deleted member's, once their last deliveries are over).
    func removeActorKey(ownerID: ID) async throws
}
