import Foundation

/// What ask-the-expert sessions need from persistence: experts, their questions, votes and answers.
public protocol ExpertSessionStore: Sendable {
    func addExpert(eventID: ID, accountID: ID) async throws
    /// An event's experts (guests invited to it, or members hosts named).
    func experts(eventID: ID) async throws -> [Account]
    /// The events an account is an expert of.
    func expertEvents(accountID: ID) async throws -> [ID]
    /// The hashtags of the organization's events an account is an expert of that are live now.
    func liveExpertHashtags(accountID: ID) async throws -> [String]
    func insertExpertQuestion(id: ID, occurrenceID: ID, authorID: ID, text: String, status: ExpertQuestion.Status) async throws
    /// A question as `viewer` sees it (whether they upvoted it), whatever its status.
    func expertQuestion(id: ID, viewer: ID) async throws -> ExpertQuestion?
    /// An occurrence's questions, whatever their status: unanswered first, then by votes, then oldest first.
    func expertQuestions(occurrenceID: ID, viewer: ID) async throws -> [ExpertQuestion]
    func setExpertQuestionStatus(id: ID, _ status: ExpertQuestion.Status) async throws
    /// Adds or takes back one account's vote (once each), keeping the count.
    func setExpertVote(questionID: ID, accountID: ID, _ on: Bool) async throws
    func answerExpertQuestion(id: ID, answer: String, by accountID: ID, at date: Date) async throws
    /// Records the program question an unanswered one was handed on as.
    func setOpenQuestion(expertQuestionID: ID, postID: ID) async throws
    /// Notifies each recipient about an occurrence (once per kind and occurrence).
    func notifyOccurrence(_ occurrenceID: ID, kind: Notification.Kind, recipients: [ID], actor: ID, at date: Date) async throws
}
