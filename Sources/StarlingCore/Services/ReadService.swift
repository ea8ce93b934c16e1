import Foundation

/// Reading: timelines, threads, profiles, search and notifications, for a viewer (nil: signed out).
///
/// Signed-out readers only get anything when the instance has public access; then they see public
/// posts only. Everything else is filtered by the store's visibility rule.
public struct ReadService: Sendable {
    let store: any Store
    let settings: InstanceSettings
    let homeFeeds: HomeFeeds

    public init(store: any Store, settings: InstanceSettings, homeFeeds: HomeFeeds) {
        self.store = store
        self.settings = settings
        self.homeFeeds = homeFeeds
    }

    /// Changes whenever anything was committed since the last call: what read caches compare.
    public func changeStamp() async throws -> ChangeStamp { try await store.changeStamp() }

    public func timeline(_ timeline: Timeline, viewer: Account?, page: PageRequest = PageRequest()) async throws -> [TimelineEntry] {
        switch timeline {
        case .home, .bookmarks, .likes, .list, .direct:
            guard viewer != nil else { throw DomainError.unauthorized("Sign in to see this.") }
        case .hashtag(_, let filter) where filter.fromOutside:
            // What came from other servers is shown to members, not published again to everyone.
            guard viewer != nil else { throw DomainError.unauthorized("Sign in to see posts from outside.") }
        case .organization, .hashtag, .profile, .program, .questions, .guides:
            try requireReader(viewer)
        }
        if case .home = timeline, let viewer, page.maxID == nil, page.lowerBound == nil {
            return try await homeFeeds.firstPage(viewer: viewer.id, limit: page.limit, store: store)
        }
        return try await store.timeline(timeline, viewer: viewer?.id, page: page)
    }

    /// Every version of a post the viewer may see, oldest first, the current one last.
    public func history(_ id: ID, viewer: Account?) async throws -> (post: PostView, versions: [PostVersion]) {
        let view = try await post(id, viewer: viewer)
        let current = PostVersion(source: view.post.source, html: view.post.html, contentWarning: view.post.contentWarning,
                                  createdAt: view.post.editedAt ?? view.post.createdAt)
        return (view, try await store.postVersions(postID: id) + [current])
    }

    /// The viewer's private conversations (threads of posts for mentioned people only), the one with
    /// the newest post first. A conversation's id is its thread's first post; one the viewer hid
    /// comes back when someone writes in it again.
    public func conversations(of viewer: Account, page: PageRequest = PageRequest()) async throws -> [Conversation] {
        var conversations: [Conversation] = []
        var seen = Set<ID>()
        var cursor = page
        cursor.limit = min(page.limit * 3, 120)
        for entry in try await store.timeline(.direct, viewer: viewer.id, page: cursor) where conversations.count < page.limit {
            // Only the newest post of each thread counts; older ones are skipped before any more reading.
            let root = try await store.threadRoot(of: entry.post.id)
            guard seen.insert(root).inserted else { continue }
            let mark = try await store.conversationMark(accountID: viewer.id, rootID: root)
            if mark.hiddenUpTo < entry.post.id {
                await conversations.append(try conversation(root: root, newest: entry.post, mark: mark, viewer: viewer))
            }
        }
        return conversations
    }

    /// The conversation a direct post belongs to, for the viewer.
    public func conversation(containing post: PostView, viewer: Account) async throws -> Conversation {
        let root = try await store.threadRoot(of: post.id)
        return try await conversation(root: root, newest: post, mark: await store.conversationMark(accountID: viewer.id, rootID: root), viewer: viewer)
    }

    private func conversation(root: ID, newest post: PostView, mark: (readUpTo: ID, hiddenUpTo: ID), viewer: Account) async throws -> Conversation {
        let others = Set([post.author.id] + post.mentions.map(\.id)).subtracting([viewer.id])
        return Conversation(id: root, lastPost: post, participants: try await others.sorted().asyncCompactMap { try await store.account(id: $0) },
                            unread: post.author.id != viewer.id && mark.readUpTo < post.id)
    }

    /// The viewer's conversation that starts at `rootID`, with its newest post they may see.
    public func conversation(_ rootID: ID, viewer: Account) async throws -> Conversation {
        let thread = try await thread(rootID, viewer: viewer)
        guard thread.focus.post.visibility == .direct,
              let newest = ([thread.focus] + thread.descendants).filter({ $0.post.visibility == .direct }).max(by: { $0.id < $1.id })
        else { throw DomainError.notFound }
        return try await conversation(containing: newest, viewer: viewer)
    }

    /// Marks a conversation read (up to its newest post) or, with `hide`, also hides it.
    @discardableResult
    public func markConversation(_ rootID: ID, viewer: Account, hide: Bool = false) async throws -> Conversation {
        var conversation = try await conversation(rootID, viewer: viewer)
        try await store.markConversation(accountID: viewer.id, rootID: conversation.id, upTo: conversation.lastPost.id, hide: hide)
        conversation.unread = false
        return conversation
    }

