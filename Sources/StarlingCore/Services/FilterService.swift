import Foundation

/// Content filters: a member hides, or shows behind a warning, posts that match their keywords
/// (or that they picked) in the contexts they choose. Filters are private to their owner.
public struct FilterService: Sendable {
    public static let maxFilters = 100
    public static let maxKeywordLength = 100

    /// What a filter's owner sends to create or change it.
    public struct Draft: Sendable {
        public var title: String?
        public var contexts: [String]?
        public var action: String?
        /// Seconds from now; 0 or less means never (clears an expiry).
        public var expiresIn: Double?
        public var keywords: [(keyword: String, wholeWord: Bool)]

        public init(title: String? = nil, contexts: [String]? = nil, action: String? = nil, expiresIn: Double? = nil,
                    keywords: [(keyword: String, wholeWord: Bool)] = []) {
            self.title = title
            self.contexts = contexts
            self.action = action
            self.expiresIn = expiresIn
            self.keywords = keywords
        }
    }

    let store: any Store
    let ids: IDGenerator

    public init(store: any Store, ids: IDGenerator) {
        self.store = store
        self.ids = ids
    }

    public func filters(of owner: Account) async throws -> [ContentFilter] { try await store.filters(accountIDs: [owner.id]) }

    public func filter(_ id: ID, owner: Account) async throws -> ContentFilter {
        guard let filter = try await store.filter(id: id), filter.accountID == owner.id else { throw DomainError.notFound }
        return filter
    }

    public func create(_ draft: Draft, by owner: Account, now: Date = Date()) async throws -> ContentFilter {
        guard try await store.filters(accountIDs: [owner.id]).count < Self.maxFilters else {
            throw DomainError.invalid(field: "title", message: "You can have at most \(Self.maxFilters) filters.")
        }
        guard draft.title != nil, draft.contexts != nil else {
            throw DomainError.invalid(field: draft.title == nil ? "title" : "context", message: "title and context[] are required.")
        }
        var filter = ContentFilter(id: ids.next(at: now), accountID: owner.id, title: "", contexts: [], action: .warn)
        try apply(draft, to: &filter, now: now)
        let keywords = try draft.keywords.map { try keyword($0.keyword, wholeWord: $0.wholeWord, id: ids.next(at: now)) }
        try await store.saveFilter(filter)
        for keyword in keywords { try await store.saveFilterKeyword(keyword, filterID: filter.id) }
        return try await self.filter(filter.id, owner: owner)
    }

    public func update(_ id: ID, with draft: Draft, by owner: Account, now: Date = Date()) async throws -> ContentFilter {
        var filter = try await filter(id, owner: owner)
        try apply(draft, to: &filter, now: now)
        let keywords = try draft.keywords.map { try keyword($0.keyword, wholeWord: $0.wholeWord, id: ids.next(at: now)) }
        try await store.saveFilter(filter)
        for keyword in keywords { try await store.saveFilterKeyword(keyword, filterID: filter.id) }
        return try await self.filter(id, owner: owner)
    }

    public func delete(_ id: ID, by owner: Account) async throws {
        _ = try await filter(id, owner: owner)
        try await store.deleteFilter(id: id)
    }

    public func addKeyword(_ text: String, wholeWord: Bool, to id: ID, by owner: Account) async throws -> ContentFilter.Keyword {
        _ = try await filter(id, owner: owner)
        let keyword = try keyword(text, wholeWord: wholeWord, id: ids.next())
        try await store.saveFilterKeyword(keyword, filterID: id)
        return keyword
    }

    /// A keyword of one of the owner's filters, with its filter.
    public func keyword(_ id: ID, owner: Account) async throws -> (ContentFilter, ContentFilter.Keyword) {
        guard let filterID = try await store.filterID(ofKeyword: id) else { throw DomainError.notFound }
        let filter = try await filter(filterID, owner: owner)
        guard let keyword = filter.keywords.first(where: { $0.id == id }) else { throw DomainError.notFound }
        return (filter, keyword)
    }

