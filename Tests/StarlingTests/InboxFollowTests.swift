import AsyncHTTPClient
import Foundation
import NIOCore
@testable import StarlingActivityPub
@testable import StarlingCore
import Testing
import _CryptoExtras

/// Follows from people on other servers, through the inbox (issue 17): waiting for the member's approval,
/// answered with Accept or Reject, undone; and what the inbox refuses.
@Suite("Follows from outside, through the inbox (ActivityPub)", .serialized) // several live servers each: one test at a time keeps the databases' connections few
struct InboxFollowTests {
    static func follow(of member: String, on a: FederatingServer, by peer: TestPeer, id: String = "follow-1") -> JSONValue {
        ["@context": .string(ActivityStreams.context), "id": .string(peer.actorID + "#" + id), "type": "Follow",
         "actor": .string(peer.actorID), "object": .string("\(a.base)/users/\(member)")]
    }

    /// A test peer, allowed by server A, where ada is open to the outside.
    static func withPeerFollowingAda(_ body: @Sendable @escaping (TestPeer, FederatingServer, Account) async throws -> Void) async throws {
        try await withTestPeer { peer in
            try await withFederatingServers(1) { servers in
                let a = servers[0]
                try await a.starling.federation.list(peer.host, as: .allow, by: nil)
                try await body(peer, a, try await a.discoverableMember("ada"))
            }
        }
    }

    static func token(_ account: Account, on a: FederatingServer) async throws -> String {
        try await a.starling.oauth.issueForScript(account: account, scopes: "read write").token
    }

    @Test("the member's own account in the Mastodon API counts the follows waiting for their approval")
    func followRequestsCount() async throws {
        try await Self.withPeerFollowingAda { peer, a, ada in
            let token = try await Self.token(ada, on: a)
            func waiting() async throws -> Int? {
                let me = try await a.server.api("GET", "/api/v1/accounts/verify_credentials", token: token)
                return (me.json["source"] as? [String: Any])?["follow_requests_count"] as? Int
            }
            #expect(try await waiting() == 0)
            _ = try await peer.deliver(Self.follow(of: "ada", on: a, by: peer), to: a.base + "/users/ada/inbox", via: a.server)
            #expect(try await waiting() == 1)
        }
    }

    @Test("a follow waits for the member's approval in follow_requests; authorized, the follower's server receives an Accept")
    func approvedFollow() async throws {
        try await Self.withPeerFollowingAda { peer, a, ada in
            let delivered = try await peer.deliver(Self.follow(of: "ada", on: a, by: peer), to: a.base + "/users/ada/inbox", via: a.server)
            #expect(delivered.status == 202)
            let token = try await Self.token(ada, on: a)
            let requests = try await a.server.api("GET", "/api/v1/follow_requests", token: token)
            #expect(requests.array.map { $0["acct"] as? String } == ["peer@\(peer.host)"])
            #expect(requests.array.first?["avatar"] as? String == "http://\(peer.host)/avatar.png")
            let id = try #require(requests.array.first?["id"] as? String)
            #expect(try await peer.waitFor("Accept", seconds: 0.3).isEmpty)
            let authorized = try await a.server.api("POST", "/api/v1/follow_requests/\(id)/authorize", token: token)
            #expect(authorized.status == 200 && authorized.json["followed_by"] as? Bool == true)
            let accept = try #require(try await peer.waitFor("Accept").first)
            #expect(accept["actor"]?.string == "\(a.base)/users/ada")
            #expect(accept["object"]?["id"]?.string == peer.actorID + "#follow-1")
            #expect(try await a.starling.federation.remoteFollowers(of: ada).map(\.actor.uri) == [peer.actorID])
            #expect(try await a.server.api("GET", "/api/v1/follow_requests", token: token).array.isEmpty)
        }
    }

    @Test("the follow requests page lists who asked, from which server; approving there makes them a follower and sends Accept")
    func approvedOnThePage() async throws {
        try await Self.withPeerFollowingAda { peer, a, ada in
            _ = try await peer.deliver(Self.follow(of: "ada", on: a, by: peer), to: a.base + "/inbox", via: a.server)
            let browser = a.server.browser()
            try await browser.signIn("ada")
            let page = try await browser.get("/follow-requests")
            #expect(page.body.contains("@peer@\(peer.host)") && page.body.contains("from outside: \(peer.host)"))
            let actorID = try #require(try await a.starling.federation.followRequests(of: ada).first?.actor.id)
            let approved = try await browser.post("/follow-requests/\(actorID)/approve", [])
            #expect(approved.location == "/follow-requests")
            #expect(try await browser.get("/follow-requests").body.contains("peer@\(peer.host) follows you now."))
            #expect(try await peer.waitFor("Accept").count == 1)
            #expect(try await a.starling.federation.remoteFollowers(of: ada).count == 1)
        }
    }

