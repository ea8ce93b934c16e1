import Foundation
@testable import StarlingCore

/// A program with a facilitator (fay), three learners (lea, leo, lia) and an outsider (otto), on a
/// hand-moved clock, for reinforcement tests.
struct ReinforcementFixture {
    let world: TestWorld
    let clock: ManualClock
    let program: Program
    let fay: Account, lea: Account, leo: Account, lia: Account, otto: Account

    var starling: Starling { world.starling }
    var learners: [Account] { [lea, leo, lia] }

    init(visibility: Program.Visibility = .private, start: Date = Date(timeIntervalSince1970: 1_796_000_000)) async throws {
        clock = ManualClock(start)
        world = try await TestWorld(clock: clock)
        fay = try await world.member("fay", role: .moderator)
        lea = try await world.member("lea")
        leo = try await world.member("leo")
        lia = try await world.member("lia")
        otto = try await world.member("otto")
        let programs = world.starling.programs
        program = try await programs.create(.init(title: "Onboarding", hashtag: "#onboarding", visibility: visibility.rawValue), template: .socialLearning,
                                      by: fay, at: start - 86_400)
        for learner in [lea, leo, lia] { _ = try await programs.setMember(program.id, account: learner, role: .learner, by: fay, at: start - 86_400) }
    }

    /// A plan starting on `startDay` (in UTC unless told), every `everyDays` days at `time`.
    func plan(startDay: String, time: String = "09:00", everyDays: Int = 1, weekdays: Set<Int> = [], horizon: Int = 30, zone: String = "UTC")
        async throws -> ReinforcementPlan {
        try await starling.reinforcement.createPlan(in: program.id, .init(title: "After onboarding", startDay: startDay, releaseTime: time,
                                                                    everyDays: everyDays, weekdays: weekdays, horizonDays: horizon, timeZone: zone),
                                              by: fay, at: clock.now())
    }

    /// A nugget whose check's right answer is the first option ("Right").
    @discardableResult
    func nugget(_ text: String, in plan: ReinforcementPlan, check: Bool = true) async throws -> Nugget {
        try await starling.reinforcement.addNugget(to: plan.id, .init(
            text: text, check: check ? RecallCheck(question: "What about \(text)?", options: ["Right", "Wrong", "Also wrong"], correct: [0],
                                                   explanation: "Because \(text).") : nil), by: fay, at: clock.now())
    }

    /// Moves the clock and runs every job due then.
    func advance(to date: Date) async throws {
        clock.advance(by: date.timeIntervalSince(clock.now()))
        try await starling.jobRunner.runDue(now: clock.now())
    }

    func advance(days: Double) async throws { try await advance(to: clock.now() + days * 86_400) }

    func nuggets(_ plan: ReinforcementPlan) async throws -> [Nugget] { try await world.store.nuggets(planID: plan.id) }
}
