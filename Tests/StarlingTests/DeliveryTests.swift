import Foundation
import Testing
@testable import StarlingActivityPub
@testable import StarlingCore
import StarlingWeb

/// What leaves reaches its author's followers outside through the job queue: a `Create` when a post is
/// written, an `Update` when it is edited, a `Delete` when it is deleted or goes back inside, once per
/// server. A server that is down gets it once it is back, one that refuses it for good is not asked again,
/// and one that has failed for days is paused and shown to admins.
@Suite("Deliveries to other servers (ActivityPub)", .serialized)
struct DeliveryTests {
    /// `member` has an accepted follower named `name` at `host` (as after an approved Follow); followers on
    /// one server share its inbox at `/inbox`.
    static func follower(_ name: String = "peer", at host: String, of member: Account, on starling: Starling) async throws {
        let uri = "http://\(host)/users/\(name)"
        let actor = try await starling.store.keepRemoteActor(RemoteActor(
            id: starling.ids.next(), uri: uri, domain: host, username: name, displayName: name, inbox: uri + "/inbox",
            sharedInbox: name == "peer" ? nil : "http://\(host)/inbox", profileURL: nil, avatarURL: nil, fetchedAt: Date()))
        try await starling.store.saveRemoteFollow(accountID: member.id, actorID: actor.id, activityURI: uri + "#follow", acceptedAt: Date(),
                                                    createdAt: Date())
    }

    /// Runs the server's jobs as if a failed delivery's first retry delay had passed, until `delivered`:
    /// a delivery whose failure is not recorded yet is still held by the runner that tried it.
    static func retried(on a: FederatingServer, until delivered: @Sendable () async -> Bool) async throws {
        try await eventually {
            try await a.starling.jobRunner.runDue(now: Date() + RetryPolicy.federation.firstDelay + 1)
            return await delivered()
        }
    }

    /// `member` joins the program #onboarding2026, made by an admin.
    static func joinProgram(_ member: Account, on a: FederatingServer) async throws {
        let admin = try await a.world.member("carol", role: .admin)
        let program = try await a.starling.programs.create(.init(title: "Onboarding", hashtag: "onboarding2026"), by: admin)
        _ = try await a.starling.programs.join(program.id, by: member, agreementVersion: program.agreementVersion)
    }

    /// Server A allowing the test peer, with ada open to the outside and followed by the peer.
    static func withAdaFollowedByPeer(_ body: @Sendable @escaping (TestPeer, FederatingServer, Account) async throws -> Void) async throws {
        try await withTestPeer { peer in
            try await withFederatingServers(1) { servers in
                let a = servers[0]
                try await a.starling.federation.list(peer.host, as: .allow, by: nil)
                let ada = try await a.discoverableMember("ada")
                try await follower(at: peer.host, of: ada, on: a.starling)
                try await body(peer, a, ada)
            }
        }
    }

    @Test("a public post is delivered as a Create to the followers' servers; posts for the organization, direct posts and program posts are not")
    func createReachesFollowers() async throws {
        try await Self.withAdaFollowedByPeer { peer, a, ada in
            try await Self.joinProgram(ada, on: a)
            try await a.world.post("Inside only", by: ada)
            try await a.world.post("For the mentioned @carol", by: ada, visibility: .direct)
            try await a.world.post("In the program #onboarding2026", by: ada, visibility: .public)
            let post = try await a.world.post("Learning in the open #lrnchat", by: ada, visibility: .public)
            let create = try #require(try await peer.waitFor("Create").first)
            #expect(create["actor"]?.string == a.base + "/users/ada")
            #expect(create["object"]?["id"]?.string == "\(a.base)/users/ada/statuses/\(post.id)")
            #expect(create["object"]?["content"]?.string?.contains("Learning in the open") == true)
            try await a.starling.jobRunner.runDue(now: Date())
            #expect(await peer.received.count == 1)
        }
    }

