import Foundation
import Testing
@testable import StarlingCore

/// Personal reviews of recall checks on each learner's FSRS-6 schedule.
@Suite struct ReviewTests {
    private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// A fixture whose plan released one nugget with a check at 2026-12-01 09:00 UTC, reviews delivered.
    private func released(horizon: Int = 90) async throws -> (ReinforcementFixture, ReinforcementPlan, Nugget) {
        let f = try await ReinforcementFixture()
        let plan = try await f.plan(startDay: "2026-12-01", horizon: horizon)
        let nugget = try await f.nugget("Ask early", in: plan)
        try await f.advance(to: utc("2026-12-01T09:00:00Z"))
        return (f, plan, nugget)
    }

    @Test func aReleasedCheckIsDueForEachLearnerAndArrivesAsADirectStatusWithAPoll() async throws {
        let (f, _, nugget) = try await released()
        for learner in f.learners {
            let item = try #require(try await f.starling.reviews.queue(of: learner, now: f.clock.now()).first)
            #expect(item.nugget.id == nugget.id)
            let postID = try #require(item.state.deliveredPostID)
            let post = try #require(try await f.world.store.post(id: postID, viewer: learner.id))
            #expect(post.post.visibility == .direct)
            #expect(post.post.authorID == f.fay.id)
            #expect(post.poll?.options.map(\.title) == ["Right", "Wrong", "Also wrong"])
            let mentions = try await f.world.store.notifications(recipientID: learner.id, page: PageRequest(), kinds: [.mention])
            #expect(mentions.filter { $0.post?.id == postID }.count == 1, "the review arrives once")
        }
        #expect(try await f.starling.reviews.queue(of: f.fay, now: f.clock.now()).isEmpty, "facilitators are not reviewed")
    }

    @Test func nobodyButTheLearnerSeesTheirReviewOrAnswers() async throws {
        let (f, _, nugget) = try await released()
        let postID = try #require(try await f.starling.reviews.item(nugget.id, of: f.lea).state.deliveredPostID)
        try await f.starling.reviews.answer(nugget.id, choices: [1], by: f.lea, at: f.clock.now())
        for other in [f.leo, f.lia, f.otto] {
            #expect(try await f.world.store.post(id: postID, viewer: other.id) == nil)
            #expect(try await f.world.store.reviewItem(deliveredPostID: postID, accountID: other.id) == nil)
        }
        await #expect(throws: DomainError.notFound) { try await f.starling.reviews.log(nugget.id, of: f.otto) }
        #expect(try await f.starling.reviews.log(nugget.id, of: f.leo).isEmpty, "Leo's log of the same check is his own")
    }

    @Test func aWrongAnswerIsRatedAgainAndComesBackOnTheDayFSRSComputes() async throws {
        let (f, _, nugget) = try await released()
        let outcome = try await f.starling.reviews.answer(nugget.id, choices: [1], by: f.lea, at: f.clock.now())
        let expected = FSRS().review(nil, .again, at: f.clock.now())
        #expect(!outcome.entry.right)
        #expect(outcome.entry.rating == .again)
        #expect(outcome.state.dueAt == expected.due)
        #expect(outcome.check.explanation == "Because Ask early.")
        #expect(try await f.starling.reviews.queue(of: f.lea, now: f.clock.now()).isEmpty)
        #expect(try await f.starling.reviews.queue(of: f.lea, now: expected.due).map(\.nugget.id) == [nugget.id])
        let log = try await f.starling.reviews.log(nugget.id, of: f.lea)
        #expect(log.count == 1)
        #expect(log[0].stability == expected.memory.stability && log[0].difficulty == expected.memory.difficulty)
    }

