import Foundation
import Testing
@testable import StarlingCore

/// Moderating people: reports through the own API, warnings (the person is notified why) and
/// suspensions (no sign-in, no tokens, posts seen by moderators only), each in the audit log; watched
/// words checked on edits too.
@Suite("Moderation: reports, warnings and suspensions")
struct AccountModerationTests {
    /// fay is an admin, sam an instance moderator, mo a program moderator; lea and ben are learners.
    private func cohort() async throws -> (world: TestWorld, program: Program, fay: Account, sam: Account, mo: Account, lea: Account, ben: Account) {
        let world = try await TestWorld()
        let fay = try await world.member("fay", role: .admin), sam = try await world.member("sam", role: .moderator)
        let mo = try await world.member("mo"), lea = try await world.member("lea"), ben = try await world.member("ben")
        let program = try await world.starling.programs.create(.init(title: "Cohort", hashtag: "cohort"), by: fay)
        _ = try await world.starling.programs.setMember(program.id, account: mo, role: .moderator, by: fay)
        for person in [mo, lea, ben] { _ = try await world.starling.programs.join(program.id, by: person, agreementVersion: 1) }
        return (world, program, fay, sam, mo, lea, ben)
    }

    @Test("a warning notifies its reason to the person warned and is audited; program moderators warn about their program's posts only")
    func warnings() async throws {
        let c = try await cohort()
        let moderation = c.world.starling.moderation
        let inProgram = try await c.world.post("Rude reply #cohort", by: c.lea)
        let elsewhere = try await c.world.post("Elsewhere", by: c.lea)
        try await moderation.warn(c.lea, reason: "Please keep it kind.", postID: inProgram.id, by: c.mo)
        try await moderation.warn(c.lea, reason: "Second reminder.", by: c.sam)
        await #expect(throws: DomainError.self) { try await moderation.warn(c.lea, reason: "No post", by: c.mo) }
        await #expect(throws: DomainError.self) { try await moderation.warn(c.lea, reason: "Not mine", postID: elsewhere.id, by: c.mo) }
        await #expect(throws: DomainError.self) { try await moderation.warn(c.ben, reason: "Not theirs", postID: inProgram.id, by: c.mo) }
        await #expect(throws: DomainError.self) { try await moderation.warn(c.lea, reason: "I'm a peer", postID: inProgram.id, by: c.ben) }
        await #expect(throws: DomainError.self) { try await moderation.warn(c.lea, reason: " ", by: c.sam) }
        let warnings = try await c.world.starling.reads.notifications(of: c.lea).filter { $0.kind == .moderationWarning }
        #expect(warnings.map(\.warning) == ["Second reminder.", "Please keep it kind."])
        #expect(warnings.last?.post?.id == inProgram.id && warnings.last?.actor.id == c.mo.id)
        let audited = try await moderation.auditLog(viewer: c.fay).filter { $0.action == .warnAccount }
        #expect(audited.map(\.reason) == ["Second reminder.", "Please keep it kind."])
        #expect(audited.last?.programID == c.program.id && audited.allSatisfy { $0.targetAccountID == c.lea.id })
    }

    @Test("a suspended account cannot sign in or use its sessions and tokens, and its posts are seen by moderators only, until lifted")
    func suspension() async throws {
        let c = try await cohort()
        let (moderation, accounts, reads) = (c.world.starling.moderation, c.world.starling.accounts, c.world.starling.reads)
        let post = try await c.world.post("Spam spam #cohort", by: c.lea)
        let (_, session) = try await accounts.signIn(login: "lea", password: "password1")
        let token = try await c.world.starling.oauth.issueForScript(account: c.lea, scopes: "read").token
        await #expect(throws: DomainError.self) { try await moderation.suspend(c.lea, reason: "spam", by: c.mo) } // program moderators cannot
        await #expect(throws: DomainError.self) { try await moderation.suspend(c.fay, reason: "no", by: c.sam) } // admins are not suspended
        let suspended = try await moderation.suspend(c.lea, reason: "Spam", by: c.sam)
        #expect(suspended.suspendedAt != nil)
        await #expect(throws: DomainError.self) { try await accounts.signIn(login: "lea", password: "password1") }
        #expect(try await accounts.account(sessionToken: session) == nil)
        #expect(try await c.world.store.token(hash: SHA256.hex(token)) == nil)
        await #expect(throws: DomainError.notFound) { try await reads.post(post.id, viewer: c.ben) }
        #expect(try await !c.world.timelineIDs(.program(c.program.id), for: c.mo).contains(post.id))
        #expect(try await reads.post(post.id, viewer: c.sam).id == post.id)
        _ = try await moderation.suspend(c.lea, false, reason: "", by: c.sam)
        #expect(try await reads.post(post.id, viewer: c.ben).id == post.id)
        #expect(try await accounts.account(sessionToken: session)?.id == c.lea.id)
        let actions = try await moderation.auditLog(viewer: c.fay).map(\.action)
        #expect(actions.prefix(2) == [.unsuspendAccount, .suspendAccount])
    }

    @Test("a post edited to use a watched word is flagged into the program's queue")
    func watchedWordsOnEdit() async throws {
        let c = try await cohort()
        _ = try await c.world.starling.programs.addKeyword(c.program.id, "password", by: c.mo)
        let post = try await c.world.post("Here is the wifi name #cohort", by: c.lea)
        #expect(try await c.world.starling.reports.openReports(for: c.mo, programID: c.program.id).isEmpty)
        _ = try await c.world.starling.posts.edit(post.id, text: "Here is the wifi password: hunter2 #cohort", contentWarning: "", by: c.lea)
        let flagged = try await c.world.starling.reports.openReports(for: c.mo, programID: c.program.id)
        #expect(flagged.map(\.postIDs) == [[post.id]] && flagged.first?.comment.contains("password") == true)
    }