    @Test("an edit is delivered as an Update, and a deletion as a Delete of the note")
    func updateAndDelete() async throws {
        try await Self.withAdaFollowedByPeer { peer, a, ada in
            let post = try await a.world.post("First thoughts", by: ada, visibility: .public)
            _ = try await peer.waitFor("Create")
            try await a.starling.posts.edit(post.id, text: "Second thoughts", contentWarning: "", by: ada)
            let update = try #require(try await peer.waitFor("Update").first)
            #expect(update["object"]?["content"]?.string?.contains("Second thoughts") == true)
            #expect(update["object"]?["updated"]?.string != nil)
            try await a.starling.posts.delete(post.id, by: ada)
            let delete = try #require(try await peer.waitFor("Delete").first)
            #expect(delete["object"]?["id"]?.string == "\(a.base)/users/ada/statuses/\(post.id)")
            #expect(delete["object"]?["type"]?.string == "Tombstone")
        }
    }

    @Test("an edit that takes a post into a program is delivered as its Delete; a post that never left is deleted quietly")
    func editBackInside() async throws {
        try await Self.withAdaFollowedByPeer { peer, a, ada in
            try await Self.joinProgram(ada, on: a)
            let inside = try await a.world.post("Inside only", by: ada)
            try await a.starling.posts.delete(inside.id, by: ada)
            let post = try await a.world.post("Open for now", by: ada, visibility: .public)
            _ = try await peer.waitFor("Create")
            try await a.starling.posts.edit(post.id, text: "Now for #onboarding2026", contentWarning: "", by: ada)
            let delete = try #require(try await peer.waitFor("Delete").first)
            #expect(delete["object"]?["id"]?.string == "\(a.base)/users/ada/statuses/\(post.id)")
            #expect(await peer.received.compactMap { $0["type"]?.string } == ["Create", "Delete"])
        }
    }

    @Test("the followers collection counts followers from outside without naming them, for signed requests only")
    func followersCollection() async throws {
        try await Self.withAdaFollowedByPeer { peer, a, ada in
            try await a.starling.relations.follow(ada, by: try await a.world.member("bo"))
            let collection = try await a.fetch("/users/ada/followers", signedBy: peer.signer)
            #expect(collection.status == 200)
            let document = try #require(JSONValue(parsing: Array(collection.body.utf8)))
            #expect(document["totalItems"]?.text == "1" && document["orderedItems"] == nil && document["first"] == nil)
            #expect(try await a.fetch("/users/ada/following", signedBy: peer.signer).status == 200)
            #expect(try await a.fetch("/users/ada/followers").status == 401)
        }
    }

    @Test("a profile change reaches the followers' servers as an Update of the actor")
    func profileUpdate() async throws {
        try await Self.withAdaFollowedByPeer { peer, a, ada in
            try await a.starling.accounts.updateProfile(ada, displayName: "Ada Lovelace", bio: "Notes on the engine.")
            let update = try #require(try await peer.waitFor("Update").first)
            #expect(update["object"]?["id"]?.string == a.base + "/users/ada")
            #expect(update["object"]?["name"]?.string == "Ada Lovelace")
            #expect(update["object"]?["publicKey"]?["publicKeyPem"]?.string?.contains("BEGIN PUBLIC KEY") == true)
        }
    }

    @Test("a post a moderator hides is deleted on the followers' servers, and goes out again when shown")
    func hiddenAndShown() async throws {
        try await Self.withAdaFollowedByPeer { peer, a, ada in
            let moderator = try await a.world.member("mo", role: .moderator)
            let post = try await a.world.post("Something to look at", by: ada, visibility: .public)
            _ = try await peer.waitFor("Create")
            _ = try await a.starling.moderation.hide(post.id, reason: "Off topic", by: moderator)
            #expect(try await peer.waitFor("Delete").first?["object"]?["id"]?.string == "\(a.base)/users/ada/statuses/\(post.id)")
            _ = try await a.starling.moderation.show(post.id, by: moderator)
            try await eventually { await peer.received.compactMap { $0["type"]?.string } == ["Create", "Delete", "Create"] }
        }
    }

