import Foundation
import Testing
@testable import StarlingCore

/// A world with a mail server in memory; `deliver()` runs the queued jobs the way the server does.
private struct MailWorld {
    let mailer = CapturingMailer()
    let clock = ManualClock()
    let world: TestWorld
    var starling: Starling { world.starling }

    init(signInPolicy: SignInPolicy = SignInPolicy()) async throws {
        world = try await TestWorld(clock: clock, signInPolicy: signInPolicy, mailer: mailer)
    }

    func deliver() async throws { try await starling.jobRunner.runDue(now: clock.now()) }

    /// A post written now by the world's clock (its email is due then).
    @discardableResult
    func post(_ text: String, by author: Account, visibility: Visibility = .organization) async throws -> Post {
        try await world.post(text, by: author, visibility: visibility, at: clock.now())
    }

    func choose(_ kinds: Set<EmailKind>, for account: Account) async throws {
        try await starling.email.setPreferences(EmailPreferences(enabled: kinds), for: account)
    }

    func auditActions(for account: Account) async throws -> [AuditEntry.Action] {
        try await world.store.auditLog(page: PageRequest(limit: 100)).filter { $0.targetAccountID == account.id }.map(\.action)
    }
}

@Suite("Email: password resets")
struct PasswordResetTests {
    /// Asks for a link for `account` and returns its token.
    private func resetToken(_ mail: MailWorld, for account: Account) async throws -> String {
        try await mail.starling.passwordResets.request(email: account.email, now: mail.clock.now())
        try await mail.deliver()
        let link = try #require(mail.mailer.sent(to: account.email).last?.link(startingWith: "http://127.0.0.1:8080/password/reset/"))
        return String(link.split(separator: "/").last!)
    }

    @Test("a reset link sets a new password once, ends sessions and app tokens, and is audited")
    func resetOnce() async throws {
        let mail = try await MailWorld()
        let ada = try await mail.world.member("ada")
        let (_, session) = try await mail.starling.accounts.signIn(login: "ada", password: "password1")
        let appToken = try await mail.starling.oauth.issueForScript(account: ada, scopes: "read").token
        let token = try await resetToken(mail, for: ada)
        try await mail.starling.passwordResets.check(token: token, now: mail.clock.now())
        try await mail.starling.passwordResets.reset(token: token, newPassword: "a new secret", now: mail.clock.now())

        #expect(try await mail.starling.accounts.signIn(login: "ada", password: "a new secret").0.id == ada.id)
        await #expect(throws: DomainError.self) { try await mail.starling.accounts.signIn(login: "ada", password: "password1") }
        #expect(try await mail.starling.accounts.account(sessionToken: session) == nil)
        #expect(try await mail.starling.oauth.grant(bearer: appToken) == nil)
        #expect(try await mail.auditActions(for: ada) == [.passwordReset])
    }

    @Test("a used link is refused, changes nothing and is audited")
    func reusedLink() async throws {
        let mail = try await MailWorld()
        let ada = try await mail.world.member("ada")
        let token = try await resetToken(mail, for: ada)
        try await mail.starling.passwordResets.reset(token: token, newPassword: "a new secret", now: mail.clock.now())
        await #expect(throws: PasswordResets.unusable) { try await mail.starling.passwordResets.check(token: token, now: mail.clock.now()) }
        await #expect(throws: PasswordResets.unusable) {
            try await mail.starling.passwordResets.reset(token: token, newPassword: "taken over", now: mail.clock.now())
        }
        #expect(try await mail.starling.accounts.signIn(login: "ada", password: "a new secret").0.id == ada.id)
        #expect(try await mail.auditActions(for: ada) == [.passwordResetRefused, .passwordResetRefused, .passwordReset])
    }

    @Test("a link expires after an hour; a made-up one is refused")
    func expiry() async throws {
        let mail = try await MailWorld()
        let ada = try await mail.world.member("ada")
        let token = try await resetToken(mail, for: ada)
        mail.clock.advance(by: PasswordResets.lifetime + 1)
        await #expect(throws: PasswordResets.unusable) {
            try await mail.starling.passwordResets.reset(token: token, newPassword: "a new secret", now: mail.clock.now())
        }
        await #expect(throws: PasswordResets.unusable) { try await mail.starling.passwordResets.check(token: "made-up", now: mail.clock.now()) }
        #expect(try await mail.starling.accounts.signIn(login: "ada", password: "password1").0.id == ada.id)
    }

    @Test("a too short new password is refused and leaves the link usable")
    func weakPassword() async throws {
        let mail = try await MailWorld()
        let ada = try await mail.world.member("ada")
        let token = try await resetToken(mail, for: ada)
        await #expect(throws: DomainError.self) { try await mail.starling.passwordResets.reset(token: token, newPassword: "short", now: mail.clock.now()) }
        try await mail.starling.passwordResets.check(token: token, now: mail.clock.now())
    }

    @Test("asking tells nothing: an unknown address, a username, or an account without a password here get no email and no error")
    func nothingTold() async throws {
        let mail = try await MailWorld(signInPolicy: SignInPolicy(localPasswords: false, breakGlassAdmins: ["root"]))
        try await mail.world.member("ada")
        try await mail.world.member("root", role: .admin)
        for login in ["nobody@example.org", "ada", "ada@example.org"] {
            try await mail.starling.passwordResets.request(email: login, now: mail.clock.now())
        }
        try await mail.deliver()
        #expect(mail.mailer.sent.isEmpty)
        try await mail.starling.passwordResets.request(email: "root@example.org", now: mail.clock.now())
        try await mail.deliver()
        #expect(mail.mailer.sent.map(\.to) == ["root@example.org"])
    }

    @Test("without a mail server, asking for a link says email is off")
    func emailOff() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        #expect(!world.starling.email.isEnabled)
        await #expect(throws: DomainError.self) { try await world.starling.passwordResets.request(email: "ada@example.org") }
        #expect(try await world.store.dueJobs(at: .distantFuture, limit: 10).isEmpty)
    }
}

