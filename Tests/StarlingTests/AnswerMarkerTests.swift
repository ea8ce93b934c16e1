import Testing
@testable import StarlingCore

/// Which question a tweetchat post answers, by its marker: the rules as a table.
@Suite("Tweetchat answer markers")
struct AnswerMarkerTests {
    @Test("a post's answer marker names its question", arguments: [
        ("A3 pairing beats slides", 3),
        ("A3: pairing beats slides", 3),
        ("A3 - pairing beats slides", 3),
        ("A3- pairing", 3),
        ("a3 lower case counts", 3),
        ("A3. with a full stop", 3),
        ("A3, with a comma", 3),
        ("A12: two digits", 12),
        ("A1", 1),
        ("  A2 after spaces", 2),
        ("@ada A4 after a mention", 4),
        ("@ada @ben.h A5: after two mentions", 5),
        ("@ada@example.org A6 after a full handle", 6),
        ("@ada\nA7 on the next line", 7),
    ])
    func marked(_ text: String, _ question: Int) {
        #expect(AnswerMarker.question(in: text) == question)
    }

    @Test("no marker, no question", arguments: [
        "Answer 3 is mine",
        "A great chat tonight",
        "A3b is not a marker",
        "A 3 has a space",
        "A0 is not a question",
        "AA3 doubled",
        "Q3: a question, not an answer",
        "My A3: not at the start",
        "@ada thanks!",
        "A1234 too many digits",
        "",
        "#lrnchat A3 after a hashtag",
    ])
    func unmarked(_ text: String) {
        #expect(AnswerMarker.question(in: text) == nil)
    }
}
