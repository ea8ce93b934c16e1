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

    init() throws {
        world = try TestWorld(mailer: mailer)
        ada = try world.member("ada")
        ben = try world.member("ben")
        fay = try world.member("fay", role: .admin)
    }

    func erase() throws { try starling.jobRunner.runDue(now: Date()) }
    func reload(_ account: Account) throws -> Account { try #require(try world.store.account(id: account.id)) }

    /// Rows of any table that still name the account through a foreign key, by "table.column".
    func rowsNaming(_ account: Account) throws -> [String: Int] {
        try world.store.database.read { db in
            let tables = try db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE '%VIRTUAL%'")
                .rows { $0.string(0) }
            var found: [String: Int] = [:]
            for table in tables {
                let columns = try db.prepare("SELECT \"from\" FROM pragma_foreign_key_list(?) WHERE \"table\" = 'accounts'").bind([table]).rows { $0.string(0) }
                for column in columns {
                    let count = try db.prepare("SELECT count(*) FROM \(table) WHERE \(column) = ?").bind([account.id.rawValue]).scalar() ?? 0
                    if count > 0 { found["\(table).\(column)"] = Int(count) }
                }
            }
            return found
        }
    }
}

@Suite("Deleting an account")
struct AccountDeletionTests {
    @Test("deleting your own account ends access at once; nobody finds the account or its posts, even before they are erased")
    func deletedAtOnce() async throws {
        let w = try DeletionWorld()
        let post = try w.world.post("Notes from #onboarding week", by: w.ada)
        let (_, session) = try w.starling.accounts.signIn(login: "ada", password: "password1")
        let token = try w.starling.oauth.issueForScript(account: w.ada, scopes: "read").token

        #expect(try w.deletion.request(by: w.ada, confirmation: "password1") == .deleted)

        #expect(try w.starling.accounts.account(sessionToken: session) == nil)
        #expect(try w.starling.oauth.grant(bearer: token) == nil)
        #expect(throws: DomainError.self) { try w.starling.accounts.signIn(login: "ada", password: "password1") }
        #expect(throws: DomainError.notFound) { try w.starling.reads.account(username: "ada", viewer: w.ben) }
        #expect(throws: DomainError.notFound) { try w.starling.reads.post(post.id, viewer: w.fay) }
        #expect(try !w.world.timelineIDs(.organization, for: w.fay).contains(post.id))
        #expect(try !w.world.timelineIDs(.hashtag("onboarding"), for: w.ben).contains(post.id))
        #expect(try await w.starling.reads.searchAccounts("ada", viewer: w.ben, limit: 10).isEmpty)
        #expect(try await w.starling.reads.search(PostSearch(text: "notes"), viewer: w.ben).posts.isEmpty)
    }

    @Test("the erase job removes every post in batches, media and personal rows, and keeps everyone else's counts right")
    func eraseKeepsCountsRight() throws {
        let w = try DeletionWorld()
        let bens = try w.world.post("What helps you remember a new tool? #tips", by: w.ben)
        try w.starling.relations.follow(w.ben, by: w.ada)
        try w.starling.relations.follow(w.ada, by: w.ben)
        try w.starling.posts.like(bens.id, by: w.ada)
        try w.starling.posts.repost(bens.id, by: w.ada)
        try w.starling.posts.bookmark(bens.id, by: w.ada)
        try w.world.post("Spacing it out #tips", by: w.ada, replyTo: bens.id)
        for n in 0..<(AccountDeletionService.batchSize + 5) { try w.world.post("Note \(n) #tips", by: w.ada) }
        let posted = try w.starling.media.upload(MediaAPITests.png(width: 40, height: 30), description: "a chart", focus: nil, by: w.ada)
        try w.starling.posts.compose(.init(text: "With a picture", mediaIDs: [posted.id]), by: w.ada)
        let unposted = try w.starling.media.upload(MediaAPITests.png(width: 41, height: 30), description: nil, focus: nil, by: w.ada)

        try w.deletion.delete(w.ada.id, by: w.fay)
        try w.erase()

        // Only the audit log still names the account: an admin deleted it, and the log keeps that.
        #expect(try w.rowsNaming(w.ada).keys.sorted() == ["audit_log.target_account_id"])
        let ben = try w.reload(w.ben)
        #expect(ben.followersCount == 0 && ben.followingCount == 0)
        let bensNow = try w.starling.reads.post(bens.id, viewer: w.ben).post
        #expect(bensNow.likesCount == 0 && bensNow.repostsCount == 0 && bensNow.repliesCount == 0)
        #expect(try w.starling.store.tag(name: "tips")?.postsCount == 1)
        #expect(try w.starling.files.load(posted.fileName) == nil && w.starling.files.load(unposted.fileName) == nil)
        let ada = try w.reload(w.ada)
        #expect(ada.name == "Deleted account" && ada.email.isEmpty && ada.bio.isEmpty && ada.postsCount == 0)
    }

