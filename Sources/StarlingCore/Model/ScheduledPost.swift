import Foundation

/// A post written now and published by the server at `scheduledAt`.
public struct ScheduledPost: Sendable, Identifiable {
    public var id: ID
    public var accountID: ID
    public var scheduledAt: Date
    public var draft: PostService.Draft

    public init(id: ID, accountID: ID, scheduledAt: Date, draft: PostService.Draft) {
        self.id = id
        self.accountID = accountID
        self.scheduledAt = scheduledAt
        self.draft = draft
    }
}
