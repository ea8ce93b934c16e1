import Foundation
import Testing
@testable import StarlingCore

/// The durable job component: timed work kept in the database, run once when due (also after a
/// restart), retried with backoff when it fails, and shown to admins when it fails for good.
@Suite("Durable jobs")
struct JobTests {
    private struct Boom: Error, CustomStringConvertible { var description: String { "the printer is on fire" } }

    @Test("a job runs when due, not before, and once")
    func runsOnceWhenDue() async throws {
        let world = try await TestWorld()
        let ran = Counter()
        let runner = JobRunner(store: world.store, handlers: ["note": { _, _ in ran.add() }])
        let start = Date()
        try await world.starling.jobs.enqueue("note", key: "note:1", payload: "", at: start + 60, now: start)
        #expect(try await runner.runDue(now: start + 59.9) == 0)
        #expect(try await runner.runDue(now: start + 60) == 1)
        #expect(try await runner.runDue(now: start + 3600) == 0)
        #expect(ran.value == 1)
    }

    @Test("a pass started while the runner's earlier pass is inside a job returns only after that job is done")
    func passesTakeTurns() async throws {
        let world = try await TestWorld()
        let (started, startedSignal) = AsyncStream.makeStream(of: Void.self)
        let ran = Counter()
        let runner = JobRunner(store: world.store, handlers: ["slow": { _, _ in
            startedSignal.yield()
            try await Task.sleep(for: .milliseconds(300))
            ran.add()
        }])
        let start = Date()
        try await world.starling.jobs.enqueue("slow", key: "slow:1", payload: "", at: start, now: start)
        let earlier = Task { try await runner.runDue(now: start) }
        var signals = started.makeAsyncIterator()
        _ = await signals.next()
        // The job is claimed by the earlier pass: this one finds nothing due, but waits for it.
        #expect(try await runner.runDue(now: start) == 0)
        #expect(ran.value == 1)
        #expect(try await earlier.value == 1)
    }

    @Test("jobs of a kind registered side by side run at the same time, and one that fails is retried by its own policy")
    func sideBySide() async throws {
        let world = try await TestWorld()
        let runner = JobRunner(store: world.store, handlers: [:])
        let arrived = Counter()
        // Each job waits until all three have started: the pass ends only if they run at the same time.
        runner.register("deliver", retryPolicy: .federation, sideBySide: true) { job, _ in
            arrived.add()
            while arrived.value < 3 { try await Task.sleep(for: .milliseconds(5)) }
            if job.key == "deliver:3" { throw Boom() }
        }
        let start = Date()
        for number in 1...3 { try await world.starling.jobs.enqueue("deliver", key: "deliver:\(number)", payload: "", at: start, now: start) }
        let pass = Task { try await runner.runDue(now: start) }
        let timeout = Task { try await Task.sleep(for: .seconds(10)); pass.cancel() }
        let finished = try? await pass.value
        timeout.cancel()
        #expect(finished == 2)
        #expect(runner.retryPolicy(of: "deliver") == .federation)
        #expect(try await world.store.jobQueueDepth(at: start + RetryPolicy.federation.firstDelay) == JobQueueDepth(due: 1, scheduled: 0, failed: 0))
    }

    @Test("enqueueing the same key again moves the job instead of adding one; cancelling forgets it")
    func keyedJobs() async throws {
        let world = try await TestWorld()
        let ran = Counter()
        let runner = JobRunner(store: world.store, handlers: ["note": { _, _ in ran.add() }])
        let start = Date()
        try await world.starling.jobs.enqueue("note", key: "note:1", payload: "", at: start + 60, now: start)
        try await world.starling.jobs.enqueue("note", key: "note:1", payload: "", at: start + 120, now: start)
        #expect(try await world.store.jobQueueDepth(at: start) == JobQueueDepth(due: 0, scheduled: 1, failed: 0))
        #expect(try await runner.runDue(now: start + 90) == 0)
        #expect(try await runner.runDue(now: start + 120) == 1)
        try await world.starling.jobs.enqueue("note", key: "note:2", payload: "", at: start + 60, now: start)
        try await world.starling.jobs.cancel(key: "note:2")
        #expect(try await runner.runDue(now: start + 3600) == 0 && ran.value == 1)
    }

    @Test("a scheduled post due while the server was down is published once after it starts, never twice")
    func restart() async throws {
        let clock = ManualClock()
        let before = try await TestWorld(clock: clock)
        let ada = try await before.member("ada")
        let due = clock.now() + 600
        _ = try await before.starling.schedule.schedule(.init(text: "Published after the restart"), at: due, by: ada, now: clock.now())
        // The server stops; an hour later another one starts on the same file.
        clock.advance(by: 3600)
        let after = try await TestWorld(clock: clock, reopening: before)
        let secondServer = try await TestWorld(clock: clock, reopening: before)
        #expect(try await after.starling.jobRunner.runDue(now: clock.now()) == 1)
        #expect(try await after.starling.jobRunner.runDue(now: clock.now()) == 0)
        #expect(try await secondServer.starling.jobRunner.runDue(now: clock.now()) == 0)
        #expect(try await after.timelineIDs(.profile(ada.id), for: ada).count == 1)
    }

