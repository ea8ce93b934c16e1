import Foundation

/// What reinforcement after training needs from persistence: plans and their nuggets, each
/// learner's review states and log, commitments with their check-ins, and partner rounds.
/// Each mutating call is atomic.
public protocol ReinforcementStore: Sendable {
    // MARK: Plans and nuggets
    func insertPlan(_ plan: ReinforcementPlan) async throws
    func updatePlan(_ plan: ReinforcementPlan) async throws
    func plan(id: ID) async throws -> ReinforcementPlan?
    /// A program's plans, the newest first.
    func plans(programID: ID) async throws -> [ReinforcementPlan]
    /// Adds a nugget at the end of its plan's order.
    func insertNugget(_ nugget: Nugget) async throws
    /// Saves a nugget's text, link, image and check (not its release).
    func updateNugget(_ nugget: Nugget) async throws
    /// Deletes a nugget that was not released; false when there is none such.
    func deleteUnreleasedNugget(id: ID) async throws -> Bool
    /// Puts a plan's nuggets in this order (ids not in the plan are ignored).
    func orderNuggets(planID: ID, _ order: [ID]) async throws
    func nugget(id: ID) async throws -> Nugget?
    /// A plan's nuggets in their order.
    func nuggets(planID: ID) async throws -> [Nugget]
    /// Records a nugget's release and, for one with a check, makes it due for each of the program's
    /// learners at the release; false (and nothing written) when it was released already.
    func recordRelease(nuggetID: ID, _ release: Nugget.Release) async throws -> Bool

    // MARK: Reviews
    /// Gives each learner of a plan's program a review of each released check they lack, due at `at`
    /// (for people who joined after the release), in plans not past their horizon; returns how many were added.
    @discardableResult
    func addMissingReviews(at date: Date) async throws -> Int
    /// Reviews due at `date` that were not sent yet and are not mastered, the earliest first.
    func undeliveredReviews(dueBy date: Date, limit: Int) async throws -> [ReviewItem]
    /// When the next review not sent yet falls due.
    func nextUndeliveredDue() async throws -> Date?
    /// Records the direct posts due reviews were sent as, in one step.
    func markDelivered(_ deliveries: [ReviewDelivery]) async throws
    /// A learner's reviews due at `date`, the oldest due first.
    func dueReviews(accountID: ID, at date: Date, limit: Int) async throws -> [ReviewItem]
    func dueReviewCount(accountID: ID, at date: Date) async throws -> Int
    /// Every check a learner has (due or not, mastered or not), by plan and nugget order.
    func reviewItems(accountID: ID, programID: ID?) async throws -> [ReviewItem]
    func reviewItem(nuggetID: ID, accountID: ID) async throws -> ReviewItem?
    /// The review a direct post was sent as, if it was one for `accountID` and is not answered yet.
    func reviewItem(deliveredPostID: ID, accountID: ID) async throws -> ReviewItem?
    /// Saves a review's new state and appends it to the log; false (and nothing written) when the
    /// state changed since it was read with `reviews` answers (the review was answered meanwhile).
    func recordReview(_ entry: ReviewLogEntry, state: ReviewState, expectedReviews: Int) async throws -> Bool
    /// A learner's answers to one check, the oldest first.
    func reviewLog(nuggetID: ID, accountID: ID) async throws -> [ReviewLogEntry]
    /// Everyone's review states of one plan (for its facilitators' numbers).
    func reviewStates(planID: ID) async throws -> [ReviewState]

    // MARK: Commitments
    func insertCommitment(_ commitment: Commitment) async throws
    func commitment(id: ID) async throws -> Commitment?
    /// A program's commitments (or only one author's), the newest first.
    func commitments(programID: ID, authorID: ID?) async throws -> [Commitment]
    /// Adds a check-in and, when it changes the state, the commitment's new state.
    func insertCheckIn(_ checkIn: CheckIn) async throws
    /// A commitment's check-ins, the oldest first.
    func checkIns(commitmentID: ID) async throws -> [CheckIn]
    /// The latest check-in of each author in a program.
    func lastCheckIns(programID: ID) async throws -> [ID: Date]
    /// When each member last posted in a program.
    func lastPosts(programID: ID) async throws -> [ID: Date]
    /// When each learner last answered a review of one of the program's checks.
    func lastReviews(programID: ID) async throws -> [ID: Date]
    /// When a commitment's last check-in reminder went out, and whether the one before its due day did.
    func commitmentReminders(id: ID) async throws -> (lastAt: Date?, beforeDueSent: Bool)
    func recordCommitmentReminder(id: ID, at date: Date, beforeDue: Bool) async throws

    // MARK: Partners
    /// Stores a round with its groups.
    func insertPartnerRound(_ round: PartnerRound) async throws
    func partnerRound(id: ID) async throws -> PartnerRound?
    /// A program's rounds, the newest first.
    func partnerRounds(programID: ID) async throws -> [PartnerRound]
    /// Records the post of a group's private thread, or of its check-back poll.
    func setPartnerGroupPost(roundID: ID, group: Int, threadPostID: ID?, checkBackPostID: ID?) async throws
    /// Who voted for what in a poll.
    func pollVotes(pollID: ID) async throws -> [ID: [Int]]
    /// Notifies each recipient of something `actor` did (about `postID`, when there is a post).
    func notify(_ kind: Notification.Kind, recipients: [ID], actor: ID, postID: ID?, at date: Date) async throws
}
