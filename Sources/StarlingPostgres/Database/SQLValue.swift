import PostgresNIO
import StarlingSQL

extension SQLValue {
    /// One letter for the value's kind (a prepared statement's parameter types are part of what it is).
    var kind: Character {
        switch self {
        case .integer: "i"
        case .text: "t"
        case .real: "r"
        case .boolean: "b"
        case .bytes: "x"
        case .integers: "I"
        case .texts: "T"
        }
    }

    /// Appends the value to a statement's bindings.
    func bind(into bindings: inout PostgresBindings) {
        switch self {
        case .integer(let value?): bindings.append(value)
        case .integer(nil): bindings.append(PostgresData(type: .int8))
        // PostgreSQL text cannot hold NUL: it is kept as U+FFFD, so hostile input is stored, not refused with an error.
        case .text(let value?): bindings.append(value.contains("\0") ? value.replacingOccurrences(of: "\0", with: "\u{FFFD}") : value)
        case .text(nil): bindings.append(PostgresData(type: .text))
        case .real(let value?): bindings.append(value)
        case .real(nil): bindings.append(PostgresData(type: .float8))
        case .boolean(let value?): bindings.append(value)
        case .boolean(nil): bindings.append(PostgresData(type: .bool))
        case .bytes(let value?): bindings.append(ByteBuffer(bytes: value))
        case .bytes(nil): bindings.append(PostgresData(type: .bytea))
        case .integers(let values?): bindings.append(values)
        case .integers(nil): bindings.append(PostgresData(type: .int8Array))
        case .texts(let values?): bindings.append(values)
        case .texts(nil): bindings.append(PostgresData(type: .textArray))
        }
    }
}
