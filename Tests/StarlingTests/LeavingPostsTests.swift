import Foundation
@testable import StarlingActivityPub
@testable import StarlingCore
import Testing

/// What leaves the organization when another server fetches notes and outboxes (issue 17): only `public`
/// posts of people open to the outside, outside programs, in conversations that leave too; everything
/// else is not found, whoever asks.
@Suite("Posts that leave, by fetch (ActivityPub)", .serialized) // several live servers each: one test at a time keeps the databases' connections few
struct LeavingPostsTests {
    /// A's members and posts of every kind, with B allowed to fetch.
    struct Posts {
        var leaving: [Post] = []
        var staying: [(String, Post)] = []
    }

    static func everyKindOfPost(on a: FederatingServer) async throws -> Posts {
        let ada = try await a.discoverableMember("ada")
        let ben = try await a.world.member("ben")
        let carol = try await a.discoverableMember("carol", role: .moderator)
        let program = try await a.starling.programs.create(.init(title: "Onboarding", hashtag: "onboarding2026"), by: carol)
        #expect(program.visibility == .open)
        var posts = Posts()
        let opening = try await a.world.post("Out in the open #lrnchat", by: ada, visibility: .public)
        posts.leaving.append(opening)
        posts.leaving.append(try await a.world.post("And a public answer", by: ada, visibility: .public, replyTo: opening.id))
        let inside = try await a.world.post("Inside only", by: ada, visibility: .organization)
        posts.staying.append(("organization", inside))
        posts.staying.append(("followers", try await a.world.post("For my followers", by: ada, visibility: .followers)))
        posts.staying.append(("direct", try await a.world.post("@ben just us", by: ada, visibility: .direct)))
        posts.staying.append(("public answer to an organization post", try await a.world.post("Public, but answering inside", by: ada,
                                                                                            visibility: .public, replyTo: inside.id)))
        posts.staying.append(("public in an open program", try await a.world.post("Welcome #onboarding2026", by: carol, visibility: .public)))
        posts.staying.append(("public by someone not open to the outside", try await a.world.post("Ben in public", by: ben, visibility: .public)))
        return posts
    }

    @Test("an allowed server fetching each post by id gets only the public posts of people open to the outside, outside programs")
    func fetchByIDMatrix() async throws {
        try await withFederatingServers(2) { servers in
            let (a, b) = (servers[0], servers[1])
            try await a.allow(b)
            let posts = try await Self.everyKindOfPost(on: a)
            let signer = try await b.activityPub.instanceSigner()
            @Sendable func fetchedStatus(_ post: Post) async throws -> Int {
                let author = try #require(try await a.starling.store.account(id: post.authorID)).username
                return try await a.fetch("/users/\(author)/statuses/\(post.id)", signedBy: signer).status
            }
            for post in posts.leaving { #expect(try await fetchedStatus(post) == 200, "\(post.source)") }
            for (kind, post) in posts.staying { #expect(try await fetchedStatus(post) == 404, "\(kind)") }
            // A leaving post asked for under another author's name is not found either.
            #expect(try await a.fetch("/users/carol/statuses/\(posts.leaving[0].id)", signedBy: signer).status == 404)
        }
    }

    @Test("the outbox lists exactly the posts that leave, as Create activities, newest first")
    func outboxListsOnlyLeavingPosts() async throws {
        try await withFederatingServers(2) { servers in
            let (a, b) = (servers[0], servers[1])
            try await a.allow(b)
            let posts = try await Self.everyKindOfPost(on: a)
            let signer = try await b.activityPub.instanceSigner()
            let collection = try ActivityPubDiscoveryTests.json(try await a.fetch("/users/ada/outbox", signedBy: signer))
            #expect(collection["type"]?.string == "OrderedCollection")
            let first = try #require(collection["first"]?.string)
            let page = try ActivityPubDiscoveryTests.json(try await a.fetch(String(first.dropFirst(a.base.count)), signedBy: signer))
            let items = page["orderedItems"]?.items ?? []
            #expect(items.map { $0["type"]?.string } == ["Create", "Create"])
            #expect(items.compactMap { $0["object"]?["id"]?.string }
                == posts.leaving.reversed().map { "\(a.base)/users/ada/statuses/\($0.id)" })
            #expect(page["next"] == nil)
        }
    }

    @Test("a note carries the content warning as summary, hashtags, mentions of people open to the outside, the answered note and alt text")
    func noteDocument() async throws {
        try await withFederatingServers(2) { servers in
            let (a, b) = (servers[0], servers[1])
            try await a.allow(b)
            let ada = try await a.discoverableMember("ada")
            _ = try await a.discoverableMember("cat")
            try await a.world.member("ben")
            let first = try await a.world.post("First #lrnchat", by: ada, visibility: .public)
            let image = try await a.starling.media.upload(MediaAPITests.png(width: 40, height: 30), description: "a bar chart", focus: nil, by: ada)
            let answer = try await a.starling.posts.compose(.init(text: "Spoiler for @cat and @ben #lrnchat", contentWarning: "results",
                                                                  visibility: .public, inReplyToID: first.id, mediaIDs: [image.id]), by: ada)
            let note = try ActivityPubDiscoveryTests.json(try await a.fetch("/users/ada/statuses/\(answer.id)",
                                                                            signedBy: try await b.activityPub.instanceSigner()))
            #expect(note["type"]?.string == "Note")
            #expect(note["attributedTo"]?.string == "\(a.base)/users/ada")
            #expect(note["summary"]?.string == "results" && note["sensitive"]?.bool == true)
            #expect(note["inReplyTo"]?.string == "\(a.base)/users/ada/statuses/\(first.id)")
            #expect(note["to"] == [.string(ActivityStreams.publicAudience)])
            let tags = note["tag"]?.items ?? []
            #expect(tags.contains { $0["type"]?.string == "Hashtag" && $0["name"]?.string == "#lrnchat" })
            #expect(tags.filter { $0["type"]?.string == "Mention" }.map { $0["name"]?.string } == ["@cat@\(a.host)"])
            #expect(note["content"]?.string?.contains("href=\"\(a.base)/tags/lrnchat\"") == true)
            let attachment = try #require(note["attachment"]?.items.first)
            #expect(attachment["name"]?.string == "a bar chart" && attachment["mediaType"]?.string == "image/png")
        }
    }

    @Test("notes and outboxes answer signed requests only; a browser following a note's id is sent to the post's page")
    func notesNeedASignature() async throws {
        try await withFederatingServers(1) { servers in
            let a = servers[0]
            let ada = try await a.discoverableMember("ada")
            let post = try await a.world.post("Out in the open", by: ada, visibility: .public)
            #expect(try await a.fetch("/users/ada/statuses/\(post.id)").status == 401)
            #expect(try await a.fetch("/users/ada/outbox").status == 401)
            let browser = try await a.fetch("/users/ada/statuses/\(post.id)", accept: "text/html")
            #expect(browser.status == 302 && browser.location == "/@ada/\(post.id)")
            try await a.starling.federation.setMode(.off, by: nil)
            #expect(try await a.fetch("/users/ada/outbox").status == 404)
        }
    }
}
