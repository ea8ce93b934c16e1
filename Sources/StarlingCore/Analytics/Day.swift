import Foundation

/// A calendar day of the organization, independent of any time zone once made: analytics count
/// days and weeks, never hours. Stored as its ordinal, the days since 1970-01-01, so SQL can group by
/// week (`(day + 3) / 7`) and anyone can read it back (`date(day * 86400, 'unixepoch')` in SQLite).
public struct Day: Sendable, Hashable, Comparable, Strideable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// A day written `yyyy-mm-dd`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        let made = Day(year: year, month: month, day: day)
        guard made.civil == (year, month, day) else { return nil }
        self = made
    }

    /// The day of the proleptic Gregorian calendar (Howard Hinnant's days-from-civil).
    public init(year: Int, month: Int, day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        ordinal = era * 146097 + dayOfEra - 719468
    }

    /// Year, month and day of the month.
    public var civil: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// 0 for Monday through 6 for Sunday (1970-01-01 was a Thursday).
    public var weekday: Int { ((ordinal + 3) % 7 + 7) % 7 }

    /// The Monday that starts this day's week.
    public var week: Day { Day(ordinal: ordinal - weekday) }

    /// `yyyy-mm-dd`.
    public var description: String {
        let c = civil
        return String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
    }

    /// "3 Dec", for chart axes.
    public var short: String {
        let c = civil
        return "\(c.day) \(Self.months[c.month - 1])"
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }
    public func distance(to other: Day) -> Int { other.ordinal - ordinal }
    public func advanced(by n: Int) -> Day { Day(ordinal: ordinal + n) }
}

/// Which day a moment falls on in one time zone. Remembers the last day's bounds, so the many calls
/// made while serving requests cost a comparison, not a calendar computation.
public final class DayCalendar: @unchecked Sendable {
    public let zone: TimeZone
    private let calendar: Calendar
    private let lock = NSLock()
    private var cached: (start: Date, end: Date, day: Day)?

    public init(zone: TimeZone) {
        self.zone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
    }

    /// The day `date` falls on.
    public func day(_ date: Date) -> Day {
        lock.lock()
        defer { lock.unlock() }
        if let cached, date >= cached.start, date < cached.end { return cached.day }
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let day = Day(year: parts.year!, month: parts.month!, day: parts.day!)
        let start = calendar.startOfDay(for: date)
        let end = calendar.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86400)
        cached = (start, end, day)
        return day
    }

    /// The moment of `hour`:00 on a day (the next moment that exists, on a day that skips it).
    public func date(_ day: Day, hour: Int) -> Date {
        let c = day.civil
        return calendar.date(from: DateComponents(year: c.year, month: c.month, day: c.day, hour: hour)) ?? start(of: day) + Double(hour) * 3600
    }

    /// The moment a day starts (midnight, or the first moment after it on a day that skips it).
    public func start(of day: Day) -> Date {
        let c = day.civil
        return calendar.date(from: DateComponents(year: c.year, month: c.month, day: c.day)) ?? Date(timeIntervalSince1970: Double(day.ordinal) * 86400)
    }
}
