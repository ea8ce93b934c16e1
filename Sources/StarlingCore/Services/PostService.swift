import Foundation

/// Writing posts and acting on them: compose, delete, like, repost, bookmark.
public struct PostService: Sendable {
    public static let idempotencyWindow: TimeInterval = 3600
    static let maxContentWarningLength = 200
    static let maxMentions = 50

    let store: any Store
    let files: any FileStore
    let ids: IDGenerator
    let settings: InstanceSettings
    let events: any EventBus

    public init(store: any Store, files: any FileStore, ids: IDGenerator, settings: InstanceSettings, events: any EventBus) {
        self.store = store
        self.files = files
        self.ids = ids
        self.settings = settings
        self.events = events
    }

    /// What a person wrote, before it becomes a post.
    public struct Draft: Sendable {
        public var text: String
        public var contentWarning: String
        public var visibility: Visibility
        public var inReplyToID: ID?
        /// Uploaded images to attach (see `MediaService`).
        public var mediaIDs: [ID]

        public init(text: String, contentWarning: String = "", visibility: Visibility = .organization, inReplyToID: ID? = nil,
                    mediaIDs: [ID] = []) {
            self.text = text
            self.contentWarning = contentWarning
            self.visibility = visibility
            self.inReplyToID = inReplyToID
            self.mediaIDs = mediaIDs
        }
    }

    /// Publishes a draft. With an idempotency key seen from this author within the hour,
    /// returns the post made the first time instead of making another.
    @discardableResult
    public func compose(_ draft: Draft, by author: Account, idempotencyKey: String? = nil, at now: Date = Date()) throws -> Post {
        let key = idempotencyKey.map { String($0.prefix(200)) }.flatMap { $0.isEmpty ? nil : $0 }
        if let key, let existing = try store.postForIdempotencyKey(accountID: author.id, key: key, since: now - Self.idempotencyWindow),
           let post = try store.post(id: existing, viewer: author.id) {
            return post.post
        }
        let text = PostText.normalize(draft.text).trimmingCharacters(in: .whitespacesAndNewlines)
        let warning = PostText.normalize(draft.contentWarning).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty || !draft.mediaIDs.isEmpty else { throw DomainError.invalid(field: "text", message: "Write something first.") }
        guard draft.mediaIDs.count <= MediaService.maxPerPost, Set(draft.mediaIDs).count == draft.mediaIDs.count else {
            throw DomainError.invalid(field: "media_ids", message: "A post carries at most \(MediaService.maxPerPost) different images.")
        }
        guard text.count <= settings.maxPostLength else {
            throw DomainError.invalid(field: "text", message: "A post has at most \(settings.maxPostLength) characters; this one has \(text.count).")
        }
        guard warning.count <= Self.maxContentWarningLength else {
            throw DomainError.invalid(field: "content_warning", message: "A content warning has at most \(Self.maxContentWarningLength) characters.")
        }
        guard draft.visibility != .public || settings.publicAccess else {
            throw DomainError.invalid(field: "visibility", message: "Public posts are turned off on this server.")
        }
        var parent: PostView?
        if let parentID = draft.inReplyToID {
            guard let found = try store.post(id: parentID, viewer: author.id) else {
                throw DomainError.invalid(field: "in_reply_to_id", message: "The post you are replying to does not exist or is not visible to you.")
            }
            parent = found
        }
        let parsed = PostText(text)
        var mentioned: [String: Account] = [:]
        for name in parsed.mentions.prefix(Self.maxMentions) {
            if let account = try store.account(username: name) { mentioned[name.lowercased()] = account }
        }
        let post = Post(
            id: ids.next(at: now), authorID: author.id, visibility: draft.visibility, source: text,
            html: parsed.html { mentioned[$0.lowercased()]?.username }, contentWarning: warning,
            inReplyToID: parent?.id, inReplyToAccountID: parent?.author.id, createdAt: now
        )
        let stored = try store.insertPost(NewPost(post: post, hashtags: parsed.hashtags,
                                                  mentionedIDs: mentioned.values.map(\.id).sorted(), idempotencyKey: key,
                                                  mediaIDs: draft.mediaIDs))
        events.publish(.posted(stored.id))
        for recipient in Set(mentioned.values.map(\.id) + [parent?.author.id].compactMap { $0 }) where recipient != author.id {
            events.publish(.notified(recipient))
        }
        return stored
    }

    /// Deletes a post: its author may, and so may moderators and admins.
    public func delete(_ postID: ID, by actor: Account) throws {
        guard let view = try store.post(id: postID, viewer: actor.id) else { throw DomainError.notFound }
        guard view.author.id == actor.id || actor.role.canModerate else {
            throw DomainError.forbidden("You can only delete your own posts.")
        }
        let attachments = try store.mediaFileNames(postID: postID)
        try store.deletePost(id: postID)
        for file in attachments { try? files.delete(file) }
        events.publish(.deleted(postID))
    }

    public func like(_ postID: ID, by actor: Account, _ on: Bool = true) throws {
        let view = try visiblePost(postID, to: actor)
        try store.setLike(accountID: actor.id, postID: postID, on: on)
        if on { events.publish(.notified(view.author.id)) }
    }

    public func bookmark(_ postID: ID, by actor: Account, _ on: Bool = true) throws {
        _ = try visiblePost(postID, to: actor)
        try store.setBookmark(accountID: actor.id, postID: postID, on: on)
    }

    /// Reposts (or undoes a repost). Followers-only and direct posts cannot be reposted.
    public func repost(_ postID: ID, by actor: Account, _ on: Bool = true) throws {
        let view = try visiblePost(postID, to: actor)
        guard !on || view.post.visibility.allowsReposts else {
            throw DomainError.forbidden("Followers-only and direct posts cannot be reposted.")
        }
        if let repostID = try store.setRepost(accountID: actor.id, postID: postID, on: on) {
            events.publish(.posted(repostID))
            events.publish(.notified(view.author.id))
        }
    }

    private func visiblePost(_ id: ID, to viewer: Account) throws -> PostView {
        guard let view = try store.post(id: id, viewer: viewer.id) else { throw DomainError.notFound }
        return view
    }
}
