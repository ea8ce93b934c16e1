import Foundation

/// Any JSON value, read and written exactly: integers stay integers (kept as written), booleans stay
/// booleans. Request bodies the API reads as a tree (Mastodon's JSON parameters, SCIM) and the loosely
/// typed documents of other servers (ActivityPub) use it; literals build one in code:
/// `["type": "Person", "discoverable": true]`.
public indirect enum JSONValue: Sendable, Hashable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    /// A number as its text (`12`, `0.5`), so large integers such as ids lose nothing.
    case number(String)
    case bool(Bool)
    case null

    /// The value as JSON text (keys sorted, slashes as they are).
    public var encoded: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(self)) ?? Data("null".utf8))
    }

    /// Reads JSON text (`JSONReader`); nil when it is not JSON.
    public init?(parsing bytes: some Sequence<UInt8>) {
        guard let value = JSONReader.value(of: Array(bytes)) else { return nil }
        self = value
    }

    // MARK: Reading

    public var object: [String: JSONValue]? { if case .object(let object) = self { object } else { nil } }
    public var array: [JSONValue]? { if case .array(let items) = self { items } else { nil } }
    public var string: String? { if case .string(let text) = self { text } else { nil } }
    public var bool: Bool? { if case .bool(let value) = self { value } else { nil } }

    /// A scalar as text: a string as it is, a number as written, a boolean as `true`/`false`.
    public var text: String? {
        switch self {
        case .string(let text), .number(let text): text
        case .bool(let value): value ? "true" : "false"
        case .object, .array, .null: nil
        }
    }

    /// An object's member (nil for a missing key or a value that is no object).
    public subscript(key: String) -> JSONValue? { object?[key] }

    /// The value as a list: an array's items, a single value as one item, null as none
    /// (JSON-LD lets a property hold one value or several).
    public var items: [JSONValue] {
        switch self {
        case .array(let items): items
        case .null: []
        default: [self]
        }
    }
}

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let integer = try? container.decode(Int64.self) {
            self = .number(String(integer))
        } else if let number = try? container.decode(Double.self) {
            self = .number(String(number))
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .object(let object): try container.encode(object)
        case .array(let items): try container.encode(items)
        case .string(let text): try container.encode(text)
        case .number(let text):
            if let integer = Int64(text) { try container.encode(integer) } else { try container.encode(Double(text) ?? 0) }
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(String(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(Dictionary(elements) { _, last in last }) }
    public init(nilLiteral: ()) { self = .null }
}
