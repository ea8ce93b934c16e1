import Foundation

/// Everything the domain needs from persistence, composed of one protocol per concern (as GoToSocial
/// composes its `internal/db`), each in a file of its own. Each engine implements them file by file
/// (`StarlingSQLite.SQLiteStore`, `StarlingPostgres.PostgresStore`; what they share is in `StarlingSQL`).
///
/// The store makes the ids of the records it derives (notifications, tags) with the injected
/// `IDGenerator`; each mutating call is atomic: it is all written or nothing is. Reads that take a `viewer`
/// return only what that viewer may see (nil viewer = signed out); a post the viewer may not
/// see is reported as absent.
public protocol Store: AccountStore, InvitationStore, SessionStore, SignInAttemptStore, SettingStore, OAuthStore,
    PostStore, ScheduledPostStore, MediaStore, RelationStore, TagStore, TimelineStore, NotificationStore, SearchStore,
    FilterStore, ListStore, ProgramStore, KnowledgeStore, QuestionStore, ModerationStore, EventStore, ExpertSessionStore,
    JobStore, ReinforcementStore, AnalyticsStore, HealthStore, ProvisioningStore, SingleSignOnStore, EmailStore,
    AccountDeletionStore, FederationStore, RemoteFollowStore, DeliveryTroubleStore, OutsideStore, RelayStore {
    /// A stamp that differs from the one returned before whenever anything was committed in between,
    /// by any process: two equal stamps mean the data did not change (what read caches rely on).
    func changeStamp() async throws -> ChangeStamp
}

/// An account about to be created.
public struct NewAccount: Sendable {
    public var id: ID
    public var username: String
    public var email: String
    public var displayName: String
    public var bio: String
    public var role: Role
    public var passwordHash: String
    public var createdAt: Date

    public init(id: ID, username: String, email: String, displayName: String, bio: String = "",
                role: Role, passwordHash: String, createdAt: Date) {
        self.id = id
        self.username = username
        self.email = email
        self.displayName = displayName
        self.bio = bio
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}

/// A post about to be stored, with everything derived from its text already resolved.
/// A post's new text, as `PostService.edit` prepared it.
public struct PostEdit: Sendable {
    public var postID: ID
    public var source: String
    public var html: String
    public var contentWarning: String
    public var hashtags: [String]
    public var mentionedIDs: [ID]
    public var editedAt: Date
    /// The program the post belongs to after the edit (its hashtags may have changed).
    public var programID: ID?

    public init(postID: ID, source: String, html: String, contentWarning: String, hashtags: [String], mentionedIDs: [ID], editedAt: Date,
                programID: ID? = nil) {
        self.postID = postID
        self.source = source
        self.html = html
        self.contentWarning = contentWarning
        self.hashtags = hashtags
        self.mentionedIDs = mentionedIDs
        self.editedAt = editedAt
        self.programID = programID
    }
}

public struct NewPost: Sendable {
    public var post: Post
    public var hashtags: [String]
    public var mentionedIDs: [ID]
    public var idempotencyKey: String?
    /// Uploads to attach, in order; each must be the author's and not attached yet.
    public var mediaIDs: [ID]
    /// A poll to attach (already validated), closing at `expiresAt`.
    public var poll: (draft: PollDraft, expiresAt: Date)?

    public init(post: Post, hashtags: [String], mentionedIDs: [ID], idempotencyKey: String?, mediaIDs: [ID] = [],
                poll: (draft: PollDraft, expiresAt: Date)? = nil) {
        self.post = post
        self.hashtags = hashtags
        self.mentionedIDs = mentionedIDs
        self.idempotencyKey = idempotencyKey
        self.mediaIDs = mediaIDs
        self.poll = poll
    }
}

/// Which list of posts to read.
/// Someone worth following, and why.
public struct Suggestion: Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        /// People you follow follow them.
        case friendsOfFriends
        /// Many people follow them.
        case mostFollowed
    }

    public var account: Account
    public var reason: Reason

    public init(account: Account, reason: Reason) {
        self.account = account
        self.reason = reason
    }
}

/// More hashtags for a hashtag timeline (Mastodon's `any[]`, `all[]`, `none[]`).
public struct TagFilter: Sendable, Equatable {
    /// Posts with the main hashtag or any of these.
    public var any: [String]
    /// Posts that also have every one of these.
    public var all: [String]
    /// Posts with none of these.
    public var none: [String]
    public var onlyMedia: Bool
    /// The posts that came from other servers (public ones, kept because someone here asked for them), instead
    /// of the organization's own.
    public var fromOutside: Bool