    @Test("what the person made for others stays: the program a moderator made goes on, and the username stays taken")
    func sharedWorkStays() throws {
        let w = try DeletionWorld()
        let moderator = try w.world.member("mo", role: .moderator)
        let program = try w.starling.programs.create(.init(title: "Onboarding 2026", hashtag: "onboarding2026"), by: moderator)
        try w.deletion.delete(moderator.id, by: w.fay)
        try w.erase()
        #expect(try w.starling.store.program(id: program.id) != nil)
        #expect(throws: DomainError.self) { try w.world.member("mo") }
    }

    @Test("with approval required a request waits, the account works meanwhile, and an admin's approval deletes it")
    func approvalDeletes() throws {
        let w = try DeletionWorld()
        try w.deletion.setNeedsApproval(true, by: w.fay)
        #expect(try w.deletion.request(by: w.ada, confirmation: "password1") == .awaitingApproval)
        #expect(try w.deletion.pendingRequests(by: w.fay).map(\.id) == [w.ada.id])
        #expect(try w.starling.accounts.signIn(login: "ada", password: "password1").0.id == w.ada.id)

        try w.deletion.approve(w.ada.id, by: w.fay)
        #expect(try w.reload(w.ada).deletedAt != nil)
        #expect(try w.deletion.pendingRequests(by: w.fay).isEmpty)
        try w.erase()
        #expect(w.mailer.sent(to: "ada@example.org").map(\.subject) == ["Your account was deleted"])
    }

    @Test("an admin declines with a reason, which the person gets by email and the audit log keeps; the owner may withdraw")
    func declineAndWithdraw() throws {
        let w = try DeletionWorld()
        try w.deletion.setNeedsApproval(true, by: w.fay)
        _ = try w.deletion.request(by: w.ada, confirmation: "password1")
        #expect(throws: DomainError.self) { try w.deletion.decline(w.ada.id, by: w.fay, reason: "  ") }
        try w.deletion.decline(w.ada.id, by: w.fay, reason: "Your records are on legal hold until June.")
        try w.erase()
        #expect(try w.reload(w.ada).deletionRequestedAt == nil && w.reload(w.ada).deletedAt == nil)
        #expect(w.mailer.sent(to: "ada@example.org").first?.text.contains("legal hold until June") == true)
        let entries = try w.world.store.auditLog(page: PageRequest(limit: 10)).filter { $0.targetAccountID == w.ada.id }
        #expect(entries.map(\.action) == [.deletionDeclined, .deletionRequested])

        _ = try w.deletion.request(by: w.reload(w.ada), confirmation: "password1")
        try w.deletion.withdraw(by: w.reload(w.ada))
        #expect(try w.deletion.pendingRequests(by: w.fay).isEmpty)
    }

    @Test("a wrong password, a member approving, deleting oneself as an admin, and the last admin leaving are refused")
    func refusals() throws {
        let w = try DeletionWorld()
        #expect(throws: DomainError.invalid(field: "confirmation", message: "That is not your password.")) {
            try w.deletion.request(by: w.ada, confirmation: "not it")
        }
        #expect(throws: DomainError.self) { try w.deletion.delete(w.ada.id, by: w.ben) }
        #expect(throws: DomainError.self) { try w.deletion.delete(w.fay.id, by: w.fay) }
        #expect(throws: DomainError.self) { try w.deletion.request(by: w.fay, confirmation: "password1") }
        #expect(try w.reload(w.ada).deletedAt == nil && w.reload(w.fay).deletedAt == nil)
    }

    @Test("an admin removes the posts of someone who left: the account stays, deactivated and able to come back, without them")
    func removePostsOfSomeoneWhoLeft() throws {
        let w = try DeletionWorld()
        let bens = try w.world.post("Welcome, everyone #tips", by: w.ben)
        for n in 0..<(AccountDeletionService.batchSize + 3) { try w.world.post("Note \(n) #tips", by: w.ada) }
        try w.starling.posts.repost(bens.id, by: w.ada)
        #expect(throws: DomainError.self) { try w.deletion.removePosts(of: w.ada.id, by: w.fay) }

        try w.starling.provisioning.setActive(w.ada, false, by: w.fay)
        #expect(throws: DomainError.self) { try w.deletion.removePosts(of: w.ada.id, by: w.ben) }
        try w.deletion.removePosts(of: w.ada.id, by: w.fay)
        try w.erase()

        let ada = try w.reload(w.ada)
        #expect(ada.postsCount == 0 && ada.deletedAt == nil && ada.name == "Ada")
        #expect(try w.starling.reads.post(bens.id, viewer: w.ben).post.repostsCount == 0)
        #expect(try w.starling.store.tag(name: "tips")?.postsCount == 1)
        #expect(try w.world.store.auditLog(page: PageRequest(limit: 5)).first?.action == .removePosts)
        try w.starling.provisioning.setActive(ada, true, by: w.fay)
        #expect(try w.starling.accounts.signIn(login: "ada", password: "password1").0.id == w.ada.id)
    }
}
