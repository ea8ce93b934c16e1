import Foundation

/// A post written now and published by the server at `scheduledAt`.
public struct ScheduledPost: Sendable, Identifiable {
    public var id: ID
    public var accountID: ID
    public var scheduledAt: Date
    public var draft: PostService.Draft
    /// The OAuth app that scheduled it, if one did.
    public var appID: ID?

    public init(id: ID, accountID: ID, scheduledAt: Date, draft: PostService.Draft, appID: ID? = nil) {
        self.id = id
        self.accountID = accountID
        self.scheduledAt = scheduledAt
        self.draft = draft
        self.appID = appID
    }
}
