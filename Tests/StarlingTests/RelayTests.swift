import Foundation
import Testing
@testable import StarlingActivityPub
@testable import StarlingCore
import StarlingWeb

/// Hashtags' posts from outside, through relays (issue 17): a member who follows a hashtag asks for its posts
/// from outside, which subscribes the hashtag's relay (a test peer on loopback, FediBuzz-style); what the
/// relay announces is fetched from its author's server (a second peer) and shown on the hashtag's
/// "From outside" side and in the homes of those who asked, never as the organization's.
@Suite("Hashtags from outside, through relays (ActivityPub)", .serialized)
struct RelayTests {
    /// Server A allowing a relay peer and an origin peer, its hashtags' relays at the relay peer; ada asked for
    /// #iste2016 from outside and the relay accepted.
    static func withAcceptedRelay(_ body: @Sendable @escaping (_ relay: TestPeer, _ origin: TestPeer, FederatingServer, Account) async throws -> Void)
        async throws {
        try await withTestPeer { relay in
            try await withTestPeer { origin in
                try await withFederatingServers(1) { servers in
                    let a = servers[0]
                    for peer in [relay, origin] { try await a.starling.federation.list(peer.host, as: .allow, by: nil) }
                    try await a.starling.relays.setTagRelay("http://\(relay.host)/tag/{tag}", by: nil)
                    let ada = try await a.world.member("ada")
                    try await a.starling.relays.askFromOutside("iste2016", by: ada, true)
                    let follow = try #require(try await relay.waitFor("Follow").first)
                    let accept: JSONValue = ["@context": .string(ActivityStreams.context), "id": .string(relay.actorID + "#accepts/1"),
                                             "type": "Accept", "actor": .string(relay.actorID), "object": follow]
                    let answered = try await relay.deliver(accept, to: a.base + "/inbox", via: a.server)
                    #expect(answered.status == 202)
                    try await body(relay, origin, a, ada)
                }
            }
        }
    }

    /// The relay's `Announce` of a note, as FediBuzz sends it: the note's id alone.
    static func announce(_ uri: String, by relay: TestPeer, _ n: Int = 1) -> JSONValue {
        ["@context": .string(ActivityStreams.context), "id": .string(relay.actorID + "#announces/\(n)"), "type": "Announce",
         "actor": .string(relay.actorID), "object": .string(uri), "to": [.string(ActivityStreams.publicAudience)]]
    }

    /// The relay passes `uri` on (an `Announce`), and the server's job fetching it has run.
    static func relayed(_ uri: String, by relay: TestPeer, to a: FederatingServer, _ n: Int = 1) async throws {
        let delivered = try await relay.deliver(announce(uri, by: relay, n), to: a.base + "/inbox", via: a.server)
        #expect(delivered.status == 202)
        try await fetched(uri, on: a)
    }

    /// Waits until the job fetching a relayed post has run (its row is gone then).
    static func fetched(_ uri: String, on a: FederatingServer) async throws {
        try await a.starling.jobRunner.runDue(now: Date())
        try await eventually { try await a.world.scalar("SELECT count(*) FROM jobs WHERE key = ?", ["fetch-relayed:\(uri)"]) == 0 }
    }

    @Test("asking for a hashtag from outside subscribes its relay: the server's actor follows the public collection there")
    func askingSubscribesTheTagRelay() async throws {
        try await Self.withAcceptedRelay { relay, _, a, ada in
            let follow = try #require(try await relay.waitFor("Follow").first)
            #expect(follow["actor"]?.string == a.base + "/actor")
            #expect(follow["object"]?.string == ActivityStreams.publicAudience)
            #expect(await relay.deliveries.contains("/tag/iste2016"))
            let relays = try await a.starling.relays.relays(by: nil)
            #expect(relays.map(\.address) == ["http://\(relay.host)/tag/iste2016"])
            #expect(relays.first?.tag == "iste2016" && relays.first?.state == .accepted && relays.first?.actor == relay.actorID)
            #expect(try await a.starling.relays.tagsFromOutside(of: ada) == ["iste2016"])
            #expect(try await a.starling.relations.followedTags(of: ada).map(\.name) == ["iste2016"])
        }
    }

