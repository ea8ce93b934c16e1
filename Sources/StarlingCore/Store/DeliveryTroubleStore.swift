import Foundation

/// Servers our deliveries fail to reach (`DeliveryTrouble`), one entry per domain.
public protocol DeliveryTroubleStore: Sendable {
    /// Records a failed delivery to `domain` (its first failure sets `failingSince`); returns the entry as it now is.
    func recordDeliveryFailure(domain: String, error: String, at date: Date) async throws -> DeliveryTrouble
    /// Pauses deliveries to a domain in trouble.
    func pauseDeliveries(domain: String, at date: Date) async throws
    /// Forgets a domain's trouble (a delivery arrived, it was heard from, or an admin resumed it); false when it had none.
    @discardableResult
    func clearDeliveryTrouble(domain: String) async throws -> Bool
    func deliveryTrouble(domain: String) async throws -> DeliveryTrouble?
    /// Every domain in trouble, paused ones first, then the longest failing.
    func deliveryTroubles() async throws -> [DeliveryTrouble]
}
