import Foundation
import Testing
@testable import StarlingActivityPub
@testable import StarlingCore
import StarlingWeb

/// Tweetchats open to the outside, as #lrnchat works (issue 17): the host's questions are public and reach
/// their followers on other servers; answers from there and public posts on the hashtag that a relay passes on
/// take part in the live page and the transcript, marked as from outside. A test peer is the person outside,
/// a second one the hashtag's relay.
@Suite("Tweetchats open to the outside (ActivityPub)", .serialized)
struct OpenEventTests {
    /// Server A allowing a peer (following the host, mod) and a relay peer for hashtags; a tweetchat on #lrnchat
    /// open to the outside, started, with Q1 released.
    static func withOpenChat(_ body: @Sendable @escaping (_ peer: TestPeer, _ relay: TestPeer, FederatingServer, Account, Event, EventOccurrence)
        async throws -> Void) async throws {
        try await withTestPeer { peer in
            try await withTestPeer { relay in
                try await withFederatingServers(1) { servers in
                    let a = servers[0]
                    for other in [peer, relay] { try await a.starling.federation.list(other.host, as: .allow, by: nil) }
                    try await a.starling.relays.setTagRelay("http://\(relay.host)/tag/{tag}", by: nil)
                    let mod = try await a.discoverableMember("mod", role: .moderator)
                    try await a.starling.accounts.setFederationChoices(mod, discoverable: true, locked: false)
                    let followed = try await peer.deliver(InboxFollowTests.follow(of: "mod", on: a, by: peer), to: a.base + "/inbox", via: a.server)
                    #expect(followed.status == 202)
                    let now = a.starling.clock.now()
                    let events = a.starling.liveEvents
                    let event = try await events.create(.init(
                        kind: .tweetchat, title: "Learning chat", hashtag: "lrnchat", startsAt: now + 3600, timeZone: "UTC",
                        script: ChatScript(welcome: "Welcome, everyone", questions: [.init(text: "What did you learn this week?", offset: 1800)]),
                        openToOutside: true), by: mod, now: now)
                    let occurrence = try #require(try await events.occurrences(of: event.id).first)
                    try await events.startNow(occurrence.id, by: mod, now: now)
                    _ = try await events.releaseNext(occurrence.id, by: mod, now: now)
                    try await body(peer, relay, a, mod, event, occurrence)
                }
            }
        }
    }

    @Test("opening a tweetchat subscribes its hashtag's relay, and its questions go out publicly to the host's followers outside")
    func questionsGoOut() async throws {
        try await Self.withOpenChat { peer, relay, a, mod, _, occurrence in
            #expect(try await relay.waitFor("Follow").first?["object"]?.string == ActivityStreams.publicAudience)
            #expect(await relay.deliveries.contains("/tag/lrnchat"))
            let released = try await a.starling.liveEvents.released(occurrence.id, viewer: mod)
            let questionID = try #require(released.first?.postID)
            let question = try #require(try await a.starling.store.post(id: questionID, viewer: nil))
            #expect(question.post.visibility == .public)
            try await eventually {
                await peer.received.contains { $0["type"]?.string == "Create" && ($0["object"]?["content"]?.string ?? "").contains("Q1: What did you learn") }
            }
        }
    }

