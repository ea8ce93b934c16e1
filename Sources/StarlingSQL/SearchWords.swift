import Foundation

/// Search text as both engines' full-text queries take it.
extension SQLStore {
    /// The words of a person's query (letters, digits and underscores; at most 20): punctuation and
    /// operators never reach the full-text engine.
    public static func searchWords(_ text: String) -> [String] {
        Array(text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).prefix(20).map(String.init))
    }
}
