import Foundation
import Testing
@testable import StarlingCore

/// The remembered first page of home timelines never shows what the full read would not, and
/// never misses what was posted since it was remembered.
@Suite("Remembered home feeds")
struct HomeFeedTests {
    /// A member who follows ben, with ben's three posts already read once (so the feed is remembered).
    private func worldWithReadFeed() async throws -> (TestWorld, ada: Account, ben: Account, posts: [Post]) {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        try await world.starling.relations.follow(ben, by: ada)
        let posts = try await (1...3).asyncMap { try await world.post("ben \($0)", by: ben) }
        #expect(try await world.timelineIDs(.home, for: ada) == posts.reversed().map(\.id))
        return (world, ada, ben, posts)
    }

    @Test("a post made after the feed was remembered is on top of the next read")
    func newPostsAppear() async throws {
        let (world, ada, ben, posts) = try await worldWithReadFeed()
        let fresh = try await world.post("ben 4", by: ben)
        #expect(try await world.timelineIDs(.home, for: ada) == [fresh.id] + posts.reversed().map(\.id))
    }

    @Test("a deleted post leaves the remembered feed at once")
    func deletionsLeave() async throws {
        let (world, ada, ben, posts) = try await worldWithReadFeed()
        try await world.starling.posts.delete(posts[1].id, by: ben)
        #expect(try await world.timelineIDs(.home, for: ada) == [posts[2].id, posts[0].id])
    }

    @Test("unfollowing empties the home timeline of that person at once")
    func unfollowing() async throws {
        let (world, ada, ben, _) = try await worldWithReadFeed()
        try await world.starling.relations.follow(ben, by: ada, false)
        #expect(try await world.timelineIDs(.home, for: ada).isEmpty)
    }

    @Test("being blocked by the author hides their remembered posts at once")
    func blockedByAuthor() async throws {
        let (world, ada, ben, _) = try await worldWithReadFeed()
        try await world.starling.relations.block(ada, by: ben)
        #expect(try await world.timelineIDs(.home, for: ada).isEmpty)
    }

    @Test("a post whose id predates the last read by a few seconds (a late commit) still appears")
    func lateCommits() async throws {
        let (world, ada, ben, posts) = try await worldWithReadFeed()
        let made = Date().addingTimeInterval(-3)
        let late = try await world.starling.store.insertPost(NewPost(
            post: Post(id: ID(Int64(made.timeIntervalSince1970 * 1000) << 16 | 7), authorID: ben.id, visibility: .organization,
                       source: "late", html: "<p>late</p>", createdAt: made),
            hashtags: [], mentionedIDs: [], idempotencyKey: nil))
        #expect(try await world.timelineIDs(.home, for: ada).contains(late.id))
        #expect(try await world.timelineIDs(.home, for: ada).count == posts.count + 1)
    }

    @Test("merging keeps newest first, drops duplicates and cuts to the remembered depth")
    func merging() {
        let ids = (1...100).map { ID(Int64($0)) }
        let merged = HomeFeeds.merge([ids[99], ids[50]], Array(ids[40...60].reversed()))
        #expect(merged.first == ids[99])
        #expect(Set(merged).count == merged.count)
        #expect(merged == merged.sorted(by: >))
        #expect(HomeFeeds.merge(ids.reversed(), ids.reversed()).count == HomeFeeds.depth)
    }
}
