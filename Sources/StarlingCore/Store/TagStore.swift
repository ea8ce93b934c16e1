import Foundation

/// What hashtags need from persistence: followed tags and how busy each is.
public protocol TagStore: Sendable {
    func setTagFollow(accountID: ID, tag: String, on: Bool) async throws
    func followedTags(accountID: ID) async throws -> [Tag]
    /// The hashtags with the most posts, most first.
    func busiestTags(limit: Int) async throws -> [Tag]
    func tag(name: String) async throws -> Tag?
}