    public init(any: [String] = [], all: [String] = [], none: [String] = [], onlyMedia: Bool = false, fromOutside: Bool = false) {
        self.any = any
        self.all = all
        self.none = none
        self.onlyMedia = onlyMedia
        self.fromOutside = fromOutside
    }

    /// Whether no hashtag but the main one, nor media, is asked for (whichever side, inside or outside).
    public var isEmpty: Bool { any.isEmpty && all.isEmpty && none.isEmpty && !onlyMedia }
}

/// Which of a person's posts a profile timeline shows.
public struct ProfileFilter: Sendable, Equatable {
    public var excludeReplies = false
    public var excludeReposts = false
    public var onlyMedia = false
    /// Only posts with this hashtag.
    public var tagged: String?
    /// Only the posts they pinned.
    public var pinnedOnly = false

    public init(excludeReplies: Bool = false, excludeReposts: Bool = false, onlyMedia: Bool = false, tagged: String? = nil,
                pinnedOnly: Bool = false) {
        self.excludeReplies = excludeReplies
        self.excludeReposts = excludeReposts
        self.onlyMedia = onlyMedia
        self.tagged = tagged
        self.pinnedOnly = pinnedOnly
    }
}

public enum Timeline: Sendable, Equatable {
    /// The viewer's own posts, people they follow and hashtags they follow (minus muted and blocked).
    case home
    /// Every post the viewer may see.
    case organization
    /// Posts with this hashtag (and, optionally, any, all or none of others).
    case hashtag(String, TagFilter = TagFilter())
    /// One person's posts and reposts, optionally narrowed.
    case profile(ID, ProfileFilter = ProfileFilter())
    /// What the viewer bookmarked, most recent bookmark first.
    case bookmarks
    /// What the viewer liked, most recent like first.
    case likes
    /// Posts by the members of one of the viewer's lists.
    case list(ID)
    /// Posts for mentioned people only that the viewer wrote or is mentioned in.
    case direct
    /// A program's stream: its members' posts with its hashtag, and the replies in their threads.
    case program(ID)
    /// Questions (in one program, or everywhere), by whether an answer was accepted.
    case questions(program: ID?, QuestionFilter)
    /// How-to guides, in one program and/or by one author (nil: any).
    case guides(program: ID?, author: ID?)
}

/// Which questions a questions view shows.
public enum QuestionFilter: String, Sendable, CaseIterable {
    /// No answer accepted yet.
    case open
    /// At least one answer accepted.
    case answered
    case all
}

/// A full-text search over posts with optional filters.
public struct PostSearch: Sendable, Equatable {
    public var text: String
    public var hashtag: String?
    public var authorID: ID?
    public var from: Date?
    public var until: Date?

    public init(text: String, hashtag: String? = nil, authorID: ID? = nil, from: Date? = nil, until: Date? = nil) {
        self.text = text
        self.hashtag = hashtag
        self.authorID = authorID
        self.from = from
        self.until = until
    }
}

/// A reading position, synchronized between a person's apps.
public struct Marker: Sendable, Equatable {
    public var timeline: String
    public var lastReadID: ID
    public var version: Int
    public var updatedAt: Date

    public init(timeline: String, lastReadID: ID, version: Int, updatedAt: Date) {
        self.timeline = timeline
        self.lastReadID = lastReadID
        self.version = version
        self.updatedAt = updatedAt
    }
}

/// A one-time code from the consent page, exchanged for a token at the token endpoint.
public struct AuthorizationCode: Sendable {
    public var codeHash: String
    public var appID: ID
    public var accountID: ID
    public var redirectURI: String
    public var scopes: String
    /// The PKCE S256 challenge the exchange must answer, if the client sent one.
    public var codeChallenge: String?
    public var expiresAt: Date

    public init(codeHash: String, appID: ID, accountID: ID, redirectURI: String, scopes: String, codeChallenge: String?, expiresAt: Date) {
        self.codeHash = codeHash
        self.appID = appID
        self.accountID = accountID
        self.redirectURI = redirectURI
        self.scopes = scopes
        self.codeChallenge = codeChallenge
        self.expiresAt = expiresAt
    }
}