@Suite("Email: notices people choose")
struct EmailNoticeTests {
    @Test("a mention is emailed to who chose mentions, with both parts and a link to the post")
    func mention() async throws {
        let mail = try await MailWorld()
        let ada = try await mail.world.member("ada"), ben = try await mail.world.member("ben")
        try await mail.world.member("cy")
        try await mail.choose([.mentions], for: ada)
        let post = try await mail.post("@ada @cy have a look at the <b>guide</b>", by: ben)
        try await mail.deliver()
        let sent = mail.mailer.sent
        #expect(sent.map(\.to) == ["ada@example.org"]) // cy did not choose mentions
        let message = try #require(sent.first)
        #expect(message.subject == "Ben mentioned you")
        #expect(message.text.contains("have a look at the <b>guide</b>") && message.text.contains("/posts/\(post.id)"))
        #expect(message.html.contains("have a look at the &lt;b&gt;guide&lt;/b&gt;"))
        #expect(message.unsubscribeURL?.contains("kind=mentions") == true)
    }

    @Test("a mention is not emailed to someone who may not read the post, nor after it was deleted")
    func mentionPrivacy() async throws {
        let mail = try await MailWorld()
        let fay = try await mail.world.member("fay", role: .admin), ben = try await mail.world.member("ben")
        let program = try await mail.starling.programs.create(.init(title: "Sales kick-off", hashtag: "#sko", visibility: "private"), by: fay)
        let guest = try await mail.world.guest("visitor", invitedTo: program.id, by: fay)
        try await mail.choose([.mentions], for: guest)
        try await mail.choose([.mentions], for: fay)
        try await mail.post("@visitor sees nothing of the organization's posts", by: ben)
        let deleted = try await mail.post("@fay never mind", by: ben)
        try await mail.starling.posts.delete(deleted.id, by: ben)
        try await mail.deliver()
        #expect(mail.mailer.sent.isEmpty)
    }

    @Test("a direct post is emailed as such to who chose direct posts, not as a mention")
    func directPost() async throws {
        let mail = try await MailWorld()
        let ada = try await mail.world.member("ada"), ben = try await mail.world.member("ben")
        try await mail.choose([.directPosts], for: ada)
        try await mail.post("@ada just between us", by: ben, visibility: .direct)
        try await mail.post("@ada in the open", by: ben)
        try await mail.deliver()
        #expect(mail.mailer.sent.map(\.subject) == ["Direct post from Ben"])
    }

    @Test("the unsubscribe link turns off only its kind, without signing in")
    func unsubscribe() async throws {
        let mail = try await MailWorld()
        let ada = try await mail.world.member("ada"), ben = try await mail.world.member("ben")
        try await mail.choose([.mentions, .weeklyDigest], for: ada)
        try await mail.post("@ada one", by: ben)
        try await mail.deliver()
        let link = try #require(mail.mailer.sent.first?.unsubscribeURL)
        let token = try #require(URLComponents(string: link)?.queryItems?.first { $0.name == "token" }?.value)
        try await mail.starling.email.unsubscribe(token: token, kind: .mentions)
        #expect(try await mail.starling.email.preferences(of: ada).enabled == [.weeklyDigest])
        try await mail.post("@ada two", by: ben)
        try await mail.deliver()
        #expect(mail.mailer.sent.count == 1)
        await #expect(throws: DomainError.notFound) { try await mail.starling.email.unsubscribe(token: "made-up", kind: .mentions) }
    }

    @Test("event reminders are on until turned off; the rest are off until chosen")
    func defaults() async throws {
        let mail = try await MailWorld()
        let ada = try await mail.world.member("ada")
        #expect(try await mail.starling.email.preferences(of: ada).enabled == [.eventReminders])
        #expect(try await mail.world.store.accounts(wantingEmail: .eventReminders).map(\.id) == [ada.id])
        #expect(try await mail.world.store.accounts(wantingEmail: .mentions).isEmpty)
        try await mail.choose([], for: ada)
        #expect(try await mail.world.store.accounts(wantingEmail: .eventReminders).isEmpty)
    }

