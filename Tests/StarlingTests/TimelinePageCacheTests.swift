import Foundation
import Hummingbird
import Testing
@testable import StarlingCore
@testable import StarlingSQLite
@testable import StarlingWeb

/// Timeline pages are answered again from memory only while nothing changed: any commit, by any
/// process, and any filter or poll expiring in between, makes the next read a fresh one; only posts
/// from outside may show up to a second late.
@Suite("Kept timeline pages")
struct TimelinePageCacheTests {
    @Test("the change stamp stays put while nothing is written and moves on every commit, from any connection")
    func changeStamp() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        let before = try await world.store.changeStamp()
        #expect(try await world.store.changeStamp() == before)
        try await world.post("written here", by: ada)
        let afterOwnWrite = try await world.store.changeStamp()
        #expect(afterOwnWrite != before)
        let elsewhere = try await world.anotherNode()
        try await elsewhere.updateProfile(accountID: ada.id, displayName: "Ada L.", bio: "", timeZone: nil)
        #expect(try await world.store.changeStamp() != afterOwnWrite)
    }

    @Test("a bearer token is read with the change stamp of that moment, so a kept page needs no second read")
    func grantCarriesChangeStamp() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        let token = try await world.starling.oauth.issueForScript(account: ada, scopes: "read").token
        let before = try #require(try await world.starling.oauth.grant(bearer: token))
        #expect(try await before.changeStamp == world.store.changeStamp())
        try await world.post("written", by: ada)
        let after = try #require(try await world.starling.oauth.grant(bearer: token))
        #expect(try await after.changeStamp == world.store.changeStamp())
        #expect(after.changeStamp != before.changeStamp)
    }

    @Test("a home page read before is read afresh when another process adds a post")
    func otherProcessWrites() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        try await world.starling.relations.follow(ben, by: ada)
        let first = try await world.post("first", by: ben)
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            #expect(try await homeIDs(server, token) == [first.id.description])
            let otherProcess = try Starling(store: await world.anotherNode(),
                                            files: LocalFileStore(dataDirectory: world.directory), ids: IDGenerator(),
                                            settings: InstanceSettings(name: "Test Org", passwordCost: 4))
            let second = try await otherProcess.posts.compose(.init(text: "second", visibility: .organization), by: ben)
            #expect(try await homeIDs(server, token) == [second.id.description, first.id.description])
        }
    }

    @Test("a home page read before shows a post from outside within a second, and a post from here at once")
    func outsidePostsShowSoon() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        try await world.starling.relations.follow(ben, by: ada)
        let peer = try await world.store.keepRemoteActor(RemoteActor(
            id: world.starling.ids.next(), uri: "https://elsewhere.example/users/peer", domain: "elsewhere.example", username: "peer",
            displayName: "Peer", inbox: "https://elsewhere.example/users/peer/inbox", sharedInbox: nil, profileURL: nil, avatarURL: nil,
            fetchedAt: Date()))
        try await world.store.setFollow(followerID: ada.id, followeeID: peer.id, on: true)
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            #expect(try await homeIDs(server, token).isEmpty)
            var note = Post(id: world.starling.ids.next(), authorID: peer.id, visibility: .public, source: "from afar", html: "<p>from afar</p>",
                            createdAt: Date())
            note.remote = RemotePost(uri: "https://elsewhere.example/notes/1", url: "https://elsewhere.example/@peer/1")
            let outside = try await world.store.insertPostFromOutside(NewPost(post: note, hashtags: [], mentionedIDs: [], idempotencyKey: nil))
            let started = Date()
            try await eventually(within: 5) { try await homeIDs(server, token) == [outside.id.description] }
            #expect(Date().timeIntervalSince(started) < TimelinePageCache.outsideLag + 1)
            let here = try await world.post("from here", by: ben)
            #expect(try await homeIDs(server, token) == [here.id.description, outside.id.description])
        }
    }

    @Test("a page read again with nothing written in between is answered in full, the same")
    func repeatedReads() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        try await world.starling.relations.follow(ben, by: ada)
        for index in 1...25 { try await world.post("post \(index)", by: ben) }
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let first = try await server.api("GET", "/api/v1/timelines/home?limit=20", token: token)
            let again = try await server.api("GET", "/api/v1/timelines/home?limit=20", token: token)
            #expect(first.array.count == 20)
            #expect(again.body == first.body)
            #expect(again.headers.first { $0.0 == "Link" }?.1 == first.headers.first { $0.0 == "Link" }?.1)
            #expect(again.headers.contains { $0.0.lowercased() == "x-ratelimit-remaining" })
        }
    }

    @Test("a favourite shows in the next read of a page read before: flag and count")
    func favourites() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        try await world.starling.relations.follow(ben, by: ada)
        let post = try await world.post("like me", by: ben)
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let before = try await server.api("GET", "/api/v1/timelines/home", token: token).array.first
            #expect(before?["favourited"] as? Bool == false && before?["favourites_count"] as? Int == 0)
            _ = try await server.api("POST", "/api/v1/statuses/\(post.id)/favourite", token: token)
            let after = try await server.api("GET", "/api/v1/timelines/home", token: token).array.first
            #expect(after?["favourited"] as? Bool == true && after?["favourites_count"] as? Int == 1)
        }
    }

    @Test("two people reading the same address never share a page")
    func perViewer() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        try await world.member("cal")
        try await world.starling.relations.follow(ben, by: ada)
        let secret = try await world.post("for my followers", by: ben, visibility: .followers)
        try await withLiveServer(world) { server in
            let adaToken = try await MastodonAPITests.token(server, "ada"), calToken = try await MastodonAPITests.token(server, "cal")
            #expect(try await homeIDs(server, adaToken) == [secret.id.description])
            #expect(try await homeIDs(server, calToken).isEmpty)
            let publicLine = "/api/v1/timelines/public?limit=5"
            #expect(try await server.api("GET", publicLine, token: adaToken).array.count == 1)
            #expect(try await server.api("GET", publicLine, token: calToken).array.isEmpty)
        }
    }

    @Test("a page hidden by a filter shows the post again when the filter expires, with nothing written")
    func filterExpiry() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        try await world.starling.relations.follow(ben, by: ada)
        let post = try await world.post("Match report: 3-1", by: ben)
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let filter = try await server.api("POST", "/api/v2/filters", token: token, form: [
                ("title", "Sport"), ("context[]", "home"), ("filter_action", "hide"), ("expires_in", "5"), // time enough to look before it expires, on a busy machine too
                ("keywords_attributes[][keyword]", "match")])
            #expect(filter.status == 200)
            #expect(try await homeIDs(server, token).isEmpty)
            try await world.starling.activity.flush() // ada's activity today is written now, not during the wait
            let stamp = try await world.store.changeStamp()
            try await Task.sleep(for: .milliseconds(5_200))
            #expect(try await homeIDs(server, token) == [post.id.description])
            #expect(try await world.store.changeStamp() == stamp) // nothing was written: the expiry alone did it
        }
    }

    @Test("a page is kept until the first poll in it closes or filter in it expires")
    func validity() throws {
        let now = Date()
        let author = Account(id: ID(1), username: "ben", email: "ben@example.org", displayName: "Ben", bio: "", role: .member,
                             createdAt: now, postsCount: 1, followersCount: 0, followingCount: 0, avatarPath: nil)
        var view = PostView(post: Post(id: ID(2), authorID: author.id, visibility: .organization, source: "?", html: "<p>?</p>",
                                       createdAt: now), author: author)
        view.poll = Poll(id: ID(2), options: [.init(title: "yes"), .init(title: "no")], expiresAt: now + 600, multiple: false)
        let closed = Poll(id: ID(3), options: [.init(title: "yes")], expiresAt: now - 1, multiple: false)
        var old = view
        old.poll = closed
        let filter = ContentFilter(id: ID(4), accountID: ID(9), title: "f", contexts: [.home], action: .warn, expiresAt: now + 60)
        let entries = [TimelineEntry(id: ID(2), post: view), TimelineEntry(id: ID(3), post: old)]
        #expect(TimelinePageCache.validUntil(entries, filters: [], now: now) == now + 600)
        #expect(TimelinePageCache.validUntil(entries, filters: [filter], now: now) == now + 60)
        #expect(TimelinePageCache.validUntil([], filters: [], now: now) == .distantFuture)
    }

    @Test("a kept page is answered only at the stamp it was read at and before it expires")
    func answering() {
        let cache = TimelinePageCache(capacity: 10)
        let key = TimelinePageCache.Key(viewer: ID(1), uri: "/api/v1/timelines/home")
        let now = Date()
        let stamp = ChangeStamp(settled: 7, latest: 7)
        cache.keep(Response(status: .ok), for: key, stamp: stamp, readAt: now, validUntil: now + 10)
        #expect(cache.response(for: key, stamp: stamp, now: now) != nil)
        #expect(cache.response(for: key, stamp: ChangeStamp(settled: 8, latest: 8), now: now) == nil)
        #expect(cache.response(for: key, stamp: stamp, now: now + 10) == nil)
        #expect(cache.response(for: .init(viewer: ID(2), uri: key.uri), stamp: stamp, now: now) == nil)
    }

    @Test("while only posts from outside were committed, a kept page is answered until it is a second old, and never after anything else")
    func outsideLag() {
        let cache = TimelinePageCache(capacity: 10)
        let key = TimelinePageCache.Key(viewer: ID(1), uri: "/api/v1/timelines/home")
        let readAt = Date()
        cache.keep(Response(status: .ok), for: key, stamp: ChangeStamp(settled: 7, latest: 7), readAt: readAt, validUntil: .distantFuture)
        let outsidePostsSince = ChangeStamp(settled: 7, latest: 9)
        #expect(cache.response(for: key, stamp: outsidePostsSince, now: readAt + 0.9) != nil)
        #expect(cache.response(for: key, stamp: outsidePostsSince, now: readAt + TimelinePageCache.outsideLag) == nil)
        #expect(cache.response(for: key, stamp: ChangeStamp(settled: 8, latest: 9), now: readAt + 0.1) == nil)
    }

    @Test("posts kept from outside move only the change stamp's latest part; anything else committed, by any node, moves its settled part",
          arguments: Engine.allCases)
    func outsidePostsDoNotSettle(engine: Engine) async throws {
        let ids = IDGenerator()
        let (store, otherNode) = try await engine.twoNodes()
        let ada = try await store.insertAccount(EngineStoreTests.newAccount("ada", ids: ids))
        let peer = try await store.keepRemoteActor(RemoteActor(
            id: ids.next(), uri: "https://elsewhere.example/users/peer", domain: "elsewhere.example", username: "peer", displayName: "Peer",
            inbox: "https://elsewhere.example/users/peer/inbox", sharedInbox: nil, profileURL: nil, avatarURL: nil, fetchedAt: Date()))
        func post(by authorID: ID, fromOutside: Bool) async throws {
            var post = Post(id: ids.next(), authorID: authorID, visibility: .public, source: "hello", html: "<p>hello</p>", createdAt: Date())
            if fromOutside { post.remote = RemotePost(uri: "https://elsewhere.example/notes/\(post.id)", url: "https://elsewhere.example/@peer/\(post.id)") }
            let new = NewPost(post: post, hashtags: [], mentionedIDs: [], idempotencyKey: nil)
            _ = fromOutside ? try await store.insertPostFromOutside(new) : try await store.insertPost(new)
        }
        let start = try await store.changeStamp()
        try await post(by: peer.id, fromOutside: true)
        let afterOutside = try await store.changeStamp()
        #expect(afterOutside != start && afterOutside.settled == start.settled)
        try await post(by: ada.id, fromOutside: false)
        let afterHere = try await store.changeStamp()
        #expect(afterHere.settled != afterOutside.settled)
        try await otherNode.setSetting("name", value: "Acme")
        try await post(by: peer.id, fromOutside: true)
        #expect(try await store.changeStamp().settled != afterHere.settled)
    }

    @Test("a full cache drops the entries used least recently")
    func eviction() {
        let cache = RecentlyUsedCache<Int, String>(capacity: 10)
        for key in 0..<10 { cache[key] = "\(key)" }
        _ = cache[0] // read: now the most recently used
        cache[10] = "10"
        #expect(cache.count == 10)
        #expect(cache[0] == "0" && cache[10] == "10")
        #expect(cache[1] == nil)
    }

    private func homeIDs(_ server: LiveServer, _ token: String) async throws -> [String] {
        try await server.api("GET", "/api/v1/timelines/home", token: token).array.compactMap { $0["id"] as? String }
    }
}
