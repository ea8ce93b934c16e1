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
        // A query has a few words: comparing with each is cheaper than hashing every word of every post.
        var terms: [[UInt8]] = []
        Self.forEachStem(of: query) { if !terms.contains($0) { terms.append($0) } }
        guard !terms.isEmpty else { return candidates.sorted { $0.id > $1.id } }
        let scored = candidates.map { candidate -> (SearchCandidate, Double) in
            var length = 0
            var frequency = [Double](repeating: 0, count: terms.count)
            Self.forEachStem(of: candidate.text) { stem in
                length += 1
                if let term = terms.firstIndex(of: stem) { frequency[term] += 1 }
            }
            let norm = Self.k1 * (1 - Self.b + Self.b * Double(max(length, 1)) / Self.averageLength)
            let relevance = frequency.reduce(0) { $0 + $1 * (Self.k1 + 1) / ($1 + norm) }
            let age = max(0, now.timeIntervalSince(candidate.id.date))
            return (candidate, (relevance + 0.1) / (1 + age / halfLife))
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.id > $1.0.id }.map(\.0)
    }

    /// The words of `text`, lowercased, accent-free and reduced by a light suffix stripper, so
    /// "coaching", "coaches" and "coach" meet (the full-text index matched them with Porter stemming
    /// already). Each stem is passed to `body` as UTF-8 bytes: ranking compares them without making strings.
    static func forEachStem(of text: String, _ body: ([UInt8]) -> Void) {
        guard text.utf8.allSatisfy({ $0 < 128 }) else {
            for word in text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
                var bytes = Array(word.utf8)
                stem(&bytes)
                body(bytes)
            }
            return
        }
        // ASCII, the common case: split and lowercase on bytes, without Unicode property look-ups.
        var word: [UInt8] = []
        word.reserveCapacity(32)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
            default:
                guard !word.isEmpty else { continue }
                stem(&word)
                body(word)
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty {
            stem(&word)
            body(word)
        }
    }

    private static let suffixes: [[UInt8]] = ["ing", "es", "ed", "er", "s"].map { Array($0.utf8) }

    /// Drops the first of a few common English suffixes that leaves at least three letters.
    static func stem(_ word: inout [UInt8]) {
        for suffix in suffixes where word.count > suffix.count + 2 && word.suffix(suffix.count).elementsEqual(suffix) {
            word.removeLast(suffix.count)
            return
        }
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