    @Test("a job whose runner died after doing the work runs again when its lease lapses, and publishes nothing twice")
    func crashAfterWork() async throws {
        let clock = ManualClock()
        let world = try await TestWorld(clock: clock)
        let ada = try await world.member("ada")
        let scheduled = try await world.starling.schedule.schedule(.init(text: "Exactly once"), at: clock.now() + 60, by: ada, now: clock.now())
        clock.advance(by: 60)
        // A runner takes the job and publishes, then dies before deleting the job.
        _ = try #require(try await world.store.claimDueJob(at: clock.now(), leaseUntil: clock.now() + world.starling.jobRunner.lease))
        _ = try await world.starling.posts.compose(.init(text: "Exactly once"), by: ada, idempotencyKey: "scheduled-\(scheduled.id)", at: clock.now())
        #expect(try await world.starling.jobRunner.runDue(now: clock.now() + 60) == 0) // held by the dead runner's lease
        #expect(try await world.starling.jobRunner.runDue(now: clock.now() + world.starling.jobRunner.lease) == 1)
        #expect(try await world.timelineIDs(.profile(ada.id), for: ada).count == 1)
    }

    @Test("a failing job is retried with a growing delay, then kept as failed for admins, who can retry it")
    func failures() async throws {
        let world = try await TestWorld()
        let admin = try await world.member("fay", role: .admin), member = try await world.member("lea")
        let failing = Counter()
        let runner = JobRunner(store: world.store, handlers: ["print": { _, _ in failing.add(); throw Boom() }])
        var now = Date()
        try await world.starling.jobs.enqueue("print", key: "print:1", payload: "", at: now, now: now)
        var waits: [TimeInterval] = []
        for _ in 1...RetryPolicy.standard.attempts {
            #expect(try await runner.runDue(now: now) == 0)
            guard let next = try await world.store.dueJobs(at: .distantFuture, limit: 1).first else { break }
            waits.append(next.runAt.timeIntervalSince(now))
            #expect(try await runner.runDue(now: next.runAt - 0.5) == 0) // not before its time
            now = next.runAt
        }
        #expect(failing.value == RetryPolicy.standard.attempts)
        #expect(waits.map { Int($0.rounded()) } == [10, 20, 40, 80, 160])
        let failed = try await world.starling.jobs.failed(viewer: admin)
        #expect(failed.count == 1 && failed[0].lastError == "the printer is on fire" && failed[0].attempts == RetryPolicy.standard.attempts)
        await #expect(throws: DomainError.self) { try await world.starling.jobs.failed(viewer: member) }
        try await world.starling.jobs.retry(failed[0].id, by: admin, now: now)
        #expect(try await runner.runDue(now: now) == 0 && failing.value == RetryPolicy.standard.attempts + 1)
        #expect(try await world.store.dueJobs(at: .distantFuture, limit: 1).first?.attempts == 1)
    }

    @Test("in the browser: admins see failed jobs with their error and try one again; others cannot")
    func adminPage() async throws {
        let world = try await TestWorld()
        try await world.member("fay", role: .admin)
        try await world.member("lea")
        let now = Date()
        try await world.starling.jobs.enqueue("unknown_kind", key: "mystery:1", payload: "", at: now, now: now)
        var at = now
        for _ in 1...RetryPolicy.standard.attempts { // no handler for this kind: every attempt fails
            try await world.starling.jobRunner.runDue(now: at)
            at += 3600
        }
        try await withLiveServer(world) { server in
            let admin = server.browser(), member = server.browser()
            try await admin.signIn("fay")
            try await member.signIn("lea")
            let page = try await admin.get("/admin/jobs")
            #expect(page.status == 200 && page.body.contains("mystery:1") && page.body.contains("No handler for unknown_kind"))
            #expect(try await member.get("/admin/jobs").status == 403)
            let id = try #require(try await world.store.failedJobs(limit: 1).first?.id)
            #expect(try await member.post("/admin/jobs/\(id)/retry", []).status == 403)
            #expect(try await admin.post("/admin/jobs/\(id)/retry", []).status == 303)
            let depth = try await world.store.jobQueueDepth(at: Date())
            #expect(try await world.store.failedJobs(limit: 1).isEmpty && depth.failed == 0 && depth.due + depth.scheduled == 1)
        }
    }

    @Test("the server runs due jobs by its clock: a scheduled status goes out when the clock reaches its time")
    func serverRunsJobs() async throws {
        let clock = ManualClock()
        let world = try await TestWorld(clock: clock)
        let ada = try await world.member("ada")
        _ = try await world.starling.schedule.schedule(.init(text: "On the hour"), at: clock.now() + 3600, by: ada, now: clock.now())
        try await withLiveServer(world) { _ in
            try await Task.sleep(for: .milliseconds(1500))
            #expect(try await world.timelineIDs(.profile(ada.id), for: ada).isEmpty)
            clock.advance(by: 3600)
            // Published, and the job then finished (a moment after the post appears).
            var published = false, finished = false
            for _ in 0..<100 where !(published && finished) {
                try await Task.sleep(for: .milliseconds(100))
                published = try await !world.timelineIDs(.profile(ada.id), for: ada).isEmpty
                finished = try await world.store.jobQueueDepth(at: clock.now()) == JobQueueDepth(due: 0, scheduled: 0, failed: 0)
            }
            #expect(published && finished)
        }
    }
}

/// A thread-safe count of calls.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
}
