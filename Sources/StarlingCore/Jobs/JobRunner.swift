import Foundation
import Logging

/// Runs due jobs with their kind's handler. A runner first takes a job by moving its time a lease
/// ahead (so another runner, or this one after a crash, leaves it alone until the lease lapses),
/// then runs it and deletes it. A handler that throws is retried with a growing delay (its kind's
/// `RetryPolicy`), and after the last attempt the job is kept as failed for admins. Handlers must be idempotent (publishing uses
/// an idempotency key), so a crash between doing the work and deleting the job does nothing twice.
///
/// Jobs run one after another, in the order they fell due, except the kinds registered as side by side
/// (deliveries to other servers): a slow server must not hold up the rest.
public struct JobRunner: Sendable {
    public typealias Handler = @Sendable (Job, Date) async throws -> Void

    /// How long a runner holds a job it started.
    let lease: TimeInterval
    /// How many jobs of the side-by-side kinds one pass runs at once.
    static let sideBySideLimit = 8

    let store: any Store
    let metrics: ServerMetrics
    private let kinds: JobKinds
    /// Held by one pass at a time: a pass started while another of this runner is under way (the
    /// server's periodic one, say) waits for it, so when it returns, every job due and claimed here is done.
    private let passLock = AsyncLock()

    public init(store: any Store, handlers: [String: Handler], retryPolicies: [String: RetryPolicy] = [:], lease: TimeInterval = 300,
                metrics: ServerMetrics = ServerMetrics()) {
        self.lease = lease
        self.store = store
        self.metrics = metrics
        kinds = JobKinds(handlers: handlers, retryPolicies: retryPolicies)
    }

    /// Adds the handler of a kind planned outside the domain (the ActivityPub side's deliveries, say);
    /// `sideBySide` kinds run beside each other and beside the rest.
    public func register(_ kind: String, retryPolicy: RetryPolicy? = nil, sideBySide: Bool = false, handler: @escaping Handler) {
        kinds.register(kind, retryPolicy: retryPolicy, sideBySide: sideBySide, handler: handler)
    }

    public func retryPolicy(of kind: String) -> RetryPolicy { kinds.retryPolicy(of: kind) }

    /// Runs the jobs due at `now`, claiming one at a time (at most five times `limit`), including jobs the
    /// handlers plan for `now` (a chat's start plans its first question, say); returns how many finished.
    @discardableResult
    public func runDue(now: Date, limit: Int = 100, logger: Logger? = nil) async throws -> Int {
        try await passLock.withLock { try await runPass(now: now, limit: limit, logger: logger) }
    }

    private func runPass(now: Date, limit: Int, logger: Logger?) async throws -> Int {
        try await withThrowingTaskGroup(of: Bool.self) { sideBySide in
            var finished = 0
            var running = 0
            for _ in 0..<(limit * 5) {
                let lease = now + self.lease
                guard let job = try await store.claimDueJob(at: now, leaseUntil: lease) else { break }
                guard kinds.runsSideBySide(job.kind) else {
                    if try await run(job, lease: lease, now: now, logger: logger) { finished += 1 }
                    continue
                }
                if running == Self.sideBySideLimit, let done = try await sideBySide.next() {
                    running -= 1
                    if done { finished += 1 }
                }
                running += 1
                sideBySide.addTask { try await run(job, lease: lease, now: now, logger: logger) }
            }
            for try await done in sideBySide where done { finished += 1 }
            return finished
        }
    }

    /// Runs one claimed job; true when it finished, false when it failed (and is due again or given up).
    private func run(_ job: Job, lease: Date, now: Date, logger: Logger?) async throws -> Bool {
        let attempts = job.attempts + 1
        do {
            guard let handler = kinds.handler(of: job.kind) else { throw DomainError.invalid(field: "kind", message: "No handler for \(job.kind).") }
            try await handler(job, now)
            // Unless it was enqueued again meanwhile (then its time moved off the lease), it is done.
            try await store.finishJob(id: job.id, leasedUntil: lease)
            metrics.jobRun(kind: job.kind, failed: false)
            return true
        } catch {
            metrics.jobRun(kind: job.kind, failed: true)
            let policy = retryPolicy(of: job.kind)
            let giveUp = attempts >= policy.attempts
            try await store.failJob(id: job.id, leasedUntil: lease, error: "\(error)",
                                    retryAt: giveUp ? nil : now + policy.delay(afterAttempts: attempts), at: now)
            logger?.warning(giveUp ? "A job failed for good" : "A job failed; it will be retried",
                            metadata: ["kind": "\(job.kind)", "key": "\(job.key)", "attempt": "\(attempts)", "error": "\(error)"])
            return false
        }
    }
}

/// The runner's table of kinds: each one's handler, retry policy, and whether it runs side by side.
/// Most are known when the domain is assembled; others are registered once, when the server starts.
/// (Unchecked: the table is read and changed under `lock` only.)
private final class JobKinds: @unchecked Sendable {
    private struct Table {
        var handlers: [String: JobRunner.Handler]
        var retryPolicies: [String: RetryPolicy]
        var sideBySide: Set<String> = []
    }

    private let lock = NSLock()
    private var table: Table

    init(handlers: [String: JobRunner.Handler], retryPolicies: [String: RetryPolicy]) {
        table = Table(handlers: handlers, retryPolicies: retryPolicies)
    }

    func register(_ kind: String, retryPolicy: RetryPolicy?, sideBySide: Bool, handler: @escaping JobRunner.Handler) {
        lock.withLock {
            table.handlers[kind] = handler
            table.retryPolicies[kind] = retryPolicy
            if sideBySide { table.sideBySide.insert(kind) } else { table.sideBySide.remove(kind) }
        }
    }

    func handler(of kind: String) -> JobRunner.Handler? { lock.withLock { table.handlers[kind] } }
    func retryPolicy(of kind: String) -> RetryPolicy { lock.withLock { table.retryPolicies[kind] } ?? .standard }
    func runsSideBySide(_ kind: String) -> Bool { lock.withLock { table.sideBySide.contains(kind) } }
}
