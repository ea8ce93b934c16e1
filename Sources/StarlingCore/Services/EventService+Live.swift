import Foundation

/// The live page of a tweetchat: the chat as one viewer sees it, kept current post by post; posting
/// into it with the hashtag and the answer marker added; hosts' highlights.
extension EventService {
    /// The chat of an occurrence so far (or all of it, once ended), as the viewer sees it.
    public func live(_ occurrenceID: ID, viewer: Account, now: Date) async throws -> LiveChat {
        let occurrence = try await occurrence(occurrenceID, viewer: viewer)
        let event = try await event(occurrence.eventID, viewer: viewer)
        let released = try await store.releasedQuestions(occurrenceID: occurrenceID)
        let posts = await occurrence.startedAt == nil ? [] : try chatPosts(event, occurrence, until: occurrence.endedAt ?? now, viewer: viewer.id)
        return LiveChat(event: event, occurrence: occurrence, script: try await store.script(eventID: event.id), released: released,
                        posts: posts, threads: ChatThreads(posts.map(\.post), released: released),
                        highlighted: try await store.highlights(occurrenceID: occurrenceID), hosting: try await hosts(event, viewer))
    }

    /// Takes a newly published post into a live chat when it belongs there (on the hashtag, or a reply
    /// into the chat, while the occurrence runs, and visible to the viewer) and says how it changed.
    public func follow(_ chat: inout LiveChat, posted id: ID, viewer: Account, now: Date) async throws -> LiveChat.Update? {
        guard !chat.contains(id), let view = try await store.post(id: id, viewer: viewer.id), view.post.repostOfID == nil,
              !view.post.isRemote || chat.event.openToOutside else { return nil }
        let onHashtag = view.tags.contains { Tag.key($0) == Tag.key(chat.event.hashtag) }
        guard onHashtag || view.post.inReplyToID.map(chat.contains) == true,
              let occurrence = try await store.occurrence(id: chat.occurrence.id), let started = occurrence.startedAt,
              view.post.createdAt >= started, occurrence.endedAt.map({ view.post.createdAt <= $0 }) ?? true else { return nil }
        chat.occurrence = occurrence
        if view.post.authorID == chat.event.createdBy { // questions are the host's posts
            chat.released = try await store.releasedQuestions(occurrenceID: occurrence.id)
            chat.script = try await store.script(eventID: chat.event.id)
        }
        chat.posts.append(view)
        if let released = chat.released.first(where: { $0.postID == id }) { return .question(released, view) }
        return .post(view, question: chat.threads.place(view.post, released: chat.released))
    }

    /// The chat's post as it is after an edit (nil when it is not in the chat, or no longer visible).
    public func refresh(_ chat: inout LiveChat, edited id: ID, viewer: Account) async throws -> PostView? {
        guard let index = chat.posts.firstIndex(where: { $0.id == id }), let view = try await store.post(id: id, viewer: viewer.id) else { return nil }
        chat.posts[index] = view
        return view
    }

    /// Posts into a live chat as the author: the event's hashtag is added when missing and, unless the
    /// text already has a marker, the marker of `question` (by default the latest released). In an event open to
    /// the outside the post is public, as the live page says.
    public func post(_ text: String, to occurrenceID: ID, answering question: Int?, by author: Account, now: Date) async throws -> Post {
        let occurrence = try await occurrence(occurrenceID, viewer: author)
        let event = try await event(occurrence.eventID, viewer: author)
        guard occurrence.startedAt != nil, occurrence.endedAt == nil else {
            throw DomainError.invalid(field: "id", message: "This chat is not live: post on #\(event.hashtag) instead.")
        }
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw DomainError.invalid(field: "status", message: "Write something first.") }
        let released = try await store.releasedQuestions(occurrenceID: occurrenceID).map(\.number)
        if AnswerMarker.question(in: body) == nil, let number = question.flatMap({ released.contains($0) ? $0 : nil }) ?? released.last {
            body = "A\(number): " + body
        }
        if !PostText(body).hashtags.contains(where: { Tag.key($0) == Tag.key(event.hashtag) }) { body += " #\(event.hashtag)" }
        let post = try await posts.compose(.init(text: body, visibility: event.postVisibility), by: author, at: now)
        posts.activity.record(author.id, in: event.programID, at: now)
        return post
    }

    /// Highlights a post of a live chat for everyone on its live page, or takes the highlight back (hosts).
    public func highlight(_ postID: ID, in occurrenceID: ID, _ on: Bool = true, by host: Account, now: Date) async throws {
        _ = try await hostedOccurrence(occurrenceID, host)
        guard try await store.post(id: postID, viewer: host.id) != nil else { throw DomainError.notFound }
        try await store.setHighlight(occurrenceID: occurrenceID, postID: postID, on, at: now)
        events.publish(.highlighted(occurrence: occurrenceID))
    }

    /// The posts highlighted in an occurrence, in the order hosts highlighted them.
    public func highlights(_ occurrenceID: ID) async throws -> [ID] { try await store.highlights(occurrenceID: occurrenceID) }
}
