import Foundation

/// Counts recent failures per key (a sign-in name) and refuses more after a limit. The failures are kept
/// by the store, so the limit holds across every node on one database.
public struct AttemptThrottle: Sendable {
    let store: any SignInAttemptStore
    let limit: Int
    let window: TimeInterval

    public init(store: any SignInAttemptStore, limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.store = store
        self.limit = limit
        self.window = window
    }

    /// Throws `.throttled` while `key` has `limit` failures inside the window; otherwise returns how many it has.
    @discardableResult
    public func check(_ key: String, now: Date = Date()) async throws -> Int {
        let recent = try await store.failedSignIns(key: key, since: now - window)
        if recent.count >= limit, let oldest = recent.first {
            let minutes = Int((window - now.timeIntervalSince(oldest)) / 60) + 1
            throw DomainError.throttled("Too many failed sign-ins. Try again in \(minutes) minute\(minutes == 1 ? "" : "s").")
        }
        return recent.count
    }

    public func recordFailure(_ key: String, now: Date = Date()) async throws {
        try await store.recordFailedSignIn(key: key, at: now, forgetBefore: now - window)
    }

    /// Forgets `key`'s failures after a success; `failures` is what `check` returned, so a success after none writes nothing.
    public func reset(_ key: String, failures: Int) async throws {
        if failures > 0 { try await store.clearFailedSignIns(key: key) }
    }
}
