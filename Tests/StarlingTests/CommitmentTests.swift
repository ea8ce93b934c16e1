import Foundation
import Testing
@testable import StarlingCore

/// Commitments, check-ins, reminders, accountability partners and the facilitators' board.
@Suite struct CommitmentTests {
    private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func aPublicCommitmentIsAPostInTheCommitmentsThreadWithItsHistory() async throws {
        let f = try await ReinforcementFixture()
        let commitment = try await f.starling.commitments.commit(in: f.program.id, .init(text: "Pair on a review weekly", dueOn: "2026-12-20"),
                                                           by: f.lea, at: f.clock.now())
        let thread = try #require(try await f.world.store.programThreads(programID: f.program.id)[.commitments])
        let postID = try #require(commitment.postID)
        let post = try #require(try await f.world.store.post(id: postID, viewer: f.leo.id))
        #expect(post.post.inReplyToID == thread)
        try await f.starling.commitments.checkIn(commitment.id, text: "First session done", by: f.lea, at: f.clock.now() + 60)
        try await f.starling.commitments.checkIn(commitment.id, text: "", state: .done, by: f.lea, at: f.clock.now() + 120)
        let (stored, history) = try await f.starling.commitments.commitment(commitment.id, viewer: f.leo)
        #expect(stored.state == .done)
        #expect(history.map(\.text) == ["First session done", "Done!"])
        #expect(history.map(\.newState) == [nil, .done])
        #expect(try await f.world.store.thread(of: post.id, viewer: f.leo.id)?.descendants.count == 2)
    }

    @Test func aPrivateCommitmentIsSeenByItsAuthorPartnersAndFacilitatorsOnly() async throws {
        let f = try await ReinforcementFixture()
        try await f.starling.partners.pair(in: f.program.id, groups: [[f.lea.id, f.leo.id]], by: f.fay, at: f.clock.now())
        let commitment = try await f.starling.commitments.commit(in: f.program.id, .init(text: "Ask my manager for feedback", dueOn: "2026-12-20", isPrivate: true),
                                                           by: f.lea, at: f.clock.now())
        #expect(commitment.postID == nil)
        for viewer in [f.lea, f.leo, f.fay] {
            #expect(try await f.starling.commitments.commitments(in: f.program.id, viewer: viewer).map(\.id) == [commitment.id])
            #expect(try await f.starling.commitments.commitment(commitment.id, viewer: viewer).0.id == commitment.id)
        }
        #expect(try await f.starling.commitments.commitments(in: f.program.id, viewer: f.lia).isEmpty)
        await #expect(throws: DomainError.notFound) { try await f.starling.commitments.commitment(commitment.id, viewer: f.lia) }
        await #expect(throws: DomainError.notFound) { try await f.starling.commitments.commitment(commitment.id, viewer: f.otto) }
    }

    @Test func aPartnerIsToldWhenTheirPartnerChecksIn() async throws {
        let f = try await ReinforcementFixture()
        try await f.starling.partners.pair(in: f.program.id, groups: [[f.lea.id, f.leo.id]], by: f.fay, at: f.clock.now())
        let commitment = try await f.starling.commitments.commit(in: f.program.id, .init(text: "Write a how-to", dueOn: "2026-12-20"), by: f.lea, at: f.clock.now())
        try await f.starling.commitments.checkIn(commitment.id, text: "Draft written", by: f.lea, at: f.clock.now())
        let told = try await f.world.store.notifications(recipientID: f.leo.id, page: PageRequest(), kinds: [.partnerCheckIn])
        #expect(told.map(\.actor.id) == [f.lea.id])
        #expect(try await f.world.store.notifications(recipientID: f.lia.id, page: PageRequest(), kinds: [.partnerCheckIn]).isEmpty)
    }

    @Test func onlyItsAuthorChecksInOnACommitment() async throws {
        let f = try await ReinforcementFixture()
        let commitment = try await f.starling.commitments.commit(in: f.program.id, .init(text: "Write a how-to", dueOn: "2026-12-20"), by: f.lea, at: f.clock.now())
        await #expect(throws: DomainError.self) { try await f.starling.commitments.checkIn(commitment.id, text: "Not mine", by: f.leo, at: f.clock.now()) }
        #expect(try await f.world.store.checkIns(commitmentID: commitment.id).isEmpty)
    }

