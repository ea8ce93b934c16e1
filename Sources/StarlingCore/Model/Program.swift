import Foundation

/// A learning space on one hashtag: a cohort's questions, answers and agreements.
///
/// Posts by its members that carry its hashtag (and replies in its threads) form its stream. An
/// `open` program's posts are visible to the organization; a `private` program's to its members only,
/// and its hashtag is reserved: a non-member who uses it neither enters the program nor reveals it.
public struct Program: Sendable, Hashable, Identifiable {
    public enum Visibility: String, Sendable, CaseIterable {
        case open, `private`
    }

    public var id: ID
    public var title: String
    /// The hashtag as the facilitator wrote it, without `#`.
    public var hashtag: String
    public var description: String
    /// The shared agreement (community guidelines) members accept when they join.
    public var agreement: String
    /// Goes up each time the agreement's text changes, so a membership records which text was accepted.
    public var agreementVersion: Int
    public var visibility: Visibility
    public var startsAt: Date?
    public var endsAt: Date?
    /// When it was archived: read-only from then on, still searchable by those who could see it.
    public var archivedAt: Date?
    /// Its facilitators allow questions asked anonymously (peers see "a learner").
    public var anonymousQuestions = false
    public var createdBy: ID?
    public var createdAt: Date

    public init(id: ID, title: String, hashtag: String, description: String = "", agreement: String = "", agreementVersion: Int = 1,
                visibility: Visibility, startsAt: Date? = nil, endsAt: Date? = nil, archivedAt: Date? = nil, createdBy: ID?, createdAt: Date) {
        self.id = id
        self.title = title
        self.hashtag = hashtag
        self.description = description
        self.agreement = agreement
        self.agreementVersion = agreementVersion
        self.visibility = visibility
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.archivedAt = archivedAt
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    public var isArchived: Bool { archivedAt != nil }
}

/// A word a program's moderators watch for: a post in the program that uses it is flagged for them.
public struct ProgramKeyword: Sendable, Hashable, Identifiable {
    public var id: ID
    public var keyword: String
    public var addedBy: ID?

    public init(id: ID, keyword: String, addedBy: ID?) {
        self.id = id
        self.keyword = keyword
        self.addedBy = addedBy
    }

    /// Whether `text` uses the keyword as whole words, whatever the case.
    public func matches(_ text: String) -> Bool {
        let haystack = text.lowercased(), needle = keyword.lowercased()
        var start = haystack.startIndex
        while let range = haystack.range(of: needle, range: start..<haystack.endIndex) {
            let before = range.lowerBound == haystack.startIndex ? nil : haystack[haystack.index(before: range.lowerBound)]
            let after = range.upperBound == haystack.endIndex ? nil : haystack[range.upperBound]
            if !(before.map { $0.isLetter || $0.isNumber } ?? false), !(after.map { $0.isLetter || $0.isNumber } ?? false) { return true }
            start = haystack.index(after: range.lowerBound)
        }
        return false
    }
}

/// A thread pinned at the top of a program, started by its facilitator.
public enum ProgramThread: String, Sendable, CaseIterable {
    /// Newcomers introduce themselves and name a challenge they are working on.
    case introductions
    /// Everyone posts the real challenge they face (collaborative problem solving).
    case challenges
    /// Members post what they commit to do (collective accountability).
    case commitments
}

/// What a member does in a program.
public enum ProgramRole: String, Sendable, CaseIterable, Comparable {
    case facilitator, moderator, learner, expert

    /// Facilitators and moderators look after a program: its members, reports and hidden posts.
    public var looksAfterProgram: Bool { self == .facilitator || self == .moderator }

    /// The role as people read it: "facilitator", "program moderator", "learner", "guest expert".
    public var label: String {
        switch self {
        case .facilitator: "facilitator"
        case .moderator: "program moderator"
        case .learner: "learner"
        case .expert: "guest expert"
        }
    }

    public static func < (a: ProgramRole, b: ProgramRole) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One person's place in a program: their role, and when they accepted which version of the agreement.
public struct ProgramMembership: Sendable, Hashable {
    public var programID: ID
    public var accountID: ID
    public var role: ProgramRole
    public var joinedAt: Date
    public var agreedAt: Date?
    public var agreementVersion: Int?

    public init(programID: ID, accountID: ID, role: ProgramRole, joinedAt: Date, agreedAt: Date? = nil, agreementVersion: Int? = nil) {
        self.programID = programID
        self.accountID = accountID
        self.role = role
        self.joinedAt = joinedAt
        self.agreedAt = agreedAt
        self.agreementVersion = agreementVersion
    }
}

/// What a program's facilitators watch: questions waiting, reports open, and whether people come back.
public struct ProgramStats: Sendable, Hashable {
    /// Posts and distinct people posting in the program over a recent window.
    public struct Activity: Sendable, Hashable {
        public var posts: Int
        public var activeMembers: Int

        public init(posts: Int, activeMembers: Int) {
            self.posts = posts
            self.activeMembers = activeMembers
        }
    }

    /// Questions without an accepted answer.
    public var openQuestions: Int
    /// Questions nobody but the asker has answered yet, and when the oldest of them was asked.
    public var unansweredQuestions: Int
    public var oldestUnansweredAt: Date?
    /// Open reports naming at least one of the program's posts.
    public var openReports: Int
    public var lastWeek: Activity
    public var lastMonth: Activity

    public init(openQuestions: Int, unansweredQuestions: Int, oldestUnansweredAt: Date?, openReports: Int, lastWeek: Activity, lastMonth: Activity) {
        self.openQuestions = openQuestions
        self.unansweredQuestions = unansweredQuestions
        self.oldestUnansweredAt = oldestUnansweredAt
        self.openReports = openReports
        self.lastWeek = lastWeek
        self.lastMonth = lastMonth
    }
}
