import Foundation
import StarlingCore

/// A value bound to a statement parameter, by both engines. A null keeps its type, so that PostgreSQL can
/// tell what `$1 IS NULL` compares (an untyped null there is an error); SQLite binds it as NULL.
public enum SQLValue: Sendable {
    case integer(Int64?)
    case text(String?)
    case real(Double?)
    case boolean(Bool?)
    case bytes(Data?)
    /// Lists, for `= ANY(...)` on PostgreSQL; SQLite binds them as JSON arrays for `json_each` (see `SQLDialect.isIn`).
    case integers([Int64]?)
    case texts([String]?)
}

/// A Swift value that can be bound to a parameter; `null` is its type's null (bound for `nil`).
public protocol SQLBindable: Sendable {
    var sqlValue: SQLValue { get }
    static var null: SQLValue { get }
}

extension Int64: SQLBindable {
    public var sqlValue: SQLValue { .integer(self) }
    public static var null: SQLValue { .integer(nil) }
}

extension Int: SQLBindable {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public static var null: SQLValue { .integer(nil) }
}

extension String: SQLBindable {
    public var sqlValue: SQLValue { .text(self) }
    public static var null: SQLValue { .text(nil) }
}

extension Double: SQLBindable {
    public var sqlValue: SQLValue { .real(self) }
    public static var null: SQLValue { .real(nil) }
}

extension Bool: SQLBindable {
    public var sqlValue: SQLValue { .boolean(self) }
    public static var null: SQLValue { .boolean(nil) }
}

extension Data: SQLBindable {
    public var sqlValue: SQLValue { .bytes(self) }
    public static var null: SQLValue { .bytes(nil) }
}

extension ID: SQLBindable {
    public var sqlValue: SQLValue { .integer(rawValue) }
    public static var null: SQLValue { .integer(nil) }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? Wrapped.null }
    public static var null: SQLValue { Wrapped.null }
}

/// A value that can be an element of a list bound as one parameter.
public protocol SQLListElement: Sendable {
    static func list(_ values: [Self]?) -> SQLValue
}

extension ID: SQLListElement {
    public static func list(_ values: [ID]?) -> SQLValue { .integers(values?.map(\.rawValue)) }
}

extension String: SQLListElement {
    public static func list(_ values: [String]?) -> SQLValue { .texts(values) }
}

extension Array: SQLBindable where Element: SQLListElement {
    public var sqlValue: SQLValue { Element.list(self) }
    public static var null: SQLValue { Element.list(nil) }
}
