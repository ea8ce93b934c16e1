import Foundation
import PostgresNIO
import StarlingCore

/// A value bound to a statement parameter. A null keeps its type, so that PostgreSQL can tell what
/// `$1 IS NULL` compares (an untyped null there is an error).
enum SQLValue: Sendable {
    case integer(Int64?)
    case text(String?)
    case real(Double?)
    case boolean(Bool?)
    case bytes(Data?)

    /// Appends the value to a statement's bindings.
    func bind(into bindings: inout PostgresBindings) {
        switch self {
        case .integer(let value?): bindings.append(value)
        case .integer(nil): bindings.append(PostgresData(type: .int8))
        case .text(let value?): bindings.append(value)
        case .text(nil): bindings.append(PostgresData(type: .text))
        case .real(let value?): bindings.append(value)
        case .real(nil): bindings.append(PostgresData(type: .float8))
        case .boolean(let value?): bindings.append(value)
        case .boolean(nil): bindings.append(PostgresData(type: .bool))
        case .bytes(let value?): bindings.append(ByteBuffer(bytes: value))
        case .bytes(nil): bindings.append(PostgresData(type: .bytea))
        }
    }
}

/// A Swift value that can be bound to a parameter; `null` is its type's null (bound for `nil`).
protocol SQLBindable: Sendable {
    var sqlValue: SQLValue { get }
    static var null: SQLValue { get }
}

extension Int64: SQLBindable {
    var sqlValue: SQLValue { .integer(self) }
    static var null: SQLValue { .integer(nil) }
}

extension Int: SQLBindable {
    var sqlValue: SQLValue { .integer(Int64(self)) }
    static var null: SQLValue { .integer(nil) }
}

extension String: SQLBindable {
    var sqlValue: SQLValue { .text(self) }
    static var null: SQLValue { .text(nil) }
}

extension Double: SQLBindable {
    var sqlValue: SQLValue { .real(self) }
    static var null: SQLValue { .real(nil) }
}

extension Bool: SQLBindable {
    var sqlValue: SQLValue { .boolean(self) }
    static var null: SQLValue { .boolean(nil) }
}

extension Data: SQLBindable {
    var sqlValue: SQLValue { .bytes(self) }
    static var null: SQLValue { .bytes(nil) }
}

extension ID: SQLBindable {
    var sqlValue: SQLValue { .integer(rawValue) }
    static var null: SQLValue { .integer(nil) }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    var sqlValue: SQLValue { self?.sqlValue ?? Wrapped.null }
    static var null: SQLValue { Wrapped.null }
}
