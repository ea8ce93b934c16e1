import Foundation
import Logging

/// Runs due jobs with their kind's handler. A runner first takes a job by moving its time a lease
/// ahead (so another runner, or this one after a crash, leaves it alone until the lease lapses),
/// then runs it and deletes it. A handler that throws is retried with a growing delay (its kind's
/// `RetryPolicy`), and after the last attempt the job is kept as failed for admins. Handlers must be idempotent (publishing uses
/// an idempotency key), so a crash between doing the work and deleting the job does nothing twice.
public struct JobRunner: Sendable {
    public typealias Handler = @Sendable (Job, Date) async throws -> Void

    /// How long a runner holds a job it started.
    let lease: TimeInterval

    let store: any Store
    let handlers: [String: Handler]
    /// Kinds retried otherwise than `RetryPolicy.standard`.
    let retryPolicies: [String: RetryPolicy]
    let metrics: ServerMetrics
    /// Held by one pass at a time: a pass started while another of this runner is under way (the
    /// server's periodic one, say) waits for it, so when it returns, every job due and claimed here is done.
    private let passLock = AsyncLock()

    public init(store: any Store, handlers: [String: Handler], retryPolicies: [String: RetryPolicy] = [:], lease: TimeInterval = 300,
                metrics: ServerMetrics = ServerMetrics()) {
        self.lease = lease
        self.store = store
        self.handlers = handlers
        self.retryPolicies = retryPolicies
        self.metrics = metrics
    }

    public func retryPolicy(of kind: String) -> RetryPolicy { retryPolicies[kind] ?? .standard }

    /// Runs the jobs due at `now`, claiming one at a time (at most five times `limit`), including jobs the
    /// handlers plan for `now` (a chat's start plans its first question, say); returns how many finished.
    @discardableResult
    public func runDue(now: Date, limit: Int = 100, logger: Logger? = nil) async throws -> Int {
        try await passLock.withLock { try await runPass(now: now, limit: limit, logger: logger) }
    }

    private func runPass(now: Date, limit: Int, logger: Logger?) async throws -> Int {
        var finished = 0
        for _ in 0..<(limit * 5) {
            let lease = now + self.lease
            guard let job = try await store.claimDueJob(at: now, leaseUntil: lease) else { break }
            let attempts = job.attempts + 1
            do {
                guard let handler = handlers[job.kind] else { throw DomainError.invalid(field: "kind", message: "No handler for \(job.kind).") }
                try await handler(job, now)
                // Unless it was enqueued again meanwhile (then its time moved off the lease), it is done.
                try await store.finishJob(id: job.id, leasedUntil: lease)
                metrics.jobRun(kind: job.kind, failed: false)
                finished += 1
            } catch {
                metrics.jobRun(kind: job.kind, failed: true)
                let policy = retryPolicy(of: job.kind)
                let giveUp = attempts >= policy.attempts
                try await store.failJob(id: job.id, leasedUntil: lease, error: "\(error)",
                                  retryAt: giveUp ? nil : now + policy.delay(afterAttempts: attempts), at: now)
                logger?.warning(giveUp ? "A job failed for good" : "A job failed; it will be retried",
                                metadata: ["kind": "\(job.kind)", "key": "\(job.key)", "attempt": "\(attempts)", "error": "\(error)"])
            }
        }
        return finished
    }
}
