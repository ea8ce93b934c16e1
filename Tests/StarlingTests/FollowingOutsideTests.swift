import Foundation
import Testing
@testable import StarlingActivityPub
@testable import StarlingCore
import StarlingWeb

/// A member follows someone on another server: found by their handle, asked with a `Follow` that waits
/// for their approval, and from then on their posts (and their edits and deletions) come in, shown as
/// from outside, to the member's home only. Two Starling servers on loopback that allow each other.
@Suite("Following people on other servers (ActivityPub)", .serialized)
struct FollowingOutsideTests {
    /// Servers A and B allowing each other, ada open to the outside on A and bob on B (who approves followers).
    static func withAdaAndBob(_ body: @Sendable @escaping (FederatingServer, FederatingServer, Account, Account) async throws -> Void) async throws {
        try await withFederatingServers(2) { servers in
            let (a, b) = (servers[0], servers[1])
            try await a.allow(b)
            try await b.allow(a)
            try await body(a, b, try await a.discoverableMember("ada"), try await b.discoverableMember("bob"))
        }
    }

    /// ada (on A) follows bob (on B), and bob approves: bob as A shows him.
    static func adaFollowsBob(_ a: FederatingServer, _ b: FederatingServer, ada: Account, bob: Account) async throws -> Account {
        let bobOnA = try #require(try await a.activityPub.resolve(handle: "@\(bob.username)@\(b.host)"))
        try await a.starling.relations.follow(bobOnA, by: ada)
        try await eventually { try await !b.starling.federation.followRequests(of: bob).isEmpty }
        let request = try await b.starling.federation.followRequests(of: bob)[0]
        _ = try await b.activityPub.answerFollowRequest(from: request.actor.id, accepting: true, by: bob)
        try await eventually { try await a.starling.relations.relationship(of: ada, to: bobOnA).following }
        return bobOnA
    }

    /// The posts of ada's home on A.
    static func home(of ada: Account, on a: FederatingServer) async throws -> [PostView] {
        try await a.starling.reads.timeline(.home, viewer: ada, page: PageRequest(limit: 40)).map(\.post)
    }

    @Test("someone on another server is found by their handle and shown with their server's name")
    func resolveByHandle() async throws {
        try await Self.withAdaAndBob { a, b, _, _ in
            let bobOnA = try #require(try await a.activityPub.resolve(handle: "@bob@\(b.host)"))
            #expect(bobOnA.handle == "bob@\(b.host)")
            #expect(bobOnA.remote?.uri == b.base + "/users/bob")
            #expect(bobOnA.displayName == "Bob Outward")
            // Found again by handle, without asking B, and never as a member of A.
            #expect(try await a.starling.store.account(username: "bob@\(b.host)")?.id == bobOnA.id)
            #expect(try await a.starling.store.account(username: "bob") == nil)
            #expect(try await a.starling.store.accountCount() == 1)
        }
    }

    @Test("a follow of someone outside waits for their approval, then their public posts reach the follower's home")
    func followWithApproval() async throws {
        try await Self.withAdaAndBob { a, b, ada, bob in
            let bobOnA = try #require(try await a.activityPub.resolve(handle: "bob@\(b.host)"))
            try await a.starling.relations.follow(bobOnA, by: ada)
            #expect(try await a.starling.relations.relationship(of: ada, to: bobOnA).requested)
            #expect(try await !a.starling.relations.relationship(of: ada, to: bobOnA).following)
            try await eventually { try await !b.starling.federation.followRequests(of: bob).isEmpty }
            let request = try await b.starling.federation.followRequests(of: bob)[0]
            #expect(request.actor.uri == a.base + "/users/ada")
            _ = try await b.activityPub.answerFollowRequest(from: request.actor.id, accepting: true, by: bob)
            try await eventually { try await a.starling.relations.relationship(of: ada, to: bobOnA).following }
            #expect(try await !a.starling.relations.relationship(of: ada, to: bobOnA).requested)

            try await b.world.post("Notes from #ISTE2016 in the open", by: bob, visibility: .public)
            try await eventually { try await !Self.home(of: ada, on: a).isEmpty }
            let arrived = try #require(try await Self.home(of: ada, on: a).first)
            #expect(arrived.author.id == bobOnA.id)
            #expect(arrived.post.isRemote)
            #expect(arrived.post.visibility == .public)
            #expect(arrived.post.html.contains("Notes from"))
            #expect(arrived.post.html.contains("href=\"/tags/ISTE2016\""))
            #expect(arrived.post.remote?.uri.hasPrefix(b.base + "/users/bob/statuses/") == true)
        }
    }

