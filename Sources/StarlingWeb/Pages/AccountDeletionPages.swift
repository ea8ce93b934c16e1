import Foundation
import Hummingbird
import StarlingCore

/// Deleting an account: the owner's page in settings (ask, or withdraw a pending request), and the admins'
/// side under *Admin → People* (the approval setting, pending requests to approve or decline, deleting someone).
struct AccountDeletionPages {
    let pages: WebPages
    var deletion: AccountDeletionService { pages.starling.accountDeletion }

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/settings/delete") { request, context in try await ownerPage(request, context) }
        router.post("/settings/delete") { _, context in
            let viewer = try context.requireViewer()
            switch try await deletion.request(by: viewer, confirmation: context.form.text("confirmation"), now: pages.starling.clock.now()) {
            case .deleted:
                var response = pages.redirect(to: "/signin", notice: "Your account was deleted. Your posts and data are being erased.")
                response.setCookie(Cookie(name: SessionMiddleware.cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
                return response
            case .awaitingApproval:
                return pages.redirect(to: "/settings/delete", notice: "Your request was sent to the admins. You can keep using your account meanwhile.")
            }
        }
        router.post("/settings/delete/withdraw") { _, context in
            try await deletion.withdraw(by: try context.requireViewer(), now: pages.starling.clock.now())
            return pages.redirect(to: "/settings/profile", notice: "Your request was withdrawn: your account stays.")
        }
        router.post("/admin/deletion-approval") { _, context in
            try await deletion.setNeedsApproval(context.form["needs_approval"] == "1", by: try context.requireViewer())
            return pages.redirect(to: "/admin/users", notice: "The setting was saved.")
        }
        router.post("/admin/users/:id/delete") { _, context in
            let admin = try context.requireViewer()
            let id = try WebPages.idParameter(context)
            let now = pages.starling.clock.now()
            let username = try await pages.starling.store.account(id: id)?.username ?? ""
            if context.form["approve"] == "1" { try await deletion.approve(id, by: admin, now: now) } else { try await deletion.delete(id, by: admin, now: now) }
            return pages.redirect(to: "/admin/users", notice: "@\(username) was deleted: access ended, and their posts and data are being erased.")
        }
        router.post("/admin/users/:id/remove-posts") { _, context in
            let id = try WebPages.idParameter(context)
            try await deletion.removePosts(of: id, by: try context.requireViewer(), now: pages.starling.clock.now())
            let username = try await pages.starling.store.account(id: id)?.username ?? ""
            return pages.redirect(to: "/admin/users", notice: "@\(username)'s posts are being removed; the account stays deactivated.")
        }
        router.post("/admin/users/:id/decline-deletion") { _, context in
            let id = try WebPages.idParameter(context)
            try await deletion.decline(id, by: try context.requireViewer(), reason: context.form.text("reason"), now: pages.starling.clock.now())
            return pages.redirect(to: "/admin/users", notice: "The request was declined; the account stays.")
        }
    }

    private func ownerPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let page = try await pages.pageContext(request, context)
        let withPassword = try await deletion.confirmsWithPassword(viewer)
        let needsApproval = try await deletion.needsApproval()
        let pending: HTML = viewer.deletionRequestedAt.map { requested in """
            <section class="card" aria-labelledby="pending-title"><h2 id="pending-title">Your request</h2>
              <p>You asked to delete your account \(TimeViews.format(requested, in: page.timeZone)). An admin will decide; until then your account works as before.</p>
              <form method="post" action="/settings/delete/withdraw">\(Layout.csrfField(context.csrfToken))
                <button class="button secondary" type="submit">Withdraw the request</button></form>
            </section>
            """ } ?? .empty
        let confirmation: HTML = withPassword
            ? """
              <label for="confirmation">Your password</label>
              <input type="password" id="confirmation" name="confirmation" autocomplete="current-password" required>
              """
            : """
              <label for="confirmation">Type your username, \(viewer.username), to confirm</label>
              <input type="text" id="confirmation" name="confirmation" autocomplete="off" required>
              """
        let html = Layout.page("Delete your account", page, """
            <h1>Delete your account</h1>
            \(pending)
            \(HTML.when(viewer.deletionRequestedAt == nil, """
              <section class="card form" aria-labelledby="delete-title"><h2 id="delete-title">What happens</h2>
                <p>You are signed out everywhere and nobody sees your profile or posts any more. Then your posts and reposts, images,
                follows, likes, bookmarks, lists, commitments, reviews, program memberships and activity are erased.
                Programs, events and knowledge pages you made for others stay, without your name. This cannot be undone.</p>
                <p><a href="/settings/archive" download>Download your archive</a> first if you want to keep a copy.</p>
                \(HTML.when(needsApproval, "<p><strong>In this organization an admin approves each deletion first.</strong></p>"))
                <form method="post" action="/settings/delete">\(Layout.csrfField(context.csrfToken))
                  \(confirmation)
                  <div class="actions-row"><button class="button danger" type="submit">\(needsApproval ? "Ask to delete my account" : "Delete my account")</button></div>
                </form>
              </section>
              """))
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    /// The admins' part of *Admin → People*: the setting, and the requests waiting for a decision.
    func adminSection(admin: Account, csrfToken: String, timeZone: TimeZone) async throws -> HTML {
        let needsApproval = try await deletion.needsApproval()
        let requests = try await deletion.pendingRequests(by: admin).map { account -> HTML in
            """
            <li><a href="/@\(account.username)">\(account.name) (@\(account.username))</a>, asked \(TimeViews.format(account.deletionRequestedAt ?? account.createdAt, in: timeZone))
              <form method="post" action="/admin/users/\(account.id)/delete">\(Layout.csrfField(csrfToken))
                <input type="hidden" name="approve" value="1"><button class="button danger" type="submit">Approve and delete</button></form>
              <form method="post" action="/admin/users/\(account.id)/decline-deletion">\(Layout.csrfField(csrfToken))
                <label for="reason-\(account.id)">Why it stays</label>
                <input type="text" id="reason-\(account.id)" name="reason" maxlength="500" required>
                <button class="button secondary" type="submit">Decline</button></form></li>
            """
        }
        return """
            <section class="card" aria-labelledby="deletion-title"><h2 id="deletion-title">Account deletion</h2>
              <p>People delete their accounts under <em>Settings</em>. \(needsApproval
                  ? "Each deletion waits for an admin's approval." : "They do it themselves, without approval.")</p>
              <form method="post" action="/admin/deletion-approval">\(Layout.csrfField(csrfToken))
                <input type="hidden" name="needs_approval" value="\(needsApproval ? "0" : "1")">
                <button class="button secondary" type="submit">\(needsApproval ? "Let people delete their accounts themselves" : "Require an admin's approval")</button>
              </form>
              \(requests.isEmpty ? "<p class=\"muted\">No requests are waiting.</p>" as HTML : "<h3>Waiting for a decision</h3><ul class=\"plain deletion-requests\">\(requests)</ul>")
            </section>
            """
    }
}
