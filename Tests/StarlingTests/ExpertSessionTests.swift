import Foundation
import Testing
@testable import StarlingCore

/// Ask-the-expert sessions: questions before and during, upvotes, approval, the expert's answers,
/// the summary, handing the unanswered on, and a guest expert who sees nothing outside the event.
@Suite("Events: ask the expert")
struct ExpertSessionTests {
    /// A program's ask-the-expert session an hour from now, hosted by facilitator fay, with learners lea and leo.
    struct Session {
        let world: TestWorld
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        let fay: Account, lea: Account, leo: Account
        let program: Program
        let event: Event
        var events: EventService { world.starling.liveEvents }
        var occurrence: EventOccurrence { get async throws { try #require(try await events.occurrences(of: event.id).first) } }

        init(requiresApproval: Bool = false) async throws {
            world = try await TestWorld(clock: clock)
            fay = try await world.member("fay", role: .admin)
            lea = try await world.member("lea")
            leo = try await world.member("leo")
            program = try await world.starling.programs.create(.init(title: "Pricing cohort", hashtag: "pricing", visibility: "private"), by: fay)
            for learner in [lea, leo] { _ = try await world.starling.programs.setMember(program.id, account: learner, role: .learner, by: fay) }
            event = try await world.starling.liveEvents.create(.init(kind: .askTheExpert, title: "Ask a pricing expert", programID: program.id,
                                                               startsAt: clock.now() + 3600, timeZone: "UTC", duration: 1800,
                                                               requiresApproval: requiresApproval), by: fay, now: clock.now())
        }

        /// Moves the clock to `offset` seconds after the planned start and runs what is due.
        func advance(to offset: TimeInterval) async throws {
            clock.advance(by: (event.startsAt + offset).timeIntervalSince(clock.now()))
            try await world.starling.jobRunner.runDue(now: clock.now())
        }

        func queue(for viewer: Account) async throws -> [String] { try await events.expertQueue(occurrence.id, viewer: viewer).map(\.text) }
    }

    @Test("members ask before the session and upvote others' questions once each; the queue puts the most upvoted first")
    func askAndUpvote() async throws {
        let session = try await Session()
        let id = try await session.occurrence.id
        let first = try await session.events.ask(id, "How do we price a new module?", by: session.lea, now: session.clock.now())
        let second = try await session.events.ask(id, "When do discounts hurt?", by: session.leo, now: session.clock.now())
        try await session.events.vote(second.id, by: session.lea)
        try await session.events.vote(second.id, by: session.lea) // once each
        await #expect(throws: DomainError.self) { try await session.events.vote(first.id, by: session.lea) } // not one's own
        #expect(try await session.queue(for: session.fay) == ["When do discounts hurt?", "How do we price a new module?"])
        #expect(try await session.events.question(second.id, viewer: session.leo).votesCount == 1)
        try await session.events.vote(second.id, false, by: session.lea)
        #expect(try await session.events.question(second.id, viewer: session.lea).votesCount == 0)
        await #expect(throws: DomainError.self) { try await session.events.ask(id, "  ", by: session.lea, now: session.clock.now()) }
        await #expect(throws: DomainError.self) { try await session.events.ask(id, String(repeating: "x", count: 301), by: session.lea, now: session.clock.now()) }
    }

    @Test("when hosts approve questions first, a waiting one is seen only by its asker and the hosts; a turned-down one stays that way")
    func approval() async throws {
        let session = try await Session(requiresApproval: true)
        let id = try await session.occurrence.id
        let waiting = try await session.events.ask(id, "Is our price too low?", by: session.lea, now: session.clock.now())
        let other = try await session.events.ask(id, "Off-topic rant", by: session.leo, now: session.clock.now())
        #expect(waiting.status == .pending)
        #expect(try await session.queue(for: session.leo) == ["Off-topic rant"])
        #expect(try await session.queue(for: session.fay).count == 2)
        await #expect(throws: DomainError.self) { try await session.events.vote(waiting.id, by: session.leo) }
        await #expect(throws: DomainError.self) { try await session.events.moderate(waiting.id, approve: true, by: session.leo) }
        try await session.events.moderate(waiting.id, approve: true, by: session.fay)
        try await session.events.moderate(other.id, approve: false, by: session.fay)
        #expect(try await session.queue(for: session.lea) == ["Is our price too low?"])
        #expect(try await session.queue(for: session.leo) == ["Is our price too low?", "Off-topic rant"]) // his own, turned down
    }

    @Test("the expert answers while the session is open and the asker is told; answered questions are marked and follow the unanswered; the summary pairs them")
    func answerAndSummary() async throws {
        let session = try await Session()
        let id = try await session.occurrence.id
        let expert = try await session.world.member("pat")
        _ = try await session.world.starling.programs.setMember(session.program.id, account: expert, role: .learner, by: session.fay)
        try await session.events.addExpert(session.event.id, expert, by: session.fay)
        let popular = try await session.events.ask(id, "Annual or monthly?", by: session.lea, now: session.clock.now())
        let quiet = try await session.events.ask(id, "Free tiers?", by: session.leo, now: session.clock.now())
        try await session.events.vote(popular.id, by: session.leo)
        await #expect(throws: DomainError.self) { try await session.events.answer(popular.id, "Annual.", by: expert, now: session.clock.now()) } // not open yet
        try await session.advance(to: 0)
        await #expect(throws: DomainError.self) { try await session.events.answer(popular.id, "Annual.", by: session.leo, now: session.clock.now()) } // not an expert
        let answered = try await session.events.answer(popular.id, "Annual, with a monthly option.", by: expert, now: session.clock.now())
        #expect(answered.isAnswered && answered.answeredBy?.id == expert.id)
        let told = try await session.world.starling.reads.notifications(of: session.lea, page: PageRequest(limit: 5))
        #expect(told.map(\.kind) == [.expertAnswered] && told.first?.event?.title == "Ask a pricing expert")
        let late = try await session.events.ask(id, "Price anchoring?", by: session.lea, now: session.clock.now()) // during the session
        #expect(try await session.queue(for: session.lea) == ["Free tiers?", "Price anchoring?", "Annual or monthly?"])
        try await session.advance(to: 1800)
        await #expect(throws: DomainError.self) { try await session.events.answer(quiet.id, "Sometimes.", by: expert, now: session.clock.now()) } // closed
        await #expect(throws: DomainError.self) { try await session.events.ask(id, "One more?", by: session.lea, now: session.clock.now()) }
        let summary = try await session.events.summary(id, viewer: session.leo)
        #expect(summary.answered.map(\.answer) == ["Annual, with a monthly option."])
        #expect(summary.unanswered.map(\.id) == [quiet.id, late.id])
    }

    @Test("after a program's session hosts hand unanswered questions to the program as open questions, once, naming the asker")
    func handOff() async throws {
        let session = try await Session()
        let id = try await session.occurrence.id
        _ = try await session.events.ask(id, "How do we test a price rise?", by: session.lea, now: session.clock.now())
        try await session.advance(to: 0)
        await #expect(throws: DomainError.self) { try await session.events.handOff(id, by: session.fay, now: session.clock.now()) } // still open
        try await session.advance(to: 1800)
        await #expect(throws: DomainError.self) { try await session.events.handOff(id, by: session.lea, now: session.clock.now()) }
        let handed = try await session.events.handOff(id, by: session.fay, now: session.clock.now())
        try #require(handed.count == 1)
        #expect(handed[0].isQuestion && handed[0].programID == session.program.id)
        #expect(handed[0].source == "Open question from “Ask a pricing expert”, asked by @lea: How do we test a price rise? #pricing")
        #expect(try await session.events.handOff(id, by: session.fay, now: session.clock.now()).isEmpty)
        #expect(try await session.events.summary(id, viewer: session.fay).unanswered.first?.openQuestionID == handed[0].id)
    }

    @Test("an open queue page hears when the questions change (asked, upvoted); strangers cannot listen")
    func queueUpdates() async throws {
        let session = try await Session()
        try await session.world.member("outsider")
        let id = try await session.occurrence.id
        try await withLiveServer(session.world) { server in
            let watcher = server.browser(), outsider = server.browser()
            try await watcher.signIn("fay")
            try await outsider.signIn("outsider")
            #expect(try await outsider.get("/occurrences/\(id)/questions/stream").status == 404)
            let received = try await StreamingTests.events(server, path: "/occurrences/\(id)/questions/stream",
                                                           headers: [await watcher.cookieHeader], seconds: 0) { received in
                let question = try await session.events.ask(id, "Which price first?", by: session.lea, now: session.clock.now())
                try await received.wait(for: "event: changed")
                try await session.events.vote(question.id, by: session.leo)
                try await received.wait(for: "event: changed", times: 2)
                try await Task.sleep(for: .milliseconds(200)) // nothing more comes
            }
            #expect(received.map(\.name) == ["changed", "changed"])
        }
    }

    @Test("a guest expert signs up from the event's invitation, sees the event and its questions and answers them, and sees nothing outside it")
    func guestExpert() async throws {
        let session = try await Session()
        let world = session.world
        try await world.post("Cohort-only notes #pricing", by: session.lea)
        try await world.post("Organization news", by: session.fay)
        let otherEvent = try await session.events.create(.init(kind: .tweetchat, title: "Org chat", hashtag: "lrnchat", startsAt: session.clock.now() + 60,
                                                         timeZone: "UTC"), by: session.fay, now: session.clock.now())
        let question = try await session.events.ask(try session.occurrence.id, "What about VAT?", by: session.lea, now: session.clock.now())
        let invitation = try await session.events.inviteExpert(session.event.id, by: session.fay, now: session.clock.now())
        await #expect(throws: DomainError.self) { try await session.events.inviteExpert(session.event.id, by: session.lea, now: session.clock.now()) }
        try await session.advance(to: 0)
        try await withLiveServer(world) { server in
            let guest = server.browser()
            let signUp = try await guest.get("/invite/\(invitation.code)")
            #expect(signUp.body.contains("guest expert to <strong>Ask a pricing expert (#pricing)</strong>"))
            let joined = try await guest.post("/invite/\(invitation.code)", [("username", "vera"), ("email", "vera@example.org"),
                                                                            ("password", "password1"), ("display_name", "Vera Expert")])
            #expect(joined.status == 303 && joined.location == "/events/\(session.event.id)")
            let occurrenceID = try await session.occurrence.id
            let queue = try await guest.get("/occurrences/\(occurrenceID)/questions")
            #expect(queue.status == 200 && queue.body.contains("What about VAT?") && queue.body.contains("name=\"answer\""))
            #expect(try await guest.post("/expert-questions/\(question.id)/answer", [("answer", "Prices include VAT here.")]).status == 303)
            #expect(try await guest.get("/occurrences/\(occurrenceID)/summary").body.contains("Prices include VAT here."))
            #expect(try await guest.get("/events").body.contains("Ask a pricing expert"))
            for path in ["/programs/\(session.program.id)", "/events/\(otherEvent.id)", "/@lea"] {
                #expect(try await guest.get(path).status == 404, "\(path)")
            }
            for path in ["/", "/public", "/tags/pricing", "/search?q=notes", "/search?q=news"] {
                let page = try await guest.get(path)
                #expect(!page.body.contains("Cohort-only notes") && !page.body.contains("Organization news"), "\(path)")
            }
        }
        let vera = try #require(try await world.store.account(username: "vera"))
        #expect(vera.isGuest)
        #expect(try await world.starling.reads.search(PostSearch(text: "notes"), viewer: vera).posts.isEmpty)
        #expect(try await session.events.question(question.id, viewer: session.lea).answeredBy?.id == vera.id)
    }
}
