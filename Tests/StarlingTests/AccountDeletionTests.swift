import Foundation
import Testing
@testable import StarlingCore
@testable import StarlingSQLite

/// A world with Ada (who leaves), Ben (who stays) and Fay (an admin); `erase()` runs due jobs as the server does.
private struct DeletionWorld {
    let mailer = CapturingMailer()
    let world: TestWorld
    let ada: Account, ben: Account, fay: Account
    var starling: Starling { world.starling }
    var deletion: AccountDeletionService { world.starling.accountDeletion }

    init() async throws {
        world = try await TestWorld(mailer: mailer)
        ada = try await world.member("ada")
        ben = try await world.member("ben")
        fay = try await world.member("fay", role: .admin)
    }

    func erase() async throws { try await starling.jobRunner.runDue(now: Date()) }
    func reload(_ account: Account) async throws -> Account { try #require(try await world.store.account(id: account.id)) }

    /// Rows of any table that still name the account through a foreign key, by "table.column".
    func rowsNaming(_ account: Account) async throws -> [String: Int] {
        var found: [String: Int] = [:]
        for (table, column) in try await world.accountReferences() {
            let count = try await world.scalar("SELECT count(*) FROM \(table) WHERE \(column) = ?", [account.id]) ?? 0
            if count > 0 { found["\(table).\(column)"] = Int(count) }
        }
        return found
    }
}

@Suite("Deleting an account")
struct AccountDeletionTests {
    @Test("deleting your own account ends access at once; nobody finds the account or its posts, even before they are erased")
    func deletedAtOnce() async throws {
        let w = try await DeletionWorld()
        let post = try await w.world.post("Notes from #onboarding week", by: w.ada)
        let (_, session) = try await w.starling.accounts.signIn(login: "ada", password: "password1")
        let token = try await w.starling.oauth.issueForScript(account: w.ada, scopes: "read").token

        #expect(try await w.deletion.request(by: w.ada, confirmation: "password1") == .deleted)

        #expect(try await w.starling.accounts.account(sessionToken: session) == nil)
        #expect(try await w.starling.oauth.grant(bearer: token) == nil)
        await #expect(throws: DomainError.self) { try await w.starling.accounts.signIn(login: "ada", password: "password1") }
        await #expect(throws: DomainError.notFound) { try await w.starling.reads.account(username: "ada", viewer: w.ben) }
        await #expect(throws: DomainError.notFound) { try await w.starling.reads.post(post.id, viewer: w.fay) }
        #expect(try await !w.world.timelineIDs(.organization, for: w.fay).contains(post.id))
        #expect(try await !w.world.timelineIDs(.hashtag("onboarding"), for: w.ben).contains(post.id))
        #expect(try await w.starling.reads.searchAccounts("ada", viewer: w.ben, limit: 10).isEmpty)
        #expect(try await w.starling.reads.search(PostSearch(text: "notes"), viewer: w.ben).posts.isEmpty)
    }

    @Test("the erase job removes every post in batches, media and personal rows, and keeps everyone else's counts right")
    func eraseKeepsCountsRight() async throws {
        let w = try await DeletionWorld()
        let bens = try await w.world.post("What helps you remember a new tool? #tips", by: w.ben)
        try await w.starling.relations.follow(w.ben, by: w.ada)
        try await w.starling.relations.follow(w.ada, by: w.ben)
        try await w.starling.posts.like(bens.id, by: w.ada)
        try await w.starling.posts.repost(bens.id, by: w.ada)
        try await w.starling.posts.bookmark(bens.id, by: w.ada)
        try await w.world.post("Spacing it out #tips", by: w.ada, replyTo: bens.id)
        for n in 0..<(AccountDeletionService.batchSize + 5) { try await w.world.post("Note \(n) #tips", by: w.ada) }
        let posted = try await w.starling.media.upload(MediaAPITests.png(width: 40, height: 30), description: "a chart", focus: nil, by: w.ada)
        try await w.starling.posts.compose(.init(text: "With a picture", mediaIDs: [posted.id]), by: w.ada)
        let unposted = try await w.starling.media.upload(MediaAPITests.png(width: 41, height: 30), description: nil, focus: nil, by: w.ada)

        try await w.deletion.delete(w.ada.id, by: w.fay)
        try await w.erase()

        // Only the audit log still names the account: an admin deleted it, and the log keeps that.
        #expect(try await w.rowsNaming(w.ada).keys.sorted() == ["audit_log.target_account_id"])
        let ben = try await w.reload(w.ben)
        #expect(ben.followersCount == 0 && ben.followingCount == 0)
        let bensNow = try await w.starling.reads.post(bens.id, viewer: w.ben).post
        #expect(bensNow.likesCount == 0 && bensNow.repostsCount == 0 && bensNow.repliesCount == 0)
        #expect(try await w.starling.store.tag(name: "tips")?.postsCount == 1)
        #expect(try await w.starling.files.load(posted.fileName) == nil)
        #expect(try await w.starling.files.load(unposted.fileName) == nil)
        let ada = try await w.reload(w.ada)
        #expect(ada.name == "Deleted account" && ada.email.isEmpty && ada.bio.isEmpty && ada.postsCount == 0)
    }

