import Foundation

/// Counts recent failures per key (for example a sign-in name) and refuses more after a limit.
public final class AttemptThrottle: @unchecked Sendable {
    private let limit: Int
    private let window: TimeInterval
    private var failures: [String: [Date]] = [:]
    private let lock = NSLock()

    public init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    /// Throws `.throttled` while `key` has `limit` failures inside the window.
    public func check(_ key: String, now: Date = Date()) throws {
        lock.lock()
        defer { lock.unlock() }
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[key] = recent.isEmpty ? nil : recent
        if recent.count >= limit, let oldest = recent.first {
            let minutes = Int((window - now.timeIntervalSince(oldest)) / 60) + 1
            throw DomainError.throttled("Too many failed sign-ins. Try again in \(minutes) minute\(minutes == 1 ? "" : "s").")
        }
    }

    public func recordFailure(_ key: String, now: Date = Date()) {
        lock.lock()
        defer { lock.unlock() }
        failures[key, default: []].append(now)
        if failures.count > 100_000 { failures.removeAll() } // a flood of distinct keys must not grow memory forever
    }

    public func reset(_ key: String) {
        lock.lock()
        defer { lock.unlock() }
        failures[key] = nil
    }
}
