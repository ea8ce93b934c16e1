import Foundation
import Testing
@testable import StarlingCore

/// Personal reviews of recall checks on each learner's FSRS-6 schedule.
@Suite struct ReviewTests {
    private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// A fixture whose plan released one nugget with a check at 2026-12-01 09:00 UTC, reviews delivered.
    private func released(horizon: Int = 90) throws -> (ReinforcementFixture, ReinforcementPlan, Nugget) {
        let f = try ReinforcementFixture()
        let plan = try f.plan(startDay: "2026-12-01", horizon: horizon)
        let nugget = try f.nugget("Ask early", in: plan)
        try f.advance(to: utc("2026-12-01T09:00:00Z"))
        return (f, plan, nugget)
    }

    @Test func aReleasedCheckIsDueForEachLearnerAndArrivesAsADirectStatusWithAPoll() throws {
        let (f, _, nugget) = try released()
        for learner in f.learners {
            let item = try #require(try f.starling.reviews.queue(of: learner, now: f.clock.now()).first)
            #expect(item.nugget.id == nugget.id)
            let postID = try #require(item.state.deliveredPostID)
            let post = try #require(try f.world.store.post(id: postID, viewer: learner.id))
            #expect(post.post.visibility == .direct)
            #expect(post.post.authorID == f.fay.id)
            #expect(post.poll?.options.map(\.title) == ["Right", "Wrong", "Also wrong"])
            let mentions = try f.world.store.notifications(recipientID: learner.id, page: PageRequest(), kinds: [.mention])
            #expect(mentions.filter { $0.post?.id == postID }.count == 1, "the review arrives once")
        }
        #expect(try f.starling.reviews.queue(of: f.fay, now: f.clock.now()).isEmpty, "facilitators are not reviewed")
    }

    @Test func nobodyButTheLearnerSeesTheirReviewOrAnswers() throws {
        let (f, _, nugget) = try released()
        let postID = try #require(try f.starling.reviews.item(nugget.id, of: f.lea).state.deliveredPostID)
        try f.starling.reviews.answer(nugget.id, choices: [1], by: f.lea, at: f.clock.now())
        for other in [f.leo, f.lia, f.otto] {
            #expect(try f.world.store.post(id: postID, viewer: other.id) == nil)
            #expect(try f.world.store.reviewItem(deliveredPostID: postID, accountID: other.id) == nil)
        }
        #expect(throws: DomainError.notFound) { try f.starling.reviews.log(nugget.id, of: f.otto) }
        #expect(try f.starling.reviews.log(nugget.id, of: f.leo).isEmpty, "Leo's log of the same check is his own")
    }

    @Test func aWrongAnswerIsRatedAgainAndComesBackOnTheDayFSRSComputes() throws {
        let (f, _, nugget) = try released()
        let outcome = try f.starling.reviews.answer(nugget.id, choices: [1], by: f.lea, at: f.clock.now())
        let expected = FSRS().review(nil, .again, at: f.clock.now())
        #expect(!outcome.entry.right)
        #expect(outcome.entry.rating == .again)
        #expect(outcome.state.dueAt == expected.due)
        #expect(outcome.check.explanation == "Because Ask early.")
        #expect(try f.starling.reviews.queue(of: f.lea, now: f.clock.now()).isEmpty)
        #expect(try f.starling.reviews.queue(of: f.lea, now: expected.due).map(\.nugget.id) == [nugget.id])
        let log = try f.starling.reviews.log(nugget.id, of: f.lea)
        #expect(log.count == 1)
        #expect(log[0].stability == expected.memory.stability && log[0].difficulty == expected.memory.difficulty)
    }

