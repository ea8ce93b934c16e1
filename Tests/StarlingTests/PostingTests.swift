import Foundation
@testable import StarlingSQLite
import Testing
@testable import StarlingCore

@Suite("Posting rules")
struct PostingTests {
    @Test("the length limit counts user-perceived characters, not bytes")
    func lengthInGraphemes() async throws {
        let world = try await TestWorld(maxPostLength: 5)
        let ada = try await world.member("ada")
        try await world.post("👩‍👩‍👧‍👦🇳🇴éé!", by: ada) // 5 characters, many bytes
        await #expect(throws: DomainError.invalid(field: "text", message: "A post has at most 5 characters; this one has 6.")) {
            try await world.post("abcdef", by: ada)
        }
    }

    @Test("an empty post is refused")
    func emptyPost() async throws {
        let world = try await TestWorld()
        await #expect(throws: DomainError.invalid(field: "text", message: "Write something first.")) {
            try await world.post("  \n ", by: try await world.member("ada"))
        }
    }

    @Test("public posts are refused while public access is off")
    func publicNeedsPublicAccess() async throws {
        let world = try await TestWorld(publicAccess: false)
        await #expect(throws: DomainError.self) { try await world.post("hello", by: try await world.member("ada"), visibility: .public) }
    }

    @Test("the same idempotency key within the hour returns the first post")
    func idempotency() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        let first = try await world.starling.posts.compose(.init(text: "once"), by: ada, idempotencyKey: "k1")
        let again = try await world.starling.posts.compose(.init(text: "once"), by: ada, idempotencyKey: "k1")
        let later = try await world.starling.posts.compose(.init(text: "once"), by: ada, idempotencyKey: "k1", at: Date() + 3700)
        #expect(first.id == again.id)
        #expect(later.id != first.id)
        #expect(try await world.store.account(id: ada.id)?.postsCount == 2)
    }

    @Test("a reply to a post the author cannot see is refused")
    func replyToInvisible() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        let secret = try await world.post("for my followers", by: ada, visibility: .followers)
        await #expect(throws: DomainError.self) { try await world.post("reply", by: ben, replyTo: secret.id) }
    }

    @Test("only the author or a moderator may delete a post")
    func deletePermissions() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben"), mod = try await world.member("mod", role: .moderator)
        let post = try await world.post("mine", by: ada)
        await #expect(throws: DomainError.forbidden("You can only delete your own posts.")) { try await world.starling.posts.delete(post.id, by: ben) }
        try await world.starling.posts.delete(post.id, by: mod)
        #expect(try await world.store.post(id: post.id, viewer: ada.id) == nil)
    }

    @Test("followers-only and direct posts cannot be reposted")
    func repostRules() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        try await world.starling.relations.follow(ada, by: ben)
        let post = try await world.post("followers only", by: ada, visibility: .followers)
        await #expect(throws: DomainError.self) { try await world.starling.posts.repost(post.id, by: ben) }
    }

    @Test("liking twice counts once")
    func likeIsIdempotent() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        let post = try await world.post("like me", by: ada)
        try await world.starling.posts.like(post.id, by: ben)
        try await world.starling.posts.like(post.id, by: ben)
        #expect(try await world.store.post(id: post.id, viewer: ben.id)?.post.likesCount == 1)
        try await world.starling.posts.like(post.id, by: ben, false)
        #expect(try await world.store.post(id: post.id, viewer: ben.id)?.post.likesCount == 0)
    }

    @Test("the stored HTML links hashtags and known mentions")
    func storedHTML() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        try await world.member("ben")
        let post = try await world.post("Hi @BEN, see #Onboarding", by: ada)
        #expect(post.html == #"<p>Hi <a href="/@ben" class="mention">@ben</a>, see <a href="/tags/Onboarding" class="hashtag" rel="tag">#Onboarding</a></p>"#)
    }
}

@Suite("Accounts and sign-in")
struct AccountTests {
    @Test("sign-in works with username or email and returns a session")
    func signIn() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        let (_, token) = try await world.starling.accounts.signIn(login: "ADA@example.org", password: "password1")
        #expect(try await world.starling.accounts.account(sessionToken: token)?.id == ada.id)
        try await world.starling.accounts.signOut(sessionToken: token)
        #expect(try await world.starling.accounts.account(sessionToken: token) == nil)
    }

    @Test("session tokens are stored hashed")
    func tokensHashed() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        let (_, token) = try await world.starling.accounts.signIn(login: "ada", password: "password1")
        let stored = try await world.rows("SELECT token_hash FROM sessions") { $0.string(0) }.first
        #expect(stored == SHA256.hex(token))
    }

    @Test("repeated failed sign-ins are throttled, even with the right password afterwards")
    func throttling() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        await TestWorld.expectThrottledAfterFiveFailures("ada", through: [world])
    }

    @Test("an invitation creates an account with its role, once")
    func invitations() async throws {
        let world = try await TestWorld()
        let admin = try await world.member("root", role: .admin)
        let invitation = try await world.starling.accounts.invite(role: .moderator, by: admin)
        let mod = try await world.starling.accounts.signUp(invitationCode: invitation.code, .init(username: "mia", email: "mia@example.org", password: "password1"))
        #expect(mod.role == .moderator)
        await #expect(throws: DomainError.self) {
            try await world.starling.accounts.signUp(invitationCode: invitation.code, .init(username: "max", email: "max@example.org", password: "password1"))
        }
    }

    @Test("members cannot invite, and only admins invite moderators")
    func invitePermissions() async throws {
        let world = try await TestWorld()
        let member = try await world.member("ben"), mod = try await world.member("mod", role: .moderator)
        await #expect(throws: DomainError.self) { try await world.starling.accounts.invite(role: .member, by: member) }
        await #expect(throws: DomainError.self) { try await world.starling.accounts.invite(role: .moderator, by: mod) }
        _ = try await world.starling.accounts.invite(role: .member, by: mod)
    }

    @Test("open sign-up is off by default")
    func openSignUpOff() async throws {
        let world = try await TestWorld()
        await #expect(throws: DomainError.forbidden("Sign-up is by invitation only.")) {
            try await world.starling.accounts.signUpOpenly(.init(username: "x", email: "x@example.org", password: "password1"))
        }
    }

    @Test("bad usernames, emails and passwords are refused with the field named")
    func validation() async throws {
        let world = try await TestWorld()
        for (registration, field) in [
            (AccountService.Registration(username: "no spaces", email: "a@example.org", password: "password1"), "username"),
            (AccountService.Registration(username: "<script>", email: "a@example.org", password: "password1"), "username"),
            (AccountService.Registration(username: "ok", email: "not-an-email", password: "password1"), "email"),
            (AccountService.Registration(username: "ok", email: "a@example.org", password: "short"), "password"),
        ] {
            await #expect {
                try await world.starling.accounts.create(registration)
            } throws: { error in
                if case DomainError.invalid(let named, _) = error { return named == field } else { return false }
            }
        }
    }
}
