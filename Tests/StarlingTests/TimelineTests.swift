import Foundation
import Testing
@testable import StarlingCore

@Suite("Timelines, pagination, notifications and search")
struct TimelineTests {
    @Test("home shows own posts, followed people and followed hashtags, newest first")
    func homeSources() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben"), cy = try await world.member("cy"), dee = try await world.member("dee")
        try await world.starling.relations.follow(ben, by: ada)
        try await world.starling.relations.followTag("leadership-lab", by: ada)
        let own = try await world.post("mine", by: ada)
        let followed = try await world.post("from ben", by: ben)
        let tagged = try await world.post("about #Leadership-Lab", by: cy)
        _ = try await world.post("unrelated", by: dee)
        #expect(try await world.timelineIDs(.home, for: ada) == [tagged.id, followed.id, own.id])
    }

    @Test("muted people leave home and organization timelines but stay on their profile")
    func muting() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        try await world.starling.relations.follow(ben, by: ada)
        let post = try await world.post("noisy", by: ben)
        try await world.starling.relations.mute(ben, by: ada)
        #expect(try await world.timelineIDs(.home, for: ada).isEmpty)
        #expect(try await world.timelineIDs(.organization, for: ada).isEmpty)
        #expect(try await world.timelineIDs(.profile(ben.id), for: ada) == [post.id])
    }

    @Test("blocking hides posts both ways and ends follows")
    func blocking() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        try await world.starling.relations.follow(ben, by: ada)
        let post = try await world.post("hello", by: ben)
        try await world.post("from ada", by: ada)
        try await world.starling.relations.block(ada, by: ben)
        await #expect(!(try world.timelineIDs(.organization, for: ada).contains(post.id)))
        #expect(try await world.timelineIDs(.organization, for: ben).allSatisfy { $0 == post.id })
        #expect(try await world.starling.relations.relationship(of: ada, to: ben).following == false)
    }

    @Test("a followers-only post leaves your bookmarks and likes when you unfollow its author")
    func bookmarksFollowVisibility() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        try await world.starling.relations.follow(ada, by: ben)
        let post = try await world.post("for followers", by: ada, visibility: .followers)
        try await world.starling.posts.bookmark(post.id, by: ben)
        try await world.starling.posts.like(post.id, by: ben)
        #expect(try await world.timelineIDs(.bookmarks, for: ben) == [post.id])
        try await world.starling.relations.follow(ada, by: ben, false)
        #expect(try await world.timelineIDs(.bookmarks, for: ben).isEmpty)
        #expect(try await world.timelineIDs(.likes, for: ben).isEmpty)
    }

    @Test("reposts appear in followers' home with who reposted")
    func repostsInHome() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben"), cy = try await world.member("cy")
        try await world.starling.relations.follow(ben, by: ada)
        let post = try await world.post("worth sharing", by: cy)
        try await world.starling.posts.repost(post.id, by: ben)
        let entry = try #require(try await world.starling.reads.timeline(.home, viewer: ada).first)
        #expect(entry.post.id == post.id)
        #expect(entry.repostedBy?.id == ben.id)
    }

    @Test("max_id, since_id and min_id page like Mastodon's, stable while new posts arrive")
    func pagination() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        let posts = try await (0..<10).asyncMap { try await world.post("post \($0)", by: ada) }.map(\.id)
        let newestFirst = Array(posts.reversed())
        let first = try await world.timelineIDs(.organization, for: ada, page: PageRequest(limit: 4))
        #expect(first == Array(newestFirst[0..<4]))
        try await world.post("arrives meanwhile", by: ada)
        let second = try await world.timelineIDs(.organization, for: ada, page: PageRequest(maxID: first.last, limit: 4))
        #expect(second == Array(newestFirst[4..<8]))
        // min_id: the page just above, newest first; since_id: the newest above the cursor.
        #expect(try await world.timelineIDs(.organization, for: ada, page: PageRequest(minID: posts[2], limit: 3)) == [posts[5], posts[4], posts[3]])
        #expect(try await world.timelineIDs(.organization, for: ada, page: PageRequest(sinceID: posts[7], limit: 1)).count == 1)
        #expect(try await world.timelineIDs(.organization, for: ada, page: PageRequest(limit: 1000)).count == 11)
    }

    @Test("threads show visible ancestors and the reply tree in reading order")
    func threads() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        let root = try await world.post("root", by: ada)
        let a = try await world.post("a", by: ben, replyTo: root.id)
        let b = try await world.post("b", by: ada, replyTo: root.id)
        let a1 = try await world.post("a1", by: ada, replyTo: a.id)
        let thread = try await world.starling.reads.thread(a.id, viewer: ada)
        #expect(thread.ancestors.map(\.id) == [root.id])
        #expect(thread.descendants.map(\.id) == [a1.id])
        let full = try await world.starling.reads.thread(root.id, viewer: ada)
        #expect(full.descendants.map(\.id) == [a.id, a1.id, b.id])
    }

    @Test("replies, mentions, likes, reposts and follows notify, and can be marked read")
    func notifications() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        let post = try await world.post("question", by: ada)
        try await world.post("@ada answer", by: ben, replyTo: post.id)
        try await world.post("hey @ada", by: ben)
        try await world.starling.posts.like(post.id, by: ben)
        try await world.starling.posts.repost(post.id, by: ben)
        try await world.starling.relations.follow(ada, by: ben)
        let kinds = try await world.starling.reads.notifications(of: ada).map(\.kind)
        #expect(kinds == [.follow, .repost, .like, .mention, .reply])
        #expect(try await world.starling.reads.unreadNotificationCount(of: ada) == 5)
        let newest = try await world.starling.reads.notifications(of: ada)[0].id
        try await world.starling.reads.markNotificationsRead(of: ada, upTo: newest)
        #expect(try await world.starling.reads.unreadNotificationCount(of: ada) == 0)
    }

    @Test("nobody is notified of their own actions or by someone they muted")
    func noSelfOrMutedNotifications() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        let post = try await world.post("mine @ada", by: ada)
        try await world.starling.posts.like(post.id, by: ada)
        try await world.starling.relations.mute(ben, by: ada)
        try await world.starling.posts.like(post.id, by: ben)
        #expect(try await world.starling.reads.notifications(of: ada).isEmpty)
    }

    @Test("search finds stemmed words and ranks recent matches higher at equal relevance")
    func searchStemming() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        let old = try await world.post("I was coaching new managers", by: ada, at: Date() - 80 * 86400)
        let recent = try await world.post("Coaches coach", by: ada)
        _ = try await world.post("unrelated", by: ada)
        let found = try await world.starling.reads.search(PostSearch(text: "coach"), viewer: ada).posts.map(\.id)
        #expect(Set(found) == [old.id, recent.id])
        #expect(found.first == recent.id)
    }

    @Test("search filters by hashtag, author and date range")
    func searchFilters() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        let tagged = try await world.post("feedback loops #Coaching", by: ada)
        let byBen = try await world.post("feedback matters", by: ben)
        let old = try await world.post("feedback from long ago", by: ada, at: Date() - 40 * 86400)
        let search = world.starling.reads
        #expect(try await search.search(PostSearch(text: "feedback", hashtag: "coaching"), viewer: ada).posts.map(\.id) == [tagged.id])
        #expect(try await search.search(PostSearch(text: "feedback", authorID: ben.id), viewer: ada).posts.map(\.id) == [byBen.id])
        #expect(try await search.search(PostSearch(text: "feedback", until: Date() - 30 * 86400), viewer: ada).posts.map(\.id) == [old.id])
        #expect(try await search.search(PostSearch(text: "feedback", from: Date() - 86400), viewer: ada).posts.count == 2)
    }

    @Test("search treats query syntax as plain words")
    func searchQuerySyntax() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        try await world.post("quotes \"and\" stars", by: ada)
        for query in ["\"", "NEAR(", "a OR", "*", "'; DROP TABLE posts; --", "col:value", "^start"] {
            _ = try await world.starling.reads.search(PostSearch(text: query), viewer: ada)
        }
        #expect(try await world.starling.reads.search(PostSearch(text: "\"and\" stars"), viewer: ada).posts.count == 1)
    }

    @Test("people are found by the start of any word of their name, also after renaming")
    func searchPeopleByNameWords() async throws {
        let world = try await TestWorld()
        let grace = try await world.starling.accounts.create(.init(username: "g_h", email: "g@example.org", password: "password1",
                                                             displayName: "Grace Hopper"))
        #expect(try await world.store.searchAccounts("hop", limit: 5, guest: nil).map(\.id) == [grace.id])
        try await world.starling.accounts.updateProfile(grace, displayName: "Amazing Grace", bio: "")
        #expect(try await world.store.searchAccounts("hop", limit: 5, guest: nil).isEmpty)
        #expect(try await world.store.searchAccounts("amaz", limit: 5, guest: nil).map(\.id) == [grace.id])
    }

    @Test("people and hashtags are found by prefix")
    func searchPeopleAndTags() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("adalovelace")
        try await world.post("#onboarding-2026 starts", by: ada)
        let results = try await world.starling.reads.search(PostSearch(text: "onboard"), viewer: ada)
        #expect(results.tags.map(\.name) == ["onboarding-2026"])
        #expect(try await world.starling.reads.search(PostSearch(text: "@adal"), viewer: ada).accounts.map(\.id) == [ada.id])
    }
}

