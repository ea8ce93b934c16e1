import Foundation

/// People on other servers and their follows of members.
public protocol RemoteFollowStore: Sendable {
    /// Keeps an actor as its document describes it now (by its `uri`: a known one is updated and keeps its id).
    func keepRemoteActor(_ actor: RemoteActor) async throws -> RemoteActor
    /// A known actor, by its id there.
    func remoteActor(uri: String) async throws -> RemoteActor?
    /// Records a follow (again: its activity and acceptance replace the earlier one's).
    func saveRemoteFollow(accountID: ID, actorID: ID, activityURI: String, acceptedAt: Date?, createdAt: Date) async throws
    /// A member's follows from outside: accepted ones (`accepted` true) or those waiting for approval, oldest first.
    func remoteFollows(accountID: ID, accepted: Bool) async throws -> [RemoteFollow]
    /// How many follows from outside wait for the member's approval.
    func waitingRemoteFollowCount(accountID: ID) async throws -> Int
    /// One follow of a member by an actor (by the actor's id here).
    func remoteFollow(accountID: ID, actorID: ID) async throws -> RemoteFollow?
    /// Marks a waiting follow accepted; false when there is none.
    func acceptRemoteFollow(accountID: ID, actorID: ID, at date: Date) async throws -> Bool
    /// Forgets an actor and every follow of theirs (their account was deleted); false when they were unknown.
    func removeRemoteActor(uri: String) async throws -> Bool
    /// Removes a follow; false when there was none.
    func removeRemoteFollow(accountID: ID, actorID: ID) async throws -> Bool
    /// The inboxes of everyone outside who follows the member (or asked to) or whom the member follows (or asked
    /// to): each server's shared inbox, or the actor's own; each once.
    func inboxesKnowing(accountID: ID) async throws -> [String]
}