    @Test("a deactivated person gets no email")
    func deactivated() async throws {
        let mail = try await MailWorld()
        let fay = try await mail.world.member("fay", role: .admin), ada = try await mail.world.member("ada"), ben = try await mail.world.member("ben")
        try await mail.choose([.mentions], for: ada)
        _ = try await mail.starling.provisioning.setActive(ada, false, by: fay)
        try await mail.post("@ada are you there?", by: ben)
        try await mail.deliver()
        #expect(mail.mailer.sent.isEmpty)
    }

    @Test("a notice still waiting for the mail server is dropped when its reader leaves meanwhile")
    func leftWhileQueued() async throws {
        let mail = try await MailWorld()
        let fay = try await mail.world.member("fay", role: .admin), ada = try await mail.world.member("ada"), ben = try await mail.world.member("ben")
        try await mail.choose([.mentions], for: ada)
        mail.mailer.refusing = true
        try await mail.post("@ada are you there?", by: ben)
        try await mail.deliver()
        #expect(try await mail.world.store.dueJobs(at: .distantFuture, limit: 10).contains { $0.kind == JobKind.sendEmail })
        _ = try await mail.starling.provisioning.setActive(ada, false, by: fay)
        mail.mailer.refusing = false
        mail.clock.advance(by: 24 * 3600)
        try await mail.deliver()
        #expect(mail.mailer.sent.isEmpty)
        #expect(try await !mail.world.store.dueJobs(at: .distantFuture, limit: 10).contains { $0.kind == JobKind.sendEmail })
    }

    @Test("the weekly digest lists the most liked posts of the week for who chose it, then plans next Monday")
    func weeklyDigest() async throws {
        let mail = try await MailWorld()
        let ada = try await mail.world.member("ada"), ben = try await mail.world.member("ben"), cy = try await mail.world.member("cy")
        try await mail.choose([.weeklyDigest], for: ada)
        try await mail.starling.relations.follow(ben, by: ada)
        let old = try await mail.world.post("last month's news", by: ben, at: mail.clock.now() - 30 * 86_400)
        let liked = try await mail.post("the best answer this week", by: ben)
        try await mail.post("a quieter post", by: ben)
        try await mail.starling.posts.like(liked.id, by: cy)
        try await mail.starling.email.sendWeeklyDigestNow(now: mail.clock.now())
        try await mail.deliver()
        let digest = try #require(mail.mailer.sent.first)
        #expect(mail.mailer.sent.map(\.to) == ["ada@example.org"])
        #expect(digest.text.contains("2 posts came into your home timeline"))
        let best = try #require(digest.text.range(of: "the best answer this week")), quiet = try #require(digest.text.range(of: "a quieter post"))
        #expect(best.lowerBound < quiet.lowerBound)
        #expect(!digest.text.contains("/posts/\(old.id)"))
        let next = try #require(try await mail.world.store.dueJobs(at: .distantFuture, limit: 10).first { $0.kind == JobKind.weeklyEmailDigest })
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        #expect(calendar.component(.weekday, from: next.runAt) == 2 && calendar.component(.hour, from: next.runAt) == 8)
        #expect(next.runAt > mail.clock.now())
    }
}

@Suite("Email: delivery")
struct EmailDeliveryTests {
    @Test("a refused email stays queued and is retried for hours")
    func retries() async throws {
        let mailer = CapturingMailer(), clock = ManualClock()
        let world = try await TestWorld(clock: clock, mailer: mailer)
        let fay = try await world.member("fay", role: .admin)
        let invitation = try await world.starling.accounts.invite(role: .member, by: fay)
        mailer.refusing = true
        try await world.starling.email.sendInvitation(invitation, link: world.starling.accounts.invitationURL(invitation), to: "new@example.org", by: fay,
                                                now: clock.now())
        for _ in 1...3 {
            try await world.starling.jobRunner.runDue(now: clock.now())
            clock.advance(by: 3600)
        }
        let queued = try #require(try await world.store.dueJobs(at: .distantFuture, limit: 10).first { $0.kind == JobKind.sendEmail })
        #expect(queued.attempts == 3 && queued.lastError?.contains("Refused") == true)
        mailer.refusing = false
        clock.advance(by: 4 * 3600)
        try await world.starling.jobRunner.runDue(now: clock.now())
        let message = try #require(mailer.sent.first)
        #expect(message.to == "new@example.org" && message.text.contains(world.starling.accounts.invitationURL(invitation)))
        #expect(message.unsubscribeURL == nil) // an invitation is not a kind anyone chose
        #expect(RetryPolicy.email.span > 10 * 3600)
    }

    @Test("an invitation to a malformed address is refused before anything is queued")
    func badAddress() async throws {
        let world = try await TestWorld(mailer: CapturingMailer())
        let fay = try await world.member("fay", role: .admin)
        let invitation = try await world.starling.accounts.invite(role: .member, by: fay)
        await #expect(throws: DomainError.self) {
            try await world.starling.email.sendInvitation(invitation, link: "x", to: "not an address\r\nBcc: all@example.org", by: fay)
        }
        #expect(try await world.store.dueJobs(at: .distantFuture, limit: 10).isEmpty)
    }
}
