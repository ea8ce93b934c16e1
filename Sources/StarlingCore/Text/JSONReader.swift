/// Reads JSON text (RFC 8259) into a `JSONValue` in one pass over its bytes (`JSONValue(parsing:)`).
///
/// Strict as the RFC is: no trailing commas, comments, single quotes, leading zeros or unescaped control
/// characters; strings must be valid UTF-8, with `\u` escapes paired where they must be. Integers are kept as
/// written (`readNumber`). Nesting deeper than `maximumDepth` is refused rather than followed. It replaces reading through
/// `Codable`, which tried five types at every value and took a twelfth of an inbound activity's time.
struct JSONReader {
    /// How deeply arrays and objects may nest (as Foundation's `JSONDecoder` allows).
    static let maximumDepth = 512

    private struct Malformed: Error {}

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    /// The value `bytes` hold (whitespace around it allowed, a UTF-8 byte order mark skipped), or nil when
    /// they are not JSON.
    static func value(of bytes: [UInt8]) -> JSONValue? {
        var reader = JSONReader(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.index = 3 }
        guard let value = try? reader.readValue() else { return nil }
        reader.skipWhitespace()
        guard reader.index == bytes.count else { return nil } // (not a ternary: its `nil` would be `JSONValue.null`)
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard current == byte else { throw Malformed() }
        index += 1
    }

    private mutating func readValue() throws -> JSONValue {
        skipWhitespace()
        switch current {
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readArray()
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try readLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try readLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try readLiteral("null"); return .null
        case .some(let byte) where byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte):
            return .number(try readNumber())
        default: throw Malformed()
        }
    }

    private mutating func readLiteral(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
              word.withUTF8Buffer({ $0.elementsEqual(bytes[index..<index + count]) }) else { throw Malformed() }
        index += count
    }

    /// An object or array opened: one level deeper, refused beyond `maximumDepth`.
    private mutating func enter() throws {
        depth += 1
        guard depth <= Self.maximumDepth else { throw Malformed() }
        index += 1
    }

    private mutating func readObject() throws -> JSONValue {
        try enter()
        defer { depth -= 1 }
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw Malformed() }
            let key = try readString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            members[key] = try readValue()
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "}"))
            return .object(members)
        }
    }

    private mutating func readArray() throws -> JSONValue {
        try enter()
        defer { depth -= 1 }
        var items: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            items.append(try readValue())
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "]"))
            return .array(items)
        }
    }

    /// A string, from its opening quote: runs without escapes are taken as they are (and must be valid UTF-8);
    /// once there is an escape, runs and escapes are appended to one buffer.
    private mutating func readString() throws -> String {
        index += 1
        var decoded: [UInt8] = []
        var escaped = false
        var runStart = index
        while true {
            guard let byte = current else { throw Malformed() }
            switch byte {
            case UInt8(ascii: "\""):
                let run = bytes[runStart..<index]
                index += 1
                if escaped { decoded.append(contentsOf: run) }
                guard let text = escaped ? String(validating: decoded, as: UTF8.self) : String(validating: run, as: UTF8.self) else {
                    throw Malformed()
                }
                return text
            case UInt8(ascii: "\\"):
                escaped = true
                decoded.append(contentsOf: bytes[runStart..<index])
                index += 1
                try readEscape(into: &decoded)
                runStart = index
            case 0..<0x20:
                throw Malformed()
            default:
                index += 1
            }
        }
    }

    /// The escape after a backslash, appended as UTF-8.
    private mutating func readEscape(into decoded: inout [UInt8]) throws {
        guard let byte = current else { throw Malformed() }
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(byte)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHexUnit()
            if (0xD800...0xDBFF).contains(scalar) {
                // A high surrogate must be followed by an escaped low one; together they name one scalar.
                guard current == UInt8(ascii: "\\") else { throw Malformed() }
                index += 1
                try expect(UInt8(ascii: "u"))
                let low = try readHexUnit()
                guard (0xDC00...0xDFFF).contains(low) else { throw Malformed() }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw Malformed() } // a lone low surrogate
            UTF8.encode(unicode) { decoded.append($0) }
        default: throw Malformed()
        }
    }

    /// The four hex digits of a `\u` escape.
    private mutating func readHexUnit() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw Malformed() }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Malformed()
            }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }

    /// A number's text, checked against JSON's grammar (`-`, digits without leading zeros, a fraction, an
    /// exponent). An integer is kept as written, however large; a number with a fraction or exponent as its
    /// value reads (`1.0` and `1e3` are `1` and `1000`, `0.50` is `0.5`), and one too large for a `Double` is refused.
    private mutating func readNumber() throws -> String {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        if current == UInt8(ascii: "0") {
            index += 1
        } else {
            try readDigits()
        }
        var isInteger = true
        if current == UInt8(ascii: ".") {
            index += 1
            try readDigits()
            isInteger = false
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            try readDigits()
            isInteger = false
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard !isInteger else { return text }
        guard let value = Double(text), value.isFinite else { throw Malformed() }
        return Int64(exactly: value).map { String($0) } ?? String(value)
    }

    /// One or more digits.
    private mutating func readDigits() throws {
        let start = index
        while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
        guard index > start else { throw Malformed() }
    }
}
