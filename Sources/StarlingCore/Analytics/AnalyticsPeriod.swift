import Foundation

/// The days figures are computed over, both included.
public struct AnalyticsPeriod: Sendable, Hashable {
    public var from: Day
    public var through: Day

    /// The longest period asked for at once.
    public static let longest = 400
    /// The period shown when none is asked for: the 12 weeks ending today.
    public static let defaultLength = 84

    public init(from: Day, through: Day) {
        self.from = from
        self.through = through
    }

    public var length: Int { from.distance(to: through) + 1 }
    /// The period of the same length just before this one (for trends).
    public var previous: AnalyticsPeriod { AnalyticsPeriod(from: from.advanced(by: -length), through: from.advanced(by: -1)) }
    /// The Mondays of the weeks the period touches, the oldest first.
    public var weeks: [Day] { Array(stride(from: from.week, through: through.week, by: 7)) }

    /// The period `from`…`to` (each `yyyy-mm-dd`; missing ones default to the 12 weeks ending today, starting
    /// no earlier than `notBefore` when given), or a validation error naming the parameter.
    public static func parse(from: String?, to: String?, today: Day, notBefore: Day? = nil) throws -> AnalyticsPeriod {
        func day(_ text: String?, _ field: String) throws -> Day? {
            guard let text, !text.isEmpty else { return nil }
            guard let day = Day(text) else { throw DomainError.invalid(field: field, message: "Write the day as yyyy-mm-dd, for example 2026-09-01.") }
            return day
        }
        let through = try day(to, "to") ?? today
        let from = try day(from, "from") ?? max(through.advanced(by: -(defaultLength - 1)), min(notBefore ?? .init(ordinal: .min), through))
        guard from <= through else { throw DomainError.invalid(field: "from", message: "The period starts after it ends.") }
        guard through <= today else { throw DomainError.invalid(field: "to", message: "The period ends in the future; end it today (\(today)) at the latest.") }
        guard from.distance(to: through) < longest else {
            throw DomainError.invalid(field: "from", message: "A period is at most \(longest) days long.")
        }
        return AnalyticsPeriod(from: from, through: through)
    }
}
