import Foundation
import Synchronization

/// A time-sortable 64-bit id: milliseconds since the Unix epoch in the high 48 bits,
/// a sequence number in the low 16. Newer ids are larger, so "newest first" is "largest id first".
/// Rendered as a decimal string in URLs and JSON.
public struct ID: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let rawValue: Int64

    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    /// Parses a decimal id; nil for anything else (so bad ids in URLs become 404s, not crashes).
    public init?(_ string: some StringProtocol) {
        guard let value = Int64(string), value > 0 else { return nil }
        self.rawValue = value
    }

    /// The smallest id that could have been made at `date` (for "since this time" cursors).
    public init(floorOf date: Date) {
        rawValue = max(1, Int64(date.timeIntervalSince1970 * 1000)) << 16
    }

    public var date: Date { Date(timeIntervalSince1970: Double(rawValue >> 16) / 1000) }
    public var description: String { String(rawValue) }
    public static func < (a: ID, b: ID) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) { self.init(number); return }
        let string = try container.decode(String.self)
        guard let id = ID(string) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an id: \(string)")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Makes unique ids that carry their time.
///
/// Ids for the present strictly increase, also when many are asked for in one millisecond, so a new
/// post always sorts above everything stored (pagination stays stable). An id for a date more than a
/// second behind the newest one made (imports, the demo's history, or the present after an id for a
/// future time, such as a job's) takes that date's millisecond with increasing low bits, random to begin with.
public final class IDGenerator: Sendable {
    private struct Made {
        /// The newest id made.
        var newest: Int64 = 0
        /// For each millisecond more than a second behind `newest` that ids were made for, the last one made
        /// (so that ids for one moment in the past increase too, whatever was made for other moments in between).
        var behind: [Int64: Int64] = [:]
    }

    private let made = Mutex(Made())
    private static let presentWindow: Int64 = 1000 << 16 // one second of ids

    public init() {}

    public func next(at date: Date = Date()) -> ID {
        let floor = ID(floorOf: date).rawValue
        return ID(made.withLock { made in
            if floor > made.newest {
                made.newest = floor | Int64.random(in: 0..<256)
                return made.newest
            }
            if made.newest - floor < Self.presentWindow {
                made.newest += 1
                return made.newest
            }
            let millisecond = floor >> 16
            let id: Int64
            if let last = made.behind[millisecond], last & 0xFFFF < 0xFFFF {
                id = last + 1
            } else {
                if made.behind.count >= 4096 { made.behind.removeAll() } // a bound on memory
                id = floor | Int64.random(in: 0..<256)
            }
            made.behind[millisecond] = id
            return id
        })
    }
}
