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

/// A hashtag and how many posts (not direct) used it in a period.
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
    public private(set) var days: [ID: [Day]] = [:]

    public init(_ records: some Sequence<ActivityRecord>) {
        for record in records { days[record.accountID, default: []].append(record.day) }
        for key in days.keys { days[key] = Array(Set(days[key]!)).sorted() }
    }

    /// The weeks (their Mondays) each account was active in.
    public var weeks: [ID: Set<Day>] { days.mapValues { Set($0.map(\.week)) } }
}
