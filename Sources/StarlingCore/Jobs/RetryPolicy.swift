import Foundation

/// How a kind of job is retried when its handler fails: how many attempts in all, and the wait before
/// each next one (a first delay, doubling, capped).
public struct RetryPolicy: Sendable, Equatable {
    public var attempts: Int
    public var firstDelay: TimeInterval
    public var longestDelay: TimeInterval

    public init(attempts: Int, firstDelay: TimeInterval, longestDelay: TimeInterval) {
        self.attempts = attempts
        self.firstDelay = firstDelay
        self.longestDelay = longestDelay
    }

    /// Most jobs: 6 attempts, 10 s apart and twice as long each time (about five minutes in all).
    public static let standard = RetryPolicy(attempts: 6, firstDelay: 10, longestDelay: 3600)
    /// Email: a mail server can be away for hours (maintenance, a full queue), so 12 attempts from 30 s
    /// up to 4 h apart, about 12 hours in all.
    public static let email = RetryPolicy(attempts: 12, firstDelay: 30, longestDelay: 4 * 3600)
    /// Deliveries to other servers: a server can be down for a day (a move, an outage), so 18 attempts from
    /// 30 s up to 6 h apart, about two days in all, as Mastodon and GoToSocial keep trying.
    public static let federation = RetryPolicy(attempts: 18, firstDelay: 30, longestDelay: 6 * 3600)

    /// The wait before attempt `attempts + 1`.
    func delay(afterAttempts attempts: Int) -> TimeInterval {
        min(firstDelay * pow(2, Double(max(attempts - 1, 0))), longestDelay)
    }

    /// The sum of every wait: how long after the first attempt the last one happens.
    public var span: TimeInterval { (1..<attempts).reduce(0) { $0 + delay(afterAttempts: $1) } }
}
