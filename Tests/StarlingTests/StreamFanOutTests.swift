import Foundation
import Testing
@testable import StarlingCore

/// Streams watched by many share the reading of a post: the entry read for all viewers at once must be,
/// for each viewer, exactly what their own timeline shows them (or nothing).
@Suite("Streaming: shared fan-out")
struct StreamFanOutTests {
    @Test("one reading for many viewers gives each the entry their own timeline gives them, for every kind of post")
    func batchEqualsEachViewer() async throws {
        let world = try await TestWorld()
        let fay = try await world.member("fay", role: .admin)
        let lea = try await world.member("lea"), ben = try await world.member("ben"), cy = try await world.member("cy"), dee = try await world.member("dee")
        let programs = world.starling.programs
        let open = try await programs.create(.init(title: "Cohort", hashtag: "cohort", anonymousQuestions: true), by: fay)
        let closed = try await programs.create(.init(title: "Closed", hashtag: "closed", visibility: "private"), by: fay)
        for person in [lea, ben] { _ = try await programs.join(open.id, by: person, agreementVersion: 1) }
        _ = try await programs.setMember(closed.id, account: lea, role: .learner, by: fay)
        let guest = try await world.guest("gus", invitedTo: open.id, by: fay)
        try await world.starling.relations.follow(ben, by: lea)
        try await world.starling.relations.mute(cy, by: dee)
        try await world.starling.relations.block(dee, by: ben)
        var posts: [(Timeline, ID)] = []
        for visibility in [Visibility.organization, .followers, .direct] {
            await posts.append((.hashtag("cohort"), try world.post("#cohort by ben, \(visibility.rawValue), @cy", by: ben, visibility: visibility).id))
        }
        let liked = try await world.post("#cohort liked by lea", by: cy)
        try await world.starling.posts.like(liked.id, by: lea)
        posts.append((.hashtag("cohort"), liked.id))
        let question = try await programs.ask(open.id, text: "Lost in week one? #cohort", anonymous: true, by: lea)
        posts.append((.hashtag("cohort"), question.id))
        // Each viewer's own part: votes in a poll, a bookmark, a pin, a reply to the anonymous asker.
        let poll = try await world.starling.posts.compose(.init(text: "#cohort which week?", poll: PollDraft(options: ["one", "two"], expiresIn: 3600)), by: cy)
        _ = try await world.starling.posts.vote(poll.id, choices: [1], by: lea)
        try await world.starling.posts.bookmark(poll.id, by: ben)
        try await world.starling.posts.pin(poll.id, by: cy)
        posts.append((.hashtag("cohort"), poll.id))
        let reply = try await world.starling.posts.compose(.init(text: "#cohort week two", inReplyToID: question.id), by: ben)
        posts.append((.hashtag("cohort"), reply.id))
        await posts.append((.hashtag("closed"), try world.post("#closed only for its members", by: lea).id))
        try await world.starling.posts.repost(liked.id, by: ben)
        let repost = try #require(try await world.starling.reads.timeline(.profile(ben.id), viewer: ben).first)
        #expect(repost.repostedBy?.id == ben.id)
        posts.append((.organization, repost.id))
        posts.append((.organization, liked.id))
        let viewers = [fay, lea, ben, cy, dee, guest]
        for (timeline, position) in posts {
            let shared = try await world.store.timeline(timeline, position: position, viewers: viewers.map(\.id))
            for viewer in viewers {
                let own = try await world.store.timeline(timeline, viewer: viewer.id, positions: [position]).first
                #expect(shared[viewer.id] == own, "\(timeline) \(position) for \(viewer.username)")
            }
        }
        // The cases differ: somebody sees each post, and somebody does not see some.
        #expect(try await world.store.timeline(.hashtag("cohort"), position: posts[2].1, viewers: viewers.map(\.id)).keys.sorted() == [ben.id, cy.id].sorted())
        #expect(try await world.store.timeline(.hashtag("cohort"), position: posts[4].1, viewers: [lea.id, cy.id]).mapValues(\.post.author.id)
                == [lea.id: lea.id, cy.id: Account.anonymousLearner.id])
        let pollViews = try await world.store.timeline(.hashtag("cohort"), position: poll.id, viewers: [lea.id, ben.id, cy.id]).mapValues(\.post)
        #expect(pollViews[lea.id]?.poll?.ownVotes == [1] && pollViews[ben.id]?.poll?.ownVotes == [])
        #expect(pollViews.filter(\.value.bookmarkedByViewer).keys.sorted() == [ben.id] && pollViews.filter(\.value.pinnedByViewer).keys.sorted() == [cy.id])
        let replyViews = try await world.store.timeline(.hashtag("cohort"), position: reply.id, viewers: [lea.id, ben.id])
        #expect(replyViews.mapValues(\.post.post.inReplyToAccountID) == [lea.id: lea.id, ben.id: Account.anonymousLearner.id])
    }

    @Test("viewers of one hashtag stream each get what they may see, and a second edit of a post arrives with its new text")
    func viewersOfOneHashtag() async throws {
        let world = try await TestWorld()
        let ben = try await world.member("ben")
        try await world.member("lea")
        try await world.member("cy")
        try await world.starling.relations.follow(ben, by: try #require(try await world.store.account(username: "lea")))
        let tokens = try await ["lea", "cy"].asyncMap { name in
            try await world.starling.oauth.issueForScript(account: try #require(try await world.store.account(username: name)), scopes: "read").token
        }
        let (lea, cy) = try await Self.twoHashtagStreams(world, tokens: tokens) {
            try await world.post("#chat for followers", by: ben, visibility: .followers)
            let post = try await world.post("#chat for all", by: ben)
            try await Task.sleep(for: .milliseconds(200))
            _ = try await world.starling.posts.edit(post.id, text: "#chat first edit", contentWarning: "", by: ben)
            try await Task.sleep(for: .milliseconds(200))
            _ = try await world.starling.posts.edit(post.id, text: "#chat second edit", contentWarning: "", by: ben)
            try await world.post("#chat last post", by: ben)
        }
        #expect(lea.filter { $0.name == "update" }.count == 3 && cy.filter { $0.name == "update" }.count == 2)
        #expect(!cy.contains { $0.data.contains("for followers") })
        for received in [lea, cy] {
            // Each edit is announced; what it carries is the post as it is when the stream reads it.
            var edits: [(name: String, data: String)] = []
            for item in received where item.name == "status.update" { edits.append(item) }
            #expect(edits.count == 2 && edits.last?.data.contains("second edit") == true)
        }
    }

    @Test("viewers of one hashtag stream each have their own filters applied, read with the shared entry")
    func eachViewersFilters() async throws {
        let world = try await TestWorld()
        let ben = try await world.member("ben"), leaAccount = try await world.member("lea"), cyAccount = try await world.member("cy")
        let filters = world.starling.filters
        _ = try await filters.create(.init(title: "Spoilers", contexts: ["public"], action: "hide", keywords: [("finale", true)]), by: leaAccount)
        _ = try await filters.create(.init(title: "Sport", contexts: ["public"], action: "warn", keywords: [("match", true)]), by: cyAccount)
        _ = try await filters.create(.init(title: "Home only", contexts: ["home"], action: "hide", keywords: [("report", true)]), by: cyAccount)
        let tokens = try await [leaAccount, cyAccount].asyncMap { try await world.starling.oauth.issueForScript(account: $0, scopes: "read").token }
        let (leaEvents, cyEvents) = try await Self.twoHashtagStreams(world, tokens: tokens) {
            try await world.post("#chat the finale was great", by: ben)
            try await world.post("#chat match report", by: ben)
            try await world.post("#chat last post", by: ben)
        }
        let lea = leaEvents.filter { $0.name == "update" }, cy = cyEvents.filter { $0.name == "update" }
        #expect(lea.map { $0.data.contains("finale") } == [false, false] && lea.count == 2)
        #expect(lea.allSatisfy { !$0.data.contains("\"filtered\":[{") })
        #expect(cy.count == 3)
        let marked = cy.filter { $0.data.contains("\"filtered\":[{") }
        #expect(marked.count == 1 && marked.first?.data.contains("match report") == true)
    }

    /// What two viewers' streams of #chat (SSE) received while `act` posted, each read until a post
    /// saying "last post" (one both see) arrived after everything before it.
    static func twoHashtagStreams(_ world: TestWorld, tokens: [String], act: @escaping @Sendable () async throws -> Void) async throws
        -> ([(name: String, data: String)], [(name: String, data: String)]) {
        let listening = Listening()
        return try await withLiveServer(world) { server in
            let path = "/api/v1/streaming/hashtag?tag=chat"
            async let first = StreamingTests.events(server, path: path, token: tokens[0], seconds: 3, until: "last post") { await listening.add() }
            async let second = StreamingTests.events(server, path: path, token: tokens[1], seconds: 3, until: "last post") { await listening.add() }
            try await listening.wait(for: 2)
            try await act()
            return (try await first, try await second)
        }
    }
}
