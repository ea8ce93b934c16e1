import Foundation

/// What relations between people need from persistence: follows, mutes, blocks, who follows whom, and whom to suggest.
public protocol RelationStore: Sendable {
    func setFollow(followerID: ID, followeeID: ID, on: Bool) async throws
    func setMute(accountID: ID, targetID: ID, on: Bool) async throws
    func setBlock(accountID: ID, targetID: ID, on: Bool) async throws
    func relationship(from: ID, to: ID) async throws -> Relationship
    func followers(of: ID, page: PageRequest) async throws -> [Account]
    /// People who liked (or reposted) a post, most recent first.
    func interactors(of postID: ID, reposts: Bool, page: PageRequest) async throws -> [Account]
    func following(of: ID, page: PageRequest) async throws -> [Account]
    /// People the account might follow: followed by the people it follows, then the most followed;
    /// never itself, people it follows, blocks or was blocked by, or dismissed.
    func suggestions(for accountID: ID, limit: Int) async throws -> [Suggestion]
    func dismissSuggestion(accountID: ID, targetID: ID) async throws
}