    @Test("a post the relay announces is fetched from its author's server and shown on the hashtag's outside side, marked as from outside")
    func announcedPostIsShownFromOutside() async throws {
        try await Self.withAcceptedRelay { relay, origin, a, ada in
            let uri = await origin.publish("1", content: "<p>Live from the keynote <a href=\"x\">#ISTE2016</a> <script>x()</script></p>")
            try await Self.relayed(uri, by: relay, to: a)
            let post = try #require(try await a.starling.store.remotePost(uri: uri))
            #expect(post.visibility == .public && post.source == "Live from the keynote #ISTE2016")
            #expect(try await a.world.timelineIDs(.hashtag("iste2016", TagFilter(fromOutside: true)), for: ada) == [post.id])
            #expect(try await a.world.timelineIDs(.hashtag("iste2016"), for: ada).isEmpty, "not among the organization's posts")
            #expect(try await a.world.timelineIDs(.organization, for: ada).isEmpty)
            let browser = a.server.browser()
            try await browser.signIn("ada")
            let page = try await browser.get("/tags/iste2016?from=outside")
            #expect(page.status == 200 && page.body.contains("Live from the keynote"))
            #expect(page.body.contains("from \(origin.host)"))
            #expect(page.body.contains(#"href="/tags/iste2016?from=outside" aria-current="page""#))
            #expect(!(try await browser.get("/tags/iste2016")).body.contains("Live from the keynote"))
        }
    }

    @Test("posts from outside on a hashtag reach the homes of those who asked for them, not of those who only follow it")
    func homeOfThoseWhoAsked() async throws {
        try await Self.withAcceptedRelay { relay, origin, a, ada in
            let bob = try await a.world.member("bob")
            try await a.starling.relations.followTag("iste2016", by: bob)
            let uri = await origin.publish("2", content: "<p>Slides for #iste2016 are up</p>")
            try await Self.relayed(uri, by: relay, to: a)
            let post = try #require(try await a.starling.store.remotePost(uri: uri))
            #expect(try await a.world.timelineIDs(.home, for: ada).contains(post.id))
            #expect(try await !a.world.timelineIDs(.home, for: bob).contains(post.id))
            let mine = try await a.world.post("My notes on #iste2016", by: bob, visibility: .public)
            #expect(try await a.world.timelineIDs(.home, for: ada).contains(mine.id), "the organization's own posts still come by the hashtag")
        }
    }

    @Test("signed out, the hashtag's posts from outside are not shown")
    func outsideSideIsForMembers() async throws {
        try await Self.withAcceptedRelay { relay, origin, a, _ in
            let uri = await origin.publish("3", content: "<p>#iste2016 hallway track</p>")
            try await Self.relayed(uri, by: relay, to: a)
            #expect(try await a.starling.store.remotePost(uri: uri) != nil)
            let page = try await a.server.browser().get("/tags/iste2016?from=outside")
            #expect(!page.body.contains("hallway track"))
            await #expect(throws: DomainError.self) { try await a.starling.reads.timeline(.hashtag("iste2016", TagFilter(fromOutside: true)), viewer: nil) }
        }
    }

    @Test("a relayed post is not kept when it carries no hashtag anyone asked for, is not public, or is on a domain not allowed")
    func unwantedRelayedPostsAreDropped() async throws {
        try await Self.withAcceptedRelay { relay, origin, a, _ in
            let untagged = await origin.publish("4", content: "<p>#somethingelse entirely</p>")
            let followersOnly = await origin.publish("5", content: "<p>#iste2016 for my followers</p>", to: [origin.actorID + "/followers"])
            let elsewhere = "http://127.0.0.1:1/users/x/statuses/6"
            for (n, uri) in [untagged, followersOnly, elsewhere].enumerated() {
                try await Self.relayed(uri, by: relay, to: a, n + 10)
                #expect(try await a.starling.store.remotePost(uri: uri) == nil, "\(uri)")
            }
            #expect(try await a.starling.store.actorAccount(uri: origin.actorID) == nil, "nobody is kept for posts not kept")
        }
    }

