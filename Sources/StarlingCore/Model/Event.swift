import Foundation

/// A live event on a hashtag: a tweetchat (questions released on time, answered A1..An) or an
/// ask-the-expert session, owned by a program or by the organization. A recurring event has one
/// `EventOccurrence` per time it takes place, each with its own RSVPs and archive.
public struct Event: Sendable, Hashable, Identifiable {
    public enum Kind: String, Sendable, CaseIterable {
        case tweetchat
        case askTheExpert = "ask-the-expert"
    }

    /// How often it comes back, at the same local time in its time zone (across daylight-saving changes).
    public enum Recurrence: String, Sendable, CaseIterable {
        case none, weekly
        case everyTwoWeeks = "every-two-weeks"
        case monthly
    }

    public var id: ID
    public var kind: Kind
    public var title: String
    /// Without `#`: the program's, or its own (#lrnchat).
    public var hashtag: String
    public var programID: ID?
    /// The first occurrence's start.
    public var startsAt: Date
    /// The IANA time zone its local time is kept in (Europe/Berlin).
    public var timeZone: String
    public var duration: TimeInterval
    public var recurrence: Recurrence
    /// How long before each start RSVPs are reminded.
    public var reminderLead: TimeInterval
    /// Who made it: the host events speak as, and whom reminders come from.
    public var createdBy: ID
    public var createdAt: Date
    /// An ask-the-expert session where hosts approve questions before others see them.
    public var requiresApproval = false
    /// Open to the outside, as #lrnchat is: the host's posts are public (they leave for people outside), and public
    /// posts with its hashtag from other servers take part in its live page and transcript. Never an event of a program.
    public var openToOutside = false

    /// The visibility of the posts made through the event (its script, and posts from its live page): public
    /// when it is open to the outside, else the organization's (a program's hashtag places them in the program).
    public var postVisibility: Visibility { openToOutside ? .public : .organization }

    public init(id: ID, kind: Kind, title: String, hashtag: String, programID: ID?, startsAt: Date, timeZone: String,
                duration: TimeInterval, recurrence: Recurrence, reminderLead: TimeInterval, createdBy: ID, createdAt: Date,
                requiresApproval: Bool = false, openToOutside: Bool = false) {
        self.requiresApproval = requiresApproval
        self.openToOutside = openToOutside
        self.id = id
        self.kind = kind
        self.title = title
        self.hashtag = hashtag
        self.programID = programID
        self.startsAt = startsAt
        self.timeZone = timeZone
        self.duration = duration
        self.recurrence = recurrence
        self.reminderLead = reminderLead
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// The starts of its occurrences from `start` (included) to `end` (excluded), planned or not yet.
    public func starts(from start: Date, to end: Date) -> [Date] {
        var starts: [Date] = []
        for index in 0..<5000 {
            guard let date = self.start(ofOccurrence: index), date < end else { break }
            if date >= start { starts.append(date) }
        }
        return starts
    }

    /// The start of occurrence `index` (0 is the first): the first's local time, `index` periods on.
    public func start(ofOccurrence index: Int) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        guard let zone = TimeZone(identifier: timeZone) else { return nil }
        calendar.timeZone = zone
        switch recurrence {
        case .none: return index == 0 ? startsAt : nil
        case .weekly: return calendar.date(byAdding: .weekOfYear, value: index, to: startsAt)
        case .everyTwoWeeks: return calendar.date(byAdding: .weekOfYear, value: 2 * index, to: startsAt)
        case .monthly: return calendar.date(byAdding: .month, value: index, to: startsAt)
        }
    }
}

/// One time an event takes place.
public struct EventOccurrence: Sendable, Hashable, Identifiable {
    public var id: ID
    public var eventID: ID
    /// Which one it is: 0 for the first.
    public var index: Int
    public var startsAt: Date
    public var endsAt: Date
    public var startedAt: Date?
    public var endedAt: Date?
    /// Hosts held the script: questions wait until released by hand or the hold is lifted.
    public var heldAt: Date?

    public init(id: ID, eventID: ID, index: Int, startsAt: Date, endsAt: Date, startedAt: Date? = nil, endedAt: Date? = nil, heldAt: Date? = nil) {
        self.id = id
        self.eventID = eventID
        self.index = index
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.heldAt = heldAt
    }
}

/// A tweetchat's script: a welcome posted at the start, and questions released at planned offsets.
public struct ChatScript: Sendable, Hashable {
    public struct Question: Sendable, Hashable {
        public var text: String
        /// When it is released, counted from the occurrence's start.
        public var offset: TimeInterval

        public init(text: String, offset: TimeInterval) {
            self.text = text
            self.offset = offset
        }
    }

    public var welcome: String
    /// Q1 first.
    public var questions: [Question]

    public init(welcome: String, questions: [Question]) {
        self.welcome = welcome
        self.questions = questions
    }
}

/// A question of a script as released in one occurrence: its number and the host's post.
public struct ReleasedQuestion: Sendable, Hashable {
    /// 1 for Q1.
    public var number: Int
    public var postID: ID?
    public var releasedAt: Date

    public init(number: Int, postID: ID?, releasedAt: Date) {
        self.number = number
        self.postID = postID
        self.releasedAt = releasedAt
    }
}
