/// Work done once per key at a time: whoever asks for a key while its work is under way waits for that
/// work's result instead of doing it again. For work that many requests may need at the same moment and
/// that costs far more than waiting: making an actor's key, fetching another server's key.
///
/// Only work under way is shared; once it ends, the next caller starts afresh (keeping results is the
/// caller's business). The work runs in a task of its own, so one caller's cancellation does not cancel
/// it for the others.
public actor SingleFlight<Key: Hashable & Sendable, Value: Sendable> {
    private var running: [Key: Task<Value, any Error>] = [:]

    public init() {}

    /// The result of `work` for `key`: of the work already under way for it, or of `work` run now.
    public func run(_ key: Key, _ work: @escaping @Sendable () async throws -> Value) async throws -> Value {
        if let underWay = running[key] { return try await underWay.value }
        let task = Task { try await work() }
        running[key] = task
        defer { running[key] = nil }
        return try await task.value
    }
}
