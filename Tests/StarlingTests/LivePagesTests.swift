import Foundation
import Testing
@testable import StarlingCore

/// A tweetchat's live page: its stream of the chat grouped by question, posting into it, highlights,
/// and who may open it.
@Suite("Web: live chat page")
struct LivePagesTests {
    /// A started chat hosted by fay (an admin), with members ben and lea: the welcome has gone out and
    /// Q1 is released; Q2 is planned ten minutes in. An organization chat on #lrnchat, or a program's.
    struct Chat {
        let clock = ManualClock()
        let world: TestWorld
        let fay: Account, ben: Account, lea: Account
        let occurrence: EventOccurrence

        init(program: (title: String, hashtag: String)? = nil) async throws {
            let world = try await TestWorld(clock: clock), fay = try await world.member("fay", role: .admin)
            (self.world, self.fay) = (world, fay)
            ben = try await world.member("ben")
            lea = try await world.member("lea")
            let events = world.starling.liveEvents
            let programID = try await program.asyncMap { try await world.starling.programs.create(.init(title: $0.title, hashtag: $0.hashtag, visibility: "private"), by: fay).id }
            let event = try await events.create(.init(kind: .tweetchat, title: "Learning chat", hashtag: programID == nil ? "lrnchat" : nil,
                                                programID: programID, startsAt: clock.now() + 60, timeZone: "UTC"), by: fay, now: clock.now())
            _ = try await events.setScript(event.id, ChatScript(welcome: "Welcome, introduce yourselves!",
                                                          questions: [.init(text: "What did you learn?", offset: 0), .init(text: "What next?", offset: 600)]),
                                     by: fay, now: clock.now())
            clock.advance(by: 60)
            try await world.starling.jobRunner.runDue(now: clock.now())
            occurrence = try #require(try await events.occurrences(of: event.id).first)
        }
    }

    @Test("the stream places an answer under its question, a reply under its parent's question, a released question as a new section, edits and deletions; a post the viewer may not see never comes")
    func streamGroupsByQuestion() async throws {
        let chat = try await Chat()
        let (clock, world, fay, ben, occurrence) = (chat.clock, chat.world, chat.fay, chat.ben, chat.occurrence)
        try await withLiveServer(world) { server in
            let lea = server.browser()
            try await lea.signIn("lea")
            let page = try await lea.get("/occurrences/\(occurrence.id)/live")
            #expect(page.status == 200 && page.body.contains("Q1: What did you learn?") && page.body.contains("Welcome, introduce yourselves!"))
            let received = try await StreamingTests.events(server, path: "/occurrences/\(occurrence.id)/live/stream",
                                                           headers: [await lea.cookieHeader], seconds: 1.5) {
                let answer = try await world.post("a1 spaced practice #lrnchat", by: ben, at: clock.now())
                _ = try await world.post("A1 only for fay #lrnchat", by: ben, visibility: .direct, at: clock.now())
                _ = try await world.starling.liveEvents.releaseNext(occurrence.id, by: fay, now: clock.now())
                _ = try await world.post("and retrieval too", by: ben, replyTo: answer.id, at: clock.now())
                let hello = try await world.post("Hello from Lyon #LrnChat", by: ben, at: clock.now())
                try await Task.sleep(for: .milliseconds(300)) // the page has it before it changes
                _ = try await world.starling.posts.edit(hello.id, text: "Hello from Lyon, France #LrnChat", contentWarning: "", by: ben, at: clock.now())
                try await Task.sleep(for: .milliseconds(300))
                try await world.starling.posts.delete(hello.id, by: ben)
            }
            let kinds = received.map(\.name)
            try #require(kinds == ["post", "question", "post", "post", "edit", "delete"])
            #expect(received[4].data.contains("Lyon, France"))
            #expect(received[0].data.contains("\"question\":\"1\"") && received[0].data.contains("spaced practice"))
            #expect(received[1].data.contains("\"number\":2") && received[1].data.contains("Q2: What next?"))
            #expect(received[2].data.contains("\"question\":\"1\"") && received[2].data.contains("retrieval too"))
            #expect(received[3].data.contains("\"question\":\"general\""))
            #expect(!received.contains { $0.data.contains("only for fay") })
        }
    }

    @Test("posting from the live page adds the current answer marker and the hashtag, and keeps a marker the person wrote")
    func composeAddsMarker() async throws {
        let chat = try await Chat()
        let (clock, world, fay, lea, occurrence) = (chat.clock, chat.world, chat.fay, chat.lea, chat.occurrence)
        _ = try await world.starling.liveEvents.releaseNext(occurrence.id, by: fay, now: clock.now())
        try await withLiveServer(world) { server in
            let browser = server.browser()
            try await browser.signIn("lea")
            let path = "/occurrences/\(occurrence.id)/live/post"
            #expect(try await browser.post(path, [("status", "Try it at work"), ("question", "")]).status == 303)
            #expect(try await browser.post(path, [("status", "Spacing"), ("question", "1")]).status == 303)
            #expect(try await browser.post(path, [("status", "A1 - more spacing #lrnchat"), ("question", "2")]).status == 303)
            #expect(try await browser.post(path, [("status", "  "), ("question", "2")]).status == 422)
            let mine = try await world.starling.reads.timeline(.profile(lea.id), viewer: lea, page: PageRequest(limit: 10)).map(\.post.post.source)
            #expect(mine == ["A1 - more spacing #lrnchat", "A1: Spacing #lrnchat", "A2: Try it at work #lrnchat"])
        }
    }

