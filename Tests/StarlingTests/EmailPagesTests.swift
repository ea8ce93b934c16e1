import Foundation
import Testing
import StarlingWeb
@testable import StarlingCore

/// The path and query of a link in an email (the test world's links name port 8080; the live server has its own).
private func path(of link: String) throws -> String {
    let url = try #require(URL(string: link))
    return url.path + (url.query.map { "?" + $0 } ?? "")
}

@Suite("Email in the browser")
struct EmailPagesTests {
    @Test("without a mail server the pages say email is off, and nothing offers to send any")
    func emailOff() async throws {
        let world = try await TestWorld()
        try await world.member("fay", role: .admin)
        try await withSignedInBrowser(world, as: "fay") { browser, server in
            let forgot = try await server.browser().get("/password/forgot")
            #expect(forgot.status == 200 && forgot.body.contains("Email is off on this server"))
            #expect(!(try await server.browser().get("/signin")).body.contains("/password/forgot"))
            let admin = try await browser.get("/admin/users")
            #expect(!admin.body.contains("id=\"invite-email\"") && admin.body.contains("Email is off"))
            let settings = try await browser.get("/settings/email")
            #expect(settings.status == 200 && settings.body.contains("Email is off on this server"))
            let asked = try await server.browser().post("/password/forgot", [("email", "fay@example.org")])
            #expect(asked.status == 403 && asked.body.contains("ask an admin"))
        }
    }

    @Test("an admin invites by email: the link arrives and signs the person up")
    func invitationByEmail() async throws {
        let mailer = CapturingMailer()
        let world = try await TestWorld(mailer: mailer)
        try await world.member("fay", role: .admin)
        try await withSignedInBrowser(world, as: "fay") { browser, server in
            let made = try await browser.post("/admin/invitations", [("role", "member"), ("email", "newcomer@example.org")])
            #expect(made.status == 200 && made.body.contains("emailed to newcomer@example.org"))
            try await world.starling.jobRunner.runDue(now: Date())
            let message = try #require(mailer.sent(to: "newcomer@example.org").first)
            #expect(message.subject == "Fay invited you to Test Org")
            let invitePage = try await server.browser().get(try path(of: #require(message.link(startingWith: "http://127.0.0.1:8080/invite/"))))
            #expect(invitePage.status == 200 && invitePage.body.contains("name=\"username\""))
        }
    }

    @Test("an invitation to a malformed address is refused on its form and makes no invitation")
    func malformedInvitation() async throws {
        let world = try await TestWorld(mailer: CapturingMailer())
        try await world.member("fay", role: .admin)
        try await withSignedInBrowser(world, as: "fay") { browser, _ in
            let refused = try await browser.post("/admin/invitations", [("role", "member"), ("email", "newcomer@")])
            #expect(refused.status == 422 && refused.body.contains("Enter an email address like name@example.org."))
            #expect(try await world.store.invitations().isEmpty)
        }
    }

    @Test("the whole reset: ask, follow the link, set a password, sign in with it; the link then shows a readable refusal")
    func resetInBrowser() async throws {
        let mailer = CapturingMailer()
        let world = try await TestWorld(mailer: mailer)
        try await world.member("ada")
        try await withLiveServer(world, options: ServerOptions(runsJobs: false)) { server in
            let browser = server.browser()
            #expect(try await browser.get("/signin").body.contains("/password/forgot"))
            let asked = try await browser.post("/password/forgot", [("email", "ada@example.org")])
            #expect(asked.status == 200 && asked.body.contains("a link to set a new one is on its way"))
            try await world.starling.jobRunner.runDue(now: Date())
            let link = try path(of: #require(mailer.sent(to: "ada@example.org").first?.link(startingWith: "http://127.0.0.1:8080/password/reset/")))
            #expect(try await browser.get(link).body.contains("name=\"new_password\""))
            let done = try await browser.post(link, [("new_password", "brand new words")])
            #expect(done.status == 303 || done.status == 302)
            try await browser.signIn("ada", password: "brand new words")
            let again = try await server.browser().get(link)
            #expect(again.status == 403 && again.body.contains("already used or has expired"))
        }
    }

    @Test("the unsubscribe link asks, then turns its kind off without signing in; a made-up token is not found")
    func unsubscribeLink() async throws {
        let mailer = CapturingMailer()
        let world = try await TestWorld(mailer: mailer)
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        try await world.starling.email.setPreferences(EmailPreferences(enabled: [.mentions, .eventReminders]), for: ada)
        try await world.post("@ada see this", by: ben)
        try await world.starling.jobRunner.runDue(now: Date().addingTimeInterval(1))
        let link = try path(of: #require(mailer.sent(to: "ada@example.org").first?.unsubscribeURL))
        try await withLiveServer(world) { server in
            let confirm = try await server.browser().get(link)
            #expect(confirm.status == 200 && confirm.body.contains("Turn them off"))
            let done = try await server.browser().postRaw(link, Array("List-Unsubscribe=One-Click".utf8)) // as a mail client does (RFC 8058)
            #expect(done.status == 200 && done.body.contains("no more emails"))
            #expect(try await world.starling.email.preferences(of: ada).enabled == [.eventReminders])
            #expect(try await server.browser().get("/email/unsubscribe?token=made-up&kind=mentions").status == 404)
            #expect(try await server.browser().get("/email/unsubscribe?token=x&kind=everything").status == 422)
        }
    }

    @Test("the email settings page saves a person's choices")
    func settings() async throws {
        let world = try await TestWorld(mailer: CapturingMailer())
        let ada = try await world.member("ada")
        try await withSignedInBrowser(world, as: "ada") { browser, _ in
            #expect(try await browser.get("/settings/email").body.contains("id=\"email-event_reminders\" name=\"event_reminders\" checked"))
            let saved = try await browser.post("/settings/email", [("mentions", "on"), ("weekly_digest", "on")])
            #expect(saved.status == 303 || saved.status == 302)
            #expect(try await world.starling.email.preferences(of: ada).enabled == [.mentions, .weeklyDigest])
        }
    }
}
