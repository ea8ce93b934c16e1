import Foundation
import Testing
@testable import StarlingCore
@testable import StarlingWeb

/// Live events' schedules, run on a hand-moved clock: occurrences at the same local time across
/// daylight-saving changes, reminders and starts for those coming, and a restart while work is due.
@Suite("Events: schedules")
struct EventTests {
    private static func at(_ text: String) -> Date { ISO8601.parse(text)! }

    /// A program (fay facilitates) with lea and ben as learners; the clock starts at `now`.
    private func world(now: String) async throws -> (TestWorld, ManualClock, Program, fay: Account, lea: Account, ben: Account) {
        let clock = ManualClock(Self.at(now))
        let world = try await TestWorld(clock: clock)
        let fay = try await world.member("fay", role: .admin), lea = try await world.member("lea"), ben = try await world.member("ben")
        let program = try await world.starling.programs.create(.init(title: "Cohort", hashtag: "cohort"), by: fay)
        for person in [lea, ben] { _ = try await world.starling.programs.join(program.id, by: person, agreementVersion: 1) }
        return (world, clock, program, fay, lea, ben)
    }

    @Test("a weekly event keeps its local time across a daylight-saving change (Europe/Berlin, America/New_York); monthly too",
          arguments: [
            ("Europe/Berlin", Event.Recurrence.weekly, "2026-10-20T17:00:00Z", ["2026-10-20T17:00:00Z", "2026-10-27T18:00:00Z", "2026-11-03T18:00:00Z"]),
            ("America/New_York", .everyTwoWeeks, "2026-10-22T23:00:00Z", ["2026-10-22T23:00:00Z", "2026-11-06T00:00:00Z", "2026-11-20T00:00:00Z"]),
            ("Europe/London", .monthly, "2026-03-10T12:00:00Z", ["2026-03-10T12:00:00Z", "2026-04-10T11:00:00Z", "2026-05-10T11:00:00Z"]),
          ])
    func recurrence(_ zone: String, _ recurrence: Event.Recurrence, _ first: String, _ expected: [String]) {
        let event = Event(id: ID(1), kind: .tweetchat, title: "Chat", hashtag: "lrnchat", programID: nil, startsAt: Self.at(first),
                          timeZone: zone, duration: 3600, recurrence: recurrence, reminderLead: 0, createdBy: ID(1), createdAt: Self.at(first))
        #expect((0..<3).map { event.start(ofOccurrence: $0) } == expected.map(Self.at))
    }

    @Test("starting an occurrence of a weekly event plans the next one, an hour later in UTC after the clocks went back")
    func chainAcrossDST() async throws {
        let (world, clock, program, fay, _, _) = try await world(now: "2026-10-19T09:00:00Z")
        let event = try await world.starling.liveEvents.create(.init(kind: .tweetchat, title: "Weekly chat", programID: program.id,
                                                               startsAt: Self.at("2026-10-20T17:00:00Z"), timeZone: "Europe/Berlin",
                                                               recurrence: .weekly), by: fay, now: clock.now())
        #expect(event.hashtag == "cohort")
        #expect(try await world.starling.liveEvents.occurrences(of: event.id).map(\.startsAt) == [Self.at("2026-10-20T17:00:00Z")])
        clock.advance(by: 32 * 3600) // 2026-10-20T17:00Z
        try await world.starling.jobRunner.runDue(now: clock.now())
        let occurrences = try await world.starling.liveEvents.occurrences(of: event.id)
        #expect(occurrences.map(\.startsAt) == [Self.at("2026-10-20T17:00:00Z"), Self.at("2026-10-27T18:00:00Z")])
        #expect(occurrences[0].startedAt == clock.now() && occurrences[1].startedAt == nil)
        clock.advance(by: 3600)
        try await world.starling.jobRunner.runDue(now: clock.now())
        #expect(try await world.starling.liveEvents.occurrences(of: event.id)[0].endedAt == clock.now())
    }

    @Test("those who RSVP are reminded before the start and told when it starts, once each; others are not")
    func reminders() async throws {
        let (world, clock, program, fay, lea, ben) = try await world(now: "2026-11-23T10:00:00Z")
        let event = try await world.starling.liveEvents.create(.init(kind: .askTheExpert, title: "Ask the expert", programID: program.id,
                                                               startsAt: Self.at("2026-11-23T15:00:00Z"), timeZone: "UTC",
                                                               reminderLead: 1800), by: fay, now: clock.now())
        let occurrence = try #require(try await world.starling.liveEvents.occurrences(of: event.id).first)
        try await world.starling.liveEvents.rsvp(occurrence.id, by: lea, now: clock.now())
        let kinds = { (account: Account) in try await world.starling.reads.notifications(of: account).map(\.kind) }
        clock.advance(by: 4 * 3600 + 1799) // a second before the reminder
        try await world.starling.jobRunner.runDue(now: clock.now())
        #expect(try await kinds(lea).isEmpty)
        clock.advance(by: 1)
        try await world.starling.jobRunner.runDue(now: clock.now())
        let reminder = try #require(try await world.starling.reads.notifications(of: lea).first)
        #expect(reminder.kind == .eventReminder && reminder.event?.title == "Ask the expert" && reminder.actor.id == fay.id)
        clock.advance(by: 1800)
        try await world.starling.jobRunner.runDue(now: clock.now())
        try await world.starling.jobRunner.runDue(now: clock.now() + 60)
        #expect(try await kinds(lea) == [.eventStarted, .eventReminder])
        #expect(try await kinds(ben).isEmpty)
    }

