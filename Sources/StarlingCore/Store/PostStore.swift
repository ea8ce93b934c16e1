import Foundation

/// What posts need from persistence: writing, reading (as a viewer may see them), edits, pins, polls, and likes,
/// bookmarks and reposts.
public protocol PostStore: Sendable {
    /// Stores a post with its hashtags and mentions, updates counters, and creates the notifications.
    func insertPost(_ post: NewPost) async throws -> Post
    /// `insertPost` for a post that came from another server: it may wait a few milliseconds to be committed
    /// together with others arriving at the same moment, so that a busy inbox commits once per group of notes
    /// rather than once per note. It returns once committed, as `insertPost` does. Its commit moves only the
    /// change stamp's `latest` part (`ChangeStamp`).
    func insertPostFromOutside(_ post: NewPost) async throws -> Post
    func post(id: ID, viewer: ID?) async throws -> PostView?
    /// The posts among `ids` the viewer may see, in the order given, read together.
    func posts(ids: [ID], viewer: ID?) async throws -> [PostView]
    /// The post stored for an idempotency key within the last hour.
    func postForIdempotencyKey(accountID: ID, key: String, since: Date) async throws -> ID?
    /// Deletes a post (and, when a moderator deleted someone else's, records `audit`) in one step.
    func deletePost(id: ID, audit: AuditEntry?) async throws
    func setLike(accountID: ID, postID: ID, on: Bool) async throws
    func setBookmark(accountID: ID, postID: ID, on: Bool) async throws
    /// Creates or removes `accountID`'s repost of `postID`; returns the new repost's id when one was made.
    @discardableResult
    func setRepost(accountID: ID, postID: ID, on: Bool) async throws -> ID?
    /// Replaces a post's text (keeping the earlier version), hashtags and mentions.
    func updatePost(_ edit: PostEdit) async throws
    /// Earlier versions of a post's text, oldest first (the current one is the post itself).
    func postVersions(postID: ID) async throws -> [PostVersion]
    func setPin(accountID: ID, postID: ID, on: Bool, at date: Date) async throws
    func pinCount(accountID: ID) async throws -> Int
    /// Records a vote; false when the account had already voted.
    func vote(pollID: ID, accountID: ID, choices: [Int], at date: Date) async throws -> Bool
}
