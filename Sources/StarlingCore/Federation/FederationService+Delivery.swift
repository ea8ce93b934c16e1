import Foundation

/// Deliveries to other servers: which servers fail to take them, pausing one that has failed for days,
/// and the admins' view of them. Delivering itself is the ActivityPub side's (`JobKind.deliverActivity`).
extension FederationService {
    /// How long a server may fail every delivery before deliveries to it are paused: about as long as one
    /// delivery is retried (`RetryPolicy.federation`).
    public static let pauseAfter: TimeInterval = 2 * 86_400

    /// Records that a delivery to `domain` failed (to be retried, or not); pauses the domain once it has
    /// failed for `pauseAfter` with nothing arriving in between. Returns whether it is now paused.
    @discardableResult
    public func deliveryFailed(to domain: String, error: String) async throws -> Bool {
        let now = clock.now()
        let trouble = try await store.recordDeliveryFailure(domain: domain, error: String(error.prefix(500)), at: now)
        guard trouble.pausedAt == nil else { return true }
        guard now.timeIntervalSince(trouble.failingSince) >= Self.pauseAfter else { return false }
        try await store.pauseDeliveries(domain: domain, at: now)
        return true
    }

    /// A delivery arrived, or the server was heard from (a signed request it made): it is no trouble any more.
    public func deliveryArrived(at domain: String) async throws {
        try await store.clearDeliveryTrouble(domain: domain)
    }

    /// How deliveries to `domain` have been failing, if they have; while it is paused, deliveries to it are
    /// dropped, not kept.
    public func deliveryTrouble(at domain: String) async throws -> DeliveryTrouble? {
        try await store.deliveryTrouble(domain: domain)
    }

    /// A server made a signed request: if deliveries to it were failing or paused, they go out again.
    public func heardFrom(_ domain: String) async throws {
        if try await store.deliveryTrouble(domain: domain) != nil { try await store.clearDeliveryTrouble(domain: domain) }
    }

    /// The servers deliveries fail to reach, paused ones first, for an admin.
    public func deliveryTroubles(by admin: Account?) async throws -> [DeliveryTrouble] {
        try Self.checkAdmin(admin)
        return try await store.deliveryTroubles()
    }

    /// An admin resumes deliveries to a paused (or failing) domain; `DomainError.notFound` when it had no trouble.
    public func resumeDeliveries(to text: String, by admin: Account?) async throws {
        try Self.checkAdmin(admin)
        let domain = try RemoteDomain(parsing: text)
        guard try await store.clearDeliveryTrouble(domain: domain.description) else { throw DomainError.notFound }
        try await store.insertAuditEntry(AuditEntry(id: ids.next(), actorID: admin?.id, action: .resumeDeliveries, reason: domain.description,
                                                    createdAt: clock.now()))
    }
}