    @Test("a Create a relay forwards is not trusted as sent: the post is read from its author's server")
    func forwardedCreateIsFetchedFromOrigin() async throws {
        try await Self.withAcceptedRelay { relay, origin, a, _ in
            let uri = await origin.publish("7", content: "<p>The real words #iste2016</p>")
            let forwarded: JSONValue = [
                "@context": .string(ActivityStreams.context), "id": .string(uri + "/activity"), "type": "Create", "actor": .string(origin.actorID),
                "object": ["id": .string(uri), "type": "Note", "attributedTo": .string(origin.actorID), "content": "<p>Forged words #iste2016</p>",
                           "to": [.string(ActivityStreams.publicAudience)]],
            ]
            let delivered = try await relay.deliver(forwarded, to: a.base + "/inbox", via: a.server)
            #expect(delivered.status == 202)
            try await Self.fetched(uri, on: a)
            let post = try #require(try await a.starling.store.remotePost(uri: uri))
            #expect(post.source == "The real words #iste2016")
        }
    }

    @Test("a relayed post is fetched by a job of its own: the relay is answered at once, and a post whose server is down is fetched once it is back")
    func relayedPostFetchedWhenItsServerIsBack() async throws {
        try await Self.withAcceptedRelay { relay, _, a, _ in
            let port = try #require(freePort(host: "127.0.0.1"))
            try await a.starling.federation.list("127.0.0.1:\(port)", as: .allow, by: nil)
            let uri = "http://127.0.0.1:\(port)/users/peer/statuses/late"
            let delivered = try await relay.deliver(Self.announce(uri, by: relay), to: a.base + "/inbox", via: a.server)
            #expect(delivered.status == 202)
            try await a.starling.jobRunner.runDue(now: Date())
            #expect(try await a.starling.store.remotePost(uri: uri) == nil)
            try await withTestPeer(port: port) { origin in
                #expect(await origin.publish("late", content: "<p>Back online #iste2016</p>") == uri)
                try await eventually {
                    try await a.starling.jobRunner.runDue(now: Date() + RetryPolicy.standard.firstDelay + 1)
                    return try await a.starling.store.remotePost(uri: uri) != nil
                }
            }
        }
    }

    @Test("an Announce by someone who is not a subscribed relay does not bring a post in")
    func strangerIsNoRelay() async throws {
        try await Self.withAcceptedRelay { _, origin, a, _ in
            let uri = await origin.publish("8", content: "<p>#iste2016 from a stranger's boost</p>")
            let delivered = try await origin.deliver(Self.announce(uri, by: origin), to: a.base + "/inbox", via: a.server)
            #expect(delivered.status == 202)
            #expect(try await a.starling.store.remotePost(uri: uri) == nil)
        }
    }

    @Test("when nobody asks for the hashtag from outside any more, its relay is let go with an Undo")
    func relayIsLetGo() async throws {
        try await Self.withAcceptedRelay { relay, _, a, ada in
            let bob = try await a.world.member("bob")
            try await a.starling.relays.askFromOutside("iste2016", by: bob, true)
            try await a.starling.relays.askFromOutside("iste2016", by: ada, false)
            #expect(try await a.starling.relays.relays(by: nil).count == 1, "bob still asks")
            try await a.starling.relations.followTag("iste2016", by: bob, false)
            #expect(try await a.starling.relays.relays(by: nil).isEmpty)
            let undo = try #require(try await relay.waitFor("Undo").first)
            #expect(undo["object"]?["type"]?.string == "Follow" && undo["actor"]?.string == a.base + "/actor")
            #expect(try await a.starling.relations.followedTags(of: ada).map(\.name) == ["iste2016"], "ada still follows the hashtag")
        }
    }

