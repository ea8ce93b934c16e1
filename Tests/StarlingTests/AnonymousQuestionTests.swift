import Foundation
import Testing
@testable import StarlingCore

/// Anonymous questions: peers see "a learner" on every path; the program's facilitators and
/// moderators can look at who asked, and every look is in the audit log.
@Suite("Anonymous questions")
struct AnonymousQuestionTests {
    /// A program that allows anonymous questions: fay facilitates (an admin), mo moderates, lea asks,
    /// ben answers; lea's anonymous question mentions ben.
    struct Setting {
        let world: TestWorld
        let program: Program
        let fay: Account, mo: Account, lea: Account, ben: Account
        let question: Post

        init() async throws {
            world = try await TestWorld()
            fay = try await world.member("fay", role: .admin)
            mo = try await world.member("mo")
            lea = try await world.member("lea")
            ben = try await world.member("ben")
            let programs = world.starling.programs
            program = try await programs.create(.init(title: "Cohort", hashtag: "cohort", anonymousQuestions: true), by: fay)
            _ = try await programs.setMember(program.id, account: mo, role: .moderator, by: fay)
            for person in [mo, lea, ben] { _ = try await programs.join(program.id, by: person, agreementVersion: 1) }
            question = try await programs.ask(program.id, text: "Is it normal to feel lost in week one, @ben?", anonymous: true, by: lea)
        }
    }

