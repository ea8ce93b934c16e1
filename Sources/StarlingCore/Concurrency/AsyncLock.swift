/// A lock a task may hold across suspension points (an `NSLock` may not be): waiting tasks suspend
/// rather than block their thread, and take the lock in the order they asked for it.
public actor AsyncLock {
    private var isLocked = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init() {}

    /// Runs `body` while holding the lock.
    public func withLock<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        if isLocked {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            isLocked = true
        }
        defer {
            if waiting.isEmpty { isLocked = false } else { waiting.removeFirst().resume() }
        }
        return try await body()
    }
}
