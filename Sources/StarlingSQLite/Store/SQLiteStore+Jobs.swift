import Foundation
import StarlingCore
import StarlingSQL

/// Jobs: timed work kept until done (see `JobQueue` and `JobRunner`).
extension SQLiteStore {
    public func upsertJob(_ job: Job) async throws {
        try await database.writeOffPool { db in
            try db.prepare("""
                INSERT INTO jobs (id, kind, key, payload, run_at, attempts, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)
                ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, payload = excluded.payload, run_at = excluded.run_at,
                    attempts = 0, last_error = NULL, failed_at = NULL
                """)
                .bind([job.id.rawValue, job.kind, job.key, job.payload, Self.millis(job.runAt), Self.millis(job.createdAt)]).run()
        }
    }

    public func deleteJob(key: String) async throws {
        try await database.writeOffPool { db in try db.prepare("DELETE FROM jobs WHERE key = ?").bind([key]).run() }
    }

    public func dueJobs(at date: Date, limit: Int) async throws -> [Job] {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.jobColumns) FROM jobs WHERE failed_at IS NULL AND run_at <= ? ORDER BY run_at, id LIMIT ?")
                .bind([Self.millis(date), limit]).rows(Self.job)
        }
    }

    /// The database has one writer at a time, so reading the job and moving it in one write cannot race.
    public func claimDueJob(at date: Date, leaseUntil: Date) async throws -> Job? {
        try await database.writeOffPool { db in
            guard let job = try db.prepare("SELECT \(Self.jobColumns) FROM jobs WHERE failed_at IS NULL AND run_at <= ? ORDER BY run_at, id LIMIT 1")
                .bind([Self.millis(date)]).first(Self.job) else { return nil }
            try db.prepare("UPDATE jobs SET run_at = ?, attempts = attempts + 1 WHERE id = ?").bind([Self.millis(leaseUntil), job.id]).run()
            return job
        }
    }

    public func finishJob(id: ID, leasedUntil: Date) async throws {
        try await database.writeOffPool { db in
            try db.prepare("DELETE FROM jobs WHERE id = ? AND run_at = ?").bind([id.rawValue, Self.millis(leasedUntil)]).run()
        }
    }

    public func failJob(id: ID, leasedUntil: Date, error: String, retryAt: Date?, at: Date) async throws {
        try await database.writeOffPool { db in
            try db.prepare("""
                UPDATE jobs SET last_error = :error, run_at = coalesce(:retry, run_at), failed_at = CASE WHEN :retry IS NULL THEN :at END
                WHERE id = :id AND run_at = :lease
                """)
                .bind(["error": String(error.prefix(2000)), "retry": retryAt.map(Self.millis), "at": Self.millis(at),
                       "id": id.rawValue, "lease": Self.millis(leasedUntil)])
                .run()
        }
    }

    public func failedJobs(limit: Int) async throws -> [Job] {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.jobColumns) FROM jobs WHERE failed_at IS NOT NULL ORDER BY failed_at DESC LIMIT ?")
                .bind([limit]).rows(Self.job)
        }
    }

    public func jobQueueDepth(at date: Date) async throws -> JobQueueDepth {
        try await database.readOffPool { db in
            try db.prepare("""
                SELECT count(*) FILTER (WHERE failed_at IS NULL AND run_at <= :now), count(*) FILTER (WHERE failed_at IS NULL AND run_at > :now),
                    count(*) FILTER (WHERE failed_at IS NOT NULL)
                FROM jobs
                """).bind(["now": Self.millis(date)]).rows { JobQueueDepth(due: $0.int(0), scheduled: $0.int(1), failed: $0.int(2)) }[0]
        }
    }

    public func retryJob(id: ID, at: Date) async throws -> Bool {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE jobs SET failed_at = NULL, attempts = 0, run_at = ? WHERE id = ? AND failed_at IS NOT NULL")
                .bind([Self.millis(at), id.rawValue]).run()
            return db.changes == 1
        }
    }
}
