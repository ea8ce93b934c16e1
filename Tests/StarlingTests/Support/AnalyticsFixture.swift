import Foundation
@testable import StarlingCore
@testable import StarlingSQLite

/// A program (#cohort) with a facilitator (fay), learners (l00, l01, …), an admin (ada), a program
/// moderator (mo), a non-member (nina) and a guest expert (gus), on a hand-moved clock in `zone`, with
/// activity generated at random (seeded) over the weeks before `now`.
struct AnalyticsFixture {
    let world: TestWorld
    let clock: ManualClock
    let program: Program
    let fay: Account, ada: Account, mo: Account, nina: Account, gus: Account
    let learners: [Account]

    var starling: Starling { world.starling }

    /// Wednesday 2 December 2026, 15:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_796_223_600)

    init(learners count: Int = 30, zone: String = "UTC", now: Date = Self.now, cacheSeconds: Int = 0) async throws {
        let clock = ManualClock(now)
        let world = try await TestWorld(clock: clock, timeZone: zone, analyticsCacheSeconds: cacheSeconds)
        let fay = try await world.member("fay"), ada = try await world.member("ada", role: .admin)
        mo = try await world.member("mo")
        nina = try await world.member("nina")
        let programs = world.starling.programs
        let program = try await programs.create(.init(title: "Cohort", hashtag: "#cohort", visibility: "private"), by: ada, at: now - 200 * 86_400)
        _ = try await programs.setMember(program.id, account: fay, role: .facilitator, by: ada)
        try await programs.remove(program.id, account: ada, by: ada)
        _ = try await programs.setMember(program.id, account: mo, role: .moderator, by: fay)
        learners = try await (0..<count).asyncMap { index in
            let learner = try await world.member(String(format: "l%02d", index))
            _ = try await programs.setMember(program.id, account: learner, role: .learner, by: fay)
            return learner
        }
        (self.clock, self.world, self.fay, self.ada, self.program) = (clock, world, fay, ada, program)
        gus = try await world.guest("gus", invitedTo: program.id, by: fay)
    }

    /// Random activity: each learner starts on a day of the last `weeks` weeks and is then active on each day
    /// with their own probability (some never), in the program and so anywhere; fay, mo and gus are active too.
    func generateActivity(weeks: Int = 10, seed: UInt64 = 7) async throws {
        var random = SeededGenerator(seed: seed)
        let log = starling.activity
        let days = weeks * 7
        for (index, learner) in learners.enumerated() where index % 10 != 9 {
            let start = Int.random(in: 0...days, using: &random)
            let chance = Double.random(in: 0.05...0.8, using: &random)
            for back in (0...start).reversed() where Double.random(in: 0...1, using: &random) < chance {
                log.record(learner.id, in: program.id, at: clock.now() - Double(back) * 86_400 + Double.random(in: -40_000...30_000, using: &random))
            }
        }
        for back in 0..<days where back % 3 == 0 {
            log.record(fay.id, in: program.id, at: clock.now() - Double(back) * 86_400)
            log.record(gus.id, in: program.id, at: clock.now() - Double(back) * 86_400)
            log.record(mo.id, at: clock.now() - Double(back) * 86_400)
        }
        try await log.flush()
    }

    /// The raw activity rows, straight from the database: (program id, 0 for anywhere; day; account id).
    func rawRows() async throws -> [(program: Int64, day: Int, account: ID)] {
        try await world.rows("SELECT program_id, day, account_id FROM activity_days") { ($0.int64(0), $0.int(1), ID($0.int64(2))) }
    }

    /// The program's figures as its facilitator sees them, for the default period ending today.
    func programFigures(as viewer: Account? = nil) async throws -> ProgramAnalytics {
        let today = starling.analytics.today(clock.now())
        return try await starling.analytics.program(program.id, viewer: viewer ?? fay,
                                              period: try AnalyticsPeriod.parse(from: nil, to: nil, today: today), now: clock.now())
    }
}

/// Plain computations of the README's definitions straight from raw rows, independent of Starling's
/// `Day` arithmetic: weeks come from Foundation's ISO-8601 calendar (Monday first), days from dates.
enum Naive {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// Midnight UTC of a stored day (days since 1970-01-01).
    static func date(_ day: Int) -> Date { Date(timeIntervalSince1970: Double(day) * 86_400) }
    static func monday(_ day: Int) -> Date { calendar.dateInterval(of: .weekOfYear, for: date(day))!.start }
    static func weeks(after monday: Date, _ n: Int) -> Date { calendar.date(byAdding: .weekOfYear, value: n, to: monday)! }

    /// Cohort retention: for each cohort (its Monday, ascending), its size and the counts active in weeks c + n
    /// for every n with c + n not after `current`.
    static func retention(_ days: [ID: [Int]], current: Date) -> [(cohort: Date, size: Int, active: [Int])] {
        var cohorts: [Date: [ID]] = [:]
        for (account, active) in days { cohorts[monday(active.min()!), default: []].append(account) }
        return cohorts.keys.sorted().map { cohort in
            let people = cohorts[cohort]!
            var active: [Int] = []
            var n = 0
            while weeks(after: cohort, n) <= current {
                let week = weeks(after: cohort, n)
                active.append(people.filter { person in days[person]!.contains { monday($0) == week } }.count)
                n += 1
            }
            return (cohort, people.count, active)
        }
    }

    /// Distinct accounts with a day in `first...last`.
    static func distinct(_ rows: [(day: Int, account: ID)], _ first: Int, _ last: Int) -> Int {
        Set(rows.filter { $0.day >= first && $0.day <= last }.map(\.account)).count
    }

    /// Nearest-rank percentile.
    static func percentile(_ values: [Double], _ p: Double) -> Double? {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return nil }
        return sorted[Int((p * Double(sorted.count)).rounded(.up)) - 1]
    }
}
