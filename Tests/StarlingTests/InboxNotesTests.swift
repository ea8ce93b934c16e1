import Foundation
import Testing
@testable import StarlingActivityPub
@testable import StarlingCore
import StarlingWeb

/// Notes delivered to the inbox: kept only when someone here asked for them (a member is mentioned, or
/// follows the author, or the note answers a post here), rendered by members' rules, and changed or
/// deleted only by their author. The sender is a test peer on loopback.
@Suite("Notes that come in from other servers (ActivityPub)", .serialized)
struct InboxNotesTests {
    /// A note by the peer, `mentioning` a member of `a` when given, in a `Create` (or `type`).
    static func note(_ content: String, id: String, by peer: TestPeer, mentioning member: String? = nil, on a: FederatingServer,
                     type: String = "Create", to: [String] = [ActivityStreams.publicAudience]) -> JSONValue {
        let mention: [JSONValue] = member.map { [["type": "Mention", "href": .string(a.base + "/users/" + $0), "name": .string("@\($0)@\(a.host)")]] } ?? []
        return [
            "@context": .string(ActivityStreams.context),
            "id": .string(peer.actorID + "/statuses/\(id)/activity\(type)"),
            "type": .string(type),
            "actor": .string(peer.actorID),
            "object": [
                "id": .string(peer.actorID + "/statuses/\(id)"), "type": "Note", "attributedTo": .string(peer.actorID),
                "content": .string(content), "to": .array(to.map { .string($0) }), "cc": .array(member.map { [.string(a.base + "/users/" + $0)] } ?? []),
                "url": .string("http://\(peer.host)/@peer/\(id)"), "tag": .array(mention),
            ],
        ]
    }

    /// Server A allowing the test peer, with ada open to the outside.
    static func withPeerAndAda(_ body: @Sendable @escaping (TestPeer, FederatingServer, Account) async throws -> Void) async throws {
        try await withTestPeer { peer in
            try await withFederatingServers(1) { servers in
                let a = servers[0]
                try await a.starling.federation.list(peer.host, as: .allow, by: nil)
                try await body(peer, a, try await a.discoverableMember("ada"))
            }
        }
    }

    @Test("a note that mentions a member is kept, shown as from outside, rendered by members' rules, and the member is told")
    func mentionIsKept() async throws {
        try await Self.withPeerAndAda { peer, a, ada in
            let content = "<p><span class=\"h-card\"><a href=\"x\" class=\"u-url mention\">@<span>ada</span></a></span> welcome! "
                + "<script>alert(1)</script><img src=x onerror=alert(2)> <b onmouseover=\"x\">#lrnchat</b></p>"
            let answer = try await peer.deliver(Self.note(content, id: "1", by: peer, mentioning: "ada", on: a), to: a.base + "/inbox", via: a.server)
            #expect(answer.status == 202)
            let post = try #require(try await a.starling.store.remotePost(uri: peer.actorID + "/statuses/1"))
            #expect(post.html == "<p><a href=\"/@ada\" class=\"mention\">@ada</a> welcome! <a href=\"/tags/lrnchat\" class=\"hashtag\" rel=\"tag\">#lrnchat</a></p>")
            #expect(post.remote?.url == "http://\(peer.host)/@peer/1")
            let author = try #require(try await a.starling.store.account(id: post.authorID))
            #expect(author.handle == "peer@\(peer.host)")
            #expect(author.displayName == "Peer Outside")
            let notified = try await a.starling.reads.notifications(of: ada)
            #expect(notified.contains { $0.kind == .mention && $0.post?.id == post.id })
        }
    }

    @Test("a note nobody here asked for is not kept, and its author is not kept either")
    func unaskedNoteIsDropped() async throws {
        try await Self.withPeerAndAda { peer, a, _ in
            let answer = try await peer.deliver(Self.note("<p>Hello, anyone?</p>", id: "2", by: peer, on: a), to: a.base + "/inbox", via: a.server)
            #expect(answer.status == 202)
            #expect(try await a.starling.store.remotePost(uri: peer.actorID + "/statuses/2") == nil)
            #expect(try await a.starling.store.actorAccount(uri: peer.actorID) == nil)
        }
    }

    @Test("a note addressed to the mentioned member alone is direct, seen by them only")
    func directNote() async throws {
        try await Self.withPeerAndAda { peer, a, ada in
            let dan = try await a.world.member("dan")
            _ = try await peer.deliver(Self.note("<p>@ada just between us</p>", id: "3", by: peer, mentioning: "ada", on: a, to: []),
                                       to: a.base + "/inbox", via: a.server)
            let post = try #require(try await a.starling.store.remotePost(uri: peer.actorID + "/statuses/3"))
            #expect(post.visibility == .direct)
            #expect(try await a.starling.store.post(id: post.id, viewer: ada.id) != nil)
            #expect(try await a.starling.store.post(id: post.id, viewer: dan.id) == nil)
            #expect(try await a.starling.store.post(id: post.id, viewer: nil) == nil)
        }
    }

