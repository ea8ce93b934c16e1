import Foundation

/// What a tweetchat's live page shows one viewer: the released questions, the chat's posts as the
/// viewer may see them placed under the question they answer (or "general"), and the posts hosts
/// highlighted. `EventService.follow` keeps it current as posts arrive.
public struct LiveChat: Sendable {
    public var event: Event
    public var occurrence: EventOccurrence
    public var script: ChatScript
    public var released: [ReleasedQuestion]
    /// The chat's posts, oldest first (the released questions' own posts included).
    public var posts: [PostView]
    public var threads: ChatThreads
    public var highlighted: [ID]
    /// Whether the viewer hosts it (release, hold and highlight).
    public var hosting: Bool

    /// What changed when a post arrived.
    public enum Update: Sendable {
        /// Question `number` was released: its post.
        case question(ReleasedQuestion, PostView)
        /// A post joined the chat, answering `question` (nil: general).
        case post(PostView, question: Int?)
    }

    /// The question a marker on a new post would answer now: the latest released one.
    public var currentQuestion: Int? { released.last?.number }

    /// The text of released question `number`.
    public func text(ofQuestion number: Int) -> String? {
        script.questions.indices.contains(number - 1) ? script.questions[number - 1].text : nil
    }

    /// A released question's own post.
    public func questionPost(_ number: Int) -> PostView? {
        released.first { $0.number == number }?.postID.flatMap { id in posts.first { $0.id == id } }
    }

    /// The posts answering question `number` (nil: general), oldest first.
    public func posts(answering number: Int?) -> [PostView] {
        let ids = Set(number.map { threads.answers[$0] ?? [] } ?? threads.general)
        return posts.filter { ids.contains($0.id) }
    }

    func contains(_ id: ID) -> Bool { posts.contains { $0.id == id } }
}
