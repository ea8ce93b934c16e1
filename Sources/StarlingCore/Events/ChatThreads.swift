import Foundation

/// Which question each post of a tweetchat answers: by its marker (`A3`), or by replying to Q3's
/// post or to an answer of Q3; anything else is "general". The live page and the transcript group
/// posts this way.
public struct ChatThreads: Sendable, Equatable {
    /// Answers by question number, each in time order.
    public var answers: [Int: [ID]] = [:]
    /// Posts that answer no question, in time order.
    public var general: [ID] = []

    /// Groups `posts` (oldest first; the released questions' own posts are left out).
    public init(_ posts: [Post], released: [ReleasedQuestion]) {
        let questionPosts = Dictionary(released.compactMap { q in q.postID.map { ($0, q.number) } }, uniquingKeysWith: { first, _ in first })
        let numbers = Set(released.map(\.number))
        var answerOf: [ID: Int] = [:]
        for post in posts where questionPosts[post.id] == nil {
            let byMarker = AnswerMarker.question(in: post.source).flatMap { numbers.contains($0) ? $0 : nil }
            let byReply = post.inReplyToID.flatMap { questionPosts[$0] ?? answerOf[$0] }
            if let number = byMarker ?? byReply {
                answerOf[post.id] = number
                answers[number, default: []].append(post.id)
            } else {
                general.append(post.id)
            }
        }
    }
}
