import Foundation

/// Which question each post of a tweetchat answers: by its marker (`A3`), or by replying to Q3's
/// post or to an answer of Q3; anything else is "general". The transcript groups a whole chat this
/// way; the live page places posts one at a time as they arrive, with the same rules.
public struct ChatThreads: Sendable, Equatable {
    /// Answers by question number, each in time order.
    public var answers: [Int: [ID]] = [:]
    /// Posts that answer no question, in time order.
    public var general: [ID] = []
    private var answerOf: [ID: Int] = [:]

    /// Groups `posts` (oldest first; the released questions' own posts are left out).
    public init(_ posts: [Post], released: [ReleasedQuestion]) {
        for post in posts { place(post, released: released) }
    }

    /// Places one more post (newer than those placed) and returns the question it answers, nil for
    /// general or for a released question's own post (which is not placed).
    @discardableResult
    public mutating func place(_ post: Post, released: [ReleasedQuestion]) -> Int? {
        guard !released.contains(where: { $0.postID == post.id }) else { return nil }
        let byMarker = AnswerMarker.question(in: post.source).flatMap { number in released.contains { $0.number == number } ? number : nil }
        let byReply = post.inReplyToID.flatMap { parent in released.first { $0.postID == parent }?.number ?? answerOf[parent] }
        guard let number = byMarker ?? byReply else {
            general.append(post.id)
            return nil
        }
        answerOf[post.id] = number
        answers[number, default: []].append(post.id)
        return number
    }

    /// The question a placed post answers.
    public func question(of id: ID) -> Int? { answerOf[id] }
}
