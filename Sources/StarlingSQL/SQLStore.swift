import Foundation
import StarlingCore

/// What the SQLite and PostgreSQL stores share, so that each concern's rules are written once: the
/// visibility rule, column lists and how a row becomes an entity, and how times are stored.
///
/// A store conforms and names its dialect; the few fragments the two engines spell differently
/// (aggregating strings and JSON) are chosen by it. Queries themselves live in each engine's target.
public protocol SQLStore {
    static var dialect: SQLDialect { get }
}

/// The SQL dialect of a store.
public enum SQLDialect: Sendable {
    case sqlite, postgres

    /// SQL joining the texts of `expression` over a group's rows with `separator` (a string literal).
    public func joined(_ expression: String, separator: String) -> String {
        switch self {
        case .sqlite: "group_concat(\(expression), \(separator))"
        case .postgres: "string_agg(\(expression), \(separator))"
        }
    }
}

extension SQLStore {
    /// A time as stored: milliseconds, cut like the time in an id (`ID(floorOf:)`), so a post made at the
    /// instant something started is not "before" it. Both engines store times so (`admin migrate` copies them unchanged).
    @inlinable public static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    @inlinable public static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
}