    @Test func votingInTheReviewsPollRecordsTheReviewAndRepliesWithTheOutcome() throws {
        let (f, _, nugget) = try released()
        let postID = try #require(try f.starling.reviews.item(nugget.id, of: f.lea).state.deliveredPostID)
        _ = try f.starling.reviews.vote(postID, choices: [0], by: f.lea, at: f.clock.now())
        let log = try f.starling.reviews.log(nugget.id, of: f.lea)
        #expect(log.map(\.right) == [true])
        #expect(log.first?.rating == .good)
        #expect(log.first?.dueAt == FSRS().review(nil, .good, at: f.clock.now()).due)
        let thread = try #require(try f.world.store.thread(of: postID, viewer: f.lea.id))
        #expect(thread.descendants.first?.post.source.contains("Right!") == true)
        #expect(throws: DomainError.self) { try f.starling.reviews.vote(postID, choices: [0], by: f.lea, at: f.clock.now()) }
        #expect(try f.starling.reviews.log(nugget.id, of: f.lea).count == 1, "voting twice records nothing more")
    }

    @Test func answeringOnTheWebVotesInThePollSoAppsShowIt() throws {
        let (f, _, nugget) = try released()
        let postID = try #require(try f.starling.reviews.item(nugget.id, of: f.lea).state.deliveredPostID)
        try f.starling.reviews.answer(nugget.id, choices: [0], rating: .easy, by: f.lea, at: f.clock.now())
        #expect(try f.world.store.post(id: postID, viewer: f.lea.id)?.poll?.ownVotes == [0])
        #expect(try f.starling.reviews.log(nugget.id, of: f.lea).first?.rating == .easy)
    }

    @Test func threeRightAnswersInARowMasterACheck() throws {
        let (f, _, nugget) = try released(horizon: 730)
        for round in 1...3 {
            let due = try f.starling.reviews.item(nugget.id, of: f.lea).state.dueAt
            try f.advance(to: max(due, f.clock.now()))
            let outcome = try f.starling.reviews.answer(nugget.id, choices: [0], by: f.lea, at: f.clock.now())
            #expect(outcome.state.isMastered == (round == 3))
        }
        #expect(throws: DomainError.self) { try f.starling.reviews.answer(nugget.id, choices: [0], by: f.lea, at: f.clock.now() + 400 * 86_400) }
    }

    @Test func aCheckWhoseNextReviewFallsAfterThePlansEndIsMastered() throws {
        let (f, _, nugget) = try released(horizon: 1)
        // A first Good answer schedules 2 days ahead: after the plan's one day.
        let outcome = try f.starling.reviews.answer(nugget.id, choices: [0], by: f.lea, at: f.clock.now())
        #expect(outcome.state.isMastered)
        #expect(outcome.entry.mastered)
    }

    @Test func aReviewThatIsNotDueOrSomeoneElsesIsRefused() throws {
        let (f, _, nugget) = try released()
        try f.starling.reviews.answer(nugget.id, choices: [1], by: f.lea, at: f.clock.now())
        #expect(throws: DomainError.self) { try f.starling.reviews.answer(nugget.id, choices: [0], by: f.lea, at: f.clock.now()) }
        #expect(throws: DomainError.notFound) { try f.starling.reviews.answer(nugget.id, choices: [0], by: f.otto, at: f.clock.now()) }
        #expect {
            try f.starling.reviews.answer(nugget.id, choices: [7], by: f.leo, at: f.clock.now())
        } throws: { ($0 as? DomainError).map { if case .invalid("choices", _) = $0 { true } else { false } } ?? false }
    }

    @Test func aLearnerWhoJoinsLaterGetsTheReleasedChecksAtTheNextDelivery() throws {
        let (f, plan, nugget) = try released()
        let late = try f.world.member("lou")
        _ = try f.starling.programs.setMember(f.program.id, account: late, role: .learner, by: f.fay, at: f.clock.now())
        try f.nugget("Another", in: plan)
        try f.advance(to: utc("2026-12-02T09:00:00Z"))
        #expect(try f.starling.reviews.queue(of: late, now: f.clock.now()).map(\.nugget.id).contains(nugget.id))
        #expect(try f.starling.reviews.dueCount(of: late, now: f.clock.now()) == 2)
    }
}
