import Foundation

/// What timelines need from persistence (newest first, paged, filtered for the viewer): pages, remembered
/// positions, threads, conversations and read markers.
public protocol TimelineStore: Sendable {
    /// Where a person stopped reading a timeline ("home", "notifications"): last read id, version, time.
    func marker(accountID: ID, timeline: String) async throws -> Marker?
    func setMarker(accountID: ID, timeline: String, lastReadID: ID) async throws -> Marker
    func timeline(_ timeline: Timeline, viewer: ID?, page: PageRequest) async throws -> [TimelineEntry]
    /// The entries at `positions` (timeline ids) that the timeline still shows the viewer: the same
    /// rules as a page, applied to remembered positions. Newest first.
    func timeline(_ timeline: Timeline, viewer: ID?, positions: [ID]) async throws -> [TimelineEntry]
    /// The entry at one timeline position as each of `viewers` sees it, for those it is shown to: the
    /// same rule as `timeline`, in one query for many viewers (live streams fan one post out this way).
    func timeline(_ timeline: Timeline, position: ID, viewers: [ID]) async throws -> [ID: TimelineEntry]
    /// Just the positions of a page's entries, newest first (cheap to remember).
    func timelinePositions(_ timeline: Timeline, viewer: ID?, page: PageRequest) async throws -> [ID]
    func thread(of id: ID, viewer: ID?) async throws -> ThreadView?
    /// The first post of the reply chain `id` belongs to (a conversation's id).
    func threadRoot(of id: ID) async throws -> ID
    /// How far an account has read and hidden a conversation (0 when never).
    func conversationMark(accountID: ID, rootID: ID) async throws -> (readUpTo: ID, hiddenUpTo: ID)
    /// Moves the read (and, with `hide`, the hidden) mark of a conversation up to `postID`.
    func markConversation(accountID: ID, rootID: ID, upTo postID: ID, hide: Bool) async throws
}
