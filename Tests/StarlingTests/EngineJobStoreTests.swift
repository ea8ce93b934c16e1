import Foundation
import Testing
@testable import StarlingCore

/// The durable job queue's store on both engines, as two nodes (two stores on one database) use it.
@Suite("Job queue store on both engines")
struct EngineJobStoreTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// One generator for every job of these tests: fresh generators for one moment each start at a random sequence
    /// number in the same millisecond, and two could make the same id.
    static let ids = IDGenerator()

    static func job(_ key: String, at date: Date = now) -> Job {
        Job(id: ids.next(at: date), kind: "test", key: key, payload: "p-\(key)", runAt: date, attempts: 0, lastError: nil,
            failedAt: nil, createdAt: date)
    }

    @Test("of many runners on two nodes claiming at once, each due job goes to exactly one", arguments: Engine.allCases)
    func claimedOnce(engine: Engine) async throws {
        let (nodeA, nodeB) = try await engine.twoNodes()
        for key in ["one", "two", "three"] { try await nodeA.upsertJob(Self.job(key)) }
        let claims = try await withThrowingTaskGroup(of: Job?.self) { group in
            for index in 0..<8 {
                let node = index.isMultiple(of: 2) ? nodeA : nodeB
                group.addTask { try await node.claimDueJob(at: Self.now, leaseUntil: Self.now + 300) }
            }
            return try await group.reduce(into: [Job]()) { claimed, job in if let job { claimed.append(job) } }
        }
        #expect(claims.map(\.key).sorted() == ["one", "three", "two"])
        #expect(claims.allSatisfy { $0.runAt == Self.now && $0.attempts == 0 }, "each is returned as it was due")
        #expect(try await nodeA.dueJobs(at: Self.now + 299, limit: 10).isEmpty)
    }

    @Test("a job whose runner died falls due again when its lease runs out, and another node takes it", arguments: Engine.allCases)
    func leaseRunsOut(engine: Engine) async throws {
        let (nodeA, nodeB) = try await engine.twoNodes()
        try await nodeA.upsertJob(Self.job("lease"))
        let job = try #require(try await nodeA.claimDueJob(at: Self.now, leaseUntil: Self.now + 300))
        // Node A dies here. Before the lease runs out nobody takes it; after, node B does; A's late finish deletes nothing.
        #expect(try await nodeB.claimDueJob(at: Self.now + 299, leaseUntil: Self.now + 599) == nil)
        let again = try #require(try await nodeB.claimDueJob(at: Self.now + 300, leaseUntil: Self.now + 600))
        #expect(again.id == job.id && again.attempts == 1)
        try await nodeA.finishJob(id: job.id, leasedUntil: Self.now + 300)
        #expect(try await nodeB.jobQueueDepth(at: Self.now + 300) == JobQueueDepth(due: 0, scheduled: 1, failed: 0))
        try await nodeB.finishJob(id: job.id, leasedUntil: Self.now + 600)
        #expect(try await nodeA.jobQueueDepth(at: Self.now + 600) == JobQueueDepth(due: 0, scheduled: 0, failed: 0))
    }

    @Test("a failed attempt is retried later, then kept as failed until an admin retries it", arguments: Engine.allCases)
    func failures(engine: Engine) async throws {
        let (store, _) = try await engine.twoNodes()
        try await store.upsertJob(Self.job("flaky"))
        let job = try #require(try await store.claimDueJob(at: Self.now, leaseUntil: Self.now + 300))
        try await store.failJob(id: job.id, leasedUntil: Self.now + 300, error: "SMTP said no", retryAt: Self.now + 60, at: Self.now)
        let retried = try #require(try await store.claimDueJob(at: Self.now + 60, leaseUntil: Self.now + 360))
        #expect(retried.lastError == "SMTP said no" && retried.attempts == 1)
        try await store.failJob(id: retried.id, leasedUntil: Self.now + 360, error: "still no", retryAt: nil, at: Self.now + 60)
        #expect(try await store.failedJobs(limit: 5).map(\.lastError) == ["still no"])
        #expect(try await store.jobQueueDepth(at: Self.now + 1000) == JobQueueDepth(due: 0, scheduled: 0, failed: 1))
        #expect(try await store.retryJob(id: job.id, at: Self.now + 100))
        #expect(try await !store.retryJob(id: job.id, at: Self.now + 100)) // no longer failed
        #expect(try await store.dueJobs(at: Self.now + 100, limit: 1).first?.attempts == 0)
    }

    @Test("enqueueing a key again moves its job; deleting by key removes it", arguments: Engine.allCases)
    func keys(engine: Engine) async throws {
        let (store, _) = try await engine.twoNodes()
        try await store.upsertJob(Self.job("reminder", at: Self.now + 3600))
        try await store.upsertJob(Self.job("reminder", at: Self.now + 60))
        #expect(try await store.jobQueueDepth(at: Self.now) == JobQueueDepth(due: 0, scheduled: 1, failed: 0))
        #expect(try await store.dueJobs(at: Self.now + 60, limit: 5).map(\.key) == ["reminder"])
        try await store.deleteJob(key: "reminder")
        #expect(try await store.dueJobs(at: Self.now + 7200, limit: 5).isEmpty)
    }
}
