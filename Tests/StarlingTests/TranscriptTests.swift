import Foundation
import Testing
@testable import StarlingCore

/// The transcript written when a scripted tweetchat ends: questions in order with their answers,
/// general posts, participants new and returning, links, counts; published in the program's knowledge base.
@Suite("Events: transcripts")
struct TranscriptTests {
    @Test("a scripted chat's transcript groups answers under their questions, counts them, and goes into the knowledge base")
    func scriptedChat() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        let world = try await TestWorld(clock: clock)
        let fay = try await world.member("fay", role: .admin), lea = try await world.member("lea"), ben = try await world.member("ben"), cy = try await world.member("cy")
        let program = try await world.starling.programs.create(.init(title: "Cohort", hashtag: "cohort"), by: fay)
        for person in [lea, ben, cy] { _ = try await world.starling.programs.join(program.id, by: person, agreementVersion: 1) }
        let events = world.starling.liveEvents
        let event = try await events.create(.init(kind: .tweetchat, title: "Cohort chat", programID: program.id, startsAt: clock.now() + 60,
                                            timeZone: "UTC", duration: 1800, recurrence: .weekly, reminderLead: 0), by: fay, now: clock.now())
        _ = try await events.setScript(event.id, ChatScript(welcome: "Welcome!", questions: [.init(text: "What helps you learn?", offset: 60),
                                                                                      .init(text: "What will you try?", offset: 600)]),
                                 by: fay, now: clock.now())
        func at(_ offset: TimeInterval) async throws {
            clock.advance(by: (event.startsAt + offset).timeIntervalSince(clock.now()))
            try await world.starling.jobRunner.runDue(now: clock.now())
        }
        try await at(30)
        try await world.post("Hello from Porto #cohort", by: cy, at: clock.now())
        try await at(120)
        let running = try #require(try await events.occurrences(of: event.id).first)
        let q1 = try #require(try await world.store.releasedQuestions(occurrenceID: running.id).first?.postID)
        try await world.post("A1: spacing, see https://example.org/spacing #cohort", by: lea, at: clock.now())
        try await at(130)
        let bens = try await world.post("Writing things down", by: ben, replyTo: q1, at: clock.now())
        try await at(140)
        try await world.post("Same, in a notebook", by: cy, replyTo: bens.id, at: clock.now()) // two replies deep, no hashtag
        try await at(700)
        try await world.post("a2 teach it to someone #cohort", by: lea, at: clock.now())
        try await at(1800)
        let first = try #require(try await events.occurrences(of: event.id).first)
        let transcript = try await events.transcript(first.id, viewer: lea)
        let markdown = transcript.markdown
        #expect(markdown.contains("5 posts by 3 participants (3 new, 0 returning); 2 questions, 4 answers, 1 general post, 1 link shared."))
        let order = ["## Q1: What helps you learn?", "**@lea**: A1: spacing", "**@ben**: Writing things down", "**@cy**: Same, in a notebook",
                     "## Q2: What will you try?", "**@lea**: a2 teach it", "## General", "**@cy**: Hello from Porto",
                     "## Participants", "- @cy (new)", "## Links shared", "- [https://example.org/spacing](https://example.org/spacing)"]
        let positions = order.map { markdown.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "\(markdown)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(!markdown.contains("Welcome!"))
        let page = try await world.starling.knowledge.page(try #require(transcript.pageID), viewer: lea)
        #expect(page.programID == program.id && page.title.hasPrefix("Transcript: Cohort chat") && page.body == markdown)

        // A week later: lea comes back, dan is new.
        let dan = try await world.member("dan")
        _ = try await world.starling.programs.join(program.id, by: dan, agreementVersion: 1)
        let second = try #require(try await events.occurrences(of: event.id).last)
        clock.advance(by: second.startsAt.timeIntervalSince(clock.now()) + 120)
        try await world.starling.jobRunner.runDue(now: clock.now())
        try await world.post("A1 still spacing #cohort", by: lea, at: clock.now())
        try await world.post("A1 flashcards #cohort", by: dan, at: clock.now())
        clock.advance(by: 1800)
        try await world.starling.jobRunner.runDue(now: clock.now())
        let again = try await events.transcript(second.id, viewer: lea).markdown
        #expect(again.contains("2 posts by 2 participants (1 new, 1 returning)") && again.contains("- @lea (returning)"), "\(again)")

        try await withLiveServer(world) { server in
            let browser = server.browser()
            try await browser.signIn("lea")
            let eventPage = try await browser.get("/events/\(event.id)")
            #expect(eventPage.body.contains("/occurrences/\(first.id)/transcript"))
            let page = try await browser.get("/occurrences/\(first.id)/transcript")
            #expect(page.status == 200 && page.body.contains("<h3>Q1: What helps you learn?</h3>"))
            #expect(try await browser.get("/occurrences/\(first.id)/transcript.md").body == markdown)
            let html = try await browser.get("/occurrences/\(first.id)/transcript.html")
            #expect(html.header("content-disposition") == "attachment; filename=\"transcript.html\"")
            #expect(html.body.hasPrefix("<!doctype html>") && html.body.contains("<h3>Q1: What helps you learn?</h3>") && !html.body.contains("<script"))
        }
    }
}
