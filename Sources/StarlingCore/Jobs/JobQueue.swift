import Foundation

/// The durable list of timed work: jobs are written to the store, so a job due while the server
/// was down runs after it starts. Enqueueing and cancelling is by key; `JobRunner` runs them.
public struct JobQueue: Sendable {
    let store: any Store
    let ids: IDGenerator

    public init(store: any Store, ids: IDGenerator) {
        self.store = store
        self.ids = ids
    }

    /// Plans `kind` with `payload` at `date`; a job with the same key is moved there (and tried afresh).
    public func enqueue(_ kind: String, key: String, payload: String, at date: Date, now: Date = Date()) async throws {
        try await store.upsertJob(Job(id: ids.next(at: now), kind: kind, key: key, payload: payload, runAt: date, createdAt: now))
    }

    /// Forgets the job with this key, if any.
    public func cancel(key: String) async throws { try await store.deleteJob(key: key) }

    /// Jobs given up after failing every attempt, newest first: for admins.
    public func failed(viewer: Account) async throws -> [Job] {
        try requireAdmin(viewer)
        return try await store.failedJobs(limit: 200)
    }

    /// How many jobs wait to run, or failed for good: for admins.
    public func depth(viewer: Account, now: Date = Date()) async throws -> JobQueueDepth {
        try requireAdmin(viewer)
        return try await store.jobQueueDepth(at: now)
    }

    /// Tries a failed job again now, with its attempts counted from zero.
    public func retry(_ id: ID, by admin: Account, now: Date = Date()) async throws {
        try requireAdmin(admin)
        guard try await store.retryJob(id: id, at: now) else { throw DomainError.notFound }
    }

    private func requireAdmin(_ account: Account) throws {
        guard account.role == .admin else { throw DomainError.forbidden("Only admins look after background jobs.") }
    }
}
