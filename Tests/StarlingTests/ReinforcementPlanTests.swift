import Foundation
import Testing
@testable import StarlingCore

/// Reinforcement plans: nuggets released into the program's stream at their local times.
@Suite struct ReinforcementPlanTests {
    private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func nuggetsGoOutAtTheirLocalTimeAcrossADaylightSavingChange() async throws {
        // Berlin leaves summer time on Sunday 2027-10-31: 09:00 is 07:00 UTC before, 08:00 UTC after.
        let f = try await ReinforcementFixture(start: utc("2027-10-29T06:00:00Z"))
        let plan = try await f.plan(startDay: "2027-10-29", everyDays: 1, horizon: 10, zone: "Europe/Berlin")
        for text in ["One", "Two", "Three", "Four"] { try await f.nugget(text, in: plan, check: false) }
        for day in ["2027-10-29T07:00:00Z", "2027-10-30T07:00:00Z", "2027-10-31T08:00:00Z", "2027-11-01T08:00:00Z"] {
            try await f.advance(to: utc(day) - 1)
            let before = try await f.nuggets(plan).filter(\.isReleased).count
            try await f.advance(to: utc(day))
            let released = try await f.nuggets(plan).filter(\.isReleased)
            #expect(released.count == before + 1, "one nugget at \(day)")
            #expect(released.last?.release?.releasedAt == utc(day))
        }
    }

    @Test func aReleasedNuggetIsAPostOfTheFacilitatorOnTheProgramsHashtagAndKeepsItsPrivacy() async throws {
        let f = try await ReinforcementFixture()
        let plan = try await f.plan(startDay: "2026-11-30")
        try await f.nugget("Ask for help early", in: plan)
        try await f.advance(to: utc("2026-11-30T09:00:00Z"))
        let postID = try #require(try await f.nuggets(plan).first?.release?.postID)
        let post = try #require(try await f.world.store.post(id: postID, viewer: f.lea.id))
        #expect(post.post.authorID == f.fay.id)
        #expect(post.post.programID == f.program.id)
        #expect(post.post.source.contains("#onboarding"))
        #expect(try await f.world.timelineIDs(.program(f.program.id), for: f.lea).contains(postID))
        #expect(try await f.world.store.post(id: postID, viewer: f.otto.id) == nil, "a private program's nugget stays inside it")
    }

    @Test func aNuggetsImageWaitsForItsReleaseAndGoesOutWithItsAltText() async throws {
        let f = try await ReinforcementFixture()
        let plan = try await f.plan(startDay: "2026-12-10")
        let picture = DemoPictures.card(color: (40, 90, 200), marks: 2)
        try await f.starling.reinforcement.addNugget(to: plan.id, .init(text: "The escalation ladder", upload: (picture, "Three steps: peer, lead, manager")),
                                               by: f.fay, at: f.clock.now())
        // Uploads left unattached for long are cleaned up; a nugget's image is not abandoned.
        _ = try await f.starling.media.removeAbandonedUploads(now: f.clock.now() + 30 * 86_400)
        try await f.advance(to: utc("2026-12-10T09:00:00Z"))
        let postID = try #require(try await f.nuggets(plan).first?.release?.postID)
        let media = try #require(try await f.world.store.post(id: postID, viewer: f.lea.id)?.media.first)
        #expect(media.description == "Three steps: peer, lead, manager")
    }

