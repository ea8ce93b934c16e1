import Foundation

/// What content filters need from persistence: filters, their keywords, and the posts they name.
public protocol FilterStore: Sendable {
    /// Creates or updates a filter's own fields (not its keywords or posts).
    func saveFilter(_ filter: ContentFilter) throws
    func deleteFilter(id: ID) throws
    /// A filter with its keywords and posts.
    func filter(id: ID) throws -> ContentFilter?
    func filters(accountID: ID) throws -> [ContentFilter]
    func saveFilterKeyword(_ keyword: ContentFilter.Keyword, filterID: ID) throws
    func deleteFilterKeyword(id: ID) throws
    /// The filter a keyword belongs to.
    func filterID(ofKeyword id: ID) throws -> ID?
    func addFilterPost(_ entry: ContentFilter.PostEntry, filterID: ID) throws
    func deleteFilterPost(id: ID) throws
    func filterID(ofPostEntry id: ID) throws -> ID?
}