    @Test("a declined follow ends, and nothing of theirs comes in")
    func declinedFollow() async throws {
        try await Self.withAdaAndBob { a, b, ada, bob in
            let bobOnA = try #require(try await a.activityPub.resolve(handle: "bob@\(b.host)"))
            try await a.starling.relations.follow(bobOnA, by: ada)
            try await eventually { try await !b.starling.federation.followRequests(of: bob).isEmpty }
            let request = try await b.starling.federation.followRequests(of: bob)[0]
            _ = try await b.activityPub.answerFollowRequest(from: request.actor.id, accepting: false, by: bob)
            try await eventually { try await !a.starling.relations.relationship(of: ada, to: bobOnA).requested }
            #expect(try await !a.starling.relations.relationship(of: ada, to: bobOnA).following)
        }
    }

    @Test("a deleted member's followers outside hear it: a Delete of their actor, signed with their key, erases them there; the actor then answers 410 Gone, and the key is forgotten once its deliveries are over")
    func deletedMemberLeavesOtherServers() async throws {
        try await Self.withAdaAndBob { a, b, ada, bob in
            let bobOnA = try await Self.adaFollowsBob(a, b, ada: ada, bob: bob)
            try await b.world.post("Before I go", by: bob, visibility: .public)
            try await eventually { try await !Self.home(of: ada, on: a).isEmpty }
            let admin = try await b.world.member("carol", role: .admin)

            try await b.starling.accountDeletion.delete(bob.id, by: admin)
            try await eventually { try await a.starling.store.remoteActor(uri: b.base + "/users/bob") == nil }
            try await eventually { try await Self.home(of: ada, on: a).isEmpty }
            #expect(try await a.starling.store.account(id: bobOnA.id)?.deletedAt != nil)

            // On B, the account is erased but its key is kept for the Delete's retries, and its actor is gone.
            try await b.starling.jobRunner.runDue(now: Date())
            #expect(try await b.fetch("/users/bob").status == 410)
            #expect(try await b.starling.store.actorKey(ownerID: bob.id) != nil)
            try await b.starling.jobRunner.runDue(now: Date() + AccountDeletionService.keyKeptAfterDeletion + 1)
            #expect(try await b.starling.store.actorKey(ownerID: bob.id) == nil)
            #expect(try await b.fetch("/users/bob").status == 404)
        }
    }

    @Test("an edit and a deletion by the author outside reach the copy here")
    func editAndDeletion() async throws {
        try await Self.withAdaAndBob { a, b, ada, bob in
            _ = try await Self.adaFollowsBob(a, b, ada: ada, bob: bob)
            let post = try await b.world.post("First draft", by: bob, visibility: .public)
            try await eventually { try await !Self.home(of: ada, on: a).isEmpty }
            try await b.starling.posts.edit(post.id, text: "Second draft", contentWarning: "", by: bob)
            try await eventually { try await Self.home(of: ada, on: a).first?.post.html.contains("Second draft") == true }
            #expect(try await Self.home(of: ada, on: a).first?.post.editedAt != nil)
            try await b.starling.posts.delete(post.id, by: bob)
            try await eventually { try await Self.home(of: ada, on: a).isEmpty }
        }
    }

    @Test("what is for the organization, direct or in a program never reaches a follower outside")
    func insideStaysInside() async throws {
        try await Self.withAdaAndBob { a, b, ada, bob in
            _ = try await Self.adaFollowsBob(a, b, ada: ada, bob: bob)
            try await DeliveryTests.joinProgram(bob, on: b)
            try await b.world.post("Inside only", by: bob)
            try await b.world.post("In the program #onboarding2026", by: bob, visibility: .public)
            try await b.world.post("Just for @carol", by: bob, visibility: .direct)
            try await b.world.post("Open to all", by: bob, visibility: .public)
            try await eventually { try await !Self.home(of: ada, on: a).isEmpty }
            try await b.starling.jobRunner.runDue(now: Date())
            try await a.starling.jobRunner.runDue(now: Date())
            #expect(try await Self.home(of: ada, on: a).map(\.post.source) == ["Open to all"])
        }
    }

