import Foundation

/// A question put to the expert of an ask-the-expert session (one occurrence): members submit and
/// upvote them, hosts may approve them first, the expert answers from a queue sorted by votes.
public struct ExpertQuestion: Sendable, Hashable, Identifiable {
    public enum Status: String, Sendable {
        /// Waiting for a host's approval: only its asker and the hosts see it.
        case pending
        case approved
        /// Turned down by a host: only its asker and the hosts see it.
        case rejected
    }

    public var id: ID
    public var occurrenceID: ID
    public var author: Account
    public var text: String
    public var status: Status
    public var votesCount: Int
    /// Whether the account the question was read for upvoted it.
    public var votedByViewer: Bool
    public var answer: String?
    public var answeredBy: Account?
    public var answeredAt: Date?
    /// The program question it was handed on as, after the session, when it had no answer.
    public var openQuestionID: ID?

    public init(id: ID, occurrenceID: ID, author: Account, text: String, status: Status, votesCount: Int = 0, votedByViewer: Bool = false,
                answer: String? = nil, answeredBy: Account? = nil, answeredAt: Date? = nil, openQuestionID: ID? = nil) {
        self.id = id
        self.occurrenceID = occurrenceID
        self.author = author
        self.text = text
        self.status = status
        self.votesCount = votesCount
        self.votedByViewer = votedByViewer
        self.answer = answer
        self.answeredBy = answeredBy
        self.answeredAt = answeredAt
        self.openQuestionID = openQuestionID
    }

    public var createdAt: Date { id.date }
    public var isAnswered: Bool { answer != nil }
}
