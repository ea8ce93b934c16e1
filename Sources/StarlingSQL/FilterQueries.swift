import Foundation
import StarlingCore

/// Content filters: the three queries both engines run to read filters with their keywords and posts
/// (for one account, one filter, or every viewer of a stream at once), and how their rows become filters.
extension SQLStore {
    /// The filters whose `column` (`id` or `account_id`) is in the list bound to `:values`, oldest first.
    public static func filtersQuery(whereIn column: String) -> String {
        "SELECT id, account_id, title, contexts, action, expires_at FROM filters WHERE \(dialect.isIn(column, list: ":values")) ORDER BY id"
    }

    /// The keywords of the filters listed in `:filters`, each with its filter's id.
    public static var filterKeywordsQuery: String {
        "SELECT filter_id, id, keyword, whole_word FROM filter_keywords WHERE \(dialect.isIn("filter_id", list: ":filters")) ORDER BY id"
    }

    /// The posts of the filters listed in `:filters`, each with its filter's id.
    public static var filterPostsQuery: String {
        "SELECT filter_id, id, post_id FROM filter_posts WHERE \(dialect.isIn("filter_id", list: ":filters")) ORDER BY id"
    }

    public static func filter(_ row: some ColumnReader) -> ContentFilter {
        ContentFilter(id: ID(row.int64(0)), accountID: ID(row.int64(1)), title: row.string(2),
                      contexts: row.string(3).split(separator: ",").compactMap { ContentFilter.Context(rawValue: String($0)) },
                      action: ContentFilter.Action(rawValue: row.string(4)) ?? .warn, expiresAt: row.optionalInt64(5).map(date))
    }

    public static func filterKeyword(_ row: some ColumnReader) -> (filter: ID, keyword: ContentFilter.Keyword) {
        (ID(row.int64(0)), ContentFilter.Keyword(id: ID(row.int64(1)), keyword: row.string(2), wholeWord: row.bool(3)))
    }

    public static func filterPost(_ row: some ColumnReader) -> (filter: ID, post: ContentFilter.PostEntry) {
        (ID(row.int64(0)), ContentFilter.PostEntry(id: ID(row.int64(1)), postID: ID(row.int64(2))))
    }

    /// The filters with their keywords and posts attached.
    public static func filters(_ filters: [ContentFilter], keywords: [(filter: ID, keyword: ContentFilter.Keyword)],
                               posts: [(filter: ID, post: ContentFilter.PostEntry)]) -> [ContentFilter] {
        let keywordsByFilter = Dictionary(grouping: keywords, by: \.filter), postsByFilter = Dictionary(grouping: posts, by: \.filter)
        return filters.map { filter in
            var filter = filter
            filter.keywords = keywordsByFilter[filter.id]?.map(\.keyword) ?? []
            filter.posts = postsByFilter[filter.id]?.map(\.post) ?? []
            return filter
        }
    }
}
