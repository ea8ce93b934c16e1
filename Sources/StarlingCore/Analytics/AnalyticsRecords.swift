import Foundation

/// A question, when it was asked, and when someone other than the asker first answered it (nil: nobody yet).
public struct QuestionTiming: Sendable, Hashable {
    public var postID: ID
    public var askedAt: Date
    public var firstAnswerAt: Date?

    public init(postID: ID, askedAt: Date, firstAnswerAt: Date?) {
        self.postID = postID
        self.askedAt = askedAt
        self.firstAnswerAt = firstAnswerAt
    }
}

/// A hashtag and how many posts (not direct, not by guests) used it in a period.
public struct HashtagActivity: Sendable, Hashable {
    public var hashtag: String
    public var posts: Int

    public init(hashtag: String, posts: Int) {
        self.hashtag = hashtag
        self.posts = posts
    }
}

/// Each account's active days, sorted: what the activity figures are computed from.
public struct ActivityHistory: Sendable {
    public let days: [ID: [Day]]

    /// Days grouped by account, each list ascending and without repeats (as the store reads them).
    public init(sorted days: [ID: [Day]]) {
        self.days = days
    }

    /// The weeks (their Mondays) each account was active in.
    public var weeks: [ID: Set<Day>] { days.mapValues { Set($0.map(\.week)) } }
}