    @Test("a member who approves no followers from outside is followed at once, and the follower's server receives an Accept")
    func unlockedMember() async throws {
        try await Self.withPeerFollowingAda { peer, a, ada in
            try await a.starling.accounts.setFederationChoices(ada, discoverable: true, locked: false)
            _ = try await peer.deliver(Self.follow(of: "ada", on: a, by: peer), to: a.base + "/inbox", via: a.server)
            #expect(try await peer.waitFor("Accept").count == 1)
            #expect(try await a.starling.federation.remoteFollowers(of: ada).count == 1)
        }
    }

    @Test("a declined follow is forgotten and its server receives a Reject; an undone follow ends")
    func rejectAndUndo() async throws {
        try await Self.withPeerFollowingAda { peer, a, ada in
            let follow = Self.follow(of: "ada", on: a, by: peer)
            _ = try await peer.deliver(follow, to: a.base + "/inbox", via: a.server)
            let token = try await Self.token(ada, on: a)
            let id = try #require(try await a.server.api("GET", "/api/v1/follow_requests", token: token).array.first?["id"] as? String)
            #expect(try await a.server.api("POST", "/api/v1/follow_requests/\(id)/reject", token: token).json["requested_by"] as? Bool == false)
            #expect(try await peer.waitFor("Reject").count == 1)
            #expect(try await a.server.api("POST", "/api/v1/follow_requests/\(id)/reject", token: token).status == 404)
            // Asked again and approved, then undone by the follower.
            _ = try await peer.deliver(follow, to: a.base + "/inbox", via: a.server)
            _ = try await a.server.api("POST", "/api/v1/follow_requests/\(id)/authorize", token: token)
            #expect(try await a.starling.federation.remoteFollowers(of: ada).count == 1)
            let undo: JSONValue = ["id": .string(peer.actorID + "#undo-1"), "type": "Undo", "actor": .string(peer.actorID), "object": follow]
            #expect(try await peer.deliver(undo, to: a.base + "/inbox", via: a.server).status == 202)
            #expect(try await a.starling.federation.remoteFollowers(of: ada).isEmpty)
        }
    }

    @Test("an actor who deletes their account follows no one here any more; a Delete of someone else by them changes nothing")
    func deletedActor() async throws {
        try await Self.withPeerFollowingAda { peer, a, ada in
            try await a.starling.accounts.setFederationChoices(ada, discoverable: true, locked: false)
            _ = try await peer.deliver(Self.follow(of: "ada", on: a, by: peer), to: a.base + "/inbox", via: a.server)
            let other: JSONValue = ["id": .string(peer.actorID + "#delete-0"), "type": "Delete", "actor": .string(peer.actorID),
                                    "object": "http://elsewhere.example/users/x"]
            #expect(try await peer.deliver(other, to: a.base + "/inbox", via: a.server).status == 202)
            #expect(try await a.starling.federation.remoteFollowers(of: ada).count == 1)
            let delete: JSONValue = ["id": .string(peer.actorID + "#delete"), "type": "Delete", "actor": .string(peer.actorID),
                                     "object": .string(peer.actorID)]
            #expect(try await peer.deliver(delete, to: a.base + "/inbox", via: a.server).status == 202)
            #expect(try await a.starling.federation.remoteFollowers(of: ada).isEmpty)
            #expect(try await a.starling.store.remoteActor(uri: peer.actorID) == nil)
        }
    }

    @Test("an actor deleted on its server (its document 410 Gone) is forgotten on its Delete, which it can no longer sign; while it exists, such a Delete is refused")
    func goneActor() async throws {
        try await Self.withPeerFollowingAda { peer, a, ada in
            try await a.starling.accounts.setFederationChoices(ada, discoverable: true, locked: false)
            _ = try await peer.deliver(Self.follow(of: "ada", on: a, by: peer), to: a.base + "/inbox", via: a.server)
            // Signed with a key the actor's document does not hold (its server no longer has the real one).
            let stranger = RequestSigner(keyID: peer.actorID + "#main-key", key: try _RSA.Signing.PrivateKey(keySize: .bits2048))
            let delete: JSONValue = ["id": .string(peer.actorID + "#delete"), "type": "Delete", "actor": .string(peer.actorID),
                                     "object": .string(peer.actorID)]
            #expect(try await peer.deliver(delete, to: a.base + "/inbox", signer: stranger, via: a.server).status == 401)
            #expect(try await a.starling.federation.remoteFollowers(of: ada).count == 1)
            await peer.leave()
            #expect(try await peer.deliver(delete, to: a.base + "/inbox", signer: stranger, via: a.server).status == 202)
            #expect(try await a.starling.federation.remoteFollowers(of: ada).isEmpty)
            #expect(try await a.starling.store.remoteActor(uri: peer.actorID) == nil)
        }
    }