    @Test func anImageWithoutAltTextIsRefused() async throws {
        let f = try await ReinforcementFixture()
        let plan = try await f.plan(startDay: "2026-12-10")
        await #expect {
            try await f.starling.reinforcement.addNugget(to: plan.id, .init(text: "x", upload: (DemoPictures.card(color: (1, 2, 3), marks: 1), " ")), by: f.fay)
        } throws: { ($0 as? DomainError).map { if case .invalid("image_alt", _) = $0 { true } else { false } } ?? false }
        #expect(try await f.nuggets(plan).isEmpty)
    }

    @Test func aPlanStartedInThePastReleasesOneNuggetAtOnceAndSkipsTheDaysItMissed() async throws {
        let f = try await ReinforcementFixture(start: utc("2026-12-10T12:00:00Z"))
        let plan = try await f.plan(startDay: "2026-12-01", everyDays: 2)
        for text in ["One", "Two", "Three"] { try await f.nugget(text, in: plan, check: false) }
        try await f.advance(days: 0)
        #expect(try await f.nuggets(plan).filter(\.isReleased).map(\.text) == ["One"])
        // The next release day after Dec 10 is Dec 11 (every second day from Dec 1).
        try await f.advance(to: utc("2026-12-11T08:59:00Z"))
        #expect(try await f.nuggets(plan).filter(\.isReleased).count == 1)
        try await f.advance(to: utc("2026-12-11T09:00:00Z"))
        #expect(try await f.nuggets(plan).filter(\.isReleased).map(\.text) == ["One", "Two"])
    }

    @Test func aReleaseDueWhileTheServerWasDownGoesOutOnceAfterARestart() async throws {
        let f = try await ReinforcementFixture()
        let plan = try await f.plan(startDay: "2026-12-01")
        try await f.nugget("One", in: plan, check: false)
        try await f.nugget("Two", in: plan, check: false)
        f.clock.advance(by: utc("2026-12-01T10:00:00Z").timeIntervalSince(f.clock.now()))
        let reopened = try await TestWorld(clock: f.clock, reopening: f.world)
        try await reopened.starling.jobRunner.runDue(now: f.clock.now())
        try await reopened.starling.jobRunner.runDue(now: f.clock.now())
        #expect(try await reopened.store.nuggets(planID: plan.id).filter(\.isReleased).map(\.text) == ["One"])
        let posts = try await reopened.timelineIDs(.hashtag("onboarding"), for: f.fay)
        #expect(try await posts.asyncCompactMap { try await reopened.store.post(id: $0, viewer: f.fay.id) }.filter { $0.post.source.hasPrefix("One") }.count == 1)
    }

    @Test func aPausedPlanReleasesNothingAndResumesFromTheNextDay() async throws {
        let f = try await ReinforcementFixture()
        let plan = try await f.plan(startDay: "2026-12-01")
        for text in ["One", "Two", "Three"] { try await f.nugget(text, in: plan, check: false) }
        try await f.advance(to: utc("2026-12-01T09:00:00Z"))
        _ = try await f.starling.reinforcement.setPaused(plan.id, true, by: f.fay, at: f.clock.now())
        try await f.advance(to: utc("2026-12-03T12:00:00Z"))
        #expect(try await f.nuggets(plan).filter(\.isReleased).count == 1)
        _ = try await f.starling.reinforcement.setPaused(plan.id, false, by: f.fay, at: f.clock.now())
        try await f.advance(days: 0)
        #expect(try await f.nuggets(plan).filter(\.isReleased).count == 1, "the days missed while paused are not caught up")
        try await f.advance(to: utc("2026-12-04T09:00:00Z"))
        #expect(try await f.nuggets(plan).filter(\.isReleased).map(\.text) == ["One", "Two"])
    }

    @Test func theSchedulePreviewGivesEachNuggetItsDayAndNoneBeyondTheHorizon() async throws {
        let f = try await ReinforcementFixture()
        // Mondays and Thursdays (2026-12-03 is a Thursday) within 7 days: Dec 3 and Dec 7.
        let plan = try await f.plan(startDay: "2026-12-03", weekdays: [1, 4], horizon: 7)
        let nuggets = try await ["One", "Two", "Three"].asyncMap { try await f.nugget($0, in: plan, check: false) }
        let view = try await f.starling.reinforcement.plan(plan.id, viewer: f.fay, now: f.clock.now())
        #expect(view.upcoming[nuggets[0].id] == utc("2026-12-03T09:00:00Z"))
        #expect(view.upcoming[nuggets[1].id] == utc("2026-12-07T09:00:00Z"))
        #expect(view.upcoming[nuggets[2].id] == .some(nil))
    }

    @Test(arguments: [
        ("", ["A", "B"], Set([0]), "text"),
        (String(repeating: "x", count: 490), ["A", "B"], Set([0]), "text"),
        ("Fine", ["A", "B"], Set<Int>(), "check_correct"),
        ("Fine", ["A", "B", "C", "D", "E"], Set([0]), "check_options"),
        ("Fine", ["A"], Set([0]), "check_options"),
    ])
    func aBadNuggetIsRefusedWithItsField(text: String, options: [String], correct: Set<Int>, field: String) async throws {
        let f = try await ReinforcementFixture()
        let plan = try await f.plan(startDay: "2026-12-01")
        await #expect {
            try await f.starling.reinforcement.addNugget(to: plan.id, .init(text: text, check: RecallCheck(question: "Q?", options: options, correct: correct)),
                                                   by: f.fay)
        } throws: { ($0 as? DomainError).map { if case .invalid(field, _) = $0 { true } else { false } } ?? false }
        #expect(try await f.nuggets(plan).isEmpty)
    }

    @Test(arguments: [(0, Set<Int>(), 1, "horizon_days"), (30, Set([2]), 7, "weekdays"), (30, Set<Int>(), 0, "every_days")])
    func aBadScheduleIsRefusedWithItsField(horizon: Int, weekdays: Set<Int>, everyDays: Int, field: String) async throws {
        let f = try await ReinforcementFixture()
        // 2026-12-03 is a Thursday: every 7 days from it never lands on a Tuesday.
        await #expect {
            try await f.plan(startDay: "2026-12-03", everyDays: everyDays, weekdays: weekdays, horizon: horizon)
        } throws: { ($0 as? DomainError).map { if case .invalid(field, _) = $0 { true } else { false } } ?? false }
        #expect(try await f.world.store.plans(programID: f.program.id).isEmpty)
    }

    @Test func onlyTheProgramsFacilitatorsWritePlans() async throws {
        let f = try await ReinforcementFixture()
        await #expect(throws: DomainError.self) {
            try await f.starling.reinforcement.createPlan(in: f.program.id, .init(title: "Mine", startDay: "2026-12-01", timeZone: "UTC"), by: f.lea)
        }
        await #expect(throws: DomainError.notFound) {
            try await f.starling.reinforcement.createPlan(in: f.program.id, .init(title: "Mine", startDay: "2026-12-01", timeZone: "UTC"), by: f.otto)
        }
    }
}
