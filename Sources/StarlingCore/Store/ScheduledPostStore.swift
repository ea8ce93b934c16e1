import Foundation

/// Posts written now to be published later.
public protocol ScheduledPostStore: Sendable {
    func insertScheduledPost(_ post: ScheduledPost) async throws
    func scheduledPost(id: ID) async throws -> ScheduledPost?
    /// An account's scheduled posts, by id, paged.
    func scheduledPosts(accountID: ID, page: PageRequest) async throws -> [ScheduledPost]
    func reschedulePost(id: ID, at date: Date) async throws
    func deleteScheduledPost(id: ID) async throws
}