    public func updateKeyword(_ id: ID, text: String?, wholeWord: Bool?, by owner: Account) async throws -> ContentFilter.Keyword {
        let (filter, old) = try await keyword(id, owner: owner)
        let keyword = try keyword(text ?? old.keyword, wholeWord: wholeWord ?? old.wholeWord, id: id)
        try await store.saveFilterKeyword(keyword, filterID: filter.id)
        return keyword
    }

    public func deleteKeyword(_ id: ID, by owner: Account) async throws {
        _ = try await keyword(id, owner: owner)
        try await store.deleteFilterKeyword(id: id)
    }

    /// Filters a post the owner can see by its id.
    public func addPost(_ postID: ID, to id: ID, by owner: Account) async throws -> ContentFilter.PostEntry {
        let filter = try await filter(id, owner: owner)
        guard try await store.post(id: postID, viewer: owner.id) != nil else {
            throw DomainError.invalid(field: "status_id", message: "status_id must be a post you can see.")
        }
        guard !filter.posts.contains(where: { $0.postID == postID }) else {
            throw DomainError.invalid(field: "status_id", message: "This post is already in the filter.")
        }
        let entry = ContentFilter.PostEntry(id: ids.next(), postID: postID)
        try await store.addFilterPost(entry, filterID: id)
        return entry
    }

    public func postEntry(_ id: ID, owner: Account) async throws -> ContentFilter.PostEntry {
        guard let filterID = try await store.filterID(ofPostEntry: id),
              let entry = try await filter(filterID, owner: owner).posts.first(where: { $0.id == id }) else { throw DomainError.notFound }
        return entry
    }

    public func deletePostEntry(_ id: ID, by owner: Account) async throws {
        _ = try await postEntry(id, owner: owner)
        try await store.deleteFilterPost(id: id)
    }

    /// The owner's filters in force in one context (not expired).
    public func active(for viewer: Account?, in context: ContentFilter.Context, now: Date = Date()) async throws -> [ContentFilter] {
        guard let viewer else { return [] }
        return try await active(for: [viewer.id], in: context, now: now)[viewer.id] ?? []
    }

    /// Each viewer's filters in force in one context, read at once (for the viewers of a stream); a viewer
    /// without any is absent.
    public func active(for viewers: [ID], in context: ContentFilter.Context, now: Date = Date()) async throws -> [ID: [ContentFilter]] {
        let inForce = try await store.filters(accountIDs: viewers).filter { filter in
            filter.contexts.contains(context) && (filter.expiresAt.map { $0 > now } ?? true)
        }
        return Dictionary(grouping: inForce, by: \.accountID)
    }

    private func apply(_ draft: Draft, to filter: inout ContentFilter, now: Date) throws {
        if let title = draft.title { filter.title = try PostText.field(title, name: "title", maxLength: 200, required: true) }
        if let contexts = draft.contexts {
            let parsed = contexts.compactMap(ContentFilter.Context.init(rawValue:))
            guard !parsed.isEmpty, parsed.count == contexts.count else {
                throw DomainError.invalid(field: "context", message: "context[] takes home, notifications, public, thread or account.")
            }
            filter.contexts = Array(Set(parsed)).sorted { $0.rawValue < $1.rawValue }
        }
        if let action = draft.action {
            guard let parsed = ContentFilter.Action(rawValue: action) else {
                throw DomainError.invalid(field: "filter_action", message: "filter_action must be warn, hide or blur.")
            }
            filter.action = parsed
        }
        if let seconds = draft.expiresIn { filter.expiresAt = seconds > 0 ? now.addingTimeInterval(seconds) : nil }
    }

    private func keyword(_ text: String, wholeWord: Bool, id: ID) throws -> ContentFilter.Keyword {
        let keyword = try PostText.field(text, name: "keyword", maxLength: Self.maxKeywordLength, required: true)
        return ContentFilter.Keyword(id: id, keyword: keyword, wholeWord: wholeWord)
    }
}
