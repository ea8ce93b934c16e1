import Foundation
import Synchronization

/// A time-sortable 64-bit id: milliseconds since the Unix epoch in the high 48 bits, then the number of
/// the node that made it (4 bits) and a sequence number (12 bits). Newer ids are larger, so "newest first"
/// is "largest id first".
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
///
/// Processes that make ids for one database at the same time (several nodes on PostgreSQL, with the
/// command line) each use a node number of their own (`use(node:)`), so their ids never collide even
/// within one millisecond.
public final class IDGenerator: Sendable {
    /// How many processes can make ids for one database at once.
    public static let nodeLimit = 16

    private struct Made {
        /// The newest id made.
        var newest: Int64 = 0
        /// For each millisecond more than a second behind `newest` that ids were made for, the last one made
        /// (so that ids for one moment in the past increase too, whatever was made for other moments in between),
        /// and for each millisecond `newest` was in, the last id made in it (so that ids made for it once it is
        /// past follow those made while it was the present: a clock held still, as in tests, or a moment revisited).
        var behind: [Int64: Int64] = [:]
        /// This process's node number, in its place in the id.
        var node: Int64 = 0

        /// Notes `id` as the last made in its millisecond.
        mutating func keep(_ id: Int64) {
            guard id > 0 else { return }
            if behind.count >= IDGenerator.keptMilliseconds { behind.removeAll() }
            behind[id >> 16] = id
        }
    }

    private let made = Mutex(Made())
    /// How many milliseconds' last ids are kept (a bound on memory: about 2 MB).
    private static let keptMilliseconds = 1 << 16
    private static let presentWindow: Int64 = 1000 << 16 // one second of ids
    private static let sequence: Int64 = 0xFFF
    private static let nodeShift: Int64 = 12

    public init() {}

    /// Makes this process's ids with `node` (0 ..< `nodeLimit`) in them from now on.
    public func use(node: Int) {
        precondition((0..<Self.nodeLimit).contains(node), "a node number is 0 ..< \(Self.nodeLimit)")
        made.withLock { $0.node = Int64(node) << Self.nodeShift }
    }

    public func next(at date: Date = Date()) -> ID {
        let floor = ID(floorOf: date).rawValue
        return ID(made.withLock { made in
            if floor > made.newest {
                made.keep(made.newest)
                made.newest = floor | made.node | Int64.random(in: 0..<256)
                return made.newest
            }
            if made.newest - floor < Self.presentWindow {
                let next = Self.after(made.newest, node: made.node)
                if next >> 16 != made.newest >> 16 { made.keep(made.newest) }
                made.newest = next
                return made.newest
            }
            let id: Int64
            if let last = made.behind[floor >> 16], last & Self.sequence < Self.sequence {
                id = Self.after(last, node: made.node)
            } else {
                id = floor | made.node | Int64.random(in: 0..<256)
            }
            made.keep(id)
            return id
        })
    }

    /// The next id of `node` after `id`: the next sequence number in the same millisecond, or the first of the next millisecond.
    private static func after(_ id: Int64, node: Int64) -> Int64 {
        let millisecond = id >> 16, sequenceNumber = id & sequence
        if sequenceNumber == sequence || id & (0xF << nodeShift) != node { return (millisecond + 1) << 16 | node }
        return millisecond << 16 | node | (sequenceNumber + 1)
    }
}