    @Test("posts from outside are in their follower's home only: not on the organization's timeline or hashtag pages, nor for other members")
    func outsidePostsStayInHome() async throws {
        try await Self.withAdaAndBob { a, b, ada, bob in
            _ = try await Self.adaFollowsBob(a, b, ada: ada, bob: bob)
            let dan = try await a.world.member("dan")
            try await b.world.post("A public thought #lrnchat", by: bob, visibility: .public)
            try await eventually { try await !Self.home(of: ada, on: a).isEmpty }
            #expect(try await a.starling.reads.timeline(.organization, viewer: ada).isEmpty)
            #expect(try await a.starling.reads.timeline(.hashtag("lrnchat"), viewer: ada).isEmpty)
            #expect(try await Self.home(of: dan, on: a).isEmpty)
        }
    }

    @Test("a post for followers only reaches the follower outside, and only they see it there")
    func followersOnlyPost() async throws {
        try await Self.withAdaAndBob { a, b, ada, bob in
            let bobOnA = try await Self.adaFollowsBob(a, b, ada: ada, bob: bob)
            let dan = try await a.world.member("dan")
            try await b.world.post("For my followers", by: bob, visibility: .followers)
            try await eventually { try await !Self.home(of: ada, on: a).isEmpty }
            let post = try #require(try await Self.home(of: ada, on: a).first)
            #expect(post.post.visibility == .followers)
            #expect(try await a.starling.store.post(id: post.id, viewer: dan.id) == nil)
            #expect(try await a.starling.store.post(id: post.id, viewer: nil) == nil)
            #expect(try await a.starling.reads.timeline(.profile(bobOnA.id), viewer: dan).isEmpty)
        }
    }

    @Test("unfollowing someone outside tells their server, and their posts stop coming")
    func unfollow() async throws {
        try await Self.withAdaAndBob { a, b, ada, bob in
            let bobOnA = try await Self.adaFollowsBob(a, b, ada: ada, bob: bob)
            #expect(try await b.starling.federation.remoteFollowers(of: bob).count == 1)
            try await a.starling.relations.follow(bobOnA, by: ada, false)
            try await eventually { try await b.starling.federation.remoteFollowers(of: bob).isEmpty }
            #expect(try await !a.starling.relations.relationship(of: ada, to: bobOnA).following)
        }
    }

    @Test("following someone outside needs being open to the outside oneself, and a server federation allows")
    func followNeedsOpenness() async throws {
        try await Self.withAdaAndBob { a, b, ada, _ in
            let bobOnA = try #require(try await a.activityPub.resolve(handle: "bob@\(b.host)"))
            let dan = try await a.world.member("dan")
            await #expect(throws: DomainError.self) { try await a.starling.relations.follow(bobOnA, by: dan) }
            try await a.starling.federation.list(b.host, as: .block, by: nil)
            await #expect(throws: DomainError.self) { try await a.starling.relations.follow(bobOnA, by: ada) }
            #expect(try await !a.starling.relations.relationship(of: ada, to: bobOnA).requested)
        }
    }

    @Test("a reply to a post from outside reaches its author, and is kept there under their post, until it is deleted")
    func replyToOutside() async throws {
        try await Self.withAdaAndBob { a, b, ada, bob in
            _ = try await Self.adaFollowsBob(a, b, ada: ada, bob: bob)
            let original = try await b.world.post("What helps you remember?", by: bob, visibility: .public)
            try await eventually { try await !Self.home(of: ada, on: a).isEmpty }
            let copy = try #require(try await Self.home(of: ada, on: a).first)
            let answer = try await a.world.post("Spaced practice!", by: ada, visibility: .public, replyTo: copy.id)
            try await eventually { try await b.starling.store.thread(of: original.id, viewer: bob.id)?.descendants.isEmpty == false }
            let reply = try #require(try await b.starling.store.thread(of: original.id, viewer: bob.id)?.descendants.first)
            #expect(reply.post.isRemote)
            #expect(reply.author.handle == "ada@\(a.host)")
            #expect(reply.post.source.contains("Spaced practice!"))
            #expect(try await b.starling.reads.notifications(of: bob).contains { $0.kind == .reply && $0.post?.id == reply.id })
            // ada has no followers on B: her deletion reaches bob's server as the answer's.
            try await a.starling.posts.delete(answer.id, by: ada)
            try await eventually { try await b.starling.store.thread(of: original.id, viewer: bob.id)?.descendants.isEmpty == true }
        }
    }