    @Test("through the APIs: a warning arrives as Mastodon's moderation_warning; a suspended account's token gets 401")
    func api() async throws {
        let c = try await cohort()
        try await withLiveServer(c.world) { server in
            let sam = try await MastodonAPITests.token(server, "sam"), lea = try await MastodonAPITests.token(server, "lea")
            let ben = try await MastodonAPITests.token(server, "ben")
            #expect(try await server.api("POST", "/api/starling/v1/accounts/\(c.lea.id)/warn", token: ben, form: [("reason", "hm")]).status == 403)
            #expect(try await server.api("POST", "/api/starling/v1/accounts/\(c.lea.id)/warn", token: sam, form: [("reason", "")]).status == 422)
            #expect(try await server.api("POST", "/api/starling/v1/accounts/\(c.lea.id)/warn", token: sam, form: [("reason", "Be kind")]).status == 200)
            let notifications = try await server.api("GET", "/api/v1/notifications", token: lea)
            let warning = try #require(notifications.array.first { $0["type"] as? String == "moderation_warning" })
            #expect((warning["moderation_warning"] as? [String: Any])?["text"] as? String == "Be kind")
            let suspended = try await server.api("POST", "/api/starling/v1/accounts/\(c.lea.id)/suspend", token: sam, form: [("reason", "Spam")])
            #expect(suspended.status == 200 && !(suspended.json["suspended_at"] is NSNull))
            #expect(try await server.api("GET", "/api/v1/accounts/verify_credentials", token: lea).status == 401)
            let lifted = try await server.api("DELETE", "/api/starling/v1/accounts/\(c.lea.id)/suspend", token: sam)
            #expect(lifted.status == 200 && lifted.json["suspended_at"] is NSNull)
            #expect(try await server.api("GET", "/api/v1/accounts/verify_credentials", token: lea).status == 200)
        }
    }

    @Test("reports through the own API: a member reports a post; the program's moderators and the organization's see it with the post and resolve it")
    func reportsAPI() async throws {
        let c = try await cohort()
        let post = try await c.world.post("Buy cheap watches #cohort", by: c.lea)
        try await withLiveServer(c.world) { server in
            let ben = try await MastodonAPITests.token(server, "ben"), mo = try await MastodonAPITests.token(server, "mo")
            let sam = try await MastodonAPITests.token(server, "sam")
            let made = try await server.api("POST", "/api/starling/v1/reports", token: ben, json: """
                {"account_id": "\(c.lea.id)", "status_ids": ["\(post.id)"], "comment": "Spam in the cohort", "category": "spam"}
                """)
            #expect(made.status == 201 && made.string("category") == "spam")
            let id = made.string("id")
            #expect(try await server.api("GET", "/api/starling/v1/reports", token: ben).status == 403)
            #expect(try await server.api("GET", "/api/starling/v1/reports", token: mo).status == 403) // the organization's queue
            let queue = try await server.api("GET", "/api/starling/v1/reports?program_id=\(c.program.id)", token: mo)
            let first = try #require(queue.array.first)
            #expect(queue.array.count == 1 && first["comment"] as? String == "Spam in the cohort")
            #expect(((first["statuses"] as? [[String: Any]])?.first?["content"] as? String)?.contains("Buy cheap watches") == true)
            #expect(try await server.api("GET", "/api/starling/v1/reports", token: sam).array.map { $0["id"] as? String } == [id])
            #expect(try await server.api("POST", "/api/starling/v1/reports/\(id)/resolve", token: ben).status == 403)
            let resolved = try await server.api("POST", "/api/starling/v1/reports/\(id)/resolve", token: mo, form: [("program_id", c.program.id.description)])
            #expect(resolved.status == 200)
            #expect(try await server.api("GET", "/api/starling/v1/reports", token: sam).array.isEmpty)
            let bad = try await server.api("POST", "/api/starling/v1/reports", token: ben, form: [("account_id", c.lea.id.description), ("category", "rude")])
            #expect(bad.status == 422 && bad.string("error_description") == "category")
        }
    }

    @Test("in the browser: a moderator warns and suspends from the profile; the warning shows in the person's notifications")
    func web() async throws {
        let c = try await cohort()
        try await withLiveServer(c.world) { server in
            let sam = server.browser(), lea = server.browser()
            try await sam.signIn("sam")
            try await lea.signIn("lea")
            let profile = try await sam.get("/@lea")
            #expect(profile.body.contains("Warn the author") && profile.body.contains("Suspend this account"))
            #expect(!(try await lea.get("/@ben").body.contains("Suspend this account")))
            #expect(try await sam.post("/@lea/warn", [("reason", "Mind the agreement")]).status == 303)
            let notifications = try await lea.get("/notifications")
            #expect(notifications.body.contains("warned you, as a moderator") && notifications.body.contains("Mind the agreement"))
            #expect(try await sam.post("/@lea/suspend", [("reason", "Spam")]).status == 303)
            #expect(try await lea.get("/notifications").status == 303) // signed out: back to sign-in
            #expect(try await sam.get("/@lea").body.contains("Lift the suspension"))
        }
    }
}
