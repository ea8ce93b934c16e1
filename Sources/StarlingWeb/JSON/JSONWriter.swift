import Foundation

/// Writes JSON text straight into bytes, value by value. The API's serializers describe every entity
/// with it: no intermediate tree, no key conversion, no date formatter, so a page of statuses costs
/// little more than copying its text.
///
/// Commas are placed automatically: a value after another one at the same level gets one.
/// Keys are static strings written as given (Mastodon's snake_case names).
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// True after a complete value: the next key or array element needs a comma first.
    private var afterValue = false

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    /// Writes one JSON value with `body` and returns the bytes.
    static func write(capacity: Int = 1024, _ body: (inout JSONWriter) throws -> Void) rethrows -> [UInt8] {
        var writer = JSONWriter(capacity: capacity)
        try body(&writer)
        return writer.bytes
    }

    // MARK: Containers

    mutating func object(_ fields: (inout JSONWriter) throws -> Void) rethrows {
        open(UInt8(ascii: "{"))
        try fields(&self)
        close(UInt8(ascii: "}"))
    }

    mutating func array<S: Sequence>(_ items: S, _ element: (inout JSONWriter, S.Element) throws -> Void) rethrows {
        open(UInt8(ascii: "["))
        for item in items { try element(&self, item) }
        close(UInt8(ascii: "]"))
    }

    /// An object's key; the next value written is its value.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        afterValue = false
    }

    /// A key known only at run time (escaped like any string).
    mutating func dynamicKey(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        afterValue = false
    }

    // MARK: Scalars

    mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
        afterValue = true
    }

    mutating func int(_ value: Int) {
        separate()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        digits(UInt64(value.magnitude))
        afterValue = true
    }

    /// A number with a fraction (JSON has no NaN or infinity: those are written as null).
    mutating func double(_ value: Double) {
        guard value.isFinite else { return null() }
        separate()
        bytes.append(contentsOf: "\(value)".utf8)
        afterValue = true
    }

    mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }

    mutating func null() { raw("null") }

    /// A datetime as Mastodon writes it: UTC with milliseconds, `2026-11-21T14:19:05.000Z`.
    mutating func date(_ value: Date) {
        let millis = Int64((value.timeIntervalSince1970 * 1000).rounded(.down))
        let days = millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000
        let inDay = millis - days * 86_400_000
        let (year, month, day) = Self.civil(fromDays: days)
        separate()
        bytes.append(UInt8(ascii: "\""))
        digits(year, width: 4, then: "-")
        digits(month, width: 2, then: "-")
        digits(day, width: 2, then: "T")
        digits(inDay / 3_600_000, width: 2, then: ":")
        digits(inDay / 60_000 % 60, width: 2, then: ":")
        digits(inDay / 1000 % 60, width: 2, then: ".")
        digits(inDay % 1000, width: 3, then: "Z")
        bytes.append(UInt8(ascii: "\""))
        afterValue = true
    }

    // MARK: Fields (a key and its value)

    mutating func field(_ name: StaticString, _ value: String) { key(name); string(value) }
    mutating func field(_ name: StaticString, _ value: String?) { key(name); if let value { string(value) } else { null() } }
    mutating func field(_ name: StaticString, _ value: Int) { key(name); int(value) }
    mutating func field(_ name: StaticString, _ value: Double) { key(name); double(value) }
    mutating func field(_ name: StaticString, _ value: Bool) { key(name); bool(value) }
    mutating func field(_ name: StaticString, _ value: Date) { key(name); date(value) }
    mutating func field(_ name: StaticString, _ value: Date?) { key(name); if let value { date(value) } else { null() } }
    mutating func field(_ name: StaticString, _ value: [String]) { key(name); array(value) { $0.string($1) } }
    /// A field whose value `body` writes (an object, an array, or null).
    mutating func field(_ name: StaticString, _ body: (inout JSONWriter) throws -> Void) rethrows { key(name); try body(&self) }

    /// An object of string values, in the given order.
    mutating func object(_ pairs: KeyValuePairs<StaticString, String>) {
        object { json in for (name, value) in pairs { json.field(name, value) } }
    }

    // MARK: Bytes

    private mutating func separate() {
        if afterValue { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        afterValue = false
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        afterValue = true
    }

    private mutating func raw(_ literal: StaticString) {
        separate()
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
        afterValue = true
    }

    /// Decimal digits of `value`, zero-padded to at least `width` digits.
    private mutating func digits(_ value: UInt64, width: Int = 1) {
        var divisor: UInt64 = 1
        var width = width
        while width > 1 || divisor <= value / 10 {
            divisor *= 10
            width -= 1
        }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    private mutating func digits(_ value: Int64, width: Int, then separator: Unicode.Scalar) {
        digits(UInt64(max(value, 0)), width: width)
        bytes.append(UInt8(ascii: separator))
    }

    /// Copies UTF-8 text, escaping quotes, backslashes and control characters; runs of plain bytes
    /// are copied in one go.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var plainStart = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<index]))
            plainStart = index + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            default:
                let hex: StaticString = "0123456789abcdef"
                bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                hex.withUTF8Buffer { bytes.append(contentsOf: [$0[Int(byte >> 4)], $0[Int(byte & 0xF)]]) }
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart...]))
    }

    /// Year, month and day of a count of days since 1970-01-01 (proleptic Gregorian calendar;
    /// Howard Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