    @Test("admins subscribe to relays on admitted domains only, with a clear error otherwise; members cannot")
    func subscribingRules() async throws {
        try await withFederatingServers(1) { servers in
            let a = servers[0]
            let relays = a.starling.relays
            let root = try await a.world.member("root", role: .admin), ada = try await a.world.member("ada")
            await #expect(throws: DomainError.self) { try await relays.subscribe("https://relay.example/inbox", by: root) }
            await #expect(throws: DomainError.self) { try await relays.subscribe("not a relay", by: root) }
            await #expect(throws: DomainError.self) { try await relays.setTagRelay("https://relay.example/tag/", by: root) }
            try await a.starling.federation.list("relay.example", as: .allow, by: root)
            await #expect(throws: DomainError.self) { try await relays.subscribe("https://relay.example/inbox", by: ada) }
            let relay = try await relays.subscribe("https://relay.example/inbox", by: root)
            #expect(relay.state == .requested && relay.tag == nil)
            // Without a hashtags' relay, a member's ask is refused, and nothing changes.
            await #expect(throws: DomainError.self) { try await relays.askFromOutside("lrnchat", by: ada, true) }
            #expect(try await a.starling.relations.followedTags(of: ada).isEmpty)
            try await relays.unsubscribe(relay.id, by: root)
            #expect(try await relays.relays(by: nil).isEmpty)
            let actions = try await a.world.store.auditLog(page: PageRequest(limit: 3)).map(\.action.rawValue)
            #expect(actions == ["unsubscribe_relay", "subscribe_relay", "allow_domain"])
        }
    }

    @Test("the own API and the admin page manage relays; a member asks for a hashtag from outside through the own API")
    func apiAndPage() async throws {
        try await withTestPeer { relay in
            try await withFederatingServers(1) { servers in
                let a = servers[0]
                let root = try await a.world.member("root", role: .admin), ada = try await a.world.member("ada")
                let admin = try await a.starling.oauth.issueForScript(account: root, scopes: "read write").token
                let member = try await a.starling.oauth.issueForScript(account: ada, scopes: "read write").token
                let path = "/api/starling/v1/admin/federation"
                let refused = try await a.server.api("POST", "/api/starling/v1/tags/iste2016/outside", token: member)
                #expect(refused.status == 409 && refused.string("error").contains("No relay for hashtags"))
                let notAllowed = try await a.server.api("PUT", path + "/tag_relay", token: admin, json: #"{"tag_relay": "http://\#(relay.host)/tag/{tag}"}"#)
                #expect(notAllowed.status == 422)
                try await a.starling.federation.list(relay.host, as: .allow, by: nil)
                let set = try await a.server.api("PUT", path + "/tag_relay", token: admin, json: #"{"tag_relay": "http://\#(relay.host)/tag/{tag}"}"#)
                #expect(set.status == 200 && set.string("tag_relay") == "http://\(relay.host)/tag/{tag}")
                #expect(try await a.server.api("PUT", path + "/tag_relay", token: member, json: #"{"tag_relay": ""}"#).status == 403)
                let asked = try await a.server.api("POST", "/api/starling/v1/tags/iste2016/outside", token: member)
                #expect(asked.status == 200 && asked.json["from_outside"] as? Bool == true && asked.json["following"] as? Bool == true)
                let subscribed = try await a.server.api("POST", path + "/relays", token: admin, form: [("address", "http://\(relay.host)/inbox")])
                let listed = try #require(subscribed.json["relays"] as? [[String: Any]])
                #expect(listed.compactMap { $0["tag"] as? String } == ["iste2016"])
                #expect(listed.map { $0["state"] as? String } == ["requested", "requested"])
                let browser = a.server.browser()
                try await browser.signIn("root")
                let page = try await browser.get("/admin/federation")
                #expect(page.body.contains("<code>http://\(relay.host)/tag/iste2016</code></td><td>#iste2016, for members who asked"))
                #expect(page.body.contains("<code>http://\(relay.host)/inbox</code></td><td>subscribed by an admin"))
                let adminRelay = try #require(listed.first { $0["tag"] is NSNull }?["id"] as? String)
                #expect(try await a.server.api("DELETE", path + "/relays/\(adminRelay)", token: admin).status == 200)
                #expect(try await a.server.api("DELETE", path + "/relays/\(adminRelay)", token: admin).status == 404)
                let stopped = try await a.server.api("DELETE", "/api/starling/v1/tags/iste2016/outside", token: member)
                #expect(stopped.status == 200 && stopped.json["from_outside"] as? Bool == false && stopped.json["following"] as? Bool == true)
                #expect(try await a.starling.relays.relays(by: nil).isEmpty)
            }
        }
    }
}
