import Foundation
import Testing
@testable import StarlingCore

/// Questions and answers: asking, answering, upvoting and accepting.
@Suite("Questions and answers")
struct QuestionTests {
    /// A program with a facilitator (fay), an asker (lea) and two peers who answer (ben, cy).
    private func cohort() async throws -> (world: TestWorld, program: Program, fay: Account, lea: Account, ben: Account, cy: Account) {
        let world = try await TestWorld()
        let fay = try await world.member("fay", role: .admin), lea = try await world.member("lea"), ben = try await world.member("ben"), cy = try await world.member("cy")
        let program = try await world.starling.programs.create(.init(title: "Cohort", hashtag: "cohort"), by: fay)
        for person in [lea, ben, cy] { _ = try await world.starling.programs.join(program.id, by: person, agreementVersion: 1) }
        return (world, program, fay, lea, ben, cy)
    }

    @Test("a post is a question when asked as one, when it starts with Q: or when it carries #question")
    func asking() async throws {
        let world = try await TestWorld()
        let lea = try await world.member("lea")
        let compose = { (text: String, question: Bool) in try await world.starling.posts.compose(.init(text: text, question: question), by: lea) }
        #expect(try await compose("How do I book a room?", true).isQuestion)
        #expect(try await compose("  q: where is the style guide?", false).isQuestion)
        #expect(try await compose("Anyone know the wifi password? #Question", false).isQuestion)
        #expect(try await !compose("Quiet day at the office", false).isQuestion)
    }

    @Test("the first answer by someone else is when the question got one; the asker's own reply does not count")
    func timeToFirstAnswer() async throws {
        let c = try await cohort()
        let asked = Date(timeIntervalSinceNow: -600)
        let question = try await c.world.post("Q: how do I file expenses? #cohort", by: c.lea, at: asked)
        _ = try await c.world.post("Adding: it's for a conference", by: c.lea, replyTo: question.id, at: asked + 60)
        #expect(try await c.world.starling.reads.post(question.id, viewer: c.lea).post.firstAnswerAt == nil)
        _ = try await c.world.post("Use the portal", by: c.ben, replyTo: question.id, at: asked + 300)
        let answered = try await c.world.starling.reads.post(question.id, viewer: c.lea).post.firstAnswerAt
        #expect(answered.map { abs($0.timeIntervalSince(asked + 300)) < 0.01 } == true)
    }

    @Test("members upvote an answer once each, can take it back, and never their own")
    func upvotes() async throws {
        let c = try await cohort()
        let question = try await c.world.post("Q: best onboarding doc? #cohort", by: c.lea)
        let answer = try await c.world.post("The handbook", by: c.ben, replyTo: question.id)
        let questions = c.world.starling.questions
        _ = try await questions.vote(answer.id, by: c.lea)
        let twice = try await questions.vote(answer.id, by: c.lea)
        #expect(twice.post.votesCount == 1 && twice.votedByViewer)
        #expect(try await questions.vote(answer.id, by: c.cy).post.votesCount == 2)
        #expect(try await questions.vote(answer.id, by: c.cy, false).post.votesCount == 1)
        await #expect(throws: DomainError.self) { try await questions.vote(answer.id, by: c.ben) }
        let notAnAnswer = try await c.world.post("Just chatting", by: c.cy)
        let reply = try await c.world.post("Indeed", by: c.ben, replyTo: notAnAnswer.id)
        await #expect(throws: DomainError.self) { try await questions.vote(reply.id, by: c.lea) }
    }

    @Test("an answer's author is notified once when it is accepted, by whoever accepts it, but not for accepting their own")
    func acceptingNotifies() async throws {
        let c = try await cohort()
        let questions = c.world.starling.questions, reads = c.world.starling.reads
        let question = try await c.world.post("Q: where are the slides? #cohort", by: c.lea)
        let answer = try await c.world.post("In the shared drive", by: c.ben, replyTo: question.id)
        let own = try await c.world.post("Found them myself", by: c.lea, replyTo: question.id)
        _ = try await questions.accept(answer.id, by: c.lea)
        _ = try await questions.accept(answer.id, by: c.fay) // already accepted: no second notice
        _ = try await questions.accept(own.id, by: c.lea)
        let accepted = try await reads.notifications(of: c.ben, kinds: [.answerAccepted])
        #expect(accepted.map(\.actor.id) == [c.lea.id] && accepted.first?.post?.id == answer.id)
        #expect(try await reads.notifications(of: c.lea, kinds: [.answerAccepted]).isEmpty)
    }

    @Test("the asker or a facilitator accepts answers; accepted ones lead the thread and the question is answered")
    func accepting() async throws {
        let c = try await cohort()
        let questions = c.world.starling.questions
        let question = try await c.world.post("Q: who approves travel? #cohort", by: c.lea)
        let first = try await c.world.post("Your manager", by: c.ben, replyTo: question.id)
        let second = try await c.world.post("Your manager, then finance over 1,000", by: c.cy, replyTo: question.id)
        let third = try await c.world.post("No idea", by: c.fay, replyTo: question.id)
        _ = try await questions.vote(third.id, by: c.ben)
        await #expect(throws: DomainError.self) { try await questions.accept(second.id, by: c.ben) }
        _ = try await questions.accept(second.id, by: c.lea)
        _ = try await questions.accept(first.id, by: c.fay)
        let thread = try await c.world.starling.reads.thread(question.id, viewer: c.cy)
        #expect(thread.focus.post.answeredAt != nil)
        // Accepted first (in the order they were written), then by upvotes.
        #expect(thread.descendants.map(\.id) == [first.id, second.id, third.id])
        #expect(thread.descendants.prefix(2).allSatisfy { $0.post.acceptedAt != nil })
        let reads = c.world.starling.reads
        #expect(try await reads.timeline(.questions(program: c.program.id, .answered), viewer: c.cy).map(\.post.id) == [question.id])
        #expect(try await reads.timeline(.questions(program: c.program.id, .open), viewer: c.cy).isEmpty)
        _ = try await questions.accept(first.id, by: c.lea, false)
        _ = try await questions.accept(second.id, by: c.lea, false)
        #expect(try await reads.timeline(.questions(program: c.program.id, .open), viewer: c.cy).map(\.post.id) == [question.id])
    }

    @Test("deleting the only accepted answer opens the question again")
    func deletedAnswer() async throws {
        let c = try await cohort()
        let question = try await c.world.post("Q: where is the style guide? #cohort", by: c.lea)
        let answer = try await c.world.post("On the wiki", by: c.ben, replyTo: question.id)
        _ = try await c.world.starling.questions.accept(answer.id, by: c.lea)
        try await c.world.starling.posts.delete(answer.id, by: c.ben)
        #expect(try await c.world.starling.reads.post(question.id, viewer: c.lea).post.answeredAt == nil)
    }

    @Test("the open questions queue reads oldest first, and only the program's questions")
    func openQueue() async throws {
        let c = try await cohort()
        let now = Date()
        let older = try await c.world.post("Q: first? #cohort", by: c.lea, at: now - 7200)
        let newer = try await c.world.post("Q: second? #cohort", by: c.ben, at: now - 3600)
        _ = try await c.world.post("Q: elsewhere?", by: c.cy, at: now - 1800)
        let page = PageRequest(minID: ID(0))
        let queue = try await c.world.starling.reads.timeline(.questions(program: c.program.id, .open), viewer: c.fay, page: page)
        #expect(queue.map(\.post.id).reversed() == [older.id, newer.id])
    }
}
