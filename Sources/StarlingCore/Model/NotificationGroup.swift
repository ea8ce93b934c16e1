import Foundation

/// Notifications of one kind about one post (likes, reposts) or of follows, within one 12-hour
/// window, shown as one: "Ben and 2 others liked your post", as Mastodon 4.3 groups them. Every
/// other notification is a group of its own ("ungrouped-ID").
public struct NotificationGroup: Sendable {
    /// The kinds that group, when a client does not narrow them.
    public static let groupableKinds: Set<Notification.Kind> = [.like, .repost, .follow]
    /// The span of a group's window.
    public static let window: TimeInterval = 12 * 3600

    /// Opaque to clients: "like-POST-HOUR", "follow-HOUR" (the hour its window starts), or "ungrouped-ID".
    public var key: String
    /// Newest first; never empty.
    public var notifications: [Notification]

    public var latest: Notification { notifications[0] }
    public var kind: Notification.Kind { latest.kind }

    /// Who caused it, most recent first, each once.
    public var actors: [Account] {
        var seen = Set<ID>()
        return notifications.map(\.actor).filter { seen.insert($0.id).inserted }
    }

    /// The key of the group a notification belongs to, when `groupable` kinds group.
    public static func key(of notification: Notification, groupable: Set<Notification.Kind> = groupableKinds) -> String {
        guard groupable.contains(notification.kind), groupableKinds.contains(notification.kind) else { return "ungrouped-\(notification.id)" }
        let hour = Int(notification.createdAt.timeIntervalSince1970 / window) * Int(window / 3600)
        return [notification.kind.rawValue, notification.post.map { $0.id.description }, String(hour)].compactMap { $0 }.joined(separator: "-")
    }

    /// Notifications (newest first) gathered into groups, ordered by their most recent notification.
    public static func grouping(_ notifications: [Notification], groupable: Set<Notification.Kind> = groupableKinds) -> [NotificationGroup] {
        var groups: [NotificationGroup] = []
        var index: [String: Int] = [:]
        for notification in notifications {
            let key = key(of: notification, groupable: groupable)
            if let at = index[key] {
                groups[at].notifications.append(notification)
            } else {
                index[key] = groups.count
                groups.append(NotificationGroup(key: key, notifications: [notification]))
            }
        }
        return groups
    }
}
