import Foundation

/// A member's named list of people they follow, read as its own timeline.
public struct AccountList: Sendable, Hashable, Identifiable {
    /// Which replies the list timeline shows.
    public enum RepliesPolicy: String, Sendable, CaseIterable {
        /// Replies to anyone the owner follows.
        case followed
        /// Replies to members of the list.
        case list
        /// No replies.
        case none
    }

    public var id: ID
    public var ownerID: ID
    public var title: String
    public var repliesPolicy: RepliesPolicy
    /// Members of an exclusive list leave the owner's home timeline (they are read here instead).
    public var exclusive: Bool

    public init(id: ID, ownerID: ID, title: String, repliesPolicy: RepliesPolicy = .list, exclusive: Bool = false) {
        self.id = id
        self.ownerID = ownerID
        self.title = title
        self.repliesPolicy = repliesPolicy
        self.exclusive = exclusive
    }
}
