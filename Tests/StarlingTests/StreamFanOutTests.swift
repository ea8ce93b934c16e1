import Foundation
import Testing
@testable import StarlingCore

/// Streams watched by many share the reading of a post: the entry read for all viewers at once must be,
/// for each viewer, exactly what their own timeline shows them (or nothing).
@Suite("Streaming: shared fan-out")
struct StreamFanOutTests {
    @Test("one reading for many viewers gives each the entry their own timeline gives them, for every kind of post")
    func batchEqualsEachViewer() throws {
        let world = try TestWorld()
        let fay = try world.member("fay", role: .admin)
        let lea = try world.member("lea"), ben = try world.member("ben"), cy = try world.member("cy"), dee = try world.member("dee")
        let programs = world.starling.programs
        let open = try programs.create(.init(title: "Cohort", hashtag: "cohort", anonymousQuestions: true), by: fay)
        let closed = try programs.create(.init(title: "Closed", hashtag: "closed", visibility: "private"), by: fay)
        for person in [lea, ben] { _ = try programs.join(open.id, by: person, agreementVersion: 1) }
        _ = try programs.setMember(closed.id, account: lea, role: .learner, by: fay)
        let guest = try world.guest("gus", invitedTo: open.id, by: fay)
        try world.starling.relations.follow(ben, by: lea)
        try world.starling.relations.mute(cy, by: dee)
        try world.starling.relations.block(dee, by: ben)
        var posts: [(Timeline, ID)] = []
        for visibility in [Visibility.organization, .followers, .direct] {
            posts.append((.hashtag("cohort"), try world.post("#cohort by ben, \(visibility.rawValue), @cy", by: ben, visibility: visibility).id))
        }
        let liked = try world.post("#cohort liked by lea", by: cy)
        try world.starling.posts.like(liked.id, by: lea)
        posts.append((.hashtag("cohort"), liked.id))
        posts.append((.hashtag("cohort"), try programs.ask(open.id, text: "Lost in week one? #cohort", anonymous: true, by: lea).id))
        posts.append((.hashtag("closed"), try world.post("#closed only for its members", by: lea).id))
        try world.starling.posts.repost(liked.id, by: ben)
        let repost = try #require(try world.starling.reads.timeline(.profile(ben.id), viewer: ben).first)
        #expect(repost.repostedBy?.id == ben.id)
        posts.append((.organization, repost.id))
        posts.append((.organization, liked.id))
        let viewers = [fay, lea, ben, cy, dee, guest]
        for (timeline, position) in posts {
            let shared = try world.store.timeline(timeline, position: position, viewers: viewers.map(\.id))
            for viewer in viewers {
                let own = try world.store.timeline(timeline, viewer: viewer.id, positions: [position]).first
                #expect(shared[viewer.id] == own, "\(timeline) \(position) for \(viewer.username)")
            }
        }
        // The cases differ: somebody sees each post, and somebody does not see some.
        #expect(try world.store.timeline(.hashtag("cohort"), position: posts[2].1, viewers: viewers.map(\.id)).keys.sorted() == [ben.id, cy.id].sorted())
        #expect(try world.store.timeline(.hashtag("cohort"), position: posts[4].1, viewers: [lea.id, cy.id]).mapValues(\.post.author.id)
                == [lea.id: lea.id, cy.id: Account.anonymousLearner.id])
    }

    @Test("viewers of one hashtag stream each get what they may see, and a second edit of a post arrives with its new text")
    func viewersOfOneHashtag() async throws {
        let world = try TestWorld()
        let ben = try world.member("ben"), lea = try world.member("lea")
        try world.member("cy")
        try world.starling.relations.follow(ben, by: lea)
        let tokens = try ["lea", "cy"].map { name in
            try world.starling.oauth.issueForScript(account: try #require(try world.store.account(username: name)), scopes: "read").token
        }
        let listening = Listening()
        try await withLiveServer(world) { server in
            let path = "/api/v1/streaming/hashtag?tag=chat"
            async let leaEvents = StreamingTests.events(server, path: path, token: tokens[0], seconds: 3) { await listening.add() }
            async let cyEvents = StreamingTests.events(server, path: path, token: tokens[1], seconds: 3) { await listening.add() }
            try await listening.wait(for: 2)
            try world.post("#chat for followers", by: ben, visibility: .followers)
            let post = try world.post("#chat for all", by: ben)
            try await Task.sleep(for: .milliseconds(200))
            _ = try world.starling.posts.edit(post.id, text: "#chat first edit", contentWarning: "", by: ben)
            try await Task.sleep(for: .milliseconds(200))
            _ = try world.starling.posts.edit(post.id, text: "#chat second edit", contentWarning: "", by: ben)
            let lea = try await leaEvents, cy = try await cyEvents
            #expect(lea.filter { $0.name == "update" }.count == 2 && cy.filter { $0.name == "update" }.count == 1)
            #expect(!cy.contains { $0.data.contains("for followers") })
            for received in [lea, cy] {
                // Each edit is announced; what it carries is the post as it is when the stream reads it.
                var edits: [(name: String, data: String)] = []
                for item in received where item.name == "status.update" { edits.append(item) }
                #expect(edits.count == 2 && edits.last?.data.contains("second edit") == true)
            }
        }
    }
}