    /// What a link or handle on this server points at: `https://host/@ada/123` (a post),
    /// `https://host/@ada`, `@ada@host` or `@ada` (a person). Other servers' links resolve to nothing
    /// (Starling does not federate).
    public func resolve(_ text: String, viewer: Account?) async throws -> (accounts: [Account], posts: [PostView]) {
        let text = text.trimmingCharacters(in: .whitespaces)
        let ourHost = URL(string: settings.baseURL)?.host?.lowercased()
        if let url = URL(string: text), let host = url.host?.lowercased() {
            guard host == ourHost else { return ([], []) }
            var parts = url.path.split(separator: "/").map(String.init)
            // An ActivityPub id (`/users/ada`, `/users/ada/statuses/ID`) names what the page (`/@ada`, `/@ada/ID`) shows.
            if parts.first == "users", parts.count >= 2 {
                parts = ["@" + parts[1]] + (parts.count == 4 && parts[2] == "statuses" ? [parts[3]] : [])
            }
            guard let first = parts.first, first.hasPrefix("@") else { return ([], []) }
            if parts.count >= 2, let id = ID(parts[1]) {
                return ([], [try? await post(id, viewer: viewer)].compactMap { $0 })
            }
            return ([try? await account(username: String(first.dropFirst()), viewer: viewer)].compactMap { $0 }, [])
        }
        let handle = text.hasPrefix("@") ? String(text.dropFirst()) : text
        let pieces = handle.split(separator: "@", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count <= 2 else { return ([], []) }
        // `name@this-host` is a member; `name@elsewhere`, someone outside already known here.
        let ours = pieces.count == 1 || [settings.host.lowercased(), ourHost].contains(pieces[1].lowercased())
        let name = ours ? pieces[0] : handle
        return ([try? await account(username: name, viewer: viewer)].compactMap { $0 }, [])
    }

    public func thread(_ id: ID, viewer: Account?) async throws -> ThreadView {
        try requireReader(viewer)
        guard let thread = try await store.thread(of: id, viewer: viewer?.id) else { throw DomainError.notFound }
        return thread
    }

    public func post(_ id: ID, viewer: Account?) async throws -> PostView {
        try requireReader(viewer)
        guard let post = try await store.post(id: id, viewer: viewer?.id) else { throw DomainError.notFound }
        return post
    }

    /// A person the viewer may meet: everyone, except that guests meet only the people of their programs;
    /// nobody meets a deleted account.
    public func account(username: String, viewer: Account?) async throws -> Account {
        try requireReader(viewer)
        return try await met(await store.account(username: username), by: viewer)
    }

    public func account(id: ID, viewer: Account?) async throws -> Account {
        try requireReader(viewer)
        return try await met(await store.account(id: id), by: viewer)
    }

    private func met(_ account: Account?, by viewer: Account?) async throws -> Account {
        guard let account, account.deletedAt == nil, try await peopleMet(by: viewer).map({ $0.contains(account.id) }) ?? true else {
            throw DomainError.notFound
        }
        return account
    }

    /// The people a guest meets (themselves and the members of their programs); nil for everyone else,
    /// who meet the whole organization.
    private func peopleMet(by viewer: Account?) async throws -> Set<ID>? {
        guard let viewer, viewer.isGuest else { return nil }
        return try await store.programPeers(of: viewer.id).union([viewer.id])
    }

    /// `people` without those the viewer does not meet.
    private func onlyMet(_ people: [Account], by viewer: Account?) async throws -> [Account] {
        guard let met = try await peopleMet(by: viewer) else { return people }
        return people.filter { met.contains($0.id) }
    }

    public func tag(_ name: String) async throws -> Tag? { try await store.tag(name: name) }

    /// Search results of each kind. Post search needs text or at least one filter.
    public struct SearchResults: Sendable {
        public var posts: [PostView] = []
        public var accounts: [Account] = []
        public var tags: [Tag] = []
        public init() {}
    }

    /// Posts matching a search, best first; with `peopleAndTags`, also people and hashtags by prefix.
    public func search(_ query: PostSearch, viewer: Account?, limit: Int = 20, peopleAndTags: Bool = true) async throws -> SearchResults {
        try requireReader(viewer)
        var results = SearchResults()
        let text = query.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= 200 else { throw DomainError.invalid(field: "q", message: "A search has at most 200 characters.") }
        if let from = query.from, let until = query.until, from >= until {
            throw DomainError.invalid(field: "until", message: "The end date must come after the start date.")
        }
        let hasFilter = query.hashtag != nil || query.authorID != nil || query.from != nil || query.until != nil
        guard !text.isEmpty || hasFilter else { return results }
        let candidates = try await store.searchCandidates(query, viewer: viewer?.id, limit: Self.searchCandidates)
        let ranked = text.isEmpty ? candidates : SearchRanking().rank(candidates, query: text)
        results.posts = try await store.posts(ids: ranked.prefix(limit).map(\.id), viewer: viewer?.id)
        if peopleAndTags, !text.isEmpty, viewer != nil {
            results.accounts = try await searchAccounts(text, viewer: viewer, limit: 5)
            results.tags = try await searchTags(text, viewer: viewer, limit: 5)
        }
        return results
    }

    /// How many of the newest matches are ranked: enough for relevance to matter, few enough to stay fast.
    static let searchCandidates = 100

    /// People by name; a guest finds only the people of their programs.
    public func searchAccounts(_ text: String, viewer: Account?, limit: Int) async throws -> [Account] {
        try requireReader(viewer)
        return try await store.searchAccounts(text, limit: limit, guest: guestID(viewer))
    }

    /// Hashtags by prefix; a guest finds only their programs' hashtags.
    public func searchTags(_ text: String, viewer: Account?, limit: Int) async throws -> [Tag] {
        try requireReader(viewer)
        return try await store.searchTags(text, limit: limit, guest: guestID(viewer))
    }

    /// The viewer's id when they are a guest (whose searches are limited to their programs).
    private func guestID(_ viewer: Account?) -> ID? { viewer.flatMap { $0.isGuest ? $0.id : nil } }

    /// The viewer's notifications; a guest's leave out people they do not meet (a follow from outside, say).
    /// An anonymous question's mention comes from "a learner".
    public func notifications(of viewer: Account, page: PageRequest = PageRequest(), kinds: Set<Notification.Kind>? = nil) async throws
        -> [Notification] {
        var notifications = try await store.notifications(recipientID: viewer.id, page: page, kinds: kinds)
        for index in notifications.indices where notifications[index].post?.author.isAnonymousLearner == true {
            notifications[index].actor = .anonymousLearner
        }
        guard let met = try await peopleMet(by: viewer) else { return notifications }
        return notifications.filter { met.contains($0.actor.id) || $0.actor.isAnonymousLearner }
    }

    /// The viewer's notifications in groups (`NotificationGroup`), at most `page.limit` groups, from as
    /// many notifications as fill them (up to 200 a page); a group may continue on the next page.
    public func notificationGroups(of viewer: Account, page: PageRequest = PageRequest(), kinds: Set<Notification.Kind>? = nil,
                                   groupable: Set<Notification.Kind> = NotificationGroup.groupableKinds) async throws -> [NotificationGroup] {
        var wide = page
        wide.limit = min(max(page.limit * 4, 40), 200)
        let groups = NotificationGroup.grouping(try await notifications(of: viewer, page: wide, kinds: kinds), groupable: groupable)
        return Array(groups.prefix(page.limit))
    }

    /// One group of the viewer's notifications by its key (from its newest 200 notifications of that kind).
    public func notificationGroup(_ key: String, of viewer: Account) async throws -> NotificationGroup {
        let kind = key.hasPrefix("ungrouped-") ? nil : key.split(separator: "-").first.flatMap { Notification.Kind(rawValue: String($0)) }
        let candidates = try await notifications(of: viewer, page: PageRequest(limit: 200), kinds: kind.map { [$0] })
        guard let group = NotificationGroup.grouping(candidates).first(where: { $0.key == key }) else { throw DomainError.notFound }
        return group
    }

    public func dismissNotifications(of viewer: Account, id: ID? = nil) async throws {
        try await store.dismissNotifications(recipientID: viewer.id, id: id)
    }

    /// People who liked (or reposted) a post the viewer may see.
    public func interactors(of postID: ID, reposts: Bool, viewer: Account?, page: PageRequest = PageRequest()) async throws -> [Account] {
        _ = try await post(postID, viewer: viewer)
        return try await onlyMet(await store.interactors(of: postID, reposts: reposts, page: page), by: viewer)
    }

    public func marker(of viewer: Account, timeline: String) async throws -> Marker? {
        try await store.marker(accountID: viewer.id, timeline: timeline)
    }

    public func setMarker(of viewer: Account, timeline: String, lastReadID: ID) async throws -> Marker {
        guard ["home", "notifications"].contains(timeline) else {
            throw DomainError.invalid(field: "timeline", message: "Markers exist for home and notifications.")
        }
        return try await store.setMarker(accountID: viewer.id, timeline: timeline, lastReadID: lastReadID)
    }

    public func unreadNotificationCount(of viewer: Account) async throws -> Int {
        try await store.unreadNotificationCount(recipientID: viewer.id)
    }

    public func markNotificationsRead(of viewer: Account, upTo: ID) async throws {
        try await store.markNotificationsRead(recipientID: viewer.id, upTo: upTo)
    }

    public func followers(of account: Account, viewer: Account?, page: PageRequest = PageRequest()) async throws -> [Account] {
        try await onlyMet(await store.followers(of: account.id, page: page), by: viewer)
    }

    public func following(of account: Account, viewer: Account?, page: PageRequest = PageRequest()) async throws -> [Account] {
        try await onlyMet(await store.following(of: account.id, page: page), by: viewer)
    }

    private func requireReader(_ viewer: Account?) throws {
        guard viewer != nil || settings.publicAccess else { throw DomainError.unauthorized("Sign in to see this.") }
    }
}
