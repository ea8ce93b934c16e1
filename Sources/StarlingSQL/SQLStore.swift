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

    /// SQL true when `expression` is in the list bound to `parameter` (an array of ids or strings).
    public func isIn(_ expression: String, list parameter: String) -> String {
        switch self {
        case .sqlite: "\(expression) IN (SELECT value FROM json_each(\(parameter)))"
        case .postgres: "\(expression) = ANY(\(parameter))"
        }
    }

    /// A FROM item: the list bound to `parameter`, one row per element, its column `value`, named `alias`.
    public func rows(of parameter: String, as alias: String) -> String {
        switch self {
        case .sqlite: "json_each(\(parameter)) \(alias)"
        case .postgres: "unnest(\(parameter)) AS \(alias)(value)"
        }
    }

    /// SQL true when the flag column `column` is set. SQLite keeps flags as 0 or 1 and its partial
    /// indexes name `= 1`, which a query must repeat for the planner to use them.
    public func isSet(_ column: String) -> String {
        switch self {
        case .sqlite: "\(column) = 1"
        case .postgres: column
        }
    }

    /// A page's bound (an expression of its parameters) as a timeline scan compares it. On PostgreSQL the bound
    /// is a sub-select, which the planner treats as unknown until run: a plan for one page is then as good as a
    /// plan for any, so the scan's prepared statement keeps one plan rather than planning the whole visibility
    /// rule anew for each page (4.8 ms a call), which it did as long as a plan for the bounds at hand looked cheaper.
    public func pageBound(_ expression: String) -> String {
        switch self {
        case .sqlite: expression
        case .postgres: "(SELECT \(expression))"
        }
    }

    /// SQL for the larger of two values.
    public func greater(_ a: String, _ b: String) -> String {
        switch self {
        case .sqlite: "max(\(a), \(b))"
        case .postgres: "greatest(\(a), \(b))"
        }
    }
}

extension SQLStore {
    /// A time as stored: milliseconds, cut like the time in an id (`ID(floorOf:)`), so a post made at the
    /// instant something started is not "before" it. Both engines store times so (`admin migrate` copies them unchanged).
    @inlinable public static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    @inlinable public static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
}
