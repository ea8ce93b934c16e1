import Foundation
import Testing
@testable import StarlingCore

/// Who may see a post, checked on every path a person can read it through, over real HTTP.
///
/// For each visibility, the author posts "@mentioned #matrix <marker>". The viewers are the author,
/// a follower, the mentioned person, another member, someone the author blocked, and a signed-out
/// visitor; every signed-in viewer follows #matrix, so the post belongs in each one's home timeline.
@Suite("Visibility matrix")
struct VisibilityMatrixTests {
    enum Viewer: String, CaseIterable {
        case author, follower, mentioned, other, blocked, signedOut
    }

    /// The rule: who may see a post of each visibility.
    static func allowed(_ visibility: Visibility, _ viewer: Viewer) -> Bool {
        switch (visibility, viewer) {
        case (_, .blocked): false
        case (.public, _): true
        case (.organization, .signedOut): false
        case (.organization, _): true
        case (.followers, .author), (.followers, .follower), (.followers, .mentioned): true
        case (.direct, .author), (.direct, .mentioned): true
        default: false
        }
    }

    /// A way of reading posts, and whether it needs a signed-in viewer.
    enum Path: CaseIterable {
        case home, organization, hashtag, profile, thread, search, notifications, likeAction, likes, bookmarks

        func expectsVisible(_ visibility: Visibility, _ viewer: Viewer) -> Bool {
            guard VisibilityMatrixTests.allowed(visibility, viewer) else { return false }
            switch self {
            case .home, .search, .likeAction, .likes, .bookmarks: return viewer != .signedOut
            case .notifications: return viewer == .mentioned
            case .organization, .hashtag, .profile, .thread: return true
            }
        }
    }

