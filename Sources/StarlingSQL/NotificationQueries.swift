import Foundation
import StarlingCore

/// A notification as stored, before its post is read as the recipient sees it.
public struct StoredNotification: Sendable {
    public var id: ID
    public var kind: String
    public var postID: ID?
    public var createdAt: Date
    public var actor: Account
    public var warning: String?
    public var event: EventNotice?
    public var digest: DigestNotice?

    public init(id: ID, kind: String, postID: ID?, createdAt: Date, actor: Account, warning: String?, event: EventNotice?, digest: DigestNotice?) {
        self.id = id
        self.kind = kind
        self.postID = postID
        self.createdAt = createdAt
        self.actor = actor
        self.warning = warning
        self.event = event
        self.digest = digest
    }
}

/// Notifications: the page query both engines run, and how its rows become what the recipient sees.
extension SQLStore {
    /// A page of `:viewer`'s notifications (of the kinds listed in `:kinds`, or all), read by `storedNotification`.
    public static func notificationsQuery(readsUpwards: Bool) -> String {
        """
        SELECT n.id, n.kind, n.post_id, n.created_at, \(accountColumns), w.reason, e.id, e.title, o.starts_at, g.id, g.title, n.detail
        FROM notifications n JOIN accounts a ON a.id = n.actor_id LEFT JOIN audit_log w ON w.id = n.audit_id
        LEFT JOIN event_occurrences o ON o.id = n.occurrence_id LEFT JOIN events e ON e.id = o.event_id
        LEFT JOIN programs g ON g.id = n.program_id
        WHERE n.recipient_id = :viewer
          AND n.id < coalesce(:max, 9223372036854775807) AND n.id > coalesce(:lower, 0)
          AND (:kinds IS NULL OR \(dialect.isIn("n.kind", list: ":kinds")))
        ORDER BY n.id \(readsUpwards ? "ASC" : "DESC") LIMIT :limit
        """
    }

    public static func notificationsParameters(recipientID: ID, page: PageRequest, kinds: Set<StarlingCore.Notification.Kind>?)
        -> [String: any SQLBindable] {
        ["viewer": recipientID, "max": page.maxID, "lower": page.lowerBound, "limit": page.limit, "kinds": kinds.map { $0.map(\.rawValue) }]
    }

    @inlinable public static func storedNotification(_ row: some ColumnReader) -> StoredNotification {
        let c = accountColumnCount
        return StoredNotification(
            id: ID(row.int64(0)), kind: row.string(1), postID: row.optionalInt64(2).map(ID.init), createdAt: date(row.int64(3)),
            actor: account(row, from: 4), warning: row.optionalString(4 + c),
            event: row.optionalInt64(5 + c).map { EventNotice(eventID: ID($0), title: row.string(6 + c), startsAt: date(row.int64(7 + c))) },
            digest: row.optionalInt64(8 + c).map { DigestNotice(programID: ID($0), programTitle: row.string(9 + c), summary: row.optionalString(10 + c) ?? "") })
    }

    /// The notifications of a page, newest first, with `posts` (what the recipient may see of theirs): one about a
    /// post the recipient can no longer see is not shown; those newer than `readUpTo` are unread.
    public static func notifications(_ stored: [StoredNotification], posts: [PostView], readUpTo: Int64, readsUpwards: Bool)
        -> [StarlingCore.Notification] {
        let views = Dictionary(posts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return (readsUpwards ? stored.reversed() : stored).compactMap { row in
            guard let kind = StarlingCore.Notification.Kind(rawValue: row.kind) else { return nil }
            var post: PostView?
            if let postID = row.postID {
                guard let view = views[postID] else { return nil }
                post = view
            }
            var notification = StarlingCore.Notification(id: row.id, kind: kind, actor: row.actor, post: post,
                                                         createdAt: row.createdAt, isUnread: row.id.rawValue > readUpTo)
            notification.warning = row.warning
            notification.event = row.event
            notification.digest = row.digest
            return notification
        }
    }
}
