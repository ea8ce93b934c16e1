import Foundation
import Testing
@testable import StarlingCore

/// Moderation: hidden posts, who may hide them, and the audit log.
@Suite("Moderation")
struct ModerationTests {
    private func cohort() async throws -> (world: TestWorld, program: Program, fay: Account, mo: Account, lea: Account, ben: Account) {
        let world = try await TestWorld()
        let fay = try await world.member("fay", role: .admin), mo = try await world.member("mo"), lea = try await world.member("lea"), ben = try await world.member("ben")
        let program = try await world.starling.programs.create(.init(title: "Cohort", hashtag: "cohort"), by: fay)
        _ = try await world.starling.programs.setMember(program.id, account: mo, role: .moderator, by: fay)
        for person in [mo, lea, ben] { _ = try await world.starling.programs.join(program.id, by: person, agreementVersion: 1) }
        return (world, program, fay, mo, lea, ben)
    }

    @Test("a hidden post disappears for everyone but its author (who sees why) and moderators, and comes back when shown")
    func hiding() async throws {
        let c = try await cohort()
        let post = try await c.world.post("Off-topic rant #cohort", by: c.lea)
        let hidden = try await c.world.starling.moderation.hide(post.id, reason: "Off topic for this cohort", by: c.mo)
        #expect(hidden.post.hiddenReason == "Off topic for this cohort")
        let reads = c.world.starling.reads
        await #expect(throws: DomainError.notFound) { try await reads.post(post.id, viewer: c.ben) }
        #expect(try await !c.world.timelineIDs(.program(c.program.id), for: c.ben).contains(post.id))
        #expect(try await reads.post(post.id, viewer: c.lea).post.hiddenReason == "Off topic for this cohort")
        #expect(try await reads.post(post.id, viewer: c.fay).post.hiddenAt != nil)
        _ = try await c.world.starling.moderation.show(post.id, by: c.mo)
        #expect(try await reads.post(post.id, viewer: c.ben).id == post.id)
    }

    @Test("a program's moderators hide its posts only; learners hide nothing; a reason is required")
    func whoMayHide() async throws {
        let c = try await cohort()
        let moderation = c.world.starling.moderation
        let inProgram = try await c.world.post("In the cohort #cohort", by: c.lea)
        let elsewhere = try await c.world.post("Elsewhere", by: c.lea)
        await #expect(throws: DomainError.self) { try await moderation.hide(inProgram.id, reason: "no", by: c.ben) }
        await #expect(throws: DomainError.self) { try await moderation.hide(elsewhere.id, reason: "no", by: c.mo) }
        await #expect(throws: DomainError.self) { try await moderation.hide(inProgram.id, reason: "  ", by: c.mo) }
        #expect(try await c.world.starling.reads.post(inProgram.id, viewer: c.ben).post.hiddenAt == nil) // nothing half-done
        _ = try await moderation.hide(elsewhere.id, reason: "Spam", by: c.fay) // instance moderators act anywhere
    }

    @Test("the audit log records hiding, showing, deleting someone's post and removing a member, for admins only")
    func auditLog() async throws {
        let c = try await cohort()
        let post = try await c.world.post("Something #cohort", by: c.lea)
        let other = try await c.world.post("Something else", by: c.ben)
        _ = try await c.world.starling.moderation.hide(post.id, reason: "Check first", by: c.mo)
        _ = try await c.world.starling.moderation.show(post.id, by: c.mo)
        try await c.world.starling.posts.delete(other.id, by: c.fay)
        try await c.world.starling.programs.remove(c.program.id, account: c.ben, by: c.fay)
        let log = try await c.world.starling.moderation.auditLog(viewer: c.fay)
        #expect(log.map(\.action) == [.removeMember, .deletePost, .showPost, .hidePost])
        #expect(log.last?.reason == "Check first" && log.last?.actorID == c.mo.id && log.last?.targetAccountID == c.lea.id)
        await #expect(throws: DomainError.self) { try await c.world.starling.moderation.auditLog(viewer: c.mo) }
    }

