import Foundation

/// Where one learner stands with one recall check: its FSRS memory, when it is due, and whether it
/// is mastered (retired for them).
public struct ReviewState: Sendable, Hashable {
    /// The nugget whose check this is.
    public var nuggetID: ID
    public var accountID: ID
    public var planID: ID
    /// The FSRS memory after the last review (nil before the first).
    public var stability: Double?
    public var difficulty: Double?
    public var lastReviewAt: Date?
    public var dueAt: Date
    public var reviews: Int
    public var lapses: Int
    /// Right answers in a row (three master the check).
    public var rightStreak: Int
    public var masteredAt: Date?
    /// The direct post (with a poll) the due review was sent as, until it is answered.
    public var deliveredPostID: ID?

    public init(nuggetID: ID, accountID: ID, planID: ID, stability: Double? = nil, difficulty: Double? = nil, lastReviewAt: Date? = nil,
                dueAt: Date, reviews: Int = 0, lapses: Int = 0, rightStreak: Int = 0, masteredAt: Date? = nil, deliveredPostID: ID? = nil) {
        self.nuggetID = nuggetID
        self.accountID = accountID
        self.planID = planID
        self.stability = stability
        self.difficulty = difficulty
        self.lastReviewAt = lastReviewAt
        self.dueAt = dueAt
        self.reviews = reviews
        self.lapses = lapses
        self.rightStreak = rightStreak
        self.masteredAt = masteredAt
        self.deliveredPostID = deliveredPostID
    }

    /// The FSRS memory to review from (nil before the first review).
    var memory: FSRS.Memory? {
        guard let stability, let difficulty, let lastReviewAt else { return nil }
        return FSRS.Memory(stability: stability, difficulty: difficulty, lastReview: lastReviewAt)
    }

    public var isMastered: Bool { masteredAt != nil }
    public func isDue(at now: Date) -> Bool { !isMastered && dueAt <= now }
}

/// One answered review, with the FSRS state after it, so that anyone can recompute the schedule.
public struct ReviewLogEntry: Sendable, Hashable {
    public var nuggetID: ID
    public var accountID: ID
    public var reviewedAt: Date
    public var choices: [Int]
    public var right: Bool
    public var rating: FSRS.Rating
    public var stability: Double
    public var difficulty: Double
    public var dueAt: Date
    public var intervalDays: Int
    /// Whether this review retired the check for the learner.
    public var mastered: Bool

    public init(nuggetID: ID, accountID: ID, reviewedAt: Date, choices: [Int], right: Bool, rating: FSRS.Rating, stability: Double,
                difficulty: Double, dueAt: Date, intervalDays: Int, mastered: Bool) {
        self.nuggetID = nuggetID
        self.accountID = accountID
        self.reviewedAt = reviewedAt
        self.choices = choices
        self.right = right
        self.rating = rating
        self.stability = stability
        self.difficulty = difficulty
        self.dueAt = dueAt
        self.intervalDays = intervalDays
        self.mastered = mastered
    }
}

/// A learner's review with what it asks: the state, the nugget and check, and the program it is in.
public struct ReviewItem: Sendable, Hashable {
    public var state: ReviewState
    public var nugget: Nugget
    public var check: RecallCheck
    public var programID: ID
    public var programHashtag: String

    public init(state: ReviewState, nugget: Nugget, check: RecallCheck, programID: ID, programHashtag: String) {
        self.state = state
        self.nugget = nugget
        self.check = check
        self.programID = programID
        self.programHashtag = programHashtag
    }
}

/// What answering a review did: whether it was right, the check's explanation, and what comes next.
public struct ReviewOutcome: Sendable, Hashable {
    public var entry: ReviewLogEntry
    public var check: RecallCheck
    public var state: ReviewState

    public init(entry: ReviewLogEntry, check: RecallCheck, state: ReviewState) {
        self.entry = entry
        self.check = check
        self.state = state
    }
}

/// The direct post one learner's due review was sent as.
public struct ReviewDelivery: Sendable, Hashable {
    public var nuggetID: ID
    public var accountID: ID
    public var postID: ID

    public init(nuggetID: ID, accountID: ID, postID: ID) {
        self.nuggetID = nuggetID
        self.accountID = accountID
        self.postID = postID
    }
}