    @Test("only a question, in a program that allows it, visible to the program, can be asked anonymously")
    func rules() async throws {
        let s = try await Setting()
        #expect(s.question.isAnonymous && s.question.isQuestion && s.question.programID == s.program.id)
        let posts = s.world.starling.posts
        await #expect(throws: DomainError.self) { try await posts.compose(.init(text: "Just saying #cohort", anonymous: true), by: s.lea) }
        await #expect(throws: DomainError.self) { try await posts.compose(.init(text: "Q: outside a program?", anonymous: true), by: s.lea) }
        await #expect(throws: DomainError.self) {
            try await posts.compose(.init(text: "Q: only my followers? #cohort", visibility: .followers, anonymous: true), by: s.lea)
        }
        _ = try await s.world.starling.programs.update(s.program.id, .init(anonymousQuestions: false), by: s.fay)
        await #expect(throws: DomainError.self) { try await s.world.starling.programs.ask(s.program.id, text: "Again?", anonymous: true, by: s.lea) }
    }

    @Test("peers, facilitators and moderators see “a learner” on every read path; the asker sees herself")
    func masked() async throws {
        let s = try await Setting()
        let reads = s.world.starling.reads
        let reply = try await s.world.post("Completely normal: it passes", by: s.ben, replyTo: s.question.id)
        for viewer in [s.ben, s.fay, s.mo] {
            let views = try await [reads.post(s.question.id, viewer: viewer), reads.thread(s.question.id, viewer: viewer).focus]
                + reads.timeline(.program(s.program.id), viewer: viewer).map(\.post).filter { $0.id == s.question.id }
                + reads.timeline(.questions(program: s.program.id, .all), viewer: viewer).map(\.post)
                + reads.search(PostSearch(text: "lost week"), viewer: viewer).posts
            #expect(views.count == 5)
            #expect(views.allSatisfy { $0.author.isAnonymousLearner }, "\(viewer.username)")
            #expect(try await reads.post(reply.id, viewer: viewer).post.inReplyToAccountID == Account.anonymousLearner.id)
            #expect(try await !s.world.timelineIDs(.profile(s.lea.id, ProfileFilter()), for: viewer).contains(s.question.id))
            #expect(try await reads.search(PostSearch(text: "lost", authorID: s.lea.id), viewer: viewer).posts.isEmpty)
        }
        #expect(try await reads.post(s.question.id, viewer: s.lea).author.id == s.lea.id)
        #expect(try await s.world.timelineIDs(.profile(s.lea.id, ProfileFilter()), for: s.lea).contains(s.question.id))
        let mention = try #require(try await reads.notifications(of: s.ben).first { $0.kind == .mention })
        #expect(mention.actor.isAnonymousLearner && mention.post?.author.isAnonymousLearner == true)
        // The asker is still told about the reply, as herself.
        #expect(try await reads.notifications(of: s.lea).contains { $0.kind == .reply && $0.post?.id == reply.id })
    }

    @Test("facilitators and moderators can look at who asked, each look audited; peers cannot")
    func reveal() async throws {
        let s = try await Setting()
        let moderation = s.world.starling.moderation
        await #expect(throws: DomainError.self) { try await moderation.revealAuthor(s.question.id, by: s.ben) }
        #expect(try await moderation.revealAuthor(s.question.id, by: s.mo).id == s.lea.id)
        #expect(try await moderation.revealAuthor(s.question.id, by: s.fay).id == s.lea.id)
        let looks = try await moderation.auditLog(viewer: s.fay).filter { $0.action == .revealAuthor }
        #expect(looks.map(\.actorID) == [s.fay.id, s.mo.id]) // newest first
        #expect(looks.allSatisfy { $0.targetAccountID == s.lea.id && $0.targetPostID == s.question.id && $0.programID == s.program.id })
        let plain = try await s.world.post("Not anonymous #cohort", by: s.ben)
        await #expect(throws: DomainError.self) { try await moderation.revealAuthor(plain.id, by: s.fay) }
    }

    @Test("a report names “a learner”: it reaches the queue about the asker without showing who that is")
    func reports() async throws {
        let s = try await Setting()
        let reports = s.world.starling.reports
        let report = try await reports.report(Account.anonymousLearner.id, posts: [s.question.id], comment: "off topic", category: nil, by: s.ben)
        #expect(report.target.isAnonymousLearner)
        #expect(try await reports.openReports(for: s.fay).map(\.target.id) == [Account.anonymousLearner.id])
        #expect(try await s.world.store.openReports(limit: 10, programID: nil).map(\.target.id) == [s.lea.id]) // kept for moderation
    }

    @Test("through the Mastodon and own APIs: the status's account is “a learner”, replies answer id 0, and revealing is audited")
    func api() async throws {
        let s = try await Setting()
        let reply = try await s.world.post("You will find your feet", by: s.ben, replyTo: s.question.id)
        try await withLiveServer(s.world) { server in
            let ben = try await MastodonAPITests.token(server, "ben"), mo = try await MastodonAPITests.token(server, "mo")
            let status = try await server.api("GET", "/api/v1/statuses/\(s.question.id)", token: ben)
            let account = try #require(status.json["account"] as? [String: Any])
            #expect(account["id"] as? String == "0" && account["acct"] as? String == "a-learner")
            #expect(!status.body.contains("\"lea\"") && !status.body.contains(s.lea.id.description))
            let answer = try await server.api("GET", "/api/v1/statuses/\(reply.id)", token: ben)
            #expect(answer.string("in_reply_to_account_id") == "0")
            let context = try await server.api("GET", "/api/v1/statuses/\(reply.id)/context", token: ben)
            #expect(!context.body.contains(s.lea.id.description))
            #expect(try await server.api("POST", "/api/starling/v1/statuses/\(s.question.id)/reveal_author", token: ben).status == 403)
            let revealed = try await server.api("POST", "/api/starling/v1/statuses/\(s.question.id)/reveal_author", token: mo)
            #expect((revealed.json["account"] as? [String: Any])?["username"] as? String == "lea")
            let asked = try await server.api("POST", "/api/starling/v1/programs/\(s.program.id)/questions", token: ben,
                                             form: [("status", "Who else is remote?"), ("anonymous", "true")])
            #expect(asked.status == 201 && asked.json["anonymous"] as? Bool == true)
            let audit = try await server.api("GET", "/api/starling/v1/admin/audit", token: try await MastodonAPITests.token(server, "fay"))
            #expect(audit.array.contains { $0["action"] as? String == "reveal_author" && $0["target_account_id"] as? String == s.lea.id.description })
        }
    }

    @Test("saved to the knowledge base, an anonymous question stays anonymous")
    func knowledgeBase() async throws {
        let s = try await Setting()
        _ = try await s.world.starling.programs.setMember(s.program.id, account: s.lea, role: .facilitator, by: s.fay)
        let page = try await s.world.starling.knowledge.promote(s.question.id, title: "Feeling lost", by: s.lea) // even by its asker
        #expect(page.body.contains("a learner (asked anonymously)") && !page.body.contains("@lea"))
    }

    @Test("streams show a new anonymous question as asked by “a learner”")
    func streaming() async throws {
        let s = try await Setting()
        let token = try await s.world.starling.oauth.issueForScript(account: s.ben, scopes: "read").token
        try await withLiveServer(s.world) { server in
            let events = try await StreamingTests.events(server, path: "/api/v1/streaming/hashtag?tag=cohort", token: token, seconds: 1,
                                                         until: "feel behind") {
                _ = try await s.world.starling.programs.ask(s.program.id, text: "Does anyone else feel behind?", anonymous: true, by: s.lea)
            }
            let update = try #require(events.first { $0.name == "update" })
            #expect(update.data.contains("feel behind") && update.data.contains("a-learner"))
            #expect(!update.data.contains(s.lea.id.description) && !update.data.contains("\"lea\""))
        }
    }

    @Test("in the browser: peers see “A learner” and no mention to prefill; facilitators get a logged look")
    func web() async throws {
        let s = try await Setting()
        try await withLiveServer(s.world) { server in
            let ben = server.browser(), fay = server.browser()
            try await ben.signIn("ben")
            try await fay.signIn("fay")
            let path = try #require(try await ben.get("/posts/\(s.question.id)").location)
            let page = try await ben.get(path)
            #expect(page.body.contains("A learner") && page.body.contains("asked anonymously"))
            #expect(!page.body.contains("@lea") && !page.body.contains("See who asked") && !page.body.contains("You asked anonymously"))
            let asker = server.browser()
            try await asker.signIn("lea")
            #expect(try await asker.get("/@lea/\(s.question.id)").body.contains("You asked anonymously: others see “a learner”"))
            #expect(!(try await ben.get("/@lea").body.contains("feel lost")))
            #expect(try await ben.post("/posts/\(s.question.id)/reveal", []).status == 403)
            let facilitatorPage = try await fay.get(path)
            #expect(facilitatorPage.body.contains("See who asked"))
            let look = try await fay.post("/posts/\(s.question.id)/reveal", [])
            #expect(look.status == 200 && look.body.contains("@lea"))
            #expect(try await fay.get("/admin/audit").body.contains("reveal author"))
        }
    }
}
