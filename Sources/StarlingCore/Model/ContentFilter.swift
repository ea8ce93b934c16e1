import Foundation

/// A member's filter: posts matching its keywords (or listed by id) are hidden or shown with a
/// warning in the contexts it applies to.
public struct ContentFilter: Sendable, Hashable, Identifiable {
    /// Where a filter applies (Mastodon's contexts).
    public enum Context: String, Sendable, CaseIterable {
        case home, notifications, `public`, thread, account
    }

    /// What happens to a matching post.
    public enum Action: String, Sendable, CaseIterable {
        /// Shown behind a warning naming the filter.
        case warn
        /// Left out.
        case hide
        /// Media blurred (Starling treats it like a warning).
        case blur
    }

    public struct Keyword: Sendable, Hashable, Identifiable {
        public var id: ID
        public var keyword: String
        /// Match whole words only (else anywhere in the text).
        public var wholeWord: Bool

        public init(id: ID, keyword: String, wholeWord: Bool) {
            self.id = id
            self.keyword = keyword
            self.wholeWord = wholeWord
        }
    }

    /// A post filtered by id.
    public struct PostEntry: Sendable, Hashable, Identifiable {
        public var id: ID
        public var postID: ID

        public init(id: ID, postID: ID) {
            self.id = id
            self.postID = postID
        }
    }

    public var id: ID
    public var accountID: ID
    public var title: String
    public var contexts: [Context]
    public var action: Action
    public var expiresAt: Date?
    public var keywords: [Keyword]
    public var posts: [PostEntry]

    public init(id: ID, accountID: ID, title: String, contexts: [Context], action: Action, expiresAt: Date? = nil,
                keywords: [Keyword] = [], posts: [PostEntry] = []) {
        self.id = id
        self.accountID = accountID
        self.title = title
        self.contexts = contexts
        self.action = action
        self.expiresAt = expiresAt
        self.keywords = keywords
        self.posts = posts
    }

    /// One filter that matched a post: the keywords that matched, and whether it lists the post by id.
    public struct Hit: Sendable {
        public var filter: ContentFilter
        public var keywords: [String]
        public var byID: Bool
    }

    /// Every filter among `filters` that matches the post (each checked once).
    public static func hits(_ filters: [ContentFilter], _ view: PostView) -> [Hit] {
        filters.compactMap { filter in filter.match(view).map { Hit(filter: filter, keywords: $0.keywords, byID: $0.byID) } }
    }

    /// The keywords this post matches, and whether it is filtered by id; nil when it does not match.
    public func match(_ view: PostView) -> (keywords: [String], byID: Bool)? {
        let text = (view.post.contentWarning + "\n" + view.post.source).lowercased()
        let keywords = keywords.filter { keyword in
            let needle = keyword.keyword.lowercased()
            guard keyword.wholeWord else { return text.contains(needle) }
            var searchRange = text.startIndex..<text.endIndex
            while let found = text.range(of: needle, range: searchRange) {
                let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
                let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
                if !(before?.isLetter ?? false || before?.isNumber ?? false), !(after?.isLetter ?? false || after?.isNumber ?? false) {
                    return true
                }
                searchRange = found.upperBound..<text.endIndex
            }
            return false
        }.map(\.keyword)
        let byID = posts.contains { $0.postID == view.id }
        return keywords.isEmpty && !byID ? nil : (keywords, byID)
    }
}
