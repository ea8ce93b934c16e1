import Foundation

/// The durable job queue (see `JobQueue` and `JobRunner`): due jobs are claimed with a lease, finished, or failed
/// and retried.
public protocol JobStore: Sendable {
    /// Adds a job, or moves the job with the same key to this one's time, kind and payload (tried afresh).
    func upsertJob(_ job: Job) async throws
    func deleteJob(key: String) async throws
    /// Jobs due at `date` that have not failed for good, the earliest first.
    func dueJobs(at date: Date, limit: Int) async throws -> [Job]
    /// Takes the earliest job due at `date` for a runner: its time moves to `leaseUntil` and its attempts up by one
    /// (the job is returned as it was due). Of runners on any number of nodes, exactly one takes each job; nil
    /// when none is due.
    func claimDueJob(at date: Date, leaseUntil: Date) async throws -> Job?
    /// Deletes a job a runner finished, unless it was enqueued again meanwhile.
    func finishJob(id: ID, leasedUntil: Date) async throws
    /// Records a failed attempt: due again at `retryAt`, or (nil) failed for good at `at`.
    func failJob(id: ID, leasedUntil: Date, error: String, retryAt: Date?, at: Date) async throws
    func failedJobs(limit: Int) async throws -> [Job]
    /// How many jobs are due at `date` and waiting, planned for later, and failed for good.
    func jobQueueDepth(at date: Date) async throws -> JobQueueDepth
    /// Makes a failed job due at `at` with no attempts counted; false when there is no such failed job.
    func retryJob(id: ID, at: Date) async throws -> Bool
}
