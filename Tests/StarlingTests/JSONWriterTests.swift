import Foundation
import Testing
@testable import StarlingWeb

/// The hand-written JSON writer produces valid JSON that Foundation reads back exactly.
@Suite struct JSONWriterTests {
    private func text(_ body: (inout JSONWriter) -> Void) -> String {
        String(decoding: JSONWriter.write(body), as: UTF8.self)
    }

    @Test func placesCommasBetweenFieldsAndElementsAtEveryLevel() {
        let json = text { json in
            json.object { json in
                json.field("a", 1)
                json.field("b") { json in json.array([1, 2, 3]) { $0.int($1) } }
                json.field("c") { json in json.object { $0.field("d", true) } }
                json.field("e", String?.none)
            }
        }
        #expect(json == #"{"a":1,"b":[1,2,3],"c":{"d":true},"e":null}"#)
    }

    @Test func escapesQuotesBackslashesAndControlCharactersAndKeepsUnicode() throws {
        let tricky = "He said \"hi\" \\ then\nleft\t\u{01} — ünïcødé 🐦 </script>"
        let json = text { $0.object { $0.field("s", tricky) } }
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        #expect(decoded?["s"] == tricky)
        #expect(json.contains(#"\"hi\""#) && json.contains(#"\u0001"#))
    }

    @Test func writesIntegersOfEverySize() {
        #expect(text { $0.array([0, 7, -42, Int.max, Int.min]) { $0.int($1) } }
            == "[0,7,-42,\(Int.max),\(Int.min)]")
    }

    @Test func writesDatesInUTCWithMilliseconds() {
        let samples: [(Double, String)] = [
            (0, "1970-01-01T00:00:00.000Z"),
            (1_795_270_745.123, "2026-11-21T14:19:05.123Z"),
            (951_782_400, "2000-02-29T00:00:00.000Z"),
            (-1, "1969-12-31T23:59:59.000Z"),
        ]
        for (seconds, expected) in samples {
            #expect(text { $0.date(Date(timeIntervalSince1970: seconds)) } == "\"\(expected)\"")
        }
    }

    @Test func agreesWithTheCalendarOnEveryDayForFourHundredYears() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for days in stride(from: Int64(-30_000), through: 116_000, by: 97) {
            let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(days) * 86_400))
            let civil = JSONWriter.civil(fromDays: days)
            #expect(civil.year == Int64(parts.year!) && civil.month == Int64(parts.month!) && civil.day == Int64(parts.day!))
        }
    }
}
