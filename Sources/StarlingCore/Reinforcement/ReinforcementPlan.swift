import Foundation

/// A program's reinforcement after training: its nuggets, released one by one on a cadence from a
/// start day until a horizon, and the recall checks learners review on their own FSRS schedules.
public struct ReinforcementPlan: Sendable, Hashable, Identifiable {
    public var id: ID
    public var programID: ID
    public var title: String
    /// The facilitator the nuggets are posted as (and reviews sent from).
    public var authorID: ID
    public var cadence: ReleaseCadence
    /// Days from the start after which nothing more is released or reviewed.
    public var horizonDays: Int
    /// The recall FSRS schedules for (0.9: a review falls due when recall is predicted at 90%).
    public var desiredRetention: Double
    /// Set while the plan is paused: nothing is released.
    public var pausedAt: Date?
    /// When it was last resumed: release days before then are skipped, not caught up.
    public var resumedAt: Date?
    public var createdAt: Date

    public static let horizonRange = 1...730
    public static let retentionRange = 0.7...0.97

    public init(id: ID, programID: ID, title: String, authorID: ID, cadence: ReleaseCadence, horizonDays: Int, desiredRetention: Double = 0.9,
                pausedAt: Date? = nil, resumedAt: Date? = nil, createdAt: Date) {
        self.id = id
        self.programID = programID
        self.title = title
        self.authorID = authorID
        self.cadence = cadence
        self.horizonDays = horizonDays
        self.desiredRetention = desiredRetention
        self.pausedAt = pausedAt
        self.resumedAt = resumedAt
        self.createdAt = createdAt
    }

    public var isPaused: Bool { pausedAt != nil }

    /// The end of the plan: the start day plus the horizon, at the release time. Reviews that would
    /// fall due after it are mastered instead.
    public var endsAt: Date { cadence.time(ofDay: horizonDays) }

    /// The release days (days after the start) within the horizon, in order.
    public var releaseDays: [Int] { (0..<horizonDays).filter(cadence.releases(onDay:)) }

    /// When each nugget not yet released would go out, from `now` on, in the plan's order; nil for
    /// the ones the horizon leaves no day for. Released nuggets keep their times (they are not listed).
    ///
    /// The next nugget takes the first release day after the last one released, not before the plan
    /// was resumed; when that day has passed (the server was down, or the start is in the past) it
    /// goes out at once and the days it missed are skipped, so nuggets never pile up.
    public func upcoming(_ nuggets: [Nugget], now: Date) -> [(nugget: Nugget, at: Date?, day: Int?)] {
        let lastDay = nuggets.compactMap { $0.release?.slotDay }.max() ?? -1
        let notBefore = resumedAt ?? .distantPast
        let days = releaseDays.filter { $0 > lastDay && cadence.time(ofDay: $0) >= notBefore }
        let passed = days.prefix { cadence.time(ofDay: $0) <= now }
        var slots = days.dropFirst(passed.count).map { (at: cadence.time(ofDay: $0), day: $0) }
        if let latest = passed.last { slots.insert((now, latest), at: 0) }
        let waiting = nuggets.filter { !$0.isReleased }.sorted { $0.position < $1.position }
        return waiting.enumerated().map { index, nugget in
            index < slots.count ? (nugget, slots[index].at, slots[index].day) : (nugget, nil, nil)
        }
    }
}

/// When a plan releases: from a start day, every N days, on chosen weekdays only (none chosen: any
/// day), at a local time in a time zone (so 9:00 stays 9:00 across a daylight-saving change).
public struct ReleaseCadence: Sendable, Hashable {
    /// The first day, as a local calendar date.
    public var startDay: DateComponents
    public var everyDays: Int
    /// ISO weekdays (1 Monday ... 7 Sunday); empty: every weekday.
    public var weekdays: Set<Int>
    /// Minutes after local midnight.
    public var minuteOfDay: Int
    public var timeZone: TimeZone

    public static let everyDaysRange = 1...90

    /// The zone's IANA name as people chose it ("UTC", which Foundation names "GMT").
    public var zoneName: String { timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier }

    public init(startDay: DateComponents, everyDays: Int, weekdays: Set<Int> = [], minuteOfDay: Int, timeZone: TimeZone) {
        self.startDay = DateComponents(year: startDay.year, month: startDay.month, day: startDay.day)
        self.everyDays = everyDays
        self.weekdays = weekdays
        self.minuteOfDay = minuteOfDay
        self.timeZone = timeZone
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The local calendar date `day` days after the start.
    public func date(ofDay day: Int) -> DateComponents {
        let calendar = calendar
        let start = calendar.date(from: DateComponents(year: startDay.year, month: startDay.month, day: startDay.day, hour: 12)) ?? Date(timeIntervalSince1970: 0)
        let shifted = calendar.date(byAdding: .day, value: day, to: start) ?? start
        return calendar.dateComponents([.year, .month, .day], from: shifted)
    }

    /// The instant of the release time on the day `day` days after the start, in the cadence's zone.
    public func time(ofDay day: Int) -> Date {
        var components = date(ofDay: day)
        components.hour = minuteOfDay / 60
        components.minute = minuteOfDay % 60
        return calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
    }

    /// The ISO weekday (1 Monday ... 7 Sunday) of the day `day` days after the start.
    public func weekday(ofDay day: Int) -> Int {
        var noon = date(ofDay: day)
        noon.hour = 12
        let calendar = calendar
        // Calendar counts 1 Sunday ... 7 Saturday.
        return (calendar.component(.weekday, from: calendar.date(from: noon) ?? Date(timeIntervalSince1970: 0)) + 5) % 7 + 1
    }

    /// Whether the plan releases on the day `day` days after the start.
    public func releases(onDay day: Int) -> Bool {
        day >= 0 && day % everyDays == 0 && (weekdays.isEmpty || weekdays.contains(weekday(ofDay: day)))
    }
}