    @Test("an edit that takes a post out of a program delivers it as a new post (Create), not as an Update")
    func editOutOfProgram() async throws {
        try await Self.withAdaFollowedByPeer { peer, a, ada in
            try await Self.joinProgram(ada, on: a)
            let post = try await a.world.post("For the cohort #onboarding2026", by: ada, visibility: .public)
            #expect(post.programID != nil)
            try await a.starling.posts.edit(post.id, text: "For everyone", contentWarning: "", by: ada)
            let create = try #require(try await peer.waitFor("Create").first)
            #expect(create["object"]?["content"]?.string?.contains("For everyone") == true)
            #expect(await peer.received.compactMap { $0["type"]?.string } == ["Create"])
        }
    }

    @Test("followers on one server with a shared inbox get the post once, there")
    func sharedInboxOnce() async throws {
        try await withTestPeer { peer in
            try await withFederatingServers(1) { servers in
                let a = servers[0]
                try await a.starling.federation.list(peer.host, as: .allow, by: nil)
                let ada = try await a.discoverableMember("ada")
                for name in ["bea", "cy", "dot"] { try await Self.follower(name, at: peer.host, of: ada, on: a.starling) }
                try await a.world.post("Hello, followers", by: ada, visibility: .public)
                #expect(try await peer.waitFor("Create").count == 1)
                try await a.starling.jobRunner.runDue(now: Date())
                #expect(await peer.deliveries == ["/inbox"])
            }
        }
    }

    @Test("a server that is down gets the delivery once it is back, when the delivery is tried again")
    func downThenBack() async throws {
        guard let port = freePort(host: "127.0.0.1") else { throw TestFailure("no free port") }
        let host = "127.0.0.1:\(port)"
        try await withFederatingServers(1) { servers in
            let a = servers[0]
            try await a.starling.federation.list(host, as: .allow, by: nil)
            let ada = try await a.discoverableMember("ada")
            try await Self.follower(at: host, of: ada, on: a.starling)
            try await a.world.post("While you were away", by: ada, visibility: .public)
            // A refused connection is tried until the connect timeout (5 s) before the delivery counts as failed.
            try await eventually { try await a.starling.federation.deliveryTrouble(at: host) != nil }
            #expect(try await a.starling.federation.deliveryTrouble(at: host)?.pausedAt == nil)
            try await withTestPeer(port: port) { peer in
                #expect(try await peer.waitFor("Create", seconds: 0.5).isEmpty, "tried again only when its delay has passed")
                try await Self.retried(on: a) { await !peer.received.isEmpty }
                #expect(await peer.received.first?["object"]?["content"]?.string?.contains("While you were away") == true)
                #expect(try await a.starling.federation.deliveryTrouble(at: host) == nil)
            }
        }
    }

    @Test("a server answering 429 or 5xx is tried again later", arguments: [429, 503])
    func retriedAfterTrouble(status: Int) async throws {
        try await Self.withAdaFollowedByPeer { peer, a, ada in
            await peer.answer(with: status)
            try await a.world.post("Try again", by: ada, visibility: .public)
            try await eventually { await peer.deliveries.count == 1 }
            await peer.answer(with: 202)
            try await Self.retried(on: a) { await !peer.received.isEmpty }
            #expect(await peer.received.compactMap { $0["type"]?.string } == ["Create"])
            #expect(await peer.deliveries.count == 2)
        }
    }

    @Test("a server answering 410 Gone (or another 4xx) is not asked again", arguments: [410, 403])
    func finalRefusal(status: Int) async throws {
        try await Self.withAdaFollowedByPeer { peer, a, ada in
            await peer.answer(with: status)
            try await a.world.post("Gone?", by: ada, visibility: .public)
            try await eventually { await peer.deliveries.count == 1 }
            // Done with once it was refused: no job is left, not even a failed one.
            try await eventually { try await a.starling.store.jobQueueDepth(at: Date() + 3 * 86_400) == JobQueueDepth(due: 0, scheduled: 0, failed: 0) }
            try await a.starling.jobRunner.runDue(now: Date() + 3 * 86_400)
            #expect(await peer.deliveries.count == 1)
            let admin = try await a.world.member("root", role: .admin)
            #expect(try await a.starling.jobs.failed(viewer: admin).isEmpty)
            #expect(try await a.starling.federation.deliveryTrouble(at: peer.host) == nil)
        }
    }