    @Test("a follow of someone not open to the outside is neither recorded nor answered")
    func followOfClosedMember() async throws {
        try await withTestPeer { peer in
            try await withFederatingServers(1) { servers in
                let a = servers[0]
                try await a.starling.federation.list(peer.host, as: .allow, by: nil)
                let ben = try await a.world.member("ben")
                try await a.starling.accounts.setFederationChoices(ben, discoverable: false, locked: false)
                #expect(try await peer.deliver(Self.follow(of: "ben", on: a, by: peer), to: a.base + "/inbox", via: a.server).status == 202)
                let accepts = try await peer.waitFor("Accept", seconds: 0.5), rejects = try await peer.waitFor("Reject", seconds: 0.1)
                #expect(accepts.isEmpty && rejects.isEmpty)
                #expect(try await a.starling.federation.remoteFollowers(of: ben).isEmpty)
                #expect(try await a.starling.federation.followRequests(of: ben).isEmpty)
            }
        }
    }

    @Test("the inbox refuses what is unsigned, changed after signing, signed by someone else than its actor, or from a server not allowed")
    func inboxRefusals() async throws {
        try await withTestPeer { peer in
            try await withFederatingServers(2) { servers in
                let (a, b) = (servers[0], servers[1])
                _ = try await a.discoverableMember("ada")
                let follow = Self.follow(of: "ada", on: a, by: peer)
                // Not on the allow list yet.
                #expect(try await peer.deliver(follow, to: a.base + "/inbox", via: a.server).status == 403)
                try await a.starling.federation.list(peer.host, as: .allow, by: nil)
                try await a.allow(b)
                var unsigned = HTTPClientRequest(url: a.base + "/inbox")
                unsigned.method = .POST
                unsigned.body = .bytes(ByteBuffer(bytes: follow.encoded))
                #expect(try await a.server.client.execute(unsigned, timeout: .seconds(10)).status.code == 401)
                let changed: JSONValue = ["id": follow["id"]!, "type": "Follow", "actor": follow["actor"]!, "object": .string("\(a.base)/users/someone-else")]
                #expect(try await peer.deliver(follow, to: a.base + "/inbox", body: changed.encoded, via: a.server).status == 401)
                // Signed by B's own actor, naming the peer as its actor.
                let other = try await peer.deliver(follow, to: a.base + "/inbox", signer: try await b.activityPub.instanceSigner(), via: a.server)
                #expect(other.status == 400 && other.body.contains("not the owner of the key"))
                let notJSON = try await peer.deliver(follow, to: a.base + "/inbox", body: Array("{nope".utf8), via: a.server)
                #expect(notJSON.status == 401) // the digest is of the activity, not of what was sent
                #expect(try await a.starling.federation.followRequests(of: try #require(try await a.starling.store.account(username: "ada"))).isEmpty)
            }
        }
    }

    @Test("a member of one Starling is followed by a member of another: signatures checked against the other server's keys")
    func betweenTwoStarlings() async throws {
        try await withFederatingServers(2) { servers in
            let (a, b) = (servers[0], servers[1])
            try await a.allow(b)
            try await b.allow(a)
            let ada = try await a.discoverableMember("ada")
            let bob = try await b.discoverableMember("bob")
            let follow: JSONValue = ["id": .string("\(b.base)/users/bob#follows/1"), "type": "Follow", "actor": .string("\(b.base)/users/bob"),
                                     "object": .string("\(a.base)/users/ada")]
            try await b.activityPub.client.deliver(follow, to: a.base + "/users/ada/inbox", signedBy: try await b.activityPub.signer(of: bob),
                                                   policy: try await b.starling.federation.policy(), now: Date())
            let requests = try await a.starling.federation.followRequests(of: ada)
            #expect(requests.map(\.actor.handle) == ["bob@\(b.host)"])
            #expect(requests.first?.actor.displayName == "Bob Outward")
        }
    }
}
