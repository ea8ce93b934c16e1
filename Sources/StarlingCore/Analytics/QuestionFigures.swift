import Foundation

/// How long questions wait: time to first answer (from the question to the earliest answer by someone
/// other than the asker that was not deleted), per week, and the questions still waiting.
public enum QuestionFigures {
    /// One week's questions (by the day they were asked).
    public struct Week: Sendable, Hashable {
        public var week: Day
        public var asked: Int
        public var answered: Int
        /// Of the answered questions' times to first answer, in seconds (nearest-rank percentiles); nil when none was answered.
        public var median: TimeInterval?
        public var p90: TimeInterval?
    }

    /// Questions waiting: how many were asked, how many of those asked at least 24 hours ago had no answer
    /// within 24 hours, and how many have none now.
    public struct Waiting: Sendable, Hashable {
        public var asked: Int
        public var askedOver24HoursAgo: Int
        public var unansweredAfter24Hours: Int
        public var unansweredNow: Int

        public var shareUnansweredAfter24Hours: Double { askedOver24HoursAgo == 0 ? 0 : Double(unansweredAfter24Hours) / Double(askedOver24HoursAgo) }
        public var shareUnansweredNow: Double { asked == 0 ? 0 : Double(unansweredNow) / Double(asked) }
    }

    public static func weekly(_ questions: [QuestionTiming], calendar: DayCalendar) -> [Week] {
        Dictionary(grouping: questions) { calendar.day($0.askedAt).week }.keys.sorted().map { week in
            let asked = questions.filter { calendar.day($0.askedAt).week == week }
            let waits = asked.compactMap { question in question.firstAnswerAt.map { $0.timeIntervalSince(question.askedAt) } }.sorted()
            return Week(week: week, asked: asked.count, answered: waits.count,
                        median: percentile(waits, 0.5), p90: percentile(waits, 0.9))
        }
    }

    public static func waiting(_ questions: [QuestionTiming], now: Date) -> Waiting {
        let old = questions.filter { now.timeIntervalSince($0.askedAt) >= 86400 }
        return Waiting(asked: questions.count, askedOver24HoursAgo: old.count,
                       unansweredAfter24Hours: old.filter { question in
                           question.firstAnswerAt.map { $0.timeIntervalSince(question.askedAt) > 86400 } ?? true
                       }.count,
                       unansweredNow: questions.filter { $0.firstAnswerAt == nil }.count)
    }

    /// The nearest-rank percentile of sorted values: the value at rank ⌈p·n⌉; nil for no values.
    public static func percentile(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
