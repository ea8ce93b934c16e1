import AsyncHTTPClient
import Foundation
import NIOCore
import StarlingCore
import StarlingSQLite

/// The reinforcement case: every member of the dataset is a learner of one program. A facilitator
/// makes a plan that started yesterday and adds a nugget with a recall check over the own API; the
/// job runner releases it at once, which makes a review due for every learner, and delivers them all
/// (a direct status with a poll each, and its notification). Measured: the time from adding the
/// nugget to the last delivery, and the review queue page's latency while it runs.
struct ReinforcementBench {
    static let hashtag = "benchcohort"

    let driver: LoadDriver
    let dataDirectory: String
    let programID: ID
    let facilitatorToken: String
    let learners: Int
    let sessions: [LoadDriver.Session]

    struct Result {
        var deliverySeconds: Double
        var delivered: Int
        /// The review queue page before the release, and while the reviews are delivered.
        var queueAtRest: LoadDriver.Result
        var queue: LoadDriver.Result
    }

    /// Makes the program with member 0 as facilitator and every other member a learner; returns its id
    /// and a write token of the facilitator (before the server starts).
    static func prepare(_ starling: Starling, members: Int) async throws -> (ID, String) {
        guard let facilitator = try await starling.store.account(username: DatasetGenerator.username(0)) else {
            throw BenchError("the dataset has no member 0")
        }
        let existing = try await starling.store.programs(tagKeys: [Tag.key(hashtag)]).first
        let program = if let existing { existing } else {
            try await starling.programs.create(.init(title: "Bench cohort", hashtag: hashtag, visibility: "open"), by: facilitator)
        }
        let joined = Set(try await starling.store.members(programID: program.id).map(\.0.id))
        for index in 1..<members {
            guard let learner = try await starling.store.account(username: DatasetGenerator.username(index)), !joined.contains(learner.id) else { continue }
            try await starling.store.saveMembership(ProgramMembership(programID: program.id, accountID: learner.id, role: .learner, joinedAt: Date(),
                                                                agreedAt: Date(), agreementVersion: program.agreementVersion))
        }
        return (program.id, try await starling.oauth.issueForScript(account: facilitator, scopes: "read write").token)
    }

    func run(run number: Int) async throws -> Result {
        let store = try SQLiteStore(dataDirectory: dataDirectory, ids: IDGenerator())
        let yesterday = Date(timeIntervalSinceNow: -86_400).formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day())
        let plan = try await api("POST", "/api/starling/v1/programs/\(programID)/plans",
                                 "title=Bench+plan+\(number)&start_day=\(yesterday)&every_days=7&time_zone=UTC")
        guard let planID = plan["id"] as? String else { throw BenchError("the plan was not made: \(plan)") }
        let atRest = try await driver.run("review queue page at rest", seconds: 2, concurrency: sessions.count, expect: .ok) { w, _ in
            driver.get("/reviews", session: sessions[w])
        }
        let started = Date()
        let nugget = try await api("POST", "/api/starling/v1/plans/\(planID)/nuggets",
                                   "text=Bench+nugget+\(number)&check_question=Which%3F&check_options[]=This&check_options[]=That&check_correct[]=0")
        guard nugget["id"] != nil else { throw BenchError("the nugget was not added: \(nugget)") }
        // Polls the database (as the server writes it) for the moment the nugget is out and no review waits to be sent.
        let deliveredAt = FirstTime()
        let watcher = Task.detached {
            while !Task.isCancelled {
                if try await store.nuggets(planID: ID(planID)!).first?.isReleased == true, try await store.nextUndeliveredDue() == nil {
                    deliveredAt.record(Date())
                    return
                }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        defer { watcher.cancel() }
        // Meanwhile signed-in learners read their review queue page, in 2 s windows, until every review is out.
        var queue = LoadDriver.Result(name: "review queue page while reviews are delivered", latenciesMillis: [], seconds: 0, errors: 0)
        while deliveredAt.value == nil {
            let window = try await driver.run(queue.name, seconds: 2, concurrency: sessions.count, expect: .ok) { w, _ in
                driver.get("/reviews", session: sessions[w])
            }
            queue.latenciesMillis += window.latenciesMillis
            queue.seconds += window.seconds
            queue.errors += window.errors
            if Date().timeIntervalSince(started) > 600 { throw BenchError("the reviews were not all delivered in 10 minutes") }
        }
        let delivered = try await store.reviewStates(planID: ID(planID)!).filter { $0.deliveredPostID != nil }.count
        return Result(deliverySeconds: deliveredAt.value!.timeIntervalSince(started), delivered: delivered, queueAtRest: atRest, queue: queue)
    }

    private func api(_ method: String, _ path: String, _ form: String) async throws -> [String: Any] {
        var request = driver.bearer(path, token: facilitatorToken)
        request.method = .init(rawValue: method)
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: form))
        let response = try await driver.client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
    }
}

/// The first time something was seen, written by one task and read by another.
final class FirstTime: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Date?

    var value: Date? { lock.withLock { seen } }
    func record(_ date: Date) { lock.withLock { if seen == nil { seen = date } } }
}