    @Test("each viewer sees exactly what the visibility allows, on every path", arguments: Visibility.allCases)
    func matrix(visibility: Visibility) async throws {
        let (world, accounts) = try await Self.cast()
        let author = accounts[.author]!
        let marker = "mx\(visibility.rawValue)zq"
        let post = try await world.post("@mentioned #matrix \(marker)", by: author, visibility: visibility)

        let failures = try await withLiveServer(world) { server in
            var failures: [String] = []
            for viewer in Viewer.allCases {
                let browser = server.browser()
                if viewer != .signedOut { try await browser.signIn(viewer.rawValue) }
                for path in Path.allCases {
                    let seen = try await Self.sees(browser, path: path, post: post.id, marker: marker)
                    let expected = path.expectsVisible(visibility, viewer)
                    if seen != expected {
                        failures.append("\(visibility.rawValue) post, \(viewer.rawValue) on \(path): saw \(seen), expected \(expected)")
                    }
                }
            }
            return failures
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// A world with the author and one member per viewer role: the follower follows the author, the
    /// author blocked `blocked`, and everyone follows #matrix.
    static func cast() async throws -> (TestWorld, [Viewer: Account]) {
        let world = try await TestWorld(publicAccess: true)
        var accounts: [Viewer: Account] = await [.author: try world.member("author")]
        for viewer in [Viewer.follower, .mentioned, .other, .blocked] { accounts[viewer] = try await world.member(viewer.rawValue) }
        try await world.starling.relations.follow(accounts[.author]!, by: accounts[.follower]!)
        try await world.starling.relations.block(accounts[.blocked]!, by: accounts[.author]!)
        for account in accounts.values { try await world.starling.relations.followTag("matrix", by: account) }
        return (world, accounts)
    }

    /// Whether the browser can see (or act on) the post through `path`.
    static func sees(_ browser: Browser, path: Path, post: ID, marker: String) async throws -> Bool {
        let page: Page
        switch path {
        case .home: page = try await browser.get("/")
        case .organization: page = try await browser.get("/organization")
        case .hashtag: page = try await browser.get("/tags/matrix")
        case .profile: page = try await browser.get("/@author")
        case .thread: page = try await browser.get("/@author/\(post)")
        case .search: page = try await browser.get("/search?q=\(marker)")
        case .notifications: page = try await browser.get("/notifications")
        case .likeAction:
            let result = try await browser.post("/posts/\(post)/like", [("on", "1"), ("return", "/")])
            return result.status == 303 && result.location == "/"
        case .likes:
            _ = try await browser.post("/posts/\(post)/like", [("on", "1"), ("return", "/")])
            page = try await browser.get("/likes")
        case .bookmarks:
            _ = try await browser.post("/posts/\(post)/bookmark", [("on", "1"), ("return", "/")])
            page = try await browser.get("/bookmarks")
        }
        #expect(page.status < 500)
        // The post's card, not the marker text: the search page echoes the query in its form.
        return page.status == 200 && page.body.contains("id=\"post-\(post)\"")
    }

    @Test("with public access off, signed-out visitors are sent to sign in on every page")
    func privateInstance() async throws {
        let world = try await TestWorld(publicAccess: false)
        let author = try await world.member("author")
        let post = try await world.post("inside only", by: author)
        try await withLiveServer(world) { server in
            let browser = server.browser()
            for path in ["/", "/organization", "/tags/matrix", "/@author", "/@author/\(post.id)", "/search?q=inside", "/notifications"] {
                let page = try await browser.get(path)
                #expect(page.status == 303, "\(path)")
                #expect(page.location?.hasPrefix("/signin") == true, "\(path)")
            }
        }
    }
}

/// The same matrix through the Mastodon API and its streaming: every read path an app has.
@Suite("Visibility matrix (Mastodon API and streaming)")
struct APIVisibilityMatrixTests {
    typealias Viewer = VisibilityMatrixTests.Viewer

    /// A way an app reads posts.
    enum Path: CaseIterable {
        case status, context, home, publicTimeline, tag, accountStatuses, search, notifications, favourite, favourites, bookmarks,
             favouritedBy, history, stream

        func expectsVisible(_ visibility: Visibility, _ viewer: Viewer) -> Bool {
            guard VisibilityMatrixTests.allowed(visibility, viewer) else { return false }
            switch self {
            case .home, .favourite, .favourites, .bookmarks: return viewer != .signedOut
            case .notifications: return viewer == .mentioned
            default: return true // signed-out apps may search and read public posts when public access is on
            }
        }
    }

    @Test("each app viewer sees exactly what the visibility allows, on every API path and stream", arguments: Visibility.allCases)
    func matrix(visibility: Visibility) async throws {
        let (world, accounts) = try await VisibilityMatrixTests.cast()
        let author = accounts[.author]!
        var tokens: [Viewer: String] = [:]
        for (viewer, account) in accounts { tokens[viewer] = try await world.starling.oauth.issueForScript(account: account, scopes: "read write").token }
        let marker = "api\(visibility.rawValue)zq"
        let text = "@mentioned #matrix \(marker)"
        let appTokens = tokens

        let sentinel = "sentinel\(visibility.rawValue)zq"
        let subscribed = Listening()
        let failures = try await withLiveServer(world) { server in
            // Every viewer listens (user, public and hashtag streams) while the author posts; a public post by
            // someone else, which every viewer sees, comes after it: once it arrives the author's has been decided.
            let streamed = try await withThrowingTaskGroup(of: (Viewer, Bool).self) { group in
                for viewer in Viewer.allCases {
                    group.addTask {
                        var messages = [#"{"type":"subscribe","stream":"public:local"}"#, #"{"type":"subscribe","stream":"hashtag","tag":"matrix"}"#]
                        if viewer != .signedOut { messages.append(#"{"type":"subscribe","stream":"user"}"#) }
                        let received = try await WebSocketStreamingTests.session(
                            server, query: appTokens[viewer].map { "?access_token=\($0)" } ?? "", messages: messages, until: sentinel
                        ) {
                            await subscribed.add()
                            if viewer == .author {
                                try await subscribed.wait(for: Viewer.allCases.count)
                                try await world.post(text, by: author, visibility: visibility)
                                try await world.post("#matrix \(sentinel)", by: accounts[.other]!, visibility: .public)
                            }
                        }
                        return (viewer, received.contains { ($0["payload"] as? String ?? "").contains(marker) })
                    }
                }
                return try await group.reduce(into: [Viewer: Bool]()) { $0[$1.0] = $1.1 }
            }
            let post = try #require(try await world.starling.reads.timeline(.profile(author.id), viewer: author).first?.post)
            var failures: [String] = []
            for viewer in Viewer.allCases {
                for path in Path.allCases {
                    let seen = path == .stream ? streamed[viewer] == true
                        : try await Self.sees(server, token: appTokens[viewer], path: path, post: post.id, author: author.id, marker: marker)
                    let expected = path.expectsVisible(visibility, viewer)
                    if seen != expected {
                        failures.append("\(visibility.rawValue) post, \(viewer.rawValue) on \(path): saw \(seen), expected \(expected)")
                    }
                }
            }
            return failures
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// Whether an app with `token` (nil: none) can see (or act on) the post through `path`.
    static func sees(_ server: LiveServer, token: String?, path: Path, post: ID, author: ID, marker: String) async throws -> Bool {
        func get(_ route: String) async throws -> APIResult {
            let result = try await server.api("GET", route, token: token)
            #expect(result.status < 500, "\(route)")
            return result
        }
        func listed(_ route: String) async throws -> Bool {
            try await get(route).array.contains { ($0["id"] as? String) == post.description || ($0["content"] as? String ?? "").contains(marker) }
        }
        switch path {
        case .status: return try await get("/api/v1/statuses/\(post)").status == 200
        case .context: return try await get("/api/v1/statuses/\(post)/context").status == 200
        case .home: return try await listed("/api/v1/timelines/home")
        case .publicTimeline: return try await listed("/api/v1/timelines/public?local=true")
        case .tag: return try await listed("/api/v1/timelines/tag/matrix")
        case .accountStatuses: return try await listed("/api/v1/accounts/\(author)/statuses")
        case .search:
            let found = try await get("/api/v2/search?q=\(marker)&type=statuses")
            return (found.json["statuses"] as? [[String: Any]] ?? []).contains { $0["id"] as? String == post.description }
        case .notifications:
            return try await get("/api/v1/notifications").array.contains { ($0["status"] as? [String: Any])?["id"] as? String == post.description }
        case .favourite: return try await server.api("POST", "/api/v1/statuses/\(post)/favourite", token: token).status == 200
        case .favourites:
            _ = try await server.api("POST", "/api/v1/statuses/\(post)/favourite", token: token)
            return try await listed("/api/v1/favourites")
        case .bookmarks:
            _ = try await server.api("POST", "/api/v1/statuses/\(post)/bookmark", token: token)
            return try await listed("/api/v1/bookmarks")
        case .favouritedBy: return try await get("/api/v1/statuses/\(post)/favourited_by").status == 200
        case .history: return try await get("/api/v1/statuses/\(post)/history").status == 200
        case .stream: return false
        }
    }
}
