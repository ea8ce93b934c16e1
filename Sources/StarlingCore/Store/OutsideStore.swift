import Foundation

/// People and posts from other servers as they show here, and members' follows of people outside.
public protocol OutsideStore: Sendable {
    /// The account an actor shows as here, by the actor's id (none once it was deleted).
    func actorAccount(uri: String) async throws -> Account?
    /// A post that came from outside, by its Note's id.
    func remotePost(uri: String) async throws -> Post?
    /// Records that a member asked to follow someone outside, unless they had already.
    func saveFollowOut(accountID: ID, targetID: ID, at date: Date) async throws
    /// A member's follow of someone outside, accepted or waiting.
    func followOut(accountID: ID, targetID: ID) async throws -> FollowOut?
    /// Marks a waiting follow accepted; false when none was waiting.
    func acceptFollowOut(accountID: ID, targetID: ID, at date: Date) async throws -> Bool
    /// Forgets a follow (ended, declined, or withdrawn); false when there was none.
    @discardableResult
    func removeFollowOut(accountID: ID, targetID: ID) async throws -> Bool
}

/// A member's follow of someone on another server: asked at `requestedAt`, waiting for their answer until `acceptedAt`.
public struct FollowOut: Sendable, Hashable {
    public var requestedAt: Date
    public var acceptedAt: Date?

    public init(requestedAt: Date, acceptedAt: Date?) {
        self.requestedAt = requestedAt
        self.acceptedAt = acceptedAt
    }
}
