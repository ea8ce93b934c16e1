import Foundation

/// A poll attached to a post: a question's options, votes and closing time.
public struct Poll: Sendable, Hashable {
    public struct Option: Sendable, Hashable {
        public var title: String
        public var votes: Int

        public init(title: String, votes: Int = 0) {
            self.title = title
            self.votes = votes
        }
    }

    /// The post carrying the poll (a poll's id is its post's).
    public var id: ID
    public var options: [Option]
    public var expiresAt: Date
    /// Whether voters may choose more than one option.
    public var multiple: Bool
    /// Different people who voted.
    public var votersCount: Int
    /// The options the viewer chose (positions), empty when they have not voted.
    public var ownVotes: [Int]

    public init(id: ID, options: [Option], expiresAt: Date, multiple: Bool, votersCount: Int = 0, ownVotes: [Int] = []) {
        self.id = id
        self.options = options
        self.expiresAt = expiresAt
        self.multiple = multiple
        self.votersCount = votersCount
        self.ownVotes = ownVotes
    }

    public var votesCount: Int { options.reduce(0) { $0 + $1.votes } }
    public func isExpired(at now: Date = Date()) -> Bool { now >= expiresAt }
}

/// A poll as its author writes it.
public struct PollDraft: Sendable, Codable, Equatable {
    public static let maxOptions = 4
    public static let maxOptionLength = 50
    public static let minDuration: TimeInterval = 300
    public static let maxDuration: TimeInterval = 2_629_746

    public var options: [String]
    public var expiresIn: TimeInterval
    public var multiple: Bool

    public init(options: [String], expiresIn: TimeInterval, multiple: Bool = false) {
        self.options = options
        self.expiresIn = expiresIn
        self.multiple = multiple
    }

    /// The options trimmed and checked: 2 to 4 different, non-empty, short ones; a duration in range.
    func validated() throws -> PollDraft {
        let cleaned = options.map { PostText.normalize($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        guard (2...Self.maxOptions).contains(cleaned.count) else {
            throw DomainError.invalid(field: "poll[options]", message: "A poll has 2 to \(Self.maxOptions) options.")
        }
        guard cleaned.allSatisfy({ !$0.isEmpty && $0.count <= Self.maxOptionLength }), Set(cleaned).count == cleaned.count else {
            throw DomainError.invalid(field: "poll[options]",
                                      message: "Poll options are different, not empty, and at most \(Self.maxOptionLength) characters.")
        }
        guard (Self.minDuration...Self.maxDuration).contains(expiresIn) else {
            throw DomainError.invalid(field: "poll[expires_in]", message: "A poll runs from 5 minutes to a month (poll[expires_in] in seconds).")
        }
        return PollDraft(options: cleaned, expiresIn: expiresIn, multiple: multiple)
    }
}
