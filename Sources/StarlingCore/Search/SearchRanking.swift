import Foundation

/// Orders post search results so that both relevance and recency count.
///
/// The store returns the newest posts that contain every query word (by stem). Among those, a post
/// scores by how often the words occur relative to its length (BM25's term-frequency saturation; the
/// inverse document frequency is left out because every candidate contains every word, so it would
/// not change the order), damped by age: a post `halfLife` old counts half as much as a fresh one.
public struct SearchRanking: Sendable {
    public var halfLife: TimeInterval = 30 * 86400
    static let k1 = 1.2, b = 0.75, averageLength = 20.0

    public init() {}

    public func rank(_ candidates: [SearchCandidate], query: String, now: Date = Date()) -> [SearchCandidate] {
        let terms = Set(Self.stems(query))
        guard !terms.isEmpty else { return candidates.sorted { $0.id > $1.id } }
        let scored = candidates.map { candidate -> (SearchCandidate, Double) in
            let words = Self.stems(candidate.text)
            var frequency: [String: Double] = [:]
            for word in words where terms.contains(word) { frequency[word, default: 0] += 1 }
            let norm = Self.k1 * (1 - Self.b + Self.b * Double(max(words.count, 1)) / Self.averageLength)
            let relevance = frequency.values.reduce(0) { $0 + $1 * (Self.k1 + 1) / ($1 + norm) }
            let age = max(0, now.timeIntervalSince(candidate.id.date))
            return (candidate, (relevance + 0.1) / (1 + age / halfLife))
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.id > $1.0.id }.map(\.0)
    }

    /// Lowercased, accent-free words reduced by a light suffix stripper, so "coaching", "coaches" and
    /// "coach" meet (the full-text index matched them with Porter stemming already).
    static func stems(_ text: String) -> [String] {
        guard text.utf8.allSatisfy({ $0 < 128 }) else {
            return text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map { stem(String($0)) }
        }
        // ASCII, the common case: split and lowercase on bytes, without Unicode property look-ups.
        var words: [String] = []
        var word: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
            default:
                if !word.isEmpty { words.append(stem(String(decoding: word, as: UTF8.self))); word.removeAll(keepingCapacity: true) }
            }
        }
        if !word.isEmpty { words.append(stem(String(decoding: word, as: UTF8.self))) }
        return words
    }

    static func stem(_ word: String) -> String {
        for suffix in ["ing", "es", "ed", "er", "s"] where word.count > suffix.count + 2 && word.hasSuffix(suffix) {
            return String(word.dropLast(suffix.count))
        }
        return word
    }
}

/// A post that matches a search, before ranking: just what ranking needs.
public struct SearchCandidate: Sendable, Equatable {
    public var id: ID
    public var text: String

    public init(id: ID, text: String) {
        self.id = id
        self.text = text
    }
}