    @Test("a host's highlight reaches every live page at once; a learner cannot highlight")
    func highlights() async throws {
        let chat = try await Chat()
        let (clock, world, ben, occurrence) = (chat.clock, chat.world, chat.ben, chat.occurrence)
        let answer = try await world.post("A1 interleaving #lrnchat", by: ben, at: clock.now())
        try await withLiveServer(world) { server in
            let host = server.browser(), learner = server.browser()
            try await host.signIn("fay")
            try await learner.signIn("lea")
            #expect(try await host.get("/occurrences/\(occurrence.id)/live").body.contains(">Highlight</button>"))
            #expect(!(try await learner.get("/occurrences/\(occurrence.id)/live").body.contains(">Highlight</button>")))
            #expect(try await learner.post("/occurrences/\(occurrence.id)/highlight", [("post_id", answer.id.description)]).status == 403)
            let received = try await StreamingTests.events(server, path: "/occurrences/\(occurrence.id)/live/stream",
                                                           headers: [await learner.cookieHeader], seconds: 0.8) {
                let done = try await host.post("/occurrences/\(occurrence.id)/highlight", [("post_id", answer.id.description)])
                #expect(done.status == 303)
            }
            let highlight = try #require(received.first { $0.name == "highlights" })
            #expect(highlight.data.contains("\"ids\":[\"\(answer.id)\"]") && highlight.data.contains("interleaving"))
            let page = try await learner.get("/occurrences/\(occurrence.id)/live")
            #expect(page.body.contains("Highlighted by the hosts") && page.body.contains("live-post highlighted"))
        }
    }

    @Test("a guest expert of the organization's chat sees and posts on its hashtag while it runs, and nothing else")
    func guestExpertOfAChat() async throws {
        let chat = try await Chat()
        let (clock, world) = (chat.clock, chat.world)
        let before = try await world.post("Earlier on #lrnchat, before the chat", by: chat.ben, at: clock.now() - 120)
        let elsewhere = try await world.post("Organization news", by: chat.ben, at: clock.now())
        let answer = try await world.post("A1 spaced practice #lrnchat", by: chat.ben, at: clock.now())
        let events = world.starling.liveEvents
        let invitation = try await events.inviteExpert(chat.occurrence.eventID, by: chat.fay, now: clock.now())
        let vera = try await world.starling.accounts.signUp(invitationCode: invitation.code, .init(
            username: "vera", email: "vera@example.org", password: "password1", displayName: "Vera"))
        #expect(vera.isGuest)
        let seen = try await world.timelineIDs(.hashtag("lrnchat"), for: vera)
        #expect(seen.contains(answer.id) && !seen.contains(before.id))
        #expect(try await world.timelineIDs(.organization, for: vera).allSatisfy { $0 != elsewhere.id })
        #expect(try await events.live(chat.occurrence.id, viewer: vera, now: clock.now()).posts(answering: 1).map(\.id) == [answer.id])
        let reply = try await events.post("Try it with a colleague", to: chat.occurrence.id, answering: 1, by: vera, now: clock.now())
        #expect(reply.source == "A1: Try it with a colleague #lrnchat")
        await #expect(throws: DomainError.self) { try await world.post("Elsewhere #random", by: vera, at: clock.now()) }
        try await events.endNow(chat.occurrence.id, by: chat.fay, now: clock.now())
        await #expect(throws: DomainError.self) { try await world.post("After the end #lrnchat", by: vera, at: clock.now()) }
        let later = try await world.post("Later on #lrnchat", by: chat.ben, at: clock.now() + 60)
        await #expect(!(try world.timelineIDs(.hashtag("lrnchat"), for: vera).contains(later.id)))
        #expect(try await world.timelineIDs(.hashtag("lrnchat"), for: vera).contains(answer.id)) // the chat stays readable
    }

    @Test("someone who may not see a program's chat gets no live page, stream or post (404)")
    func strangersSeeNothing() async throws {
        let chat = try await Chat(program: ("Cohort", "cohort"))
        let (world, occurrence) = (chat.world, chat.occurrence)
        try await world.member("outsider")
        try await withLiveServer(world) { server in
            let outsider = server.browser()
            try await outsider.signIn("outsider")
            #expect(try await outsider.get("/occurrences/\(occurrence.id)/live").status == 404)
            #expect(try await outsider.get("/occurrences/\(occurrence.id)/live/stream").status == 404)
            #expect(try await outsider.post("/occurrences/\(occurrence.id)/live/post", [("status", "hi")]).status == 404)
            #expect(try await server.browser().get("/occurrences/\(occurrence.id)/live").status == 303) // signed out: to sign in
        }
    }
}
