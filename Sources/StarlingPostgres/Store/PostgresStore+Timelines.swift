import Foundation
import StarlingCore
import StarlingSQL

/// Timelines (their queries are shared with the SQLite store: `TimelineQueries`), threads and conversations.
extension PostgresStore {
    public func timeline(_ timeline: Timeline, viewer: ID?, page: PageRequest) async throws -> [TimelineEntry] {
        try await entries(timeline, viewer: viewer, selection: .page(page))
    }

    public func timeline(_ timeline: Timeline, viewer: ID?, positions: [ID]) async throws -> [TimelineEntry] {
        await positions.isEmpty ? [] : try entries(timeline, viewer: viewer, selection: .positions(positions))
    }

    public func timeline(_ timeline: Timeline, position: ID, viewers: [ID]) async throws -> [ID: TimelineEntry] {
        guard !viewers.isEmpty else { return [:] }
        var parameters = Self.timelineParameters(timeline, viewer: nil, selection: .positions([position]))
        parameters["viewers"] = viewers
        parameters["position"] = position
        return try await database.read { [parameters] db in
            guard let shared = try await db.first(Self.sharedTimelineEntryQuery, ["position": position], { Self.sharedTimelineEntry($0) })
            else { return [:] }
            let seen = try await db.rows(Self.timelineViewersQuery(timeline), parameters) { Self.viewerEntry($0, shared: shared) }
            return Dictionary(seen, uniquingKeysWith: { first, _ in first })
        }
    }

    public func timelinePositions(_ timeline: Timeline, viewer: ID?, page: PageRequest) async throws -> [ID] {
        try await database.read { db in
            try await db.rows(Self.timelinePositionsQuery(timeline, page: page),
                              Self.timelineParameters(timeline, viewer: viewer, selection: .page(page))) { ID($0.int64(0)) }
        }
    }

    private func entries(_ timeline: Timeline, viewer: ID?, selection: TimelineSelection) async throws -> [TimelineEntry] {
        try await database.read { db in
            try await db.rows(Self.timelineEntriesQuery(timeline, selection: selection),
                              Self.timelineParameters(timeline, viewer: viewer, selection: selection)) { Self.timelineEntry($0) }
        }
    }

    public func threadRoot(of id: ID) async throws -> ID {
        try await database.read { db in try await db.scalar(Self.threadRootQuery, [id]).map(ID.init) ?? id }
    }

    public func conversationMark(accountID: ID, rootID: ID) async throws -> (readUpTo: ID, hiddenUpTo: ID) {
        try await database.read { db in
            try await db.first("SELECT read_up_to, hidden_up_to FROM conversation_marks WHERE account_id = ? AND root_id = ?", [accountID, rootID]) {
                (ID($0.int64(0)), ID($0.int64(1)))
            } ?? (ID(0), ID(0))
        }
    }

    public func markConversation(accountID: ID, rootID: ID, upTo postID: ID, hide: Bool) async throws {
        try await database.write { db in
            try await db.run(Self.markConversationStatement, ["a": accountID, "r": rootID, "p": postID, "hide": hide])
        }
    }

    public func thread(of id: ID, viewer: ID?) async throws -> ThreadView? {
        try await database.read { db in
            guard let focus = try await self.postView(db, id: id, viewer: viewer) else { return nil }
            let ancestors = try await db.rows(Self.threadAncestorsQuery, [id]) { ID($0.int64(0)) }
            let replies = try await db.rows(Self.threadRepliesQuery, [id]) { (id: ID($0.int64(0)), parent: ID($0.int64(1))) }
            let answers = focus.post.isQuestion ? try await db.rows(Self.answerOrderQuery, [id]) { ID($0.int64(0)) } : nil
            let views = try await self.postViews(db, ids: ancestors + replies.map(\.id), viewer: viewer)
            return Self.thread(focus: focus, ancestorIDs: ancestors, replies: replies, answerOrder: answers, views: views)
        }
    }
}
