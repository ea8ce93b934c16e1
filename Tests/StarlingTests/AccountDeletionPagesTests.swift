import Foundation
import Testing
@testable import StarlingCore

/// Deleting an account through the web pages of a live server: the owner's page and *Admin → People*.
@Suite("Deleting an account in the browser")
struct AccountDeletionPagesTests {
    @Test("a wrong password is refused on the page and deletes nothing; the right one signs the person out and their profile is gone")
    func ownerDeletes() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await world.member("ben")
        try await withSignedInBrowser(world, as: "ada") { browser, server in
            let page = try await browser.get("/settings/delete")
            #expect(page.status == 200 && page.body.contains("type=\"password\"") && page.body.contains("Delete my account"))
            let refused = try await browser.post("/settings/delete", [("confirmation", "not my password")])
            #expect(refused.status == 422 && refused.body.contains("Delete your account"))
            #expect(try await world.store.account(username: "ada")?.deletedAt == nil)

            let deleted = try await browser.post("/settings/delete", [("confirmation", "password1")])
            #expect(deleted.status == 303 && deleted.location == "/signin")
            #expect(await browser.cookies["starling_session"] == nil)
            #expect(try await browser.get("/home").status != 200)
            let ben = server.browser()
            try await ben.signIn("ben")
            #expect(try await ben.get("/@ada").status == 404)
        }
    }

    @Test("with approval required the request waits on Admin → People, the owner can withdraw, and an admin's approval deletes")
    func approvalInBrowser() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await world.member("fay", role: .admin)
        try await withSignedInBrowser(world, as: "fay") { admin, server in
            #expect(try await admin.post("/admin/deletion-approval", [("needs_approval", "1")]).status == 303)
            #expect(try await admin.get("/admin/users").body.contains("Each deletion waits for an admin"))

            let ada = server.browser()
            try await ada.signIn("ada")
            #expect(try await ada.get("/settings/delete").body.contains("Ask to delete my account"))
            let asked = try await ada.post("/settings/delete", [("confirmation", "password1")])
            #expect(asked.status == 303 && asked.location == "/settings/delete")
            #expect(try await ada.get("/settings/delete").body.contains("Withdraw the request"))
            #expect(try await ada.post("/settings/delete/withdraw", []).status == 303)
            #expect(try await admin.get("/admin/users").body.contains("No requests are waiting"))

            _ = try await ada.post("/settings/delete", [("confirmation", "password1")])
            let id = try #require(try await world.store.account(username: "ada")).id
            let waiting = try await admin.get("/admin/users")
            #expect(waiting.body.contains("/admin/users/\(id)/decline-deletion"))
            let noReason = try await admin.post("/admin/users/\(id)/decline-deletion", [("reason", " ")])
            #expect(noReason.status == 422)
            let approved = try await admin.post("/admin/users/\(id)/delete", [("approve", "1")])
            #expect(approved.status == 303)
            #expect(try await world.store.account(id: id)?.deletedAt != nil)
            #expect(try await ada.get("/home").status != 200)
        }
    }

    @Test("a member cannot delete someone else's account through the admin form")
    func memberCannotDeleteOthers() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        let ben = try await world.member("ben")
        try await withSignedInBrowser(world, as: "ada") { browser, _ in
            let refused = try await browser.post("/admin/users/\(ben.id)/delete", [])
            #expect(refused.status == 403)
            #expect(try await world.store.account(id: ben.id)?.deletedAt == nil)
        }
    }

    @Test("Admin → People offers to remove the posts of someone deactivated, and removing them keeps the account")
    func removePostsInBrowser() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        try await world.member("fay", role: .admin)
        try await world.post("Something to remember", by: ada)
        try await withSignedInBrowser(world, as: "fay") { admin, _ in
            #expect(!(try await admin.get("/admin/users")).body.contains("/admin/users/\(ada.id)/remove-posts"))
            #expect(try await admin.post("/admin/users/\(ada.id)/remove-posts", []).status == 422)
            _ = try await admin.post("/admin/users/\(ada.id)/deactivate", [])
            #expect(try await admin.get("/admin/users").body.contains("/admin/users/\(ada.id)/remove-posts"))
            let removed = try await admin.post("/admin/users/\(ada.id)/remove-posts", [])
            #expect(removed.status == 303)
            try await world.starling.jobRunner.runDue(now: Date())
            let after = try #require(try await world.store.account(id: ada.id))
            #expect(after.postsCount == 0 && after.deletedAt == nil && after.deactivatedAt != nil)
        }
    }
}