    @Test("likes and reposts of a post from outside reach its author's server, and so does taking them back")
    func likesAndReposts() async throws {
        try await Self.withAdaAndBob { a, b, ada, bob in
            _ = try await Self.adaFollowsBob(a, b, ada: ada, bob: bob)
            let original = try await b.world.post("Worth sharing", by: bob, visibility: .public)
            try await eventually { try await !Self.home(of: ada, on: a).isEmpty }
            let copy = try #require(try await Self.home(of: ada, on: a).first)
            @Sendable func counts() async throws -> (likes: Int, reposts: Int) {
                let post = try #require(try await b.starling.store.post(id: original.id, viewer: bob.id)).post
                return (post.likesCount, post.repostsCount)
            }
            try await a.starling.posts.like(copy.id, by: ada)
            try await a.starling.posts.repost(copy.id, by: ada)
            try await eventually { try await counts() == (1, 1) }
            let told = try await b.starling.reads.notifications(of: bob).map(\.kind)
            #expect(told.contains(.like) && told.contains(.repost))
            // The repost from outside is not part of B's organization timeline.
            #expect(try await b.starling.reads.timeline(.organization, viewer: bob).map(\.id) == [original.id])
            try await a.starling.posts.like(copy.id, by: ada, false)
            try await a.starling.posts.repost(copy.id, by: ada, false)
            try await eventually { try await counts() == (0, 0) }
        }
    }

    @Test("through the Mastodon API: search with resolve finds @name@domain, shown with acct and url as Mastodon shows them, and following asks first")
    func throughTheMastodonAPI() async throws {
        try await Self.withAdaAndBob { a, b, _, bob in
            let token = try await MastodonAPITests.token(a.server, "ada")
            let found = try await a.server.api("GET", "/api/v2/search?resolve=true&type=accounts&q=\(Browser.encode("@bob@\(b.host)"))", token: token)
            let account = try #require((found.json["accounts"] as? [[String: Any]])?.first)
            #expect(account["acct"] as? String == "bob@\(b.host)")
            #expect(account["url"] as? String == b.base + "/@bob")
            #expect(account["uri"] as? String == b.base + "/users/bob")
            let id = try #require(account["id"] as? String)
            let followed = try await a.server.api("POST", "/api/v1/accounts/\(id)/follow", token: token)
            #expect(followed.json["requested"] as? Bool == true)
            #expect(followed.json["following"] as? Bool == false)
            try await eventually { try await !b.starling.federation.followRequests(of: bob).isEmpty }
            // Not resolved without a token, and never as a member of A.
            let lookedUp = try await a.server.api("GET", "/api/v1/accounts/lookup?acct=\(Browser.encode("bob@\(b.host)"))", token: token)
            #expect(lookedUp.json["id"] as? String == id)
            #expect(try await a.server.api("GET", "/api/v1/accounts/lookup?acct=bob", token: token).status == 404)
        }
    }

    @Test("through the Mastodon API: search with resolve finds a public post on another server by its address or its page, and nothing else")
    func resolvePostByAddress() async throws {
        try await Self.withAdaAndBob { a, b, _, bob in
            let token = try await MastodonAPITests.token(a.server, "ada")
            let open = try await b.world.post("Worth a look from elsewhere", by: bob, visibility: .public)
            let inside = try await b.world.post("Organization only", by: bob, visibility: .organization)
            func search(_ address: String) async throws -> [[String: Any]] {
                let found = try await a.server.api("GET", "/api/v2/search?resolve=true&type=statuses&q=\(Browser.encode(address))", token: token)
                return found.json["statuses"] as? [[String: Any]] ?? []
            }
            let byID = try await search(b.base + "/users/bob/statuses/\(open.id)")
            #expect(byID.map { $0["uri"] as? String } == [b.base + "/users/bob/statuses/\(open.id)"])
            #expect((byID.first?["account"] as? [String: Any])?["acct"] as? String == "bob@\(b.host)")
            let byPage = try await search(b.base + "/@bob/\(open.id)")
            #expect(byPage.map { $0["id"] as? String } == byID.map { $0["id"] as? String }, "the same post, kept once")
            #expect(try await search(b.base + "/users/bob/statuses/\(inside.id)").isEmpty)
            #expect(try await search(b.base + "/users/bob/statuses/\(open.id)9").isEmpty)
            // The post is not on A's organization timeline.
            let kept = try #require(try await a.starling.store.remotePost(uri: b.base + "/users/bob/statuses/\(open.id)"))
            #expect(try await !a.starling.reads.timeline(.organization, viewer: nil).contains { $0.post.id == kept.id })
        }
    }