    @Test func votingInTheReviewsPollRecordsTheReviewAndRepliesWithTheOutcome() async throws {
        let (f, _, nugget) = try await released()
        let postID = try #require(try await f.starling.reviews.item(nugget.id, of: f.lea).state.deliveredPostID)
        _ = try await f.starling.reviews.vote(postID, choices: [0], by: f.lea, at: f.clock.now())
        let log = try await f.starling.reviews.log(nugget.id, of: f.lea)
        #expect(log.map(\.right) == [true])
        #expect(log.first?.rating == .good)
        #expect(log.first?.dueAt == FSRS().review(nil, .good, at: f.clock.now()).due)
        let thread = try #require(try await f.world.store.thread(of: postID, viewer: f.lea.id))
        #expect(thread.descendants.first?.post.source.contains("Right!") == true)
        await #expect(throws: DomainError.self) { try await f.starling.reviews.vote(postID, choices: [0], by: f.lea, at: f.clock.now()) }
        #expect(try await f.starling.reviews.log(nugget.id, of: f.lea).count == 1, "voting twice records nothing more")
    }

    @Test func answeringOnTheWebVotesInThePollSoAppsShowIt() async throws {
        let (f, _, nugget) = try await released()
        let postID = try #require(try await f.starling.reviews.item(nugget.id, of: f.lea).state.deliveredPostID)
        try await f.starling.reviews.answer(nugget.id, choices: [0], rating: .easy, by: f.lea, at: f.clock.now())
        #expect(try await f.world.store.post(id: postID, viewer: f.lea.id)?.poll?.ownVotes == [0])
        #expect(try await f.starling.reviews.log(nugget.id, of: f.lea).first?.rating == .easy)
    }

    @Test func threeRightAnswersInARowMasterACheck() async throws {
        let (f, _, nugget) = try await released(horizon: 730)
        for round in 1...3 {
            let due = try await f.starling.reviews.item(nugget.id, of: f.lea).state.dueAt
            try await f.advance(to: max(due, f.clock.now()))
            let outcome = try await f.starling.reviews.answer(nugget.id, choices: [0], by: f.lea, at: f.clock.now())
            #expect(outcome.state.isMastered == (round == 3))
        }
        await #expect(throws: DomainError.self) { try await f.starling.reviews.answer(nugget.id, choices: [0], by: f.lea, at: f.clock.now() + 400 * 86_400) }
    }

    @Test func aCheckWhoseNextReviewFallsAfterThePlansEndIsMastered() async throws {
        let (f, _, nugget) = try await released(horizon: 1)
        // A first Good answer schedules 2 days ahead: after the plan's one day.
        let outcome = try await f.starling.reviews.answer(nugget.id, choices: [0], by: f.lea, at: f.clock.now())
        #expect(outcome.state.isMastered)
        #expect(outcome.entry.mastered)
    }

    @Test func aReviewThatIsNotDueOrSomeoneElsesIsRefused() async throws {
        let (f, _, nugget) = try await released()
        try await f.starling.reviews.answer(nugget.id, choices: [1], by: f.lea, at: f.clock.now())
        await #expect(throws: DomainError.self) { try await f.starling.reviews.answer(nugget.id, choices: [0], by: f.lea, at: f.clock.now()) }
        await #expect(throws: DomainError.notFound) { try await f.starling.reviews.answer(nugget.id, choices: [0], by: f.otto, at: f.clock.now()) }
        await #expect {
            try await f.starling.reviews.answer(nugget.id, choices: [7], by: f.leo, at: f.clock.now())
        } throws: { ($0 as? DomainError).map { if case .invalid("choices", _) = $0 { true } else { false } } ?? false }
    }

    @Test func aLearnerWhoJoinsLaterGetsTheReleasedChecksAtTheNextDelivery() async throws {
        let (f, plan, nugget) = try await released()
        let late = try await f.world.member("lou")
        _ = try await f.starling.programs.setMember(f.program.id, account: late, role: .learner, by: f.fay, at: f.clock.now())
        try await f.nugget("Another", in: plan)
        try await f.advance(to: utc("2026-12-02T09:00:00Z"))
        #expect(try await f.starling.reviews.queue(of: late, now: f.clock.now()).map(\.nugget.id).contains(nugget.id))
        #expect(try await f.starling.reviews.dueCount(of: late, now: f.clock.now()) == 2)
    }
}
