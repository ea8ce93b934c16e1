import Foundation

/// How tweetchat answers say which question they answer: a post that starts with `A3` (or `A3:`,
/// `A3 -`, `a3`, `A3.`), after any leading @mentions, answers question 3.
public enum AnswerMarker {
    /// The question number a post's text answers by its marker, or nil when it has none.
    public static func question(in text: String) -> Int? {
        var rest = Substring(text)
        // Skip leading whitespace and @mentions (`@ada`, `@ada@example.org`).
        while true {
            rest = rest.drop(while: \.isWhitespace)
            guard rest.first == "@" else { break }
            rest = rest.drop(while: { !$0.isWhitespace })
        }
        guard let letter = rest.first, letter == "A" || letter == "a" else { return nil }
        let digits = rest.dropFirst().prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 3, let number = Int(digits), number >= 1 else { return nil }
        // The marker ends the word: nothing, a space, or punctuation (`A3:`, `A3 -`, `A3.`, `A3,`).
        let after = rest.dropFirst(1 + digits.count).first
        guard after.map({ $0.isWhitespace || ":-.,)–—".contains($0) }) ?? true else { return nil }
        return number
    }
}