    @Test("reports about a program's posts reach its moderators, who see them with the posts and resolve them; learners cannot")
    func programReports() async throws {
        let c = try await cohort()
        let post = try await c.world.post("Rude remark #cohort", by: c.ben)
        let elsewhere = try await c.world.post("Rude elsewhere", by: c.ben)
        let reports = c.world.starling.reports
        let report = try await reports.report(c.ben.id, posts: [post.id], comment: "Not kind", category: "violation", by: c.lea)
        _ = try await reports.report(c.ben.id, posts: [elsewhere.id], comment: "Also", category: "other", by: c.lea)
        #expect(try await reports.openReports(for: c.mo, programID: c.program.id).map(\.id) == [report.id])
        await #expect(throws: DomainError.self) { try await reports.openReports(for: c.mo) } // the organization's queue is for its moderators
        await #expect(throws: DomainError.self) { try await reports.openReports(for: c.lea, programID: c.program.id) }
        try await withSignedInBrowser(c.world, as: "mo") { browser, _ in
            let queue = try await browser.get("/programs/\(c.program.id)/reports")
            #expect(queue.body.contains("Not kind") && queue.body.contains("Rude remark") && !queue.body.contains("Rude elsewhere"))
            #expect(try await browser.post("/programs/\(c.program.id)/reports/\(report.id)/resolve", []).status == 303)
            #expect(try await browser.get("/programs/\(c.program.id)/reports").body.contains("No open reports"))
        }
    }

    @Test("watched words match whole words whatever the case", arguments: [
        ("confidential", "This is CONFIDENTIAL, sorry", true), ("confidential", "nonconfidential stuff", false),
        ("pay rise", "Asking about a Pay Rise.", true), ("pay rise", "payrise", false), ("q3", "Our Q3 numbers", true),
    ])
    func watchedWordMatching(_ keyword: String, _ text: String, _ expected: Bool) {
        #expect(ProgramKeyword(id: ID(1), keyword: keyword, addedBy: nil).matches(text) == expected)
    }

    @Test("a post in the program using a watched word is flagged into the program's queue; only its moderators manage the words")
    func watchedWords() async throws {
        let c = try await cohort()
        let programs = c.world.starling.programs
        _ = try await programs.addKeyword(c.program.id, "confidential", by: c.mo)
        await #expect(throws: DomainError.self) { try await programs.addKeyword(c.program.id, "Confidential", by: c.mo) } // already watched
        await #expect(throws: DomainError.self) { try await programs.addKeyword(c.program.id, "secret", by: c.lea) }
        let flagged = try await c.world.post("This is confidential, do not share #cohort", by: c.lea)
        _ = try await c.world.post("confidential, but not in the program", by: c.lea)
        _ = try await c.world.post("Nothing to see #cohort", by: c.ben)
        let queue = try await c.world.starling.reports.openReports(for: c.mo, programID: c.program.id)
        #expect(queue.map(\.postIDs) == [[flagged.id]])
        #expect(queue.first?.comment.contains("confidential") == true && queue.first?.target.id == c.lea.id)
        try await withSignedInBrowser(c.world, as: "mo") { browser, _ in
            let page = try await browser.get("/programs/\(c.program.id)/reports")
            #expect(page.body.contains("Watched words") && page.body.contains("Flagged automatically"))
            #expect(try await browser.post("/programs/\(c.program.id)/keywords", [("keyword", "q3 numbers")]).status == 303)
            #expect(try await programs.keywords(c.program.id, viewer: c.mo).map(\.keyword) == ["confidential", "q3 numbers"])
        }
    }

    @Test("in the browser: a moderator hides a post with a reason, its author sees why, others get a 404; admins read the log")
    func web() async throws {
        let c = try await cohort()
        let post = try await c.world.post("Rant #cohort", by: c.lea)
        try await withLiveServer(c.world) { server in
            let mo = server.browser(), lea = server.browser(), ben = server.browser(), fay = server.browser()
            for (browser, name) in [(mo, "mo"), (lea, "lea"), (ben, "ben"), (fay, "fay")] { try await browser.signIn(name) }
            let path = "/@lea/\(post.id)"
            #expect(try await mo.get(path).body.contains("Hide this post"))
            #expect(!(try await ben.get(path).body.contains("Hide this post")))
            #expect(try await mo.post("/posts/\(post.id)/hide", [("reason", "Please keep it kind")]).status == 303)
            #expect(try await lea.get(path).body.contains("Hidden by moderators: Please keep it kind"))
            #expect(try await ben.get(path).status == 404)
            let log = try await fay.get("/admin/audit")
            #expect(log.body.contains("hide post") && log.body.contains("Please keep it kind") && log.body.contains("@mo"))
            #expect(try await ben.get("/admin/audit").status == 403)
        }
    }
}