    @Test("answers from outside and relayed posts on the hashtag take part in the live page and the transcript, marked as from outside")
    func outsideTakesPart() async throws {
        try await Self.withOpenChat { peer, relay, a, mod, event, occurrence in
            let events = a.starling.liveEvents
            let questionID = try #require(try await events.released(occurrence.id, viewer: mod).first?.postID)
            let answer = InboxNotesTests.note("<p>A1: that questions travel further than answers #lrnchat</p>", id: "a1", by: peer, on: a)
            var create = answer.object!
            var note = create["object"]!.object!
            note["inReplyTo"] = .string(a.base + "/users/mod/statuses/\(questionID)")
            create["object"] = .object(note)
            #expect(try await peer.deliver(.object(create), to: a.base + "/inbox", via: a.server).status == 202)
            let accept: JSONValue = ["id": .string(relay.actorID + "#accepts/1"), "type": "Accept", "actor": .string(relay.actorID),
                                     "object": try #require(try await relay.waitFor("Follow").first)]
            #expect(try await relay.deliver(accept, to: a.base + "/inbox", via: a.server).status == 202)
            let relayed = await peer.publish("r1", content: "<p>Joining #lrnchat late from another org</p>")
            try await RelayTests.relayed(relayed, by: relay, to: a)

            let chat = try await events.live(occurrence.id, viewer: mod, now: a.starling.clock.now())
            let fromOutside = chat.posts.filter(\.author.isRemote).map(\.post.source)
            #expect(fromOutside == ["A1: that questions travel further than answers #lrnchat", "Joining #lrnchat late from another org"])
            let browser = a.server.browser()
            try await browser.signIn("mod")
            let page = try await browser.get("/occurrences/\(occurrence.id)/live")
            #expect(page.body.contains("late from another org") && page.body.contains("from \(peer.host)"))
            #expect(page.body.contains("This chat is open to the outside"))

            try await events.endNow(occurrence.id, by: mod, now: a.starling.clock.now())
            let transcript = try await events.transcript(occurrence.id, viewer: mod).markdown
            #expect(transcript.contains("**@peer@\(peer.host) (from outside)**: A1: that questions travel further"))
            #expect(transcript.contains("and 1 from outside"))
            #expect(transcript.contains("- @peer@\(peer.host) (from outside)"))
            #expect(event.openToOutside)
        }
    }

    @Test("an event kept inside leaves posts from outside out of its live page")
    func closedEventLeavesOutsideOut() async throws {
        try await Self.withOpenChat { peer, _, a, mod, event, occurrence in
            let events = a.starling.liveEvents
            let questionID = try #require(try await events.released(occurrence.id, viewer: mod).first?.postID)
            var create = InboxNotesTests.note("<p>A1: from afar #lrnchat</p>", id: "a2", by: peer, on: a).object!
            var note = create["object"]!.object!
            note["inReplyTo"] = .string(a.base + "/users/mod/statuses/\(questionID)")
            create["object"] = .object(note)
            _ = try await peer.deliver(.object(create), to: a.base + "/inbox", via: a.server)
            #expect(try await events.live(occurrence.id, viewer: mod, now: a.starling.clock.now()).posts.contains { $0.author.isRemote })
            let closed = try await events.setOpenToOutside(event.id, false, by: mod)
            #expect(!closed.openToOutside)
            #expect(try await !events.live(occurrence.id, viewer: mod, now: a.starling.clock.now()).posts.contains { $0.author.isRemote })
        }
    }

    @Test("only an event in no program, hosted by someone open to the outside, with federation on, can be open to the outside")
    func whoCanOpen() async throws {
        try await withFederatingServers(1) { servers in
            let a = servers[0]
            let events = a.starling.liveEvents
            let now = a.starling.clock.now()
            let closedHost = try await a.world.member("mia", role: .moderator)
            let draft = EventService.Draft(kind: .tweetchat, title: "Chat", hashtag: "lrnchat", startsAt: now + 3600, timeZone: "UTC", openToOutside: true)
            await #expect(throws: DomainError.self) { try await events.create(draft, by: closedHost, now: now) }
            let event = try await events.create(EventService.Draft(kind: .tweetchat, title: "Chat", hashtag: "lrnchat", startsAt: now + 3600,
                                                                   timeZone: "UTC"), by: closedHost, now: now)
            await #expect(throws: DomainError.self) { try await events.setOpenToOutside(event.id, true, by: closedHost) }
            let host = try await a.discoverableMember("max", role: .moderator)
            let program = try await a.starling.programs.create(.init(title: "Onboarding", hashtag: "onboarding2026"), by: host, at: now)
            var programDraft = draft
            programDraft.programID = program.id
            programDraft.hashtag = nil
            await #expect(throws: DomainError.self) { try await events.create(programDraft, by: host, now: now) }
            let token = try await a.starling.oauth.issueForScript(account: host, scopes: "read write").token
            let opened = try await a.server.api("POST", "/api/starling/v1/events/\(event.id)/outside", token: token)
            #expect(opened.status == 422, "the event's host (mia) is not open to the outside")
            let own = try await events.create(EventService.Draft(kind: .tweetchat, title: "Open chat", hashtag: "lrnchat", startsAt: now + 3600,
                                                                 timeZone: "UTC"), by: host, now: now)
            let openedOwn = try await a.server.api("POST", "/api/starling/v1/events/\(own.id)/outside", token: token)
            #expect(openedOwn.status == 200 && openedOwn.json["open_to_outside"] as? Bool == true)
            try await a.starling.federation.setMode(.off, by: nil)
            let closedAgain = try await a.server.api("DELETE", "/api/starling/v1/events/\(own.id)/outside", token: token)
            #expect(closedAgain.status == 200 && closedAgain.json["open_to_outside"] as? Bool == false)
            let refused = try await a.server.api("POST", "/api/starling/v1/events/\(own.id)/outside", token: token)
            #expect(refused.status == 409)
        }
    }
}
