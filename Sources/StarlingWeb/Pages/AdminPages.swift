import Foundation
import Hummingbird
import StarlingCore

/// Admin pages: people, invitations, and whether anyone may sign up; the reports queue for
/// moderators and admins.
struct AdminPages {
    let pages: WebPages

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/admin/users") { request, context in try await usersPage(request, context, newInvitation: nil, emailedTo: nil) }
        router.post("/admin/invitations") { request, context in
            let admin = try requireAdmin(context)
            guard let role = Role(rawValue: context.form.text("role")) else {
                throw DomainError.invalid(field: "role", message: "Choose a role from the list.")
            }
            let address = context.form.text("email").trimmingCharacters(in: .whitespaces)
            if !address.isEmpty { try AccountService.checkEmail(address) } // before anything is made
            let invitation = try await pages.starling.accounts.invite(role: role, by: admin)
            if !address.isEmpty {
                try await pages.starling.email.sendInvitation(invitation, link: pages.starling.accounts.invitationURL(invitation), to: address, by: admin)
            }
            return try await usersPage(request, context, newInvitation: invitation, emailedTo: address.isEmpty ? nil : address)
        }
        router.get("/admin/reports") { request, context in
            let moderator = try context.requireViewer()
            let reports = try await pages.starling.reports.openReports(for: moderator)
            let page = try await pages.pageContext(request, context)
            let rows = reports.map { r -> HTML in
                let posts = r.postIDs.map { id -> HTML in "<a href=\"/posts/\(id)\">post</a>" }
                return """
                    <tr><td><a href="/@\(r.target.username)">@\(r.target.username)</a></td><td>\(r.category.rawValue)</td>
                    <td>\(r.comment)<br>\(posts)</td><td>\(Layout.age(r.createdAt))</td>
                    <td><form method="post" action="/admin/reports/\(r.id)/resolve">\(Layout.csrfField(context.csrfToken))
                    <button class="button secondary" type="submit">Resolve</button></form></td></tr>
                    """
            }
            return HTMLPage(status: .ok, body: Layout.page("Reports", page, """
                <h1>Reports</h1>
                <section class="card">\(reports.isEmpty ? "<p class=\"muted\">No open reports.</p>" as HTML : """
                  <table class="admin"><thead><tr><th scope="col">Reported</th><th scope="col">Category</th><th scope="col">Comment</th>
                  <th scope="col">When</th><th scope="col"></th></tr></thead><tbody>\(rows)</tbody></table>
                  """)</section>
                """)).response()
        }
        router.post("/admin/reports/:id/resolve") { _, context in
            try await pages.starling.reports.resolve(try WebPages.idParameter(context), by: try context.requireViewer())
            return Response.redirect(to: "/admin/reports")
        }
        router.post("/admin/settings") { _, context in
            let admin = try requireAdmin(context)
            if let open = context.form["open_sign_up"] { try await pages.starling.accounts.setOpenSignUp(open == "1", by: admin) }
            if let grant = context.form["password_grant"] { try await pages.starling.oauth.setPasswordGrant(grant == "1", by: admin) }
            return Response.redirect(to: "/admin/users")
        }
    }

    private func requireAdmin(_ context: WebContext) throws -> Account {
        let viewer = try context.requireViewer()
        guard viewer.role == .admin else { throw DomainError.forbidden("Only admins can open this page.") }
        return viewer
    }

    private func usersPage(_ request: Request, _ context: WebContext, newInvitation: Invitation?, emailedTo: String?) async throws -> Response {
        let admin = try requireAdmin(context)
        let page = try await pages.pageContext(request, context)
        let accounts = pages.starling.accounts
        let people = try await pages.starling.store.accounts(page: PageRequest(maxID: try pages.pageRequest(request).maxID, limit: 40))
        let invitations = try await pages.starling.store.invitations()
        let open = try await accounts.isOpenSignUp()
        let passwordGrant = try await pages.starling.oauth.isPasswordGrantEnabled()
        let rows = people.map { a -> HTML in
            """
            <tr><td><a href="/@\(a.username)">@\(a.username)</a><br><span class="muted small">\(a.displayName)</span></td>
            <td>\(a.email)</td><td>\(a.role.rawValue)\(HTML.when(a.isGuest, " (guest)"))\(a.deletedAt != nil ? "<br><strong>deleted</strong>" as HTML
                : a.deactivatedAt != nil ? "<br><strong>deactivated</strong>" : .empty)</td>
            <td>\(a.postsCount)</td><td>\(Layout.age(a.createdAt))</td>
            <td>\(HTML.when(a.id != admin.id && a.deletedAt == nil, """
              <form method="post" action="/admin/users/\(a.id)/\(a.deactivatedAt == nil ? "deactivate" : "reactivate")">\(Layout.csrfField(context.csrfToken))
              <button class="button secondary" type="submit">\(a.deactivatedAt == nil ? "Deactivate" : "Reactivate")</button></form>
              \(HTML.when(a.deactivatedAt != nil && a.postsCount > 0, """
                <form method="post" action="/admin/users/\(a.id)/remove-posts" data-confirm="Remove all \(a.postsCount) posts of @\(a.username)? This cannot be undone.">\(Layout.csrfField(context.csrfToken))
                <button class="button secondary" type="submit" aria-label="Remove the posts of @\(a.username)">Remove posts</button></form>
                """))
              <form method="post" action="/admin/users/\(a.id)/delete" data-confirm="Delete @\(a.username) and erase their posts and data? This cannot be undone.">\(Layout.csrfField(context.csrfToken))
              <button class="button danger" type="submit" aria-label="Delete @\(a.username)">Delete</button></form>
              """))</td></tr>
            """
        }
        let now = Date()
        let inviteRows = invitations.map { i -> HTML in
            let state = i.usedBy != nil ? "used" : (i.expiresAt <= now ? "expired" : "open")
            return "<tr><td><code class=\"invite\">\(accounts.invitationURL(i))</code></td><td>\(i.programID == nil ? i.role.rawValue : "guest")</td><td>\(state)</td><td>\(Layout.age(i.createdAt))</td></tr>"
        }
        let html = Layout.page("Admin", page, """
            <h1>Administration</h1>
            <p><a href="/admin/reports">Reports queue</a> · <a href="/admin/audit">Audit log</a> · <a href="/admin/jobs">Background jobs</a> · <a href="/admin/provisioning">Provisioning</a> · <a href="/admin/federation">Federation</a></p>
            \(newInvitation.map { "<p class=\"notice\" role=\"status\">New invitation link: <code class=\"invite\">\(accounts.invitationURL($0))</code>\(emailedTo.map { " (emailed to \($0))" } ?? "")</p>" as HTML })
            <section class="card form" aria-labelledby="invite-title">
              <h2 id="invite-title">Invite someone</h2>
              <form method="post" action="/admin/invitations" class="compose-row">\(Layout.csrfField(context.csrfToken))
                <label for="invite-role">Role</label>
                <select id="invite-role" name="role" class="narrow">\(Role.allCases.reversed().map { "<option value=\"\($0.rawValue)\">\($0.rawValue.capitalized)</option>" as HTML })</select>
                \(pages.starling.email.isEnabled ? "<label for=\"invite-email\">Email it to (optional)</label><input type=\"email\" id=\"invite-email\" name=\"email\" class=\"narrow\">" as HTML
                    : "<span class=\"muted small\">Email is off: copy the link and send it yourself.</span>")
                <button class="button" type="submit">Create invitation link</button>
              </form>
              <form method="post" action="/admin/settings" class="compose-row">\(Layout.csrfField(context.csrfToken))
                <input type="hidden" name="open_sign_up" value="\(open ? "0" : "1")">
                <span>Sign-up is <strong>\(open ? "open to anyone with the address" : "by invitation only")</strong>.</span>
                <button class="button secondary" type="submit">\(open ? "Require invitations" : "Open sign-up")</button>
              </form>
              <form method="post" action="/admin/settings" class="compose-row">\(Layout.csrfField(context.csrfToken))
                <input type="hidden" name="password_grant" value="\(passwordGrant ? "0" : "1")">
                <span>Apps <strong>\(passwordGrant ? "may" : "may not")</strong> sign in with a password (the OAuth password grant, used by scripts and <code>toot login_cli</code>).</span>
                <button class="button secondary" type="submit">\(passwordGrant ? "Turn off" : "Turn on")</button>
              </form>
            </section>
            <section class="card" aria-labelledby="people-title">
              <h2 id="people-title">People</h2>
              <table class="admin"><thead><tr><th scope="col">Person</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Posts</th><th scope="col">Joined</th><th scope="col"></th></tr></thead>
              <tbody>\(rows)</tbody></table>
              \(HTML.when(people.count == 40, "<p><a href=\"/admin/users?max_id=\(people.last?.id ?? ID(1))\">More →</a></p>"))
            </section>
            \(try await AccountDeletionPages(pages: pages).adminSection(admin: admin, csrfToken: context.csrfToken, timeZone: page.timeZone))
            <section class="card" aria-labelledby="invitations-title">
              <h2 id="invitations-title">Invitations</h2>
              \(invitations.isEmpty ? "<p class=\"muted\">No invitations yet.</p>" as HTML : "<table class=\"admin\"><thead><tr><th scope=\"col\">Link</th><th scope=\"col\">Role</th><th scope=\"col\">State</th><th scope=\"col\">Created</th></tr></thead><tbody>\(inviteRows)</tbody></table>")
            </section>
            """)
        return HTMLPage(status: .ok, body: html).response()
    }
}
