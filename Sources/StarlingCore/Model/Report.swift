import Foundation

/// A member's report of someone's posts or behaviour, for the moderators.
public struct Report: Sendable, Hashable, Identifiable {
    public enum Category: String, Sendable, CaseIterable {
        case spam, legal, violation, other
    }

    public var id: ID
    public var reporterID: ID
    public var target: Account
    public var postIDs: [ID]
    public var comment: String
    public var category: Category
    public var createdAt: Date
    public var resolvedAt: Date?

    public init(id: ID, reporterID: ID, target: Account, postIDs: [ID], comment: String, category: Category, createdAt: Date,
                resolvedAt: Date? = nil) {
        self.id = id
        self.reporterID = reporterID
        self.target = target
        self.postIDs = postIDs
        self.comment = comment
        self.category = category
        self.createdAt = createdAt
        self.resolvedAt = resolvedAt
    }
}
