import Foundation

/// What notifications need from persistence: reading, dismissing and marking them read.
public protocol NotificationStore: Sendable {
    /// Notifications newest first; `kinds` limits them to those kinds (nil: all).
    func notifications(recipientID: ID, page: PageRequest, kinds: Set<Notification.Kind>?) async throws -> [Notification]
    /// Deletes one notification (or all of the recipient's, with nil).
    func dismissNotifications(recipientID: ID, id: ID?) async throws
    func unreadNotificationCount(recipientID: ID) async throws -> Int
    func markNotificationsRead(recipientID: ID, upTo: ID) async throws
}
