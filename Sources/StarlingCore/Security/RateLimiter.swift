import Foundation

/// Fixed-window request counting per client, as Mastodon does it (300 requests per 5 minutes).
public final class RateLimiter: @unchecked Sendable {
    public let limit: Int
    public let window: TimeInterval
    private var counts: [String: (windowStart: Date, count: Int)] = [:]
    private let lock = NSLock()

    public init(limit: Int, window: TimeInterval = 300) {
        self.limit = limit
        self.window = window
    }

    /// What a request leaves: whether it may go ahead, how many remain, and when the window resets.
    public struct Decision: Sendable {
        public var allowed: Bool
        public var remaining: Int
        public var resetsAt: Date
    }

    /// Counts one request for `key`.
    public func record(_ key: String, now: Date = Date()) -> Decision {
        lock.lock()
        defer { lock.unlock() }
        var entry = counts[key] ?? (now, 0)
        if now.timeIntervalSince(entry.windowStart) >= window { entry = (now, 0) }
        entry.count += 1
        counts[key] = entry
        if counts.count > 100_000 { counts = counts.filter { now.timeIntervalSince($0.value.windowStart) < window } }
        return Decision(allowed: entry.count <= limit, remaining: max(0, limit - entry.count), resetsAt: entry.windowStart + window)
    }
}
