import Foundation

/// What questions and answers need from persistence: which posts are questions, votes, and accepted answers.
public protocol QuestionStore: Sendable {
    /// Marks a post as a question, or not.
    func setQuestion(postID: ID, _ on: Bool) async throws
    /// Records or withdraws one person's upvote of an answer (counted on the answer).
    func setAnswerVote(answerID: ID, accountID: ID, _ on: Bool, at: Date) async throws
    /// Accepts an answer or takes the acceptance back; the question is answered while any answer is accepted.
    func setAccepted(answerID: ID, _ on: Bool, by actor: ID, at: Date) async throws
}
