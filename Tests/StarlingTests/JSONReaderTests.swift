import Foundation
import Testing
@testable import StarlingCore

/// JSON text is read as RFC 8259 says, into the same values Foundation's decoder gives, and anything else is refused.
@Suite("Reading JSON")
struct JSONReaderTests {
    @Test("documents of every shape are read as Foundation's decoder reads them")
    func agreesWithFoundation() throws {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let text = Self.randomValue(depth: 0, using: &random).encoded
            let reference = try JSONDecoder().decode(JSONValue.self, from: Data(text))
            #expect(JSONValue(parsing: text) == reference, "\(String(decoding: text, as: UTF8.self))")
        }
    }

    @Test("escapes, surrogate pairs, whitespace and scalars at the top are read")
    func readsEscapesAndScalars() {
        #expect(JSONValue(parsing: Array(#" { "a" : [ 1 , -2.50 , 1e3 , true , false , null ] } "#.utf8))
            == ["a": [1, .number("-2.5"), 1000, true, false, nil]])
        #expect(JSONValue(parsing: Array(#""quote \" slash \/ back \\ \b\f\n\r\t \u00e9 \ud83d\ude00 é""#.utf8))
            == .string("quote \" slash / back \\ \u{8}\u{c}\n\r\t é 😀 é"))
        #expect(JSONValue(parsing: Array("12345678901234567890123".utf8)) == .number("12345678901234567890123"))
        #expect(JSONValue(parsing: [0xEF, 0xBB, 0xBF] + Array("[]".utf8)) == .array([]))
        #expect(JSONValue(parsing: Array(#"{"k": 1, "k": 2}"#.utf8)) == ["k": 2])
    }

    @Test("what is not JSON is refused", arguments: [
        "", " ", "[1,]", "{\"a\":1,}", "{'a':1}", "[01]", "[1.]", "[.5]", "[+1]", "[NaN]", "[1e400]", "[1e]", "tru", "nul",
        "[1] x", "{\"a\" 1}", "{1:2}", "[\"a\u{1}b\"]", "\"\\ud83d\"", "\"\\ude00\"", "\"\\ud83d\\u0041\"", "\"\\x41\"",
        "\"\\u12G4\"", "\"open", "[", "{\"a\":", "// comment\n1",
    ])
    func refuses(text: String) {
        #expect(JSONValue(parsing: Array(text.utf8)) == nil)
    }

    @Test("bytes that are not UTF-8 inside a string are refused")
    func refusesInvalidUTF8() {
        #expect(JSONValue(parsing: [0x22, 0xC3, 0x28, 0x22]) == nil)
        #expect(JSONValue(parsing: [0x22, 0xFF, 0x22]) == nil)
    }

    @Test("a string of many escapes is read whole (each escape appended, not the string copied again)")
    func manyEscapes() {
        let count = 300_000
        let text = "\"" + String(repeating: "\\n", count: count) + "\""
        #expect(JSONValue(parsing: Array(text.utf8))?.string?.count == count)
    }

    @Test("nesting is followed to 512 levels and refused beyond")
    func depth() {
        let deepest = String(repeating: "[", count: JSONReader.maximumDepth) + String(repeating: "]", count: JSONReader.maximumDepth)
        #expect(JSONValue(parsing: Array(deepest.utf8)) != nil)
        let deeper = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(JSONValue(parsing: Array(deeper.utf8)) == nil)
    }

    /// A value of any kind, nested at most four levels, with strings that need escaping.
    private static func randomValue(depth: Int, using random: inout SystemRandomNumberGenerator) -> JSONValue {
        switch Int.random(in: depth < 4 ? 0...7 : 2...7, using: &random) {
        case 0: return .object(Dictionary(uniqueKeysWithValues: (0..<Int.random(in: 0...4, using: &random)).map {
            ("key \($0) \(randomText(using: &random))", randomValue(depth: depth + 1, using: &random))
        }))
        case 1: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in randomValue(depth: depth + 1, using: &random) })
        case 2, 3: return .string(randomText(using: &random))
        case 4: return .number(String(Int64.random(in: .min ... .max, using: &random)))
        case 5: return .number(String(Double.random(in: -1e6...1e6, using: &random)))
        case 6: return .bool(Bool.random(using: &random))
        default: return .null
        }
    }

    private static func randomText(using random: inout SystemRandomNumberGenerator) -> String {
        let pieces = ["a", "Z", "9", " ", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{1F}", "é", "😀", "中", "\u{7F}", "\u{2028}"]
        return String((0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined())
    }
}
