import Foundation

/// "Do people come back?": cohort retention, the weekly return rate and stickiness, computed from
/// activity records exactly as the README defines them. Weeks are named by their Monday.
public enum ActivityFigures {
    /// The learners whose first activity fell in one week, and how many of them were active in each week since.
    public struct Cohort: Sendable, Hashable {
        public var week: Day
        public var size: Int
        /// `active[n]`: how many of the cohort were active in week `week + n` (for the weeks reached so far).
        public var active: [Int]

        public func rate(_ n: Int) -> Double { size == 0 ? 0 : Double(active[n]) / Double(size) }
    }

    /// Cohort retention: each cohort's row, and the average row.
    public struct Retention: Sendable, Hashable {
        public var cohorts: [Cohort]
        /// For each n: active and size summed over the cohorts that reached week c + n.
        public var average: [(active: Int, size: Int)]

        public func averageRate(_ n: Int) -> Double { average[n].size == 0 ? 0 : Double(average[n].active) / Double(average[n].size) }

        public static func == (a: Retention, b: Retention) -> Bool {
            a.cohorts == b.cohorts && a.average.map { [$0.active, $0.size] } == b.average.map { [$0.active, $0.size] }
        }
        public func hash(into hasher: inout Hasher) { hasher.combine(cohorts) }
    }

    /// Cohort retention ("on" retention): a learner's cohort is the week of their first activity; the value for
    /// cohort c and n is the share of the cohort active in week c + n. A cohort reaches week c + n when that week
    /// has begun (`currentWeek` included, though it is still in progress); the average row weighs cohorts by size
    /// and includes only cohorts that reached week c + n.
    public static func retention(_ history: ActivityHistory, currentWeek: Day) -> Retention {
        var members: [Day: [Set<Day>]] = [:]
        for (_, days) in history.days {
            guard let first = days.first, first.week <= currentWeek else { continue }
            members[first.week, default: []].append(Set(days.map(\.week)))
        }
        let cohorts = members.keys.sorted().map { week in
            let weeks = members[week]!
            let reached = (currentWeek.ordinal - week.ordinal) / 7
            let active = (0...reached).map { n in weeks.filter { $0.contains(week.advanced(by: 7 * n)) }.count }
            return Cohort(week: week, size: weeks.count, active: active)
        }
        let longest = cohorts.map(\.active.count).max() ?? 0
        let average = (0..<longest).map { n in
            cohorts.filter { $0.active.count > n }.reduce((active: 0, size: 0)) { ($0.active + $1.active[n], $0.size + $1.size) }
        }
        return Retention(cohorts: cohorts, average: average)
    }

    /// Of the learners active in `week`, how many were also active the week after.
    public struct WeeklyReturn: Sendable, Hashable {
        public var week: Day
        public var active: Int
        public var returned: Int
        public var rate: Double { active == 0 ? 0 : Double(returned) / Double(active) }
        /// The rate, or nil when nobody was active that week (nothing to divide by).
        public var knownRate: Double? { active == 0 ? nil : rate }
    }

    /// The latest pair's rate and the one before it (for a headline and its trend).
    public static func latestRates(_ points: [WeeklyReturn]) -> (latest: Double?, previous: Double?) {
        (points.last?.knownRate, points.dropLast().last?.knownRate)
    }

    /// The weekly return rate for the `count` weeks w whose following week w + 1 is among the last `count`
    /// complete weeks before `currentWeek` (so both weeks of each pair are over), the oldest first.
    public static func weeklyReturn(_ weeks: [ID: Set<Day>], currentWeek: Day, count: Int = 8) -> [WeeklyReturn] {
        (1...count).reversed().map { back in
            let week = currentWeek.advanced(by: -7 * (back + 1)), next = week.advanced(by: 7)
            let active = weeks.values.filter { $0.contains(week) }
            return WeeklyReturn(week: week, active: active.count, returned: active.filter { $0.contains(next) }.count)
        }
    }

    /// Active people on one day: that day (DAU), in the 7 days ending that day (WAU), and in the 30 (MAU).
    public struct DailyActive: Sendable, Hashable {
        public var day: Day
        public var dau: Int
        public var wau: Int
        public var mau: Int
        /// DAU/MAU, 0 on a day with no MAU.
        public var stickiness: Double { mau == 0 ? 0 : Double(dau) / Double(mau) }
    }

    /// DAU, WAU and MAU for each day from `from` through `through` (the history must reach 29 days before `from`).
    public static func dailyActive(_ history: ActivityHistory, from: Day, through: Day) -> [DailyActive] {
        guard from <= through else { return [] }
        let length = from.distance(to: through) + 1
        /// How many accounts count on each day, when each counts for `window` days after an active day.
        func counts(window: Int) -> [Int] {
            var change = [Int](repeating: 0, count: length + 1)
            for days in history.days.values {
                var coveredThrough = Int.min
                for day in days {
                    let start = max(day.ordinal, coveredThrough + 1), end = day.ordinal + window - 1
                    coveredThrough = end
                    let first = max(start, from.ordinal) - from.ordinal, last = min(end, through.ordinal) - from.ordinal
                    guard first <= last else { continue }
                    change[first] += 1
                    change[last + 1] -= 1
                }
            }
            var running = 0
            return (0..<length).map { running += change[$0]; return running }
        }
        let dau = counts(window: 1), wau = counts(window: 7), mau = counts(window: 30)
        return (0..<length).map { DailyActive(day: from.advanced(by: $0), dau: dau[$0], wau: wau[$0], mau: mau[$0]) }
    }

    /// Stickiness of a period: the mean of its daily DAU/MAU ratios.
    public static func stickiness(_ days: [DailyActive]) -> Double {
        days.isEmpty ? 0 : days.map(\.stickiness).reduce(0, +) / Double(days.count)
    }

    /// The stickiness of a period before, for a trend; nil when nobody was active in it.
    public static func previousStickiness(_ days: [DailyActive]) -> Double? {
        days.contains { $0.mau > 0 } ? stickiness(days) : nil
    }
}
