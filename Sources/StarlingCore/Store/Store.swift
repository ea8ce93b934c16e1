import Foundation

/// Everything the domain needs from persistence. One implementation owns all SQL
/// (`StarlingSQLite.SQLiteStore` today; a PostgreSQL one can be added beside it).
///
/// The store makes the ids of the records it derives (notifications, tags) with the injected
/// `IDGenerator`; each mutating call is atomic: it is all written or nothing is. Reads that take a `viewer`
/// return only what that viewer may see (nil viewer = signed out); a post the viewer may not
/// see is reported as absent.
public protocol Store: ReinforcementStore, AnalyticsStore, HealthStore, ProvisioningStore, SingleSignOnStore, EmailStore,
    AccountDeletionStore {
    /// A number that differs from the one returned before whenever anything was committed in between,
    /// by any process: two equal stamps mean the data did not change (what read caches rely on).
    func changeStamp() throws -> Int64

    // MARK: Programs
    /// Stores a new program with its creator as facilitator; `DomainError.conflict` when its hashtag is taken.
    func insertProgram(_ program: Program, facilitator: ID) throws
    func program(id: ID) throws -> Program?
    /// The programs whose hashtags are among `tagKeys` (`Tag.key` forms).
    func programs(tagKeys: [String]) throws -> [Program]
    /// Open programs, and the private ones `viewer` is a member of (every one for `includingPrivate`), newest first.
    func programs(viewer: ID?, includingPrivate: Bool) throws -> [Program]
    func updateProgram(_ program: Program) throws
    func membership(programID: ID, accountID: ID) throws -> ProgramMembership?
    /// Adds or changes a membership (role, agreement).
    func saveMembership(_ membership: ProgramMembership) throws
    func removeMembership(programID: ID, accountID: ID) throws
    /// Members with their accounts, facilitators first, then by joining time.
    func members(programID: ID) throws -> [(Account, ProgramMembership)]
    /// Everyone who is a member of a program the account is a member of.
    func programPeers(of accountID: ID) throws -> Set<ID>
    func setProgramThread(programID: ID, _ kind: ProgramThread, postID: ID) throws
    /// The program's pinned threads that still exist.
    func programThreads(programID: ID) throws -> [ProgramThread: ID]
    func programKeywords(programID: ID) throws -> [ProgramKeyword]
    /// Adds a watched word (false when the program watches it already).
    func insertProgramKeyword(programID: ID, _ keyword: ProgramKeyword, at: Date) throws -> Bool
    func deleteProgramKeyword(programID: ID, keywordID: ID) throws
    /// The numbers on a program's dashboard, counted at `now`.
    func programStats(programID: ID, now: Date) throws -> ProgramStats
    /// Members other than facilitators who have not replied in the introductions thread.
    func membersWithoutIntroduction(programID: ID) throws -> [Account]

    // MARK: Knowledge base
    func insertKnowledgePage(_ page: KnowledgePage) throws
    /// Saves a page's new title and body, keeping the version it replaces as a revision.
    func updateKnowledgePage(_ page: KnowledgePage) throws
    func knowledgePage(id: ID) throws -> KnowledgePage?
    /// A program's pages, most recently updated first.
    func knowledgePages(programID: ID) throws -> [KnowledgePage]
    /// Earlier versions of a page, newest first.
    func knowledgeRevisions(pageID: ID) throws -> [KnowledgeRevision]
    /// Pages matching the words of `text` in programs `viewer` may see (open ones, or theirs), best first.
    func searchKnowledge(_ text: String, viewer: ID, limit: Int) throws -> [KnowledgePage]

    // MARK: Moderation
    /// Hides a post with a reason, or shows it again (nil), and records the action in the audit log, in one step.
    func setHidden(postID: ID, reason: String?, entry: AuditEntry) throws
    func insertAuditEntry(_ entry: AuditEntry) throws
    /// Records a warning (its audit entry names who and why) and notifies the person warned, in one step.
    func insertWarning(_ entry: AuditEntry, notificationID: ID) throws
    /// Suspends an account (or lifts it) and records the action in the audit log, in one step.
    func setSuspended(accountID: ID, _ on: Bool, entry: AuditEntry) throws
    /// The audit log, newest first.
    func auditLog(page: PageRequest) throws -> [AuditEntry]

    // MARK: Questions and answers
    /// Marks a post as a question, or not.
    func setQuestion(postID: ID, _ on: Bool) throws
    /// Records or withdraws one person's upvote of an answer (counted on the answer).
    func setAnswerVote(answerID: ID, accountID: ID, _ on: Bool, at: Date) throws
    /// Accepts an answer or takes the acceptance back; the question is answered while any answer is accepted.
    func setAccepted(answerID: ID, _ on: Bool, by actor: ID, at: Date) throws

    // MARK: Accounts
    func insertAccount(_ account: NewAccount) throws -> Account
    func account(id: ID) throws -> Account?
    func account(username: String) throws -> Account?
    /// Finds by username or email, for sign-in; also returns the stored password hash.
    func credentials(login: String) throws -> (Account, passwordHash: String)?
    func updateProfile(accountID: ID, displayName: String, bio: String, timeZone: String?) throws
    func updatePasswordHash(accountID: ID, hash: String) throws
    /// Sets (or clears, with nil) the file name of an uploaded avatar.
    func updateAvatar(accountID: ID, path: String?) throws
    func accounts(page: PageRequest) throws -> [Account]
    func accountCount() throws -> Int

    // MARK: Invitations and sessions
    func insertInvitation(_ invitation: Invitation) throws
    func invitation(code: String) throws -> Invitation?
    func invitations() throws -> [Invitation]
    /// Creates the account and marks the invitation used, in one step; nil when it was already used.
    func redeemInvitation(code: String, account: NewAccount, at: Date) throws -> Account?
    func insertSession(tokenHash: String, accountID: ID, expiresAt: Date) throws
    func session(tokenHash: String, now: Date) throws -> Account?
    func deleteSession(tokenHash: String) throws
    func setting(_ key: String) throws -> String?
    func setSetting(_ key: String, value: String) throws

    // MARK: OAuth
    func insertApp(_ app: OAuthApp, secretHash: String) throws
    func app(clientID: String) throws -> (OAuthApp, secretHash: String)?
    func insertToken(hash: String, refreshHash: String?, appID: ID, accountID: ID?, scopes: String, at: Date) throws
    /// Revokes the token a refresh token belongs to and returns what it granted (once).
    func redeemRefreshToken(hash: String, appID: ID, at: Date) throws -> (accountID: ID?, scopes: String)?
    func insertAuthorizationCode(_ code: AuthorizationCode) throws
    /// Marks a code used and returns it, if it exists, is unused and has not expired.
    func redeemAuthorizationCode(hash: String, at: Date) throws -> AuthorizationCode?
    /// The app, account and scopes of a live (not revoked) token.
    /// A live token by its hash, with the account it acts for (read together: every API request asks).
    func token(hash: String) throws -> (appID: ID, accountID: ID?, account: Account?, scopes: String)?
    func revokeToken(hash: String, appID: ID) throws

    // MARK: Posts
    /// Stores a post with its hashtags and mentions, updates counters, and creates the notifications.
    func insertPost(_ post: NewPost) throws -> Post
    func post(id: ID, viewer: ID?) throws -> PostView?
    /// The posts among `ids` the viewer may see, in the order given, read together.
    func posts(ids: [ID], viewer: ID?) throws -> [PostView]
    /// The post stored for an idempotency key within the last hour.
    func postForIdempotencyKey(accountID: ID, key: String, since: Date) throws -> ID?
    /// Deletes a post (and, when a moderator deleted someone else's, records `audit`) in one step.
    func deletePost(id: ID, audit: AuditEntry?) throws
    func setLike(accountID: ID, postID: ID, on: Bool) throws
    func setBookmark(accountID: ID, postID: ID, on: Bool) throws
    /// Creates or removes `accountID`'s repost of `postID`; returns the new repost's id when one was made.
    @discardableResult
    func setRepost(accountID: ID, postID: ID, on: Bool) throws -> ID?

    // MARK: Relations
    func setFollow(followerID: ID, followeeID: ID, on: Bool) throws
    func setMute(accountID: ID, targetID: ID, on: Bool) throws
    func setBlock(accountID: ID, targetID: ID, on: Bool) throws
    func relationship(from: ID, to: ID) throws -> Relationship
    func setTagFollow(accountID: ID, tag: String, on: Bool) throws
    func followedTags(accountID: ID) throws -> [Tag]
    /// The hashtags with the most posts, most first.
    func busiestTags(limit: Int) throws -> [Tag]
    /// Whether the account posted in a program it is a member of.
    func hasPostedInJoinedProgram(accountID: ID) throws -> Bool
    /// Whether the account said it would come to any occurrence of an event.
    func hasRSVP(accountID: ID) throws -> Bool
    func tag(name: String) throws -> Tag?
    func followers(of: ID, page: PageRequest) throws -> [Account]
    /// People who liked (or reposted) a post, most recent first.
    func interactors(of postID: ID, reposts: Bool, page: PageRequest) throws -> [Account]
    /// Where a person stopped reading a timeline ("home", "notifications"): last read id, version, time.
    func marker(accountID: ID, timeline: String) throws -> Marker?
    func setMarker(accountID: ID, timeline: String, lastReadID: ID) throws -> Marker
    func following(of: ID, page: PageRequest) throws -> [Account]

    // MARK: Timelines (newest first, paged, filtered for the viewer)
    func timeline(_ timeline: Timeline, viewer: ID?, page: PageRequest) throws -> [TimelineEntry]

    // MARK: Edits and pins
    /// Replaces a post's text (keeping the earlier version), hashtags and mentions.
    func updatePost(_ edit: PostEdit) throws
    /// Earlier versions of a post's text, oldest first (the current one is the post itself).
    func postVersions(postID: ID) throws -> [PostVersion]
    func setPin(accountID: ID, postID: ID, on: Bool, at date: Date) throws
    func pinCount(accountID: ID) throws -> Int

    // MARK: Polls
    /// Records a vote; false when the account had already voted.
    func vote(pollID: ID, accountID: ID, choices: [Int], at date: Date) throws -> Bool

    // MARK: Scheduled posts
    // MARK: Events
    func insertEvent(_ event: Event) throws
    func event(id: ID) throws -> Event?
    /// A program's events (nil: the organization's), the latest first.
    func events(programID: ID?) throws -> [Event]
    /// Adds an occurrence unless the event already has one with its index; true when added.
    func insertOccurrence(_ occurrence: EventOccurrence) throws -> Bool
    func occurrence(id: ID) throws -> EventOccurrence?
    func occurrences(eventID: ID) throws -> [EventOccurrence]
    /// Records when an occurrence started or ended (the first time only).
    func markOccurrence(id: ID, startedAt: Date?, endedAt: Date?) throws
    func setRSVP(occurrenceID: ID, accountID: ID, _ on: Bool, at date: Date) throws
    /// Who said they would come, the earliest first.
    func rsvps(occurrenceID: ID) throws -> [ID]
    /// Replaces the hash of the person's secret calendar link (the old link stops working).
    func setCalendarToken(accountID: ID, hash: String) throws
    /// Whose calendar link this is (never a suspended account's).
    func account(calendarTokenHash hash: String) throws -> Account?
    func script(eventID: ID) throws -> ChatScript
    /// Replaces an event's welcome and questions.
    func saveScript(eventID: ID, _ script: ChatScript) throws
    /// The questions released in an occurrence, Q1 first.
    func releasedQuestions(occurrenceID: ID) throws -> [ReleasedQuestion]
    /// Records a released question (the first record of its number stays).
    func recordRelease(occurrenceID: ID, _ released: ReleasedQuestion) throws
    /// Posts on a hashtag made in [from, until), and replies made then to them (however deep), that the viewer may see, oldest first.
    func chatPosts(hashtag: String, from: Date, until: Date, viewer: ID?) throws -> [PostView]
    /// Keeps an occurrence's transcript, and adds the knowledge-base page it is published as (in one step).
    func saveTranscript(occurrenceID: ID, markdown: String, page: KnowledgePage?) throws
    func transcript(occurrenceID: ID) throws -> (markdown: String, pageID: ID?)?
    /// Holds an occurrence's script (nil lifts the hold).
    func holdOccurrence(id: ID, at date: Date?) throws
    /// Marks a post of an occurrence as highlighted by its hosts (or no longer).
    func setHighlight(occurrenceID: ID, postID: ID, _ on: Bool, at date: Date) throws
    /// The posts hosts highlighted in an occurrence, in the order they did.
    func highlights(occurrenceID: ID) throws -> [ID]

    // MARK: Ask-the-expert sessions
    func addExpert(eventID: ID, accountID: ID) throws
    /// An event's experts (guests invited to it, or members hosts named).
    func experts(eventID: ID) throws -> [Account]
    /// The events an account is an expert of.
    func expertEvents(accountID: ID) throws -> [ID]
    /// The hashtags of the organization's events an account is an expert of that are live now.
    func liveExpertHashtags(accountID: ID) throws -> [String]
    func insertExpertQuestion(id: ID, occurrenceID: ID, authorID: ID, text: String, status: ExpertQuestion.Status) throws
    /// A question as `viewer` sees it (whether they upvoted it), whatever its status.
    func expertQuestion(id: ID, viewer: ID) throws -> ExpertQuestion?
    /// An occurrence's questions, whatever their status: unanswered first, then by votes, then oldest first.
    func expertQuestions(occurrenceID: ID, viewer: ID) throws -> [ExpertQuestion]
    func setExpertQuestionStatus(id: ID, _ status: ExpertQuestion.Status) throws
    /// Adds or takes back one account's vote (once each), keeping the count.
    func setExpertVote(questionID: ID, accountID: ID, _ on: Bool) throws
    func answerExpertQuestion(id: ID, answer: String, by accountID: ID, at date: Date) throws
    /// Records the program question an unanswered one was handed on as.
    func setOpenQuestion(expertQuestionID: ID, postID: ID) throws
    /// Notifies each recipient about an occurrence (once per kind and occurrence).
    func notifyOccurrence(_ occurrenceID: ID, kind: Notification.Kind, recipients: [ID], actor: ID, at date: Date) throws

    // MARK: Jobs (see JobQueue and JobRunner)
    /// Adds a job, or moves the job with the same key to this one's time, kind and payload (tried afresh).
    func upsertJob(_ job: Job) throws
    func deleteJob(key: String) throws
    /// Jobs due at `date` that have not failed for good, the earliest first.
    func dueJobs(at date: Date, limit: Int) throws -> [Job]
    /// Takes a due job for a runner (its time moves to `leaseUntil`, its attempts up by one); false when
    /// another runner took it, or it moved, since it was read as due at `dueAt`.
    func claimJob(id: ID, dueAt: Date, leaseUntil: Date) throws -> Bool
    /// Deletes a job a runner finished, unless it was enqueued again meanwhile.
    func finishJob(id: ID, leasedUntil: Date) throws
    /// Records a failed attempt: due again at `retryAt`, or (nil) failed for good at `at`.
    func failJob(id: ID, leasedUntil: Date, error: String, retryAt: Date?, at: Date) throws
    func failedJobs(limit: Int) throws -> [Job]
    /// How many jobs are due at `date` and waiting, planned for later, and failed for good.
    func jobQueueDepth(at date: Date) throws -> JobQueueDepth
    /// Makes a failed job due at `at` with no attempts counted; false when there is no such failed job.
    func retryJob(id: ID, at: Date) throws -> Bool

    func insertScheduledPost(_ post: ScheduledPost) throws
    func scheduledPost(id: ID) throws -> ScheduledPost?
    /// An account's scheduled posts, by id, paged.
    func scheduledPosts(accountID: ID, page: PageRequest) throws -> [ScheduledPost]
    func reschedulePost(id: ID, at date: Date) throws
    func deleteScheduledPost(id: ID) throws

    // MARK: Reports and suggestions
    func insertReport(_ report: Report) throws
    /// Reports not yet resolved, newest first.
    /// Open reports, newest first; with `programID`, only those naming one of that program's posts.
    func openReports(limit: Int, programID: ID?) throws -> [Report]
    func resolveReport(id: ID, at date: Date) throws
    /// People the account might follow: followed by the people it follows, then the most followed;
    /// never itself, people it follows, blocks or was blocked by, or dismissed.
    func suggestions(for accountID: ID, limit: Int) throws -> [Suggestion]
    func dismissSuggestion(accountID: ID, targetID: ID) throws

    // MARK: Filters
    /// Creates or updates a filter's own fields (not its keywords or posts).
    func saveFilter(_ filter: ContentFilter) throws
    func deleteFilter(id: ID) throws
    /// A filter with its keywords and posts.
    func filter(id: ID) throws -> ContentFilter?
    func filters(accountID: ID) throws -> [ContentFilter]
    func saveFilterKeyword(_ keyword: ContentFilter.Keyword, filterID: ID) throws
    func deleteFilterKeyword(id: ID) throws
    /// The filter a keyword belongs to.
    func filterID(ofKeyword id: ID) throws -> ID?
    func addFilterPost(_ entry: ContentFilter.PostEntry, filterID: ID) throws
    func deleteFilterPost(id: ID) throws
    func filterID(ofPostEntry id: ID) throws -> ID?

    // MARK: Lists
    func saveList(_ list: AccountList) throws
    func deleteList(id: ID) throws
    func list(id: ID) throws -> AccountList?
    /// An owner's lists, or (with `member`) those of their lists that hold that account.
    func lists(ownerID: ID, member: ID?) throws -> [AccountList]
    func listMembers(listID: ID, page: PageRequest) throws -> [Account]
    func setListMember(listID: ID, accountID: ID, on: Bool) throws

    // MARK: Media
    func insertMedia(_ media: MediaAttachment) throws
    func media(id: ID) throws -> MediaAttachment?
    /// Saves a changed description and focus point.
    func updateMedia(_ media: MediaAttachment) throws
    /// The file names of a post's attachments (to delete the files with the post).
    func mediaFileNames(postID: ID) throws -> [String]
    /// Uploads never attached to a post, made before `date`, oldest first.
    func unattachedMedia(before date: Date, limit: Int) throws -> [MediaAttachment]
    /// Deletes an upload that is still unattached (an attached one stays); true when it was deleted.
    func deleteUnattachedMedia(id: ID) throws -> Bool
    /// The entries at `positions` (timeline ids) that the timeline still shows the viewer: the same
    /// rules as a page, applied to remembered positions. Newest first.
    func timeline(_ timeline: Timeline, viewer: ID?, positions: [ID]) throws -> [TimelineEntry]
    /// The entry at one timeline position as each of `viewers` sees it, for those it is shown to: the
    /// same rule as `timeline`, in one query for many viewers (live streams fan one post out this way).
    func timeline(_ timeline: Timeline, position: ID, viewers: [ID]) throws -> [ID: TimelineEntry]
    /// Just the positions of a page's entries, newest first (cheap to remember).
    func timelinePositions(_ timeline: Timeline, viewer: ID?, page: PageRequest) throws -> [ID]
    func thread(of id: ID, viewer: ID?) throws -> ThreadView?
    /// The first post of the reply chain `id` belongs to (a conversation's id).
    func threadRoot(of id: ID) throws -> ID
    /// How far an account has read and hidden a conversation (0 when never).
    func conversationMark(accountID: ID, rootID: ID) throws -> (readUpTo: ID, hiddenUpTo: ID)
    /// Moves the read (and, with `hide`, the hidden) mark of a conversation up to `postID`.
    func markConversation(accountID: ID, rootID: ID, upTo postID: ID, hide: Bool) throws

    // MARK: Notifications
    /// Notifications newest first; `kinds` limits them to those kinds (nil: all).
    func notifications(recipientID: ID, page: PageRequest, kinds: Set<Notification.Kind>?) throws -> [Notification]
    /// Deletes one notification (or all of the recipient's, with nil).
    func dismissNotifications(recipientID: ID, id: ID?) throws
    func unreadNotificationCount(recipientID: ID) throws -> Int
    func markNotificationsRead(recipientID: ID, upTo: ID) throws

    // MARK: Search
    /// The newest posts (at most `limit`) that match the words and filters and that the viewer may see,
    /// newest first. With no words, the newest posts that match the filters.
    func searchCandidates(_ query: PostSearch, viewer: ID?, limit: Int) throws -> [SearchCandidate]
    /// People whose names have words starting with the text's words; with `guest`, only that guest and
    /// the members of their programs.
    func searchAccounts(_ text: String, limit: Int, guest: ID?) throws -> [Account]
    /// Hashtags starting with the text, most used first; with `guest`, only the hashtags of that guest's programs.
    func searchTags(_ text: String, limit: Int, guest: ID?) throws -> [Tag]
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

    public init(any: [String] = [], all: [String] = [], none: [String] = [], onlyMedia: Bool = false) {
        self.any = any
        self.all = all
        self.none = none
        self.onlyMedia = onlyMedia
    }

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
