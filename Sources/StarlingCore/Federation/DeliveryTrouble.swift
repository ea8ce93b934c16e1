import Foundation

/// A server our deliveries have been failing to reach since the last one that arrived. After failing for
/// `FederationService.pauseAfter`, deliveries to it are paused until it is heard from again or an admin
/// resumes them; admins see both on the federation page. A server that answers is no trouble and has no entry.
public struct DeliveryTrouble: Sendable, Hashable {
    public var domain: String
    /// The first failure since the last delivery that arrived.
    public var failingSince: Date
    public var lastFailureAt: Date
    /// What went wrong the last time (`example.social answered 503.`, a connection refused).
    public var lastError: String
    /// When deliveries to it were paused, if they are.
    public var pausedAt: Date?

    public init(domain: String, failingSince: Date, lastFailureAt: Date, lastError: String, pausedAt: Date? = nil) {
        self.domain = domain
        self.failingSince = failingSince
        self.lastFailureAt = lastFailureAt
        self.lastError = lastError
        self.pausedAt = pausedAt
    }
}
