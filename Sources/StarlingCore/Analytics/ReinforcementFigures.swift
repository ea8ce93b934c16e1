import Foundation

/// Whether reinforcement sticks: per plan, nuggets released, reviews due and answered, the share answered
/// right at a check's first review and at later ones, and the learners who mastered every check; per
/// set of commitments (those due in one week), the share done by the due date.
public enum ReinforcementFigures {
    public struct Plan: Sendable, Hashable {
        public var plan: ReinforcementPlan
        public var nuggetsReleased: Int
        /// Reviews that fell due: each answer, plus each review due now and not answered.
        public var reviewsDue: Int
        public var reviewsAnswered: Int
        public var firstReviews: Int
        public var firstReviewsRight: Int
        public var laterReviews: Int
        public var laterReviewsRight: Int
        /// Learners with at least one check, and those of them with every check mastered.
        public var learners: Int
        public var learnersMastered: Int

        public var firstRightShare: Double? { firstReviews == 0 ? nil : Double(firstReviewsRight) / Double(firstReviews) }
        public var laterRightShare: Double? { laterReviews == 0 ? nil : Double(laterReviewsRight) / Double(laterReviews) }
    }

    public static func plan(_ plan: ReinforcementPlan, nuggets: [Nugget], states: [ReviewState], log: [ReviewLogEntry], now: Date) -> Plan {
        var seen: Set<[ID]> = []
        var first = (all: 0, right: 0), later = (all: 0, right: 0)
        for entry in log.sorted(by: { $0.reviewedAt < $1.reviewedAt }) {
            if seen.insert([entry.nuggetID, entry.accountID]).inserted {
                first.all += 1
                if entry.right { first.right += 1 }
            } else {
                later.all += 1
                if entry.right { later.right += 1 }
            }
        }
        let waiting = states.filter { !$0.isMastered && $0.dueAt <= now }.count
        let byLearner = Dictionary(grouping: states, by: \.accountID)
        return Plan(plan: plan, nuggetsReleased: nuggets.filter { $0.release != nil }.count,
                    reviewsDue: log.count + waiting, reviewsAnswered: log.count,
                    firstReviews: first.all, firstReviewsRight: first.right, laterReviews: later.all, laterReviewsRight: later.right,
                    learners: byLearner.count, learnersMastered: byLearner.values.filter { $0.allSatisfy(\.isMastered) }.count)
    }

    /// The commitments due in one week (whose due date has passed), and how many were done by it.
    public struct CommitmentSet: Sendable, Hashable {
        public var week: Day
        public var due: Int
        public var doneByDueDate: Int
        public var share: Double { due == 0 ? 0 : Double(doneByDueDate) / Double(due) }
    }

    public static func commitmentSets(_ commitments: [Commitment], doneAt: [ID: Date], now: Date, calendar: DayCalendar) -> [CommitmentSet] {
        let past = commitments.filter { $0.dueAt <= now }
        return Dictionary(grouping: past) { calendar.day($0.dueAt - 1).week }.map { week, set in
            let done = set.filter { commitment in doneAt[commitment.id].map { $0 < commitment.dueAt } ?? false }
            return CommitmentSet(week: week, due: set.count, doneByDueDate: done.count)
        }.sorted { $0.week < $1.week }
    }
}