    @Test("a note's author may be given as an object or a list, as Mastodon reads them", arguments: ["object", "list"])
    func authorShapes(shape: String) async throws {
        try await Self.withPeerAndAda { peer, a, _ in
            var create = Self.note("<p>@ada shaped</p>", id: "shape-\(shape)", by: peer, mentioning: "ada", on: a).object!
            var note = create["object"]!.object!
            let author: JSONValue = ["type": "Person", "id": .string(peer.actorID)]
            note["attributedTo"] = shape == "object" ? author : [author, .string("http://\(peer.host)/users/second")]
            create["object"] = .object(note)
            let answer = try await peer.deliver(.object(create), to: a.base + "/inbox", via: a.server)
            #expect(answer.status == 202)
            #expect(try await a.starling.store.remotePost(uri: peer.actorID + "/statuses/shape-\(shape)") != nil)
        }
    }

    @Test("a repost by someone a member follows, of a post on a third server, brings the post in and shows in the member's home until undone")
    func repostOfThirdServerPost() async throws {
        try await Self.withPeerAndAda { peer, a, ada in
            try await withTestPeer { origin in
                try await a.starling.federation.list(origin.host, as: .allow, by: nil)
                let peerAccount = try await a.activityPub.remoteAccount(peer.actorID, policy: try await a.starling.federation.policy())
                try await a.starling.relations.follow(peerAccount, by: ada)
                let follow = try #require(try await peer.waitFor("Follow").first)
                let accept: JSONValue = ["id": .string(peer.actorID + "#accepts/1"), "type": "Accept", "actor": .string(peer.actorID), "object": follow]
                #expect(try await peer.deliver(accept, to: a.base + "/inbox", via: a.server).status == 202)
                let uri = await origin.publish("boosted", content: "<p>Worth passing on</p>")
                let announce: JSONValue = ["id": .string(peer.actorID + "#announces/1"), "type": "Announce", "actor": .string(peer.actorID),
                                           "object": .string(uri), "to": [.string(ActivityStreams.publicAudience)]]
                #expect(try await peer.deliver(announce, to: a.base + "/inbox", via: a.server).status == 202)
                let post = try #require(try await a.starling.store.remotePost(uri: uri))
                #expect(post.source == "Worth passing on")
                func reposted() async throws -> Bool {
                    try await a.starling.store.timeline(.home, viewer: ada.id, page: PageRequest())
                        .contains { $0.post.id == post.id && $0.repostedBy?.id == peerAccount.id }
                }
                #expect(try await reposted())
                let undo: JSONValue = ["id": .string(peer.actorID + "#announces/1/undo"), "type": "Undo", "actor": .string(peer.actorID), "object": announce]
                #expect(try await peer.deliver(undo, to: a.base + "/inbox", via: a.server).status == 202)
                #expect(try await !reposted())
                // A repost by someone nobody here follows brings nothing in.
                let other = await origin.publish("unfollowed", content: "<p>Nobody asked</p>")
                let strangers: JSONValue = ["id": .string(origin.actorID + "#announces/2"), "type": "Announce", "actor": .string(origin.actorID),
                                            "object": .string(other)]
                #expect(try await origin.deliver(strangers, to: a.base + "/inbox", via: a.server).status == 202)
                #expect(try await a.starling.store.remotePost(uri: other) == nil)
            }
        }
    }

    @Test("a note said to be someone else's, or with an id on another server, is refused")
    func forgedAuthor() async throws {
        try await Self.withPeerAndAda { peer, a, _ in
            var forged = Self.note("<p>@ada hi</p>", id: "4", by: peer, mentioning: "ada", on: a).object!
            var note = forged["object"]!.object!
            note["attributedTo"] = .string("http://\(peer.host)/users/someone-else")
            forged["object"] = .object(note)
            let someoneElses = JSONValue.object(forged)
            let refused = try await peer.deliver(someoneElses, to: a.base + "/inbox", via: a.server)
            #expect(refused.status == 400)
            note["attributedTo"] = .string(peer.actorID)
            note["id"] = "https://elsewhere.example/notes/4"
            forged["object"] = .object(note)
            let elsewhere = JSONValue.object(forged)
            let refusedToo = try await peer.deliver(elsewhere, to: a.base + "/inbox", via: a.server)
            #expect(refusedToo.status == 400)
            #expect(try await a.starling.store.remotePost(uri: "https://elsewhere.example/notes/4") == nil)
        }
    }