    @Test("deliveries are retried for about two days, further and further apart")
    func retryPolicy() {
        let policy = RetryPolicy.federation
        #expect((1.5 * 86_400...2.5 * 86_400).contains(policy.span))
        #expect(policy.delay(afterAttempts: 1) == 30 && policy.delay(afterAttempts: 17) == 6 * 3600)
    }

    @Test("a server that has failed every delivery for two days is paused; hearing from it brings it back")
    func pausedUntilHeardFrom() async throws {
        let clock = ManualClock()
        let world = try await TestWorld(clock: clock)
        let federation = world.starling.federation
        #expect(try await federation.deliveryFailed(to: "down.example", error: "down.example answered 503.") == false)
        clock.advance(by: FederationService.pauseAfter - 60)
        #expect(try await federation.deliveryFailed(to: "down.example", error: "down.example answered 503.") == false)
        clock.advance(by: 60)
        #expect(try await federation.deliveryFailed(to: "down.example", error: "connection refused") == true)
        let trouble = try #require(try await federation.deliveryTrouble(at: "down.example"))
        #expect(trouble.pausedAt.map { abs($0.timeIntervalSince(clock.now())) < 0.01 } == true && trouble.lastError == "connection refused")
        try await federation.heardFrom("down.example")
        #expect(try await federation.deliveryTrouble(at: "down.example") == nil)
    }

    @Test("while a server is paused nothing is sent to it; admins see it on the federation page and in the API, and resume it")
    func pausedShownAndResumed() async throws {
        try await Self.withAdaFollowedByPeer { peer, a, ada in
            await peer.answer(with: 503)
            try await a.world.post("Nobody home", by: ada, visibility: .public)
            try await eventually { try await a.starling.federation.deliveryTrouble(at: peer.host) != nil }
            // Two days of failures, as the retries would have made them.
            try await a.starling.store.pauseDeliveries(domain: peer.host, at: Date())
            await peer.answer(with: 202)
            try await a.world.post("Still nobody?", by: ada, visibility: .public)
            try await a.starling.jobRunner.runDue(now: Date() + 3 * 86_400)
            #expect(await peer.deliveries.count == 1, "nothing is sent to a paused server")

            let root = try await a.world.member("root", role: .admin)
            let token = try await a.starling.oauth.issueForScript(account: root, scopes: "read write").token
            let settings = try await a.server.api("GET", "/api/starling/v1/admin/federation", token: token)
            let failing = try #require((settings.json["deliveries_failing"] as? [[String: Any]])?.first)
            #expect(failing["domain"] as? String == peer.host && failing["paused_at"] is String)
            #expect((failing["last_error"] as? String)?.contains("503") == true)
            let browser = a.server.browser()
            try await browser.signIn("root")
            let page = try await browser.get("/admin/federation")
            #expect(page.body.contains("<code>\(peer.host)</code>") && page.body.contains("Resume"))
            let resumed = try await browser.post("/admin/federation/deliveries/resume", [("domain", peer.host)])
            #expect(resumed.location == "/admin/federation")
            #expect(try await a.starling.federation.deliveryTrouble(at: peer.host) == nil)
            let again = try await a.server.api("POST", "/api/starling/v1/admin/federation/deliveries/\(peer.host)/resume", token: token)
            #expect(again.status == 404)

            try await a.world.post("Welcome back", by: ada, visibility: .public)
            #expect(try await peer.waitFor("Create").first?["object"]?["content"]?.string?.contains("Welcome back") == true)
        }
    }
}
