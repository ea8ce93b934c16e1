import Foundation

/// Writing posts and acting on them: compose, delete, like, repost, bookmark.
public struct PostService: Sendable {
    public static let idempotencyWindow: TimeInterval = 3600
    static let maxContentWarningLength = 200
    static let maxMentions = 50
    public static let maxPins = 5

    let store: any Store
    let files: any FileStore
    let ids: IDGenerator
    let settings: InstanceSettings
    let events: any EventBus
    let activity: ActivityLog
    /// Emails mentions and direct posts to people who chose that (when there is a mail server).
    let email: EmailService?
    /// Tells followers outside of posts that leave the organization.
    let federation: OutboundFederation?

    public init(store: any Store, files: any FileStore, ids: IDGenerator, settings: InstanceSettings, events: any EventBus, activity: ActivityLog,
                email: EmailService? = nil, federation: OutboundFederation? = nil) {
        self.email = email
        self.federation = federation
        self.activity = activity
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
        public var poll: PollDraft?
        /// ISO 639 code of the language it is written in, if known.
        public var language: String?
        /// Asked as a question (a text starting with "Q:" or carrying #question is one anyway).
        public var question: Bool
        /// A question asked anonymously, in a program whose facilitators allow it.
        public var anonymous: Bool
        /// A how-to guide's title and captions, one per attached image (see `GuideService`).
        public var guide: Guide?
        /// A direct post sent for this one (mentioned) person only, hidden from everyone else, its author too
        /// (set by services that send reviews and reminders, never by people).
        public var onlyFor: ID?
        /// Written by Starling in the author's name (a release, a reminder, a script's question), so not the
        /// author's own activity.
        public var automatic = false

        /// This draft, marked as written by Starling in the author's name.
        public func madeAutomatically() -> Draft {
            var draft = self
            draft.automatic = true
            return draft
        }

        public init(text: String, contentWarning: String = "", visibility: Visibility = .organization, inReplyToID: ID? = nil,
                    mediaIDs: [ID] = [], poll: PollDraft? = nil, language: String? = nil, question: Bool = false, anonymous: Bool = false,
                    guide: Guide? = nil) {
            self.text = text
            self.contentWarning = contentWarning
            self.visibility = visibility
            self.inReplyToID = inReplyToID
            self.mediaIDs = mediaIDs
            self.poll = poll
            self.language = language
            self.question = question
            self.anonymous = anonymous
            self.guide = guide
        }
    }

    /// Publishes a draft. With an idempotency key seen from this author within the hour,
    /// returns the post made the first time instead of making another. `beforeAnnouncing` records
    /// what the post is for (a chat's question, say) before live listeners hear of it.
    @discardableResult
    public func compose(_ draft: Draft, by author: Account, idempotencyKey: String? = nil, at now: Date = Date(),
                        beforeAnnouncing: (Post) async throws -> Void = { _ in }) async throws -> Post {
        let key = idempotencyKey.map { String($0.prefix(200)) }.flatMap { $0.isEmpty ? nil : $0 }
        if let key, let existing = try await store.postForIdempotencyKey(accountID: author.id, key: key, since: now - Self.idempotencyWindow),
           let post = try await store.post(id: existing, viewer: draft.onlyFor ?? author.id) {
            return post.post
        }
        let (prepared, poll, parent) = try await check(draft, by: author)
        let placement = try await ProgramPlacement(store: store).place(hashtags: prepared.hashtags, replyingTo: parent?.post, by: author)
        var post = Post(
            id: ids.next(at: now), authorID: author.id, visibility: draft.visibility, source: prepared.source,
            html: prepared.html, contentWarning: prepared.contentWarning,
            inReplyToID: parent?.id, inReplyToAccountID: parent?.post.authorID, createdAt: now, language: draft.language?.lowercased(),
            programID: placement.programID
        )
        post.isQuestion = draft.question || QuestionService.looksLikeQuestion(prepared.source, hashtags: prepared.hashtags)
        if draft.anonymous { try await allowAnonymous(post) }
        post.isAnonymous = draft.anonymous
        post.guide = draft.guide
        post.onlyFor = draft.onlyFor
        let stored = try await store.insertPost(NewPost(post: post, hashtags: placement.hashtags, mentionedIDs: prepared.mentionedIDs,
                                                  idempotencyKey: key, mediaIDs: draft.mediaIDs,
                                                  poll: poll.map { ($0, now.addingTimeInterval($0.expiresIn)) }))
        try await flagWatchedWords(stored, at: now)
        if !draft.automatic { activity.record(author.id, in: stored.programID, at: now) }
        try await beforeAnnouncing(stored)
        events.publish(.posted(stored.id))
        try await email?.noticePost(stored, mentioned: prepared.mentionedIDs, now: now)
        try await federation?.written(stored, by: author, now: now)
        for recipient in Set(prepared.mentionedIDs + [parent?.post.authorID].compactMap { $0 }) where recipient != author.id {
            events.publish(.notified(recipient))
        }
        return stored
    }

