import Foundation

/// What hashtags need from persistence: followed tags and how busy each is.
public protocol TagStore: Sendable {
    func setTagFollow(accountID: ID, tag: String, on: Bool) throws
    func followedTags(accountID: ID) throws -> [Tag]
    /// The hashtags with the most posts, most first.
    func busiestTags(limit: Int) throws -> [Tag]
    func tag(name: String) throws -> Tag?
}