    @Test("an Update by the author changes the kept note; an Update or Delete by anyone else does not")
    func editsByAuthorOnly() async throws {
        try await Self.withPeerAndAda { peer, a, _ in
            _ = try await peer.deliver(Self.note("<p>@ada version one</p>", id: "5", by: peer, mentioning: "ada", on: a), to: a.base + "/inbox", via: a.server)
            _ = try await peer.deliver(Self.note("<p>@ada version two</p>", id: "5", by: peer, mentioning: "ada", on: a, type: "Update"),
                                       to: a.base + "/inbox", via: a.server)
            let post = try #require(try await a.starling.store.remotePost(uri: peer.actorID + "/statuses/5"))
            #expect(post.source == "@ada version two")
            #expect(post.editedAt != nil)
            // Another actor known here (bob, on the same peer host) cannot delete the peer's note.
            let other = try await a.starling.store.keepRemoteActor(RemoteActor(
                id: a.starling.ids.next(), uri: "http://\(peer.host)/users/bob", domain: peer.host, username: "bob", displayName: "Bob",
                inbox: "http://\(peer.host)/users/bob/inbox", sharedInbox: nil, profileURL: nil, avatarURL: nil, fetchedAt: Date()))
            let bob = try #require(try await a.starling.store.actorAccount(uri: other.uri))
            #expect(try await !a.starling.inbound.receiveDeletion(of: peer.actorID + "/statuses/5", by: bob))
            let delete: JSONValue = ["id": .string(peer.actorID + "#delete5"), "type": "Delete", "actor": .string(peer.actorID),
                                     "object": ["id": .string(peer.actorID + "/statuses/5"), "type": "Tombstone"]]
            let deleted = try await peer.deliver(delete, to: a.base + "/inbox", via: a.server)
            #expect(deleted.status == 202)
            #expect(try await a.starling.store.remotePost(uri: peer.actorID + "/statuses/5") == nil)
        }
    }

    @Test("an answer from outside to a member's post that left is kept under it, and the member is told; an answer to one that never left is not kept")
    func answerIsKept() async throws {
        try await Self.withPeerAndAda { peer, a, ada in
            let open = try await a.world.post("Ask me anything", by: ada, visibility: .public)
            let inside = try await a.world.post("Inside only", by: ada)
            for (id, parent) in [("6", open), ("7", inside)] {
                var activity = Self.note("<p>A question from afar</p>", id: id, by: peer, on: a).object!
                var note = activity["object"]!.object!
                note["inReplyTo"] = .string("\(a.base)/users/ada/statuses/\(parent.id)")
                activity["object"] = .object(note)
                let answer = JSONValue.object(activity)
                let delivered = try await peer.deliver(answer, to: a.base + "/inbox", via: a.server)
                #expect(delivered.status == 202)
            }
            let kept = try #require(try await a.starling.store.remotePost(uri: peer.actorID + "/statuses/6"))
            #expect(kept.inReplyToID == open.id)
            #expect(try await a.starling.reads.notifications(of: ada).contains { $0.kind == .reply && $0.post?.id == kept.id })
            #expect(try await a.starling.store.remotePost(uri: peer.actorID + "/statuses/7") == nil)
        }
    }

    @Test("a like and a repost from outside of a member's post that left are counted and undone; of a post that never left, ignored")
    func likeFromOutside() async throws {
        try await Self.withPeerAndAda { peer, a, ada in
            let open = try await a.world.post("Like me", by: ada, visibility: .public)
            let inside = try await a.world.post("Inside only", by: ada)
            func activity(_ type: String, of post: Post) -> JSONValue {
                ["id": .string(peer.actorID + "#\(type)/\(post.id)"), "type": .string(type), "actor": .string(peer.actorID),
                 "object": .string("\(a.base)/users/ada/statuses/\(post.id)")]
            }
            for post in [open, inside] {
                for type in ["Like", "Announce"] {
                    let sent = try await peer.deliver(activity(type, of: post), to: a.base + "/inbox", via: a.server)
                    #expect(sent.status == 202)
                }
            }
            var counted = try #require(try await a.starling.store.post(id: open.id, viewer: ada.id)).post
            #expect((counted.likesCount, counted.repostsCount) == (1, 1))
            let untouched = try #require(try await a.starling.store.post(id: inside.id, viewer: ada.id)).post
            #expect((untouched.likesCount, untouched.repostsCount) == (0, 0))
            for type in ["Like", "Announce"] {
                let undo: JSONValue = ["id": .string(peer.actorID + "#undo\(type)"), "type": "Undo", "actor": .string(peer.actorID),
                                       "object": activity(type, of: open)]
                let sent = try await peer.deliver(undo, to: a.base + "/inbox", via: a.server)
                #expect(sent.status == 202)
            }
            counted = try #require(try await a.starling.store.post(id: open.id, viewer: ada.id)).post
            #expect((counted.likesCount, counted.repostsCount) == (0, 0))
        }
    }
}