    /// Only a question in a program whose facilitators allow anonymous questions may be asked
    /// anonymously, and only for the whole program to read (organization or public).
    private func allowAnonymous(_ post: Post) async throws {
        guard post.isQuestion else { throw DomainError.invalid(field: "anonymous", message: "Only questions can be asked anonymously.") }
        guard let programID = post.programID, try await store.program(id: programID)?.anonymousQuestions == true else {
            throw DomainError.invalid(field: "anonymous", message: "Anonymous questions are for programs whose facilitators allow them.")
        }
        guard [.organization, .public].contains(post.visibility) else {
            throw DomainError.invalid(field: "anonymous", message: "An anonymous question is asked of the whole program: make it visible to the organization.")
        }
    }

    /// A post in a program that uses a word its moderators watch for goes to their queue as a report
    /// (made in the name of the moderator who added the word), once, naming the first word that matched.
    private func flagWatchedWords(_ post: Post, at now: Date) async throws {
        guard let programID = post.programID,
              let keyword = try await store.programKeywords(programID: programID).first(where: { $0.matches(post.source) }),
              let moderator = keyword.addedBy, moderator != post.authorID, let author = try await store.account(id: post.authorID) else { return }
        try await store.insertReport(Report(id: ids.next(at: now), reporterID: moderator, target: author, postIDs: [post.id],
                                      comment: "Flagged automatically: it uses the watched word “\(keyword.keyword)”.", category: .other,
                                      createdAt: now))
    }

