import Foundation
import Testing
@testable import StarlingCore

/// The tweetchat runner on a hand-moved clock: the welcome at the start, questions at their
/// offsets, releasing the next one now, holding the script, and editing what is not yet released.
@Suite("Events: the tweetchat runner")
struct ChatRunnerTests {
    struct Chat {
        let world: TestWorld
        let clock: ManualClock
        let fay: Account, lea: Account
        let event: Event
        var occurrence: EventOccurrence { get throws { try #require(try world.starling.liveEvents.occurrences(of: event.id).first) } }

        init() throws {
            clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
            world = try TestWorld(clock: clock)
            fay = try world.member("fay", role: .admin)
            lea = try world.member("lea")
            let events = world.starling.liveEvents
            event = try events.create(.init(kind: .tweetchat, title: "Learning chat", hashtag: "lrnchat", startsAt: clock.now() + 600,
                                            timeZone: "UTC", duration: 3600), by: fay, now: clock.now())
            _ = try events.setScript(event.id, ChatScript(welcome: "Welcome to #lrnchat! Introduce yourself.", questions: [
                .init(text: "What did you learn this week?", offset: 300),
                .init(text: "How do you practise?", offset: 900),
                .init(text: "What will you try next?", offset: 1500),
            ]), by: fay, now: clock.now())
        }

        /// Moves the clock and runs what is due.
        func advance(to offset: TimeInterval) throws {
            clock.advance(by: (event.startsAt + offset).timeIntervalSince(clock.now()))
            try world.starling.jobRunner.runDue(now: clock.now())
        }

        /// The host's posts on the hashtag, oldest first.
        func hostPosts() throws -> [String] {
            try world.starling.reads.timeline(.profile(fay.id), viewer: lea).map(\.post.post.source).reversed()
        }
    }

    @Test("at the start the host welcomes everyone on the hashtag, then each question goes out at its offset")
    func releasesOnTime() throws {
        let chat = try Chat()
        try chat.advance(to: -1)
        #expect(try chat.hostPosts().isEmpty)
        try chat.advance(to: 0)
        #expect(try chat.hostPosts() == ["Welcome to #lrnchat! Introduce yourself. #lrnchat"])
        try chat.advance(to: 299)
        #expect(try chat.hostPosts().count == 1)
        try chat.advance(to: 300)
        #expect(try chat.hostPosts().last == "Q1: What did you learn this week? #lrnchat")
        try chat.advance(to: 1500)
        #expect(try chat.hostPosts().suffix(2) == ["Q2: How do you practise? #lrnchat", "Q3: What will you try next? #lrnchat"])
        #expect(try chat.world.starling.liveEvents.released(chat.occurrence.id, viewer: chat.lea).map(\.number) == [1, 2, 3])
    }

    @Test("a host releases the next question now, ahead of its time; it is not released twice")
    func releaseNextNow() throws {
        let chat = try Chat()
        try chat.advance(to: 0)
        let events = chat.world.starling.liveEvents
        #expect(throws: DomainError.self) { try events.releaseNext(chat.occurrence.id, by: chat.lea, now: chat.clock.now()) }
        #expect(try events.releaseNext(chat.occurrence.id, by: chat.fay, now: chat.clock.now()).number == 1)
        try chat.advance(to: 300) // Q1's planned time: already out
        #expect(try chat.hostPosts().filter { $0.hasPrefix("Q1:") }.count == 1)
    }

    @Test("a held script releases nothing until the hold is lifted; then overdue questions go out at once")
    func hold() throws {
        let chat = try Chat()
        try chat.advance(to: 0)
        let events = chat.world.starling.liveEvents
        try events.hold(chat.occurrence.id, by: chat.fay, now: chat.clock.now())
        try chat.advance(to: 1000)
        #expect(try chat.hostPosts().count == 1)
        try events.hold(chat.occurrence.id, false, by: chat.fay, now: chat.clock.now())
        try chat.world.starling.jobRunner.runDue(now: chat.clock.now())
        #expect(try chat.hostPosts().count == 3) // Q1 and Q2 were due
        try chat.advance(to: 1500)
        #expect(try chat.hostPosts().count == 4)
    }

    @Test("during the chat, a question not yet released can be edited; a released one cannot")
    func editing() throws {
        let chat = try Chat()
        try chat.advance(to: 300)
        let events = chat.world.starling.liveEvents
        var script = try events.script(chat.event.id, viewer: chat.fay)
        script.questions[1].text = "How do you practise, and how often?"
        _ = try events.setScript(chat.event.id, script, by: chat.fay, now: chat.clock.now())
        script.questions[0].text = "Changed after release"
        #expect(throws: DomainError.self) { try events.setScript(chat.event.id, script, by: chat.fay, now: chat.clock.now()) }
        #expect(throws: DomainError.self) { try events.setScript(chat.event.id, script, by: chat.lea, now: chat.clock.now()) }
        try chat.advance(to: 900)
        #expect(try chat.hostPosts().last == "Q2: How do you practise, and how often? #lrnchat")
    }

    @Test("a host starts the chat early: questions follow from then, the planned start later does nothing; ending early writes the transcript")
    func startAndEndEarly() throws {
        let chat = try Chat()
        let events = chat.world.starling.liveEvents
        try chat.advance(to: -500)
        let id = try chat.occurrence.id
        #expect(throws: DomainError.self) { try events.startNow(id, by: chat.lea, now: chat.clock.now()) }
        try events.startNow(id, by: chat.fay, now: chat.clock.now())
        #expect(throws: DomainError.self) { try events.startNow(id, by: chat.fay, now: chat.clock.now()) }
        #expect(try chat.hostPosts() == ["Welcome to #lrnchat! Introduce yourself. #lrnchat"])
        try chat.advance(to: -200) // 300 s after the early start
        #expect(try chat.hostPosts().last == "Q1: What did you learn this week? #lrnchat")
        try chat.advance(to: 0) // the planned start
        #expect(try chat.hostPosts().count == 2)
        try events.endNow(id, by: chat.fay, now: chat.clock.now())
        #expect(try chat.occurrence.endedAt != nil)
        #expect(try events.transcript(id, viewer: chat.lea).markdown.contains("Q1: What did you learn this week?"))
        try chat.advance(to: 1500)
        #expect(try chat.hostPosts().count == 2) // nothing more after the end
    }

    @Test("a restart while a question is due releases it once after the restart")
    func restart() throws {
        let chat = try Chat()
        try chat.advance(to: 0)
        chat.clock.advance(by: 400) // the server is down at Q1's time
        let after = try TestWorld(clock: chat.clock, reopening: chat.world.directory)
        try after.starling.jobRunner.runDue(now: chat.clock.now())
        try after.starling.jobRunner.runDue(now: chat.clock.now())
        #expect(try chat.hostPosts().filter { $0.hasPrefix("Q1:") }.count == 1)
    }
}