    @Test("what the person made for others stays: the program a moderator made goes on, and the username stays taken")
    func sharedWorkStays() async throws {
        let w = try await DeletionWorld()
        let moderator = try await w.world.member("mo", role: .moderator)
        let program = try await w.starling.programs.create(.init(title: "Onboarding 2026", hashtag: "onboarding2026"), by: moderator)
        try await w.deletion.delete(moderator.id, by: w.fay)
        try await w.erase()
        #expect(try await w.starling.store.program(id: program.id) != nil)
        await #expect(throws: DomainError.self) { try await w.world.member("mo") }
    }

    @Test("with approval required a request waits, the account works meanwhile, and an admin's approval deletes it")
    func approvalDeletes() async throws {
        let w = try await DeletionWorld()
        try await w.deletion.setNeedsApproval(true, by: w.fay)
        #expect(try await w.deletion.request(by: w.ada, confirmation: "password1") == .awaitingApproval)
        #expect(try await w.deletion.pendingRequests(by: w.fay).map(\.id) == [w.ada.id])
        #expect(try await w.starling.accounts.signIn(login: "ada", password: "password1").0.id == w.ada.id)

        try await w.deletion.approve(w.ada.id, by: w.fay)
        #expect(try await w.reload(w.ada).deletedAt != nil)
        #expect(try await w.deletion.pendingRequests(by: w.fay).isEmpty)
        try await w.erase()
        #expect(w.mailer.sent(to: "ada@example.org").map(\.subject) == ["Your account was deleted"])
    }

    @Test("an admin declines with a reason, which the person gets by email and the audit log keeps; the owner may withdraw")
    func declineAndWithdraw() async throws {
        let w = try await DeletionWorld()
        try await w.deletion.setNeedsApproval(true, by: w.fay)
        _ = try await w.deletion.request(by: w.ada, confirmation: "password1")
        await #expect(throws: DomainError.self) { try await w.deletion.decline(w.ada.id, by: w.fay, reason: "  ") }
        try await w.deletion.decline(w.ada.id, by: w.fay, reason: "Your records are on legal hold until June.")
        try await w.erase()
        let declined = try await w.reload(w.ada)
        #expect(declined.deletionRequestedAt == nil && declined.deletedAt == nil)
        #expect(w.mailer.sent(to: "ada@example.org").first?.text.contains("legal hold until June") == true)
        let entries = try await w.world.store.auditLog(page: PageRequest(limit: 10)).filter { $0.targetAccountID == w.ada.id }
        #expect(entries.map(\.action) == [.deletionDeclined, .deletionRequested])

        _ = try await w.deletion.request(by: w.reload(w.ada), confirmation: "password1")
        try await w.deletion.withdraw(by: w.reload(w.ada))
        #expect(try await w.deletion.pendingRequests(by: w.fay).isEmpty)
    }

    @Test("a wrong password, a member approving, deleting oneself as an admin, and the last admin leaving are refused")
    func refusals() async throws {
        let w = try await DeletionWorld()
        await #expect(throws: DomainError.invalid(field: "confirmation", message: "That is not your password.")) {
            try await w.deletion.request(by: w.ada, confirmation: "not it")
        }
        await #expect(throws: DomainError.self) { try await w.deletion.delete(w.ada.id, by: w.ben) }
        await #expect(throws: DomainError.self) { try await w.deletion.delete(w.fay.id, by: w.fay) }
        await #expect(throws: DomainError.self) { try await w.deletion.request(by: w.fay, confirmation: "password1") }
        #expect(try await w.reload(w.ada).deletedAt == nil)
        #expect(try await w.reload(w.fay).deletedAt == nil)
    }

    @Test("an admin removes the posts of someone who left: the account stays, deactivated and able to come back, without them")
    func removePostsOfSomeoneWhoLeft() async throws {
        let w = try await DeletionWorld()
        let bens = try await w.world.post("Welcome, everyone #tips", by: w.ben)
        for n in 0..<(AccountDeletionService.batchSize + 3) { try await w.world.post("Note \(n) #tips", by: w.ada) }
        try await w.starling.posts.repost(bens.id, by: w.ada)
        await #expect(throws: DomainError.self) { try await w.deletion.removePosts(of: w.ada.id, by: w.fay) }

        try await w.starling.provisioning.setActive(w.ada, false, by: w.fay)
        await #expect(throws: DomainError.self) { try await w.deletion.removePosts(of: w.ada.id, by: w.ben) }
        try await w.deletion.removePosts(of: w.ada.id, by: w.fay)
        try await w.erase()

        let ada = try await w.reload(w.ada)
        #expect(ada.postsCount == 0 && ada.deletedAt == nil && ada.name == "Ada")
        #expect(try await w.starling.reads.post(bens.id, viewer: w.ben).post.repostsCount == 0)
        #expect(try await w.starling.store.tag(name: "tips")?.postsCount == 1)
        #expect(try await w.world.store.auditLog(page: PageRequest(limit: 5)).first?.action == .removePosts)
        try await w.starling.provisioning.setActive(ada, true, by: w.fay)
        #expect(try await w.starling.accounts.signIn(login: "ada", password: "password1").0.id == w.ada.id)
    }
}
