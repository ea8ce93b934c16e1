import Foundation
import StarlingCore
import StarlingSQLite

/// The analytics case: 20 programs of the dataset's members (each member a learner of one or two, member k + 1
/// facilitating program k) and 90 days of activity. Measured at 4 concurrent clients: a program's Analytics tab
/// as its facilitator opens it, and the organization dashboard as the admin (member 0) opens it; and the home
/// page with activity recorded against the same server with recording off, to show what recording costs.
struct AnalyticsBench {
    static let programs = 20
    static let days = 90
    static let clients = 4
    static let hashtagPrefix = "benchprogram"

    let data: String
    let members: Int
    let seconds: Double

    struct Result {
        var programTab: LoadDriver.Result
        /// The dashboard's first request, which computes its figures (later ones reuse them for a minute).
        var dashboardFirst: LoadDriver.Result
        var dashboard: LoadDriver.Result
        var homeRecorded: LoadDriver.Result
        var homeNotRecorded: LoadDriver.Result
    }

    /// Adds the programs and their activity to the dataset file, once (a dataset made before this case lacks them).
    static func prepare(dataset path: String, data: String, members: Int, progress: (String) -> Void) async throws {
        let ids = IDGenerator()
        let store = try SQLiteStore(path: path, ids: ids)
        guard try await store.programs(tagKeys: [Tag.key(hashtagPrefix + "00")]).isEmpty else { return }
        let starling = Starling(store: store, files: try LocalFileStore(dataDirectory: data), ids: ids, settings: InstanceSettings())
        let accounts = try await (0..<members).asyncMap { index in
            guard let account = try await store.account(username: DatasetGenerator.username(index)) else { throw BenchError("the dataset has no member \(index)") }
            return account
        }
        let start = Date() - Double(days) * 86_400
        var programIDs: [ID] = []
        for number in 0..<programs {
            let program = try await starling.programs.create(.init(title: "Bench program \(number)", hashtag: String(format: "%@%02d", hashtagPrefix, number),
                                                             visibility: number % 4 == 0 ? "private" : "open"),
                                                       by: accounts[0], at: start - 86_400)
            _ = try await starling.programs.setMember(program.id, account: accounts[number + 1], role: .facilitator, by: accounts[0], at: start - 86_400)
            programIDs.append(program.id)
        }
        var random = SeededGenerator(seed: 90)
        var memberships: [Int: [ID]] = [:]
        for index in (programs + 1)..<members {
            var mine = [programIDs[index % programs]]
            if index % 2 == 0 { mine.append(programIDs[(index * 7 + 3) % programs]) }
            memberships[index] = Array(Set(mine))
            for programID in memberships[index]! {
                try await store.saveMembership(ProgramMembership(programID: programID, accountID: accounts[index].id, role: .learner, joinedAt: start,
                                                           agreedAt: start, agreementVersion: 1))
            }
        }
        progress("analytics: 20 programs and their learners")
        let calendar = DayCalendar(zone: .gmt)
        let first = calendar.day(start)
        var batch: [ActivityRecord] = []
        for index in 0..<members {
            let keen = Double.random(in: 0.05...0.8, using: &random)
            let joined = Int.random(in: 0..<days, using: &random)
            for offset in joined..<days where Double.random(in: 0...1, using: &random) < keen {
                let day = first.advanced(by: offset)
                batch.append(ActivityRecord(accountID: accounts[index].id, day: day))
                for programID in memberships[index] ?? [] where Double.random(in: 0...1, using: &random) < 0.5 * pow(0.97, Double(offset - joined)) {
                    batch.append(ActivityRecord(accountID: accounts[index].id, day: day, programID: programID))
                }
            }
            if batch.count > 50_000 {
                _ = try await store.recordActivity(batch)
                batch = []
            }
        }
        _ = try await store.recordActivity(batch)
        progress("analytics: 90 days of activity")
    }

    func run() async throws -> Result {
        let programIDs = try await {
            let store = try SQLiteStore(dataDirectory: data, ids: IDGenerator())
            return try await (0..<Self.programs).asyncMap { number in
                guard let program = try await store.programs(tagKeys: [Tag.key(String(format: "%@%02d", Self.hashtagPrefix, number))]).first else {
                    throw BenchError("the dataset has no bench program \(number)")
                }
                return program.id
            }
        }()
        var result = try await measure(recording: true) { driver in
            var facilitators: [LoadDriver.Session] = []
            for number in 0..<Self.clients {
                facilitators.append(try await driver.signIn(DatasetGenerator.username(number + 1), password: DatasetGenerator.password))
            }
            let admin = try await driver.signIn(DatasetGenerator.username(0), password: DatasetGenerator.password)
            let signedIn = facilitators
            let tab = try await driver.run("program Analytics tab", seconds: seconds, concurrency: Self.clients, expect: .ok) { w, _ in
                driver.get("/programs/\(programIDs[w])/analytics", session: signedIn[w])
            }
            let first = try await driver.once("organization dashboard, figures computed", expect: .ok, driver.get("/analytics", session: admin))
            let dashboard = try await driver.run("organization dashboard", seconds: seconds, concurrency: Self.clients, expect: .ok) { _, _ in
                driver.get("/analytics", session: admin)
            }
            let home = try await home(driver, "home page, activity recorded")
            return Result(programTab: tab, dashboardFirst: first, dashboard: dashboard, homeRecorded: home, homeNotRecorded: home)
        }
        result.homeNotRecorded = try await measure(recording: false) { driver in try await home(driver, "home page, activity not recorded") }
        return result
    }

    /// The home page as 16 signed-in members read it (the main table's scenario).
    private func home(_ driver: LoadDriver, _ name: String) async throws -> LoadDriver.Result {
        var sessions: [LoadDriver.Session] = []
        for index in 0..<16 { sessions.append(try await driver.signIn(DatasetGenerator.username(index * 37 % members), password: DatasetGenerator.password)) }
        let frozen = sessions
        return try await driver.run(name, seconds: seconds, concurrency: frozen.count, expect: .ok) { w, _ in driver.get("/", session: frozen[w]) }
    }

    /// Runs `body` against a server of its own on the data directory, recording activity or not.
    private func measure<T>(recording: Bool, _ body: (LoadDriver) async throws -> T) async throws -> T {
        let server = try ServerProcess(dataDirectory: data, arguments: ["--record-activity", recording ? "true" : "false"])
        defer { server.stop() }
        let driver = LoadDriver(port: server.port)
        _ = try await driver.waitUntilReady()
        let result = try await body(driver)
        try await driver.client.shutdown()
        return result
    }
}
