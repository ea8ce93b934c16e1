import Foundation

/// What content filters need from persistence: filters, their keywords, and the posts they name.
public protocol FilterStore: Sendable {
    /// Creates or updates a filter's own fields (not its keywords or posts).
    func saveFilter(_ filter: ContentFilter) async throws
    func deleteFilter(id: ID) async throws
    /// A filter with its keywords and posts.
    func filter(id: ID) async throws -> ContentFilter?
    /// Every filter of these accounts (a stream's viewers are read at once), with keywords and posts.
    func filters(accountIDs: [ID]) async throws -> [ContentFilter]
    func saveFilterKeyword(_ keyword: ContentFilter.Keyword, filterID: ID) async throws
    func deleteFilterKeyword(id: ID) async throws
    /// The filter a keyword belongs to.
    func filterID(ofKeyword id: ID) async throws -> ID?
    func addFilterPost(_ entry: ContentFilter.PostEntry, filterID: ID) async throws
    func deleteFilterPost(id: ID) async throws
    func filterID(ofPostEntry id: ID) async throws -> ID?
}