@Suite("Search ranking")
struct SearchRankingTests {
    @Test("at equal age, a post that is more about the words ranks first")
    func relevance() {
        let now = Date()
        let id = IDGenerator()
        let once = SearchCandidate(id: id.next(at: now), text: "a long post that mentions coaching once among many other words here")
        let often = SearchCandidate(id: id.next(at: now), text: "coaching coaches coach")
        #expect(SearchRanking().rank([once, often], query: "coaching", now: now).map(\.id) == [often.id, once.id])
    }

    @Test("at equal relevance, the newer post ranks first")
    func recency() {
        let now = Date()
        let old = SearchCandidate(id: IDGenerator().next(at: now - 60 * 86400), text: "feedback loop")
        let new = SearchCandidate(id: IDGenerator().next(at: now - 86400), text: "feedback loop")
        #expect(SearchRanking().rank([old, new], query: "feedback", now: now).map(\.id) == [new.id, old.id])
    }

    @Test("words are compared lowercased, without accents and common suffixes, however they are written")
    func wordForms() {
        var stems: [String] = []
        SearchRanking.forEachStem(of: "Coaching COACHES coach, Café CAFÉ! as 42") { stems.append(String(decoding: $0, as: UTF8.self)) }
        #expect(stems == ["coach", "coach", "coach", "cafe", "cafe", "as", "42"])
        stems = []
        SearchRanking.forEachStem(of: "Coaching COACHES coach-cafe as 42") { stems.append(String(decoding: $0, as: UTF8.self)) }
        #expect(stems == ["coach", "coach", "coach", "cafe", "as", "42"])
    }
}