    @Test(arguments: [("", "2026-12-20", "text"), ("Something", "2026-11-01", "due_on"), ("Something", "soon", "due_on")])
    func aBadCommitmentIsRefusedWithItsField(text: String, dueOn: String, field: String) async throws {
        let f = try await ReinforcementFixture()
        await #expect {
            try await f.starling.commitments.commit(in: f.program.id, .init(text: text, dueOn: dueOn), by: f.lea, at: f.clock.now())
        } throws: { ($0 as? DomainError).map { if case .invalid(field, _) = $0 { true } else { false } } ?? false }
        #expect(try await f.world.store.commitments(programID: f.program.id, authorID: nil).isEmpty)
    }

    @Test func remindersComeWeeklyAndTheDayBeforeItIsDueAsDirectStatuses() async throws {
        let f = try await ReinforcementFixture(start: utc("2026-12-01T10:00:00Z"))
        _ = try await f.starling.commitments.commit(in: f.program.id, .init(text: "Share one lesson", dueOn: "2026-12-20"), by: f.lea, at: f.clock.now())
        func reminders() async throws -> [String] {
            try await f.world.store.notifications(recipientID: f.lea.id, page: PageRequest(), kinds: [.mention])
                .compactMap { $0.post?.post.source }.filter { $0.contains("Share one lesson") }
        }
        try await f.advance(to: utc("2026-12-08T09:59:00Z"))
        #expect(try await reminders().isEmpty)
        try await f.advance(to: utc("2026-12-08T10:00:00Z"))
        #expect(try await reminders().count == 1)
        try await f.advance(to: utc("2026-12-15T10:00:00Z"))
        #expect(try await reminders().count == 2)
        try await f.advance(to: utc("2026-12-20T00:00:00Z"))
        #expect(try await reminders().count == 3)
        #expect(try await reminders().first?.contains("due tomorrow") == true)
        try await f.advance(to: utc("2027-01-30T00:00:00Z"))
        #expect(try await reminders().count == 3, "no reminders after the due day")
    }

    // MARK: Partners

    @Test(arguments: [2, 3, 4, 5, 7, 10])
    func randomPairingLeavesNobodyOutWithATrioForAnOddCount(count: Int) {
        let people = (1...count).map { ID(Int64($0)) }
        var generator = SystemRandomNumberGenerator()
        let groups = Pairing(earlier: []).groups(of: people, using: &generator)
        #expect(Set(groups.flatMap { $0 }) == Set(people))
        #expect(groups.flatMap { $0 }.count == count)
        #expect(groups.filter { $0.count == 3 }.count == count % 2)
        #expect(groups.allSatisfy { (2...3).contains($0.count) })
    }

    @Test func pairingAvoidsEarlierPairsWhenItCan() {
        let people = (1...6).map { ID(Int64($0)) }
        var generator = SystemRandomNumberGenerator()
        var earlier: [[ID]] = []
        // Whatever two rounds of six people paired, a third of all-new pairs exists (the pairs not met
        // yet form a bridgeless cubic graph, which has a perfect matching): pairing must find it.
        for _ in 1...3 {
            let groups = Pairing(earlier: earlier).groups(of: people, using: &generator)
            earlier += groups
        }
        let pairs = earlier.map { Set($0) }
        #expect(Set(pairs).count == pairs.count, "no pair met twice in three rounds")
    }

    @Test func pairingNonMembersOrSomeoneTwiceIsRefused() async throws {
        let f = try await ReinforcementFixture()
        await #expect(throws: DomainError.self) { try await f.starling.partners.pair(in: f.program.id, groups: [[f.lea.id, f.otto.id]], by: f.fay) }
        await #expect(throws: DomainError.self) { try await f.starling.partners.pair(in: f.program.id, groups: [[f.lea.id, f.leo.id], [f.lea.id, f.lia.id]], by: f.fay) }
        await #expect(throws: DomainError.self) { try await f.starling.partners.pair(in: f.program.id, by: f.lea) }
        #expect(try await f.world.store.partnerRounds(programID: f.program.id).isEmpty)
    }

    @Test func partnersGetAPrivateThreadAndACheckBackWhoseAnswersTheBoardShows() async throws {
        let f = try await ReinforcementFixture()
        let round = try await f.starling.partners.pair(in: f.program.id, weeks: 1, by: f.fay, at: f.clock.now())
        #expect(round.groups.count == 1 && round.groups[0].count == 3)
        let thread = try #require(round.threadPostIDs[0])
        for learner in f.learners { #expect(try await f.world.store.post(id: thread, viewer: learner.id) != nil) }
        #expect(try await f.world.store.post(id: thread, viewer: f.otto.id) == nil)
        try await f.advance(days: 5.5)
        let checkBack = try #require(try await f.world.store.partnerRound(id: round.id)?.checkBackPostIDs[0])
        _ = try await f.starling.reviews.vote(checkBack, choices: [0], by: f.lea, at: f.clock.now())
        let board = try await f.starling.commitments.board(of: f.program.id, viewer: f.fay, now: f.clock.now())
        #expect(board.first { $0.learner.id == f.lea.id }?.checkBack == "Yes, we met")
        #expect(board.first { $0.learner.id == f.leo.id }?.checkBack == nil)
        #expect(Set(board.first { $0.learner.id == f.lea.id }?.partners.map(\.id) ?? []) == [f.leo.id, f.lia.id])
        await #expect(throws: DomainError.self) { try await f.starling.commitments.board(of: f.program.id, viewer: f.lea) }
    }

    @Test func theBoardShowsWhoHasGoneQuietForTwoWeeks() async throws {
        let f = try await ReinforcementFixture()
        try await f.world.post("Hello #onboarding", by: f.lea, at: f.clock.now())
        try await f.advance(days: 15)
        try await f.world.post("Still here #onboarding", by: f.leo, at: f.clock.now())
        let board = try await f.starling.commitments.board(of: f.program.id, viewer: f.fay, now: f.clock.now())
        #expect(board.filter(\.isQuiet).map(\.learner.id).sorted() == [f.lea.id, f.lia.id].sorted())
    }

    @Test func recurringPairingStartsANewRoundWhenOneEnds() async throws {
        let f = try await ReinforcementFixture()
        try await f.starling.partners.pair(in: f.program.id, weeks: 1, recurring: true, by: f.fay, at: f.clock.now())
        try await f.advance(days: 7)
        #expect(try await f.world.store.partnerRounds(programID: f.program.id).count == 2)
    }
}
