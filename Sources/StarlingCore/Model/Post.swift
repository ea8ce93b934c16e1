import Foundation

/// Who may see a post.
public enum Visibility: String, Sendable, CaseIterable, Codable {
    /// Everyone, also signed out; only allowed when the instance enables public access.
    case `public`
    /// Every signed-in member of the organization (the default).
    case organization
    /// The author's followers and the people it mentions.
    case followers
    /// Only the people it mentions.
    case direct

    public var label: String {
        switch self {
        case .public: "Public"
        case .organization: "Organization"
        case .followers: "Followers"
        case .direct: "Mentioned people only"
        }
    }

    /// Whether others may repost a post of this visibility.
    public var allowsReposts: Bool { self == .public || self == .organization }
}

/// Where a post from another server lives.
public struct RemotePost: Sendable, Hashable {
    /// The Note's id, by which its updates and deletion name it.
    public var uri: String
    /// Its page there (the id when the Note names none).
    public var url: String

    public init(uri: String, url: String) {
        self.uri = uri
        self.url = url
    }
}

/// A post as stored: the author's source text and its rendered, sanitized HTML.
public struct Post: Sendable, Hashable, Identifiable {
    public var id: ID
    public var authorID: ID
    public var visibility: Visibility
    public var source: String
    public var html: String
    public var contentWarning: String
    public var inReplyToID: ID?
    public var inReplyToAccountID: ID?
    public var repostOfID: ID?
    public var createdAt: Date
    public var repliesCount: Int
    public var repostsCount: Int
    public var likesCount: Int
    /// When the text was last edited (nil: never).
    public var editedAt: Date?
    /// The language it is written in (ISO 639 code), when the author's app said.
    public var language: String?
    /// The program whose stream it is part of (see `ProgramPlacement`); a private program's posts
    /// are for its members only.
    public var programID: ID?
    /// Asked as a question: its direct replies are answers, which can be upvoted and accepted.
    public var isQuestion = false
    /// For a question: when someone other than the asker first answered.
    public var firstAnswerAt: Date?
    /// For a question: when its earliest accepted answer was accepted (nil: still open).
    public var answeredAt: Date?
    /// For an answer: when it was accepted.
    public var acceptedAt: Date?
    /// For an answer: how many people upvoted it.
    public var votesCount = 0
    /// When moderators hid it, and why (its author and moderators still see it, with the reason).
    public var hiddenAt: Date?
    public var hiddenReason: String?
    /// Asked anonymously in a program that allows it: others see "a learner" as its author (see
    /// `Account.anonymousLearner`); `authorID` stays the real author, for the rules, never for display.
    public var isAnonymous = false
    /// For a how-to guide: its title and step captions (the steps' photos are its attachments).
    public var guide: Guide?
    /// Sent for this one person only (a review, a reminder): nobody else sees it, not even its author.
    public var onlyFor: ID?
    /// Set for a post that came from another server: its id (the Note's) and page there.
    public var remote: RemotePost?

    /// Whether the post came from another server.
    public var isRemote: Bool { remote != nil }

    public init(
        id: ID, authorID: ID, visibility: Visibility, source: String, html: String, contentWarning: String = "",
        inReplyToID: ID? = nil, inReplyToAccountID: ID? = nil, repostOfID: ID? = nil, createdAt: Date,
        repliesCount: Int = 0, repostsCount: Int = 0, likesCount: Int = 0, editedAt: Date? = nil, language: String? = nil,
        programID: ID? = nil
    ) {
        self.id = id
        self.authorID = authorID
        self.visibility = visibility
        self.source = source
        self.html = html
        self.contentWarning = contentWarning
        self.inReplyToID = inReplyToID
        self.inReplyToAccountID = inReplyToAccountID
        self.repostOfID = repostOfID
        self.createdAt = createdAt
        self.repliesCount = repliesCount
        self.repostsCount = repostsCount
        self.likesCount = likesCount
        self.editedAt = editedAt
        self.language = language
        self.programID = programID
    }
}

/// An earlier (or the current) version of a post's text, for its edit history.
public struct PostVersion: Sendable, Hashable {
    public var source: String
    public var html: String
    public var contentWarning: String
    /// When this version was written.
    public var createdAt: Date

    public init(source: String, html: String, contentWarning: String, createdAt: Date) {
        self.source = source
        self.html = html
        self.contentWarning = contentWarning
        self.createdAt = createdAt
    }
}

/// An account a post mentions.
public struct MentionedAccount: Sendable, Hashable {
    public var id: ID
    public var username: String

    public init(id: ID, username: String) {
        self.id = id
        self.username = username
    }
}

/// A post ready to show to one viewer: its author, whom it mentions, its hashtags, and what the
/// viewer did with it.
public struct PostView: Sendable, Hashable, Identifiable {
    public var post: Post
    public var author: Account
    public var mentions: [MentionedAccount] = []
    /// Hashtag names, as first used.
    public var tags: [String] = []
    /// Attached images, in the order the author gave.
    public var media: [MediaAttachment] = []
    /// The poll, with the viewer's own votes.
    public var poll: Poll?
    public var likedByViewer = false
    public var repostedByViewer = false
    public var bookmarkedByViewer = false
    /// The viewer pinned this post to their profile (only ever true for their own posts).
    public var pinnedByViewer = false
    /// The viewer upvoted this answer.
    public var votedByViewer = false

    public init(post: Post, author: Account) {
        self.post = post
        self.author = author
    }

    public var id: ID { post.id }
}

/// One line of a timeline: a post, or someone's repost of a post.
public struct TimelineEntry: Sendable, Hashable, Identifiable {
    /// The timeline position: the post's id, or the repost's id for a repost.
    public var id: ID
    /// The post to show.
    public var post: PostView
    /// Who reposted it, when this entry is a repost.
    public var repostedBy: Account?

    public init(id: ID, post: PostView, repostedBy: Account? = nil) {
        self.id = id
        self.post = post
        self.repostedBy = repostedBy
    }
}

/// A private conversation: a thread of posts for mentioned people only, as one participant sees it.
public struct Conversation: Sendable, Hashable, Identifiable {
    /// The thread's first post.
    public var id: ID
    public var lastPost: PostView
    /// Everyone in it but the viewer.
    public var participants: [Account]
    /// Someone else wrote in it since the viewer last read it.
    public var unread: Bool

    public init(id: ID, lastPost: PostView, participants: [Account], unread: Bool = false) {
        self.id = id
        self.lastPost = lastPost
        self.participants = participants
        self.unread = unread
    }
}

/// A thread around one post: its ancestors (oldest first), the post, and its descendants in reading order.
public struct ThreadView: Sendable {
    public var ancestors: [PostView]
    public var focus: PostView
    public var descendants: [PostView]

    public init(ancestors: [PostView], focus: PostView, descendants: [PostView]) {
        self.ancestors = ancestors
        self.focus = focus
        self.descendants = descendants
    }
}

/// A hashtag, shown in the case it was first used.
public struct Tag: Sendable, Hashable, Identifiable {
    public var id: ID
    public var name: String
    public var postsCount: Int

    public init(id: ID, name: String, postsCount: Int = 0) {
        self.id = id
        self.name = name
        self.postsCount = postsCount
    }
}
