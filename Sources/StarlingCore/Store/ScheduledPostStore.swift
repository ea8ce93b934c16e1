import Foundation

/// Posts written now to be published later.
public protocol ScheduledPostStore: Sendable {
    func insertScheduledPost(_ post: ScheduledPost) throws
    func scheduledPost(id: ID) throws -> ScheduledPost?
    /// An account's scheduled posts, by id, paged.
    func scheduledPosts(accountID: ID, page: PageRequest) throws -> [ScheduledPost]
    func reschedulePost(id: ID, at date: Date) throws
    func deleteScheduledPost(id: ID) throws
}
