import Foundation

/// Everything a program's Analytics tab shows, for one period, as one viewer may see it.
public struct ProgramAnalytics: Sendable {
    public var program: Program
    public var period: AnalyticsPeriod
    public var today: Day
    /// The program's learners now.
    public var learners: Int
    /// The weekly return rate of the last 8 complete week pairs, the oldest first (the last is the headline).
    public var weeklyReturn: [ActivityFigures.WeeklyReturn]
    /// DAU, WAU and MAU of the program's learners on each day of the period.
    public var daily: [ActivityFigures.DailyActive]
    /// The period's stickiness, and the previous period's (for the trend; nil when nobody was active then).
    public var stickiness: Double
    public var previousStickiness: Double?
    /// Learners active in each week the period touches.
    public var weeklyActive: [(week: Day, learners: Int)]
    /// Cohort retention; its cohorts are left out (only the average row stays) when `cohortsHidden`.
    public var retention: ActivityFigures.Retention
    /// True when the program has fewer than 5 learners and the viewer is not one of its facilitators.
    public var cohortsHidden: Bool
    public var questions: [QuestionFigures.Week]
    public var waiting: QuestionFigures.Waiting
    public var tweetchats: [TweetchatFigures.EventFigures]
    public var plans: [ReinforcementFigures.Plan]
    public var commitments: [ReinforcementFigures.CommitmentSet]
    /// Learners not active in the program for 14 days, the longest quiet first; nil unless the viewer facilitates it.
    public var quiet: [QuietLearner]?
}

extension ProgramAnalytics {
    /// The three headline numbers, each with the value before it for the trend: the latest weekly return rate,
    /// learners active in the last complete week, and the period's stickiness.
    public struct Headline: Sendable, Hashable {
        public var returnRate: Double?
        public var previousReturnRate: Double?
        /// Of the latest week pair: how many were active in its first week, and came back in the second.
        public var returnWeek: Day
        public var returnActive: Int
        public var returned: Int
        public var activeLearners: Int
        public var previousActiveLearners: Int?
        public var stickiness: Double
        public var previousStickiness: Double?
    }

    /// The headline in words, for the weekly digest: "58% came back the next week (up 6 pts from 52%); …".
    public var headlineSummary: String {
        let h = headline
        func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
        func trend(_ value: Double, _ previous: Double?, points: Bool) -> String {
            guard let previous else { return "" }
            let change = value - previous
            let amount = points ? "\(Int((abs(change) * 100).rounded())) pts" : String(Int(abs(change).rounded()))
            return abs(change) < (points ? 0.005 : 0.5) ? " (as the week before)" : " (\(change > 0 ? "up" : "down") \(amount))"
        }
        let returned = h.returnRate.map { "\(percent($0)) came back the next week" + trend($0, h.previousReturnRate, points: true) }
            ?? "nobody was active in the week of \(h.returnWeek.short)"
        let active = "\(h.activeLearners) of \(learners) learners active last week" + trend(Double(h.activeLearners), h.previousActiveLearners.map(Double.init), points: false)
        return "\(returned); \(active); stickiness \(percent(h.stickiness))" + trend(h.stickiness, h.previousStickiness, points: true) + "."
    }

    public var headline: Headline {
        let last = weeklyReturn.last!, rates = ActivityFigures.latestRates(weeklyReturn)
        let complete = weeklyActive.filter { $0.week < period.through.week }
        return Headline(returnRate: rates.latest, previousReturnRate: rates.previous,
                        returnWeek: last.week, returnActive: last.active, returned: last.returned,
                        activeLearners: complete.last?.learners ?? 0, previousActiveLearners: complete.count >= 2 ? complete[complete.count - 2].learners : nil,
                        stickiness: stickiness, previousStickiness: previousStickiness)
    }
}

/// A learner who has not been active in a program for 14 days or more (or ever).
public struct QuietLearner: Sendable, Hashable {
    public var account: Account
    public var lastActive: Day?
}

/// The organization dashboard, for admins: active people, return rate and activity per program,
/// busiest hashtags and the growth of members. Guests are in no figure.
public struct OrganizationAnalytics: Sendable {
    /// When these figures were computed (they are reused for `InstanceSettings.analyticsCacheSeconds`).
    public var computedAt: Date
    public var period: AnalyticsPeriod
    public var today: Day
    public var daily: [ActivityFigures.DailyActive]
    public var stickiness: Double
    public var previousStickiness: Double?
    public var weeklyReturn: [ActivityFigures.WeeklyReturn]
    public var programs: [ProgramSummary]
    /// The busiest hashtags of the period's last 7 days.
    public var hashtags: [HashtagActivity]
    /// For each week the period touches: members who joined in it, and members in all by its end.
    public var members: [(week: Day, joined: Int, total: Int)]

    /// One program's line on the dashboard.
    public struct ProgramSummary: Sendable {
        public var program: Program
        public var learners: Int
        /// Learners active in each of the last 8 complete weeks, the oldest first.
        public var weeklyActive: [(week: Day, learners: Int)]
        /// The latest weekly return rate.
        public var weeklyReturn: ActivityFigures.WeeklyReturn
    }
}

/// What a person sees of their own activity: the days they were active, anywhere and per program.
public struct OwnActivity: Sendable {
    public var period: AnalyticsPeriod
    public var days: [Day]
    public var programs: [(program: Program, days: [Day])]
}
