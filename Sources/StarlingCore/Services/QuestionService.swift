import Foundation

/// Questions and answers: any post can be a question; its direct replies are its answers, which
/// members upvote and which the asker or the program's facilitators accept (one or more).
public struct QuestionService: Sendable {
    let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    /// Whether a new post's text asks a question by itself: it starts with "Q:" or carries #question
    /// (how Mastodon apps, which have no question checkbox, ask one).
    public static func looksLikeQuestion(_ source: String, hashtags: [String]) -> Bool {
        source.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().hasPrefix("q:") || hashtags.contains { Tag.key($0) == "question" }
    }

    /// Marks a post as a question or not (its author, or a facilitator of its program).
    public func mark(_ postID: ID, by actor: Account, _ on: Bool = true) async throws -> PostView {
        let view = try await visible(postID, actor)
        guard try await isAuthorOrFacilitator(view, actor) else {
            throw DomainError.forbidden("Only the author or the program's facilitators can change whether this is a question.")
        }
        try await store.setQuestion(postID: postID, on)
        return try await visible(postID, actor)
    }

    /// Upvotes an answer (or withdraws the upvote). Not one's own answer.
    public func vote(_ answerID: ID, by voter: Account, _ on: Bool = true, at now: Date = Date()) async throws -> PostView {
        let (answer, _) = try await answerAndQuestion(answerID, voter)
        guard answer.post.authorID != voter.id else { throw DomainError.invalid(field: "id", message: "You cannot upvote your own answer.") }
        try await store.setAnswerVote(answerID: answerID, accountID: voter.id, on, at: now)
        return try await visible(answerID, voter)
    }

    /// Accepts an answer (or takes it back): the asker, or a facilitator of the question's program.
    public func accept(_ answerID: ID, by actor: Account, _ on: Bool = true, at now: Date = Date()) async throws -> PostView {
        let (_, question) = try await answerAndQuestion(answerID, actor)
        guard try await canAccept(question, by: actor) else {
            throw DomainError.forbidden("Only the person who asked, or the program's facilitators, can accept answers.")
        }
        try await store.setAccepted(answerID: answerID, on, by: actor.id, at: now)
        return try await visible(answerID, actor)
    }

    /// Whether `account` may accept answers to `question`.
    public func canAccept(_ question: PostView, by account: Account) async throws -> Bool {
        try await isAuthorOrFacilitator(question, account)
    }

    private func isAuthorOrFacilitator(_ view: PostView, _ account: Account) async throws -> Bool {
        if view.post.authorID == account.id { return true }
        return try await facilitates(view.post.programID, account)
    }

    private func answerAndQuestion(_ answerID: ID, _ viewer: Account) async throws -> (answer: PostView, question: PostView) {
        let answer = try await visible(answerID, viewer)
        guard let parentID = answer.post.inReplyToID, let question = try await store.post(id: parentID, viewer: viewer.id), question.post.isQuestion else {
            throw DomainError.invalid(field: "id", message: "Only answers (replies to a question) can be upvoted or accepted.")
        }
        return (answer, question)
    }

    private func visible(_ id: ID, _ viewer: Account) async throws -> PostView {
        guard let view = try await store.post(id: id, viewer: viewer.id) else { throw DomainError.notFound }
        return view
    }

    private func facilitates(_ programID: ID?, _ account: Account) async throws -> Bool {
        guard let programID else { return account.role.canModerate }
        return try await store.facilitates(programID, account)
    }
}
