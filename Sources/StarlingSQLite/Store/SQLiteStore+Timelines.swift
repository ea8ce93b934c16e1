import Foundation
import StarlingCore
import StarlingSQL

/// Timelines (their queries are shared with the PostgreSQL store: `TimelineQueries`) and threads.
extension SQLiteStore {
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
        return try await database.readOffPool { [parameters] db in
            guard let shared = try db.prepare(Self.sharedTimelineEntryQuery).bind(["position": position]).first({ Self.sharedTimelineEntry($0) })
            else { return [:] }
            let seen = try db.prepare(Self.timelineViewersQuery(timeline)).bind(parameters).rows { Self.viewerEntry($0, shared: shared) }
            return Dictionary(seen, uniquingKeysWith: { first, _ in first })
        }
    }

    public func timelinePositions(_ timeline: Timeline, viewer: ID?, page: PageRequest) async throws -> [ID] {
        try await database.readOffPool { db in
            try db.prepare(Self.timelinePositionsQuery(timeline, page: page))
                .bind(Self.timelineParameters(timeline, viewer: viewer, selection: .page(page))).rows { ID($0.int64(0)) }
        }
    }

    private func entries(_ timeline: Timeline, viewer: ID?, selection: TimelineSelection) async throws -> [TimelineEntry] {
        try await database.readOffPool { db in
            try db.prepare(Self.timelineEntriesQuery(timeline, selection: selection))
                .bind(Self.timelineParameters(timeline, viewer: viewer, selection: selection)).rows { Self.timelineEntry($0) }
        }
    }

    public func threadRoot(of id: ID) async throws -> ID {
        try await database.readOffPool { db in try db.prepare(Self.threadRootQuery).bind([id]).scalar().map(ID.init) ?? id }
    }

    public func conversationMark(accountID: ID, rootID: ID) async throws -> (readUpTo: ID, hiddenUpTo: ID) {
        try await database.readOffPool { db in
            try db.prepare("SELECT read_up_to, hidden_up_to FROM conversation_marks WHERE account_id = ? AND root_id = ?")
                .bind([accountID.rawValue, rootID.rawValue]).first { (ID($0.int64(0)), ID($0.int64(1))) } ?? (ID(0), ID(0))
        }
    }

    public func markConversation(accountID: ID, rootID: ID, upTo postID: ID, hide: Bool) async throws {
        try await database.writeOffPool { db in
            try db.prepare(Self.markConversationStatement).bind(["a": accountID, "r": rootID, "p": postID, "hide": hide]).run()
        }
    }

    public func thread(of id: ID, viewer: ID?) async throws -> ThreadView? {
        try await database.readOffPool { db in
            guard let focus = try self.postView(db, id: id, viewer: viewer) else { return nil }
            let ancestors = try db.prepare(Self.threadAncestorsQuery).bind([id]).rows { ID($0.int64(0)) }
            let replies = try db.prepare(Self.threadRepliesQuery).bind([id]).rows { (id: ID($0.int64(0)), parent: ID($0.int64(1))) }
            let answers = focus.post.isQuestion ? try db.prepare(Self.answerOrderQuery).bind([id]).rows { ID($0.int64(0)) } : nil
            let views = try self.postViews(db, ids: ancestors + replies.map(\.id), viewer: viewer)
            return Self.thread(focus: focus, ancestorIDs: ancestors, replies: replies, answerOrder: answers, views: views)
        }
    }
}