    @Test("on the web, someone outside has a profile page here marked with their server, with a follow button that asks")
    func profilePage() async throws {
        try await Self.withAdaAndBob { a, b, _, bob in
            _ = try await a.activityPub.resolve(handle: "bob@\(b.host)")
            let browser = a.server.browser()
            try await browser.signIn("ada")
            let page = try await browser.get("/@bob@\(b.host)")
            #expect(page.status == 200)
            #expect(page.body.contains("from \(b.host)"))
            #expect(page.body.contains("href=\"\(b.base)/@bob\""))
            let followed = try await browser.post("/@bob@\(b.host)/follow", [("on", "1")])
            #expect(followed.status == 303)
            try await eventually { try await !b.starling.federation.followRequests(of: bob).isEmpty }
            #expect(try await browser.get("/@bob@\(b.host)").body.contains("Requested"))
        }
    }

    @Test("a third server that is not allowed cannot follow, gets nothing, and is refused when it fetches or delivers")
    func thirdServerShutOut() async throws {
        try await withFederatingServers(3) { servers in
            let (a, b, c) = (servers[0], servers[1], servers[2])
            try await a.allow(b)
            try await b.allow(a)
            try await c.allow(a)
            let ada = try await a.discoverableMember("ada")
            let bob = try await b.discoverableMember("bob")
            let cy = try await c.discoverableMember("cy")
            _ = try await Self.adaFollowsBob(b, a, ada: bob, bob: ada)
            // C asks to follow ada: A refuses to read C's actor, so nothing waits for ada's approval.
            let adaOnC = try? await c.activityPub.resolve(handle: "ada@\(a.host)")
            #expect(adaOnC == nil)
            let note = try await a.world.post("For allowed servers", by: ada, visibility: .public)
            try await eventually { try await !b.starling.reads.timeline(.home, viewer: bob).isEmpty }
            #expect(try await a.starling.federation.followRequests(of: ada).isEmpty)
            #expect(try await c.starling.reads.timeline(.home, viewer: cy).isEmpty)
            let fetched = try await a.fetch("/users/ada/statuses/\(note.id)", signedBy: try await c.activityPub.instanceSigner())
            #expect(fetched.status == 403)
            let mention: JSONValue = [
                "id": .string(c.base + "/users/cy/statuses/1/activity"), "type": "Create", "actor": .string(c.base + "/users/cy"),
                "object": ["id": .string(c.base + "/users/cy/statuses/1"), "type": "Note", "attributedTo": .string(c.base + "/users/cy"),
                           "content": "<p>@ada hello</p>", "to": [.string(ActivityStreams.publicAudience)],
                           "tag": [["type": "Mention", "href": .string(a.base + "/users/ada")]]],
            ]
            await #expect(throws: FederationError.status(403, url: a.base + "/inbox")) {
                try await c.activityPub.client.deliver(mention, to: a.base + "/inbox", signedBy: try await c.activityPub.signer(of: cy),
                                                       policy: try await c.starling.federation.policy(), now: Date())
            }
            #expect(try await a.starling.store.remotePost(uri: c.base + "/users/cy/statuses/1") == nil)
        }
    }

    @Test("a block across servers ends the follows both ways, there too, and the blocked sees nothing more of the blocker")
    func blocks() async throws {
        try await Self.withAdaAndBob { a, b, ada, bob in
            let bobOnA = try await Self.adaFollowsBob(a, b, ada: ada, bob: bob)
            try await b.world.post("Before the block", by: bob, visibility: .public)
            try await eventually { try await !Self.home(of: ada, on: a).isEmpty }
            // bob blocks ada on B: A hears it, ada follows bob no more and no longer sees what came from him.
            let adaOnB = try #require(try await b.starling.store.account(username: "ada@\(a.host)"))
            try await b.starling.relations.block(adaOnB, by: bob)
            #expect(try await b.starling.federation.remoteFollowers(of: bob).isEmpty)
            try await eventually { try await !a.starling.relations.relationship(of: ada, to: bobOnA).following }
            #expect(try await a.starling.relations.relationship(of: ada, to: bobOnA).blockedBy)
            #expect(try await Self.home(of: ada, on: a).isEmpty)
            // Unblocked, the block is gone there too (the follow is not back: it has to be asked again).
            try await b.starling.relations.block(adaOnB, by: bob, false)
            try await eventually { try await !a.starling.relations.relationship(of: ada, to: bobOnA).blockedBy }
        }
    }
}