    @Test("a restart while an occurrence's start is due starts it once after the restart; its late reminder is skipped")
    func restartWhileDue() async throws {
        let (before, clock, program, fay, lea, _) = try await world(now: "2026-11-23T10:00:00Z")
        let event = try await before.starling.liveEvents.create(.init(kind: .tweetchat, title: "Chat", programID: program.id,
                                                                startsAt: Self.at("2026-11-23T12:00:00Z"), timeZone: "UTC",
                                                                recurrence: .weekly), by: fay, now: clock.now())
        let first = try #require(try await before.starling.liveEvents.occurrences(of: event.id).first)
        try await before.starling.liveEvents.rsvp(first.id, by: lea, now: clock.now())
        clock.advance(by: 3 * 3600) // down over the reminder and the start
        let after = try await TestWorld(clock: clock, reopening: before)
        try await after.starling.jobRunner.runDue(now: clock.now())
        try await after.starling.jobRunner.runDue(now: clock.now())
        let occurrences = try await after.starling.liveEvents.occurrences(of: event.id)
        #expect(occurrences.count == 2 && occurrences[0].startedAt == clock.now())
        #expect(try await after.starling.reads.notifications(of: lea).map(\.kind) == [.eventStarted])
    }

    @Test("events are created by a program's facilitators or the organization's moderators, with a real zone, a future start and a sane length")
    func rules() async throws {
        let (world, clock, program, fay, lea, _) = try await world(now: "2026-11-23T10:00:00Z")
        let events = world.starling.liveEvents
        let start = Self.at("2026-11-24T10:00:00Z")
        await #expect(throws: DomainError.self) { try await events.create(.init(kind: .tweetchat, title: "Mine", programID: program.id, startsAt: start, timeZone: "UTC"), by: lea, now: clock.now()) }
        await #expect(throws: DomainError.self) { try await events.create(.init(kind: .tweetchat, title: "Org", hashtag: "lrnchat", startsAt: start, timeZone: "UTC"), by: lea, now: clock.now()) }
        await #expect(throws: DomainError.self) { try await events.create(.init(kind: .tweetchat, title: "Org", startsAt: start, timeZone: "UTC"), by: fay, now: clock.now()) }
        await #expect(throws: DomainError.self) { try await events.create(.init(kind: .tweetchat, title: "Zone", hashtag: "x", startsAt: start, timeZone: "Mars/Olympus"), by: fay, now: clock.now()) }
        await #expect(throws: DomainError.self) { try await events.create(.init(kind: .tweetchat, title: "Past", hashtag: "x", startsAt: clock.now() - 60, timeZone: "UTC"), by: fay, now: clock.now()) }
        await #expect(throws: DomainError.self) { try await events.create(.init(kind: .tweetchat, title: "Long", hashtag: "x", startsAt: start, timeZone: "UTC", duration: 86_400), by: fay, now: clock.now()) }
        #expect(try await events.create(.init(kind: .tweetchat, title: "Org chat", hashtag: "#lrnchat", startsAt: start, timeZone: "UTC"), by: fay, now: clock.now()).hashtag == "lrnchat")
    }

    @Test("event notifications stay out of the Mastodon API (its apps have no word for them)")
    func notMastodon() async throws {
        let (world, clock, program, fay, lea, _) = try await world(now: "2026-11-23T10:00:00Z")
        let event = try await world.starling.liveEvents.create(.init(kind: .tweetchat, title: "Chat", programID: program.id,
                                                               startsAt: clock.now() + 3600, timeZone: "UTC"), by: fay, now: clock.now())
        try await world.starling.liveEvents.rsvp(try #require(try world.starling.liveEvents.occurrences(of: event.id).first).id, by: lea, now: clock.now())
        try await world.starling.jobRunner.runDue(now: clock.now() + 1800)
        #expect(try await world.starling.reads.notifications(of: lea).count == 1)
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "lea")
            #expect(try await server.api("GET", "/api/v1/notifications", token: token).array.isEmpty)
        }
    }
}