    /// Checks a draft against every rule a post must follow, without publishing it (scheduling
    /// checks drafts this way too): the text rendered, the poll validated, the parent found.
    func check(_ draft: Draft, by author: Account) async throws -> (text: PreparedText, poll: PollDraft?, parent: PostView?) {
        // A guide's text is its title and every caption, and it has a photo per step.
        let prepared = try await prepare(text: draft.text, contentWarning: draft.contentWarning, hasMedia: !draft.mediaIDs.isEmpty,
                                   maxLength: draft.guide == nil ? settings.maxPostLength : Guide.maxTextLength)
        let maxMedia = draft.guide == nil ? MediaService.maxPerPost : Guide.maxSteps
        guard draft.mediaIDs.count <= maxMedia, Set(draft.mediaIDs).count == draft.mediaIDs.count else {
            throw DomainError.invalid(field: "media_ids", message: "A post carries at most \(maxMedia) different images.")
        }
        if let guide = draft.guide, guide.captions.count != draft.mediaIDs.count || draft.anonymous || draft.poll != nil {
            throw DomainError.invalid(field: "steps", message: "Each step of a guide has one photo and one caption.")
        }
        for id in draft.mediaIDs {
            guard let media = try await store.media(id: id), media.accountID == author.id, media.postID == nil else {
                throw DomainError.invalid(field: "media_ids", message: "media_ids must be your own uploads, each attached to one post only.")
            }
        }
        if let recipient = draft.onlyFor, draft.visibility != .direct || !prepared.mentionedIDs.contains(recipient) {
            throw DomainError.invalid(field: "visibility", message: "A post for one person only is a direct post mentioning them.")
        }
        let poll = try draft.poll?.validated()
        guard poll == nil || draft.mediaIDs.isEmpty else {
            throw DomainError.invalid(field: "poll", message: "A post has images or a poll, not both.")
        }
        if let language = draft.language {
            guard (2...3).contains(language.count), language.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw DomainError.invalid(field: "language", message: "language must be an ISO 639 code such as en or fr.")
            }
        }
        guard draft.visibility != .public || settings.publicAccess else {
            throw DomainError.invalid(field: "visibility", message: "Public posts are turned off on this server.")
        }
        var parent: PostView?
        if let parentID = draft.inReplyToID {
            guard let found = try await store.post(id: parentID, viewer: draft.onlyFor ?? author.id) else {
                throw DomainError.invalid(field: "in_reply_to_id", message: "The post you are replying to does not exist or is not visible to you.")
            }
            parent = found
        }
        return (prepared, poll, parent)
    }

    /// Changes the text and content warning of the author's own post; the earlier version stays in
    /// its history. Hashtags and mentions follow the new text.
    @discardableResult
    public func edit(_ postID: ID, text: String, contentWarning: String, by author: Account, at now: Date = Date()) async throws -> PostView {
        guard let view = try await store.post(id: postID, viewer: author.id) else { throw DomainError.notFound }
        guard view.post.authorID == author.id else { throw DomainError.forbidden("You can only edit your own posts.") }
        guard view.post.guide == nil else {
            throw DomainError.invalid(field: "id", message: "A guide's text comes from its steps; it cannot be edited as a post.")
        }
        let prepared = try await prepare(text: text, contentWarning: contentWarning, hasMedia: !view.media.isEmpty)
        let parent = try await view.post.inReplyToID.asyncFlatMap { try await store.post(id: $0, viewer: author.id) }
        let placement = try await ProgramPlacement(store: store).place(hashtags: prepared.hashtags, replyingTo: parent?.post, by: author)
        let leftBefore = try await federation?.leaves(view) ?? false
        try await store.updatePost(PostEdit(postID: postID, source: prepared.source, html: prepared.html, contentWarning: prepared.contentWarning,
                                      hashtags: placement.hashtags, mentionedIDs: prepared.mentionedIDs, editedAt: now,
                                      programID: placement.programID))
        events.publish(.edited(postID))
        guard let edited = try await store.post(id: postID, viewer: author.id) else { throw DomainError.notFound }
        try await flagWatchedWords(edited.post, at: now)
        try await federation?.edited(edited, leftBefore: leftBefore, now: now)
        return edited
    }

    /// Votes in a poll the voter can see, once, before it closes; returns the poll with the vote counted.
    public func vote(_ pollID: ID, choices: [Int], by voter: Account, at now: Date = Date()) async throws -> Poll {
        guard let poll = try await visiblePost(pollID, to: voter).poll else { throw DomainError.notFound }
        guard !poll.isExpired(at: now) else { throw DomainError.invalid(field: "choices", message: "The poll has already ended.") }
        guard !choices.isEmpty, Set(choices).count == choices.count, choices.allSatisfy(poll.options.indices.contains) else {
            throw DomainError.invalid(field: "choices", message: "choices must name options of this poll (counted from 0), each once.")
        }
        guard poll.multiple || choices.count == 1 else {
            throw DomainError.invalid(field: "choices", message: "This poll takes one choice.")
        }
        guard try await store.vote(pollID: pollID, accountID: voter.id, choices: choices.sorted(), at: now) else {
            throw DomainError.invalid(field: "choices", message: "You have already voted on this poll.")
        }
        let counted = try await visiblePost(pollID, to: voter)
        activity.record(voter.id, in: counted.post.programID, at: now)
        guard let poll = counted.poll else { throw DomainError.notFound }
        return poll
    }

    /// Pins one of the author's own posts to their profile (or unpins it).
    public func pin(_ postID: ID, by author: Account, _ on: Bool = true, at now: Date = Date()) async throws {
        guard let view = try await store.post(id: postID, viewer: author.id) else { throw DomainError.notFound }
        guard view.post.authorID == author.id else { throw DomainError.invalid(field: "id", message: "You can only pin your own posts.") }
        guard !on || view.post.visibility != .direct else {
            throw DomainError.invalid(field: "id", message: "Posts for mentioned people only cannot be pinned.")
        }
        if on, !view.pinnedByViewer, try await store.pinCount(accountID: author.id) >= Self.maxPins {
            throw DomainError.invalid(field: "id", message: "You can pin at most \(Self.maxPins) posts.")
        }
        try await store.setPin(accountID: author.id, postID: postID, on: on, at: now)
    }

    /// Text and content warning, checked, rendered and with their hashtags and mentions resolved.
    struct PreparedText {
        var source: String
        var html: String
        var contentWarning: String
        var hashtags: [String]
        var mentionedIDs: [ID]
    }

    private func prepare(text rawText: String, contentWarning rawWarning: String, hasMedia: Bool, maxLength: Int? = nil) async throws -> PreparedText {
        let maxLength = maxLength ?? settings.maxPostLength
        let text = PostText.normalize(rawText).trimmingCharacters(in: .whitespacesAndNewlines)
        let warning = PostText.normalize(rawWarning).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty || hasMedia else { throw DomainError.invalid(field: "text", message: "Write something first.") }
        guard text.count <= maxLength else {
            throw DomainError.invalid(field: "text", message: "A post has at most \(maxLength) characters; this one has \(text.count).")
        }
        guard warning.count <= Self.maxContentWarningLength else {
            throw DomainError.invalid(field: "content_warning", message: "A content warning has at most \(Self.maxContentWarningLength) characters.")
        }
        let parsed = PostText(text)
        var mentioned: [String: Account] = [:]
        for name in parsed.mentions.prefix(Self.maxMentions) {
            if let account = try await store.account(username: name) { mentioned[name.lowercased()] = account }
        }
        return PreparedText(source: text, html: parsed.html { mentioned[$0.lowercased()]?.username }, contentWarning: warning,
                            hashtags: parsed.hashtags, mentionedIDs: mentioned.values.map(\.id).sorted())
    }

    /// Deletes a post: its author may, and so may moderators and admins.
    public func delete(_ postID: ID, by actor: Account) async throws {
        guard let view = try await store.post(id: postID, viewer: actor.id) else { throw DomainError.notFound }
        guard view.post.authorID == actor.id || actor.role.canModerate else {
            throw DomainError.forbidden("You can only delete your own posts.")
        }
        let hadLeft = try await federation?.leaves(view) ?? false
        let attachments = try await store.mediaFileNames(postID: postID)
        let audit = view.post.authorID == actor.id ? nil : AuditEntry(
            id: ids.next(), actorID: actor.id, action: .deletePost, programID: view.post.programID,
            targetAccountID: view.post.authorID, targetPostID: postID, createdAt: Date())
        try await store.deletePost(id: postID, audit: audit)
        for file in attachments { try? await files.delete(file) }
        events.publish(.deleted(postID))
        if hadLeft { try await federation?.deleted(view, now: Date()) }
    }

    public func like(_ postID: ID, by actor: Account, _ on: Bool = true) async throws {
        let view = try await visiblePost(postID, to: actor)
        try await store.setLike(accountID: actor.id, postID: postID, on: on)
        activity.record(actor.id, in: view.post.programID)
        if on { events.publish(.notified(view.post.authorID)) }
        try await federation?.liked(view, by: actor, on, now: Date())
    }

    public func bookmark(_ postID: ID, by actor: Account, _ on: Bool = true) async throws {
        _ = try await visiblePost(postID, to: actor)
        try await store.setBookmark(accountID: actor.id, postID: postID, on: on)
    }

    /// Reposts (or undoes a repost). Followers-only and direct posts cannot be reposted.
    public func repost(_ postID: ID, by actor: Account, _ on: Bool = true) async throws {
        let view = try await visiblePost(postID, to: actor)
        guard !on || view.post.visibility.allowsReposts else {
            throw DomainError.forbidden("Followers-only and direct posts cannot be reposted.")
        }
        activity.record(actor.id, in: view.post.programID)
        if let repostID = try await store.setRepost(accountID: actor.id, postID: postID, on: on) {
            events.publish(.posted(repostID))
            events.publish(.notified(view.post.authorID))
        }
        try await federation?.reposted(view, by: actor, on, now: Date())
    }

    private func visiblePost(_ id: ID, to viewer: Account) async throws -> PostView {
        guard let view = try await store.post(id: id, viewer: viewer.id) else { throw DomainError.notFound }
        return view
    }
}
