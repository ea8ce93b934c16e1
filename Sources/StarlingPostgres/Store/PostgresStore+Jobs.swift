import Foundation
import StarlingCore
import StarlingSQL

/// The durable job queue, shared by every node: a runner claims a due job by moving its time to the end
/// of a lease in one conditional update, so of several nodes that read it as due exactly one takes it (the
/// others' updates wait for the first, then find its time moved); a node that dies mid-job leaves the lease
/// to run out, and the job falls due again for another.
extension PostgresStore: JobStore {
    public func upsertJob(_ job: Job) async throws {
        try await database.write { db in
            try await db.run("""
                INSERT INTO jobs (id, kind, key, payload, run_at, attempts, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)
                ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, payload = excluded.payload, run_at = excluded.run_at,
                    attempts = 0, last_error = NULL, failed_at = NULL
                """, [job.id, job.kind, job.key, job.payload, Self.millis(job.runAt), Self.millis(job.createdAt)])
        }
    }

    public func deleteJob(key: String) async throws {
        try await database.write { db in try await db.run("DELETE FROM jobs WHERE key = ?", [key]) }
    }

    public func dueJobs(at date: Date, limit: Int) async throws -> [Job] {
        try await database.read { db in
            try await db.rows("SELECT \(Self.jobColumns) FROM jobs WHERE failed_at IS NULL AND run_at <= ? ORDER BY run_at, id LIMIT ?",
                              [Self.millis(date), limit], Self.job)
        }
    }

    /// The due row is locked as it is read, skipping rows other nodes' runners hold (`FOR UPDATE SKIP LOCKED`),
    /// so runners on several nodes never wait for each other nor take one job twice.
    public func claimDueJob(at date: Date, leaseUntil: Date) async throws -> Job? {
        try await database.writeBookkeeping { db in
            try await db.first("""
                WITH due AS (SELECT \(Self.jobColumns) FROM jobs WHERE failed_at IS NULL AND run_at <= :now
                             ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
                UPDATE jobs SET run_at = :lease, attempts = jobs.attempts + 1 FROM due WHERE jobs.id = due.id
                RETURNING \(Self.jobColumns.split(separator: ", ").map { "due.\($0)" }.joined(separator: ", "))
                """, ["now": Self.millis(date), "lease": Self.millis(leaseUntil)], Self.job)
        }
    }

    public func finishJob(id: ID, leasedUntil: Date) async throws {
        try await database.write { db in try await db.run("DELETE FROM jobs WHERE id = ? AND run_at = ?", [id, Self.millis(leasedUntil)]) }
    }

    public func failJob(id: ID, leasedUntil: Date, error: String, retryAt: Date?, at: Date) async throws {
        try await database.write { db in
            try await db.run("""
                UPDATE jobs SET last_error = :error, run_at = coalesce(:retry, run_at), failed_at = CASE WHEN :retry IS NULL THEN :at END
                WHERE id = :id AND run_at = :lease
                """, ["error": String(error.prefix(2000)), "retry": retryAt.map(Self.millis), "at": Self.millis(at), "id": id,
                      "lease": Self.millis(leasedUntil)])
        }
    }

    public func failedJobs(limit: Int) async throws -> [Job] {
        try await database.read { db in
            try await db.rows("SELECT \(Self.jobColumns) FROM jobs WHERE failed_at IS NOT NULL ORDER BY failed_at DESC LIMIT ?", [limit], Self.job)
        }
    }

    public func jobQueueDepth(at date: Date) async throws -> JobQueueDepth {
        try await database.read { db in
            try await db.first("""
                SELECT count(*) FILTER (WHERE failed_at IS NULL AND run_at <= :now), count(*) FILTER (WHERE failed_at IS NULL AND run_at > :now),
                    count(*) FILTER (WHERE failed_at IS NOT NULL)
                FROM jobs
                """, ["now": Self.millis(date)]) { JobQueueDepth(due: $0.int(0), scheduled: $0.int(1), failed: $0.int(2)) }
                ?? JobQueueDepth(due: 0, scheduled: 0, failed: 0)
        }
    }

    public func retryJob(id: ID, at: Date) async throws -> Bool {
        try await database.write { db in
            try await db.run("UPDATE jobs SET failed_at = NULL, attempts = 0, run_at = ? WHERE id = ? AND failed_at IS NOT NULL RETURNING 1",
                             [Self.millis(at), id]) == 1
        }
    }
}
