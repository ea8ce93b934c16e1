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
        var occurrence: EventOccurrence { get async throws { try #require(try await world.starling.liveEvents.occurrences(of: event.id).first) } }

        init() async throws {
            clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
            world = try await TestWorld(clock: clock)
            fay = try await world.member("fay", role: .admin)
            lea = try await world.member("lea")
            let events = world.starling.liveEvents
            event = try await events.create(.init(kind: .tweetchat, title: "Learning chat", hashtag: "lrnchat", startsAt: clock.now() + 600,
                                            timeZone: "UTC", duration: 3600), by: fay, now: clock.now())
            _ = try await events.setScript(event.id, ChatScript(welcome: "Welcome to #lrnchat! Introduce yourself.", questions: [
                .init(text: "What did you learn this week?", offset: 300),
                .init(text: "How do you practise?", offset: 900),
                .init(text: "What will you try next?", offset: 1500),
            ]), by: fay, now: clock.now())
        }

        /// Moves the clock and runs what is due.
        func advance(to offset: TimeInterval) async throws {
            clock.advance(by: (event.startsAt + offset).timeIntervalSince(clock.now()))
            try await world.starling.jobRunner.runDue(now: clock.now())
        }

        /// The host's posts on the hashtag, oldest first.
        func hostPosts() async throws -> [String] {
            try await world.starling.reads.timeline(.profile(fay.id), viewer: lea).map(\.post.post.source).reversed()
        }
    }

    @Test("at the start the host welcomes everyone on the hashtag, then each question goes out at its offset")
    func releasesOnTime() async throws {
        let chat = try await Chat()
        try await chat.advance(to: -1)
        #expect(try await chat.hostPosts().isEmpty)
        try await chat.advance(to: 0)
        #expect(try await chat.hostPosts() == ["Welcome to #lrnchat! Introduce yourself. #lrnchat"])
        try await chat.advance(to: 299)
        #expect(try await chat.hostPosts().count == 1)
        try await chat.advance(to: 300)
        #expect(try await chat.hostPosts().last == "Q1: What did you learn this week? #lrnchat")
        try await chat.advance(to: 1500)
        #expect(try await chat.hostPosts().suffix(2) == ["Q2: How do you practise? #lrnchat", "Q3: What will you try next? #lrnchat"])
        #expect(try await chat.world.starling.liveEvents.released(chat.occurrence.id, viewer: chat.lea).map(\.number) == [1, 2, 3])
    }

    @Test("a host releases the next question now, ahead of its time; it is not released twice")
    func releaseNextNow() async throws {
        let chat = try await Chat()
        try await chat.advance(to: 0)
        let events = chat.world.starling.liveEvents
        await #expect(throws: DomainError.self) { try await events.releaseNext(chat.occurrence.id, by: chat.lea, now: chat.clock.now()) }
        #expect(try await events.releaseNext(chat.occurrence.id, by: chat.fay, now: chat.clock.now()).number == 1)
        try await chat.advance(to: 300) // Q1's planned time: already out
        #expect(try await chat.hostPosts().filter { $0.hasPrefix("Q1:") }.count == 1)
    }

    @Test("a held script releases nothing until the hold is lifted; then overdue questions go out at once")
    func hold() async throws {
        let chat = try await Chat()
        try await chat.advance(to: 0)
        let events = chat.world.starling.liveEvents
        try await events.hold(chat.occurrence.id, by: chat.fay, now: chat.clock.now())
        try await chat.advance(to: 1000)
        #expect(try await chat.hostPosts().count == 1)
        try await events.hold(chat.occurrence.id, false, by: chat.fay, now: chat.clock.now())
        try await chat.world.starling.jobRunner.runDue(now: chat.clock.now())
        #expect(try await chat.hostPosts().count == 3) // Q1 and Q2 were due
        try await chat.advance(to: 1500)
        #expect(try await chat.hostPosts().count == 4)
    }

    @Test("during the chat, a question not yet released can be edited; a released one cannot")
    func editing() async throws {
        let chat = try await Chat()
        try await chat.advance(to: 300)
        let events = chat.world.starling.liveEvents
        var script = try await events.script(chat.event.id, viewer: chat.fay)
        script.questions[1].text = "How do you practise, and how often?"
        _ = try await events.setScript(chat.event.id, script, by: chat.fay, now: chat.clock.now())
        script.questions[0].text = "Changed after release"
        await #expect(throws: DomainError.self) { try await events.setScript(chat.event.id, script, by: chat.fay, now: chat.clock.now()) }
        await #expect(throws: DomainError.self) { try await events.setScript(chat.event.id, script, by: chat.lea, now: chat.clock.now()) }
        try await chat.advance(to: 900)
        #expect(try await chat.hostPosts().last == "Q2: How do you practise, and how often? #lrnchat")
    }

    @Test("a host starts the chat early: questions follow from then, the planned start later does nothing; ending early writes the transcript")
    func startAndEndEarly() async throws {
        let chat = try await Chat()
        let events = chat.world.starling.liveEvents
        try await chat.advance(to: -500)
        let id = try await chat.occurrence.id
        await #expect(throws: DomainError.self) { try await events.startNow(id, by: chat.lea, now: chat.clock.now()) }
        try await events.startNow(id, by: chat.fay, now: chat.clock.now())
        await #expect(throws: DomainError.self) { try await events.startNow(id, by: chat.fay, now: chat.clock.now()) }
        #expect(try await chat.hostPosts() == ["Welcome to #lrnchat! Introduce yourself. #lrnchat"])
        try await chat.advance(to: -200) // 300 s after the early start
        #expect(try await chat.hostPosts().last == "Q1: What did you learn this week? #lrnchat")
        try await chat.advance(to: 0) // the planned start
        #expect(try await chat.hostPosts().count == 2)
        try await events.endNow(id, by: chat.fay, now: chat.clock.now())
        #expect(try await chat.occurrence.endedAt != nil)
        #expect(try await events.transcript(id, viewer: chat.lea).markdown.contains("Q1: What did you learn this week?"))
        try await chat.advance(to: 1500)
        #expect(try await chat.hostPosts().count == 2) // nothing more after the end
    }

    @Test("a restart while a question is due releases it once after the restart")
    func restart() async throws {
        let chat = try await Chat()
        try await chat.advance(to: 0)
        chat.clock.advance(by: 400) // the server is down at Q1's time
        let after = try await TestWorld(clock: chat.clock, reopening: chat.world)
        try await after.starling.jobRunner.runDue(now: chat.clock.now())
        try await after.starling.jobRunner.runDue(now: chat.clock.now())
        #expect(try await chat.hostPosts().filter { $0.hasPrefix("Q1:") }.count == 1)
    }
}
