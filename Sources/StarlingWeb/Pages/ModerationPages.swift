import Foundation
import Hummingbird
import StarlingCore

/// Moderators' forms (hide a post with a reason, show it again) and the admins' audit log.
struct ModerationPages {
    let pages: WebPages

    func register(on router: some RouterMethods<WebContext>) {
        router.post("/posts/:id/hide") { _, context in
            let moderator = try context.requireViewer()
            let id = try WebPages.idParameter(context)
            let view = await context.form["on"] == "0"
                ? try pages.starling.moderation.show(id, by: moderator)
                : try pages.starling.moderation.hide(id, reason: context.form.text("reason"), by: moderator)
            return Response.redirect(to: PostViews.permalink(view))
        }
        router.post("/posts/:id/warn") { _, context in
            let moderator = try context.requireViewer()
            let view = try await pages.starling.reads.post(try WebPages.idParameter(context), viewer: moderator)
            guard let author = try await pages.starling.store.account(id: view.post.authorID) else { throw DomainError.notFound }
            try await pages.starling.moderation.warn(author, reason: context.form.text("reason"), postID: view.id, by: moderator)
            return Response.redirect(to: PostViews.permalink(view))
        }
        router.post("/@{username}/warn") { _, context in
            let moderator = try context.requireViewer()
            let account = try await pages.starling.reads.account(username: context.parameters.get("username") ?? "", viewer: moderator)
            try await pages.starling.moderation.warn(account, reason: context.form.text("reason"), by: moderator)
            return Response.redirect(to: "/@\(account.username)")
        }
        router.post("/@{username}/suspend") { _, context in
            let moderator = try context.requireViewer()
            let account = try await pages.starling.reads.account(username: context.parameters.get("username") ?? "", viewer: moderator)
            _ = try await pages.starling.moderation.suspend(account, context.form["on"] != "0", reason: context.form.text("reason"), by: moderator)
            return Response.redirect(to: "/@\(account.username)")
        }
        router.post("/posts/:id/reveal") { request, context in
            let id = try WebPages.idParameter(context)
            let author = try await pages.starling.moderation.revealAuthor(id, by: try context.requireViewer())
            let html = await Layout.page("Who asked", try pages.pageContext(request, context), """
                <section class="card" aria-labelledby="who-asked">
                  <h1 id="who-asked">Who asked</h1>
                  <p>This anonymous question was asked by <a href="/@\(author.username)">\(author.name) (@\(author.username))</a>.</p>
                  <p class="muted small">Your look is recorded in the audit log. Keep it to yourself unless the program's agreement says otherwise.</p>
                  <p><a href="/posts/\(id)">Back to the question</a></p>
                </section>
                """)
            return HTMLPage(status: .ok, body: html).response()
        }
        router.get("/admin/audit") { request, context in
            let admin = try context.requireViewer()
            let entries = try await pages.starling.moderation.auditLog(viewer: admin, page: PageRequest(maxID: try pages.pageRequest(request).maxID, limit: 40))
            var names: [ID: String] = [:]
            for id in Set(entries.flatMap { [$0.actorID, $0.targetAccountID].compactMap { $0 } }) {
                names[id] = try await pages.starling.store.account(id: id)?.username
            }
            func person(_ id: ID?) -> HTML {
                guard let id, let name = names[id] else { return "<span class=\"muted\">—</span>" }
                return "<a href=\"/@\(name)\">@\(name)</a>"
            }
            let rows = entries.map { e -> HTML in
                let post: HTML = e.targetPostID.map { "<a href=\"/posts/\($0)\">post</a>" } ?? .empty
                return """
                    <tr><td>\(Layout.age(e.createdAt))</td><td>\(person(e.actorID))</td><td>\(e.action.rawValue.replacingOccurrences(of: "_", with: " "))</td>
                    <td>\(person(e.targetAccountID)) \(post)</td><td>\(e.reason)</td></tr>
                    """
            }
            let html = await Layout.page("Audit log", try pages.pageContext(request, context), """
                <h1>Audit log</h1>
                <section class="card">\(entries.isEmpty ? "<p class=\"muted\">No moderation actions yet.</p>" as HTML : """
                  <table class="admin"><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th>
                  <th scope="col">Whom</th><th scope="col">Why</th></tr></thead><tbody>\(rows)</tbody></table>
                  """)</section>
                """)
            return HTMLPage(status: .ok, body: html).response()
        }
    }

    /// Under an anonymous question, for those who may look at who asked it (each look is audited).
    static func revealForm(_ post: PostView, context: WebContext) -> HTML {
        """
        <form method="post" action="/posts/\(post.id)/reveal" class="compose-row">\(Layout.csrfField(context.csrfToken))
          <button class="button secondary" type="submit">See who asked (recorded in the audit log)</button>
        </form>
        """
    }

    /// A warning with a reason the person is notified of: `action` is a post's or a person's warn path.
    static func warnForm(action: String, context: WebContext) -> HTML {
        """
        <details class="card form"><summary>Warn the author (moderators)</summary>
          <form method="post" action="\(action)">\(Layout.csrfField(context.csrfToken))
            <label for="warn-reason">Why (they are notified of this)</label>
            <input type="text" id="warn-reason" name="reason" maxlength="500" required>
            <button class="button secondary" type="submit">Send the warning</button>
          </form>
        </details>
        """
    }

    /// On a profile, for the organization's moderators: warn, and suspend or lift a suspension.
    static func accountForms(_ account: Account, context: WebContext) -> HTML {
        let suspend: HTML = account.suspendedAt == nil ? """
            <details class="card form"><summary>Suspend this account</summary>
              <form method="post" action="/@\(account.username)/suspend">\(Layout.csrfField(context.csrfToken))
                <label for="suspend-reason">Why (recorded in the audit log)</label>
                <input type="text" id="suspend-reason" name="reason" maxlength="500" required>
                <button class="button danger" type="submit">Suspend: no sign-in, posts hidden</button>
              </form>
            </details>
            """ : """
            <form method="post" action="/@\(account.username)/suspend" class="compose-row">\(Layout.csrfField(context.csrfToken))
              <input type="hidden" name="on" value="0"><p class="notice">Suspended \(Layout.age(account.suspendedAt!)).</p>
              <button class="button secondary" type="submit">Lift the suspension</button>
            </form>
            """
        return "\(warnForm(action: "/@\(account.username)/warn", context: context))\(suspend)"
    }

    /// Under a post, for those who may moderate it.
    static func hideForm(_ post: PostView, context: WebContext) -> HTML {
        if post.post.hiddenAt != nil {
            return """
                <form method="post" action="/posts/\(post.id)/hide" class="compose-row">\(Layout.csrfField(context.csrfToken))
                  <input type="hidden" name="on" value="0"><button class="button secondary" type="submit">Show this post again</button>
                </form>
                """
        }
        return """
            <details class="card form"><summary>Hide this post (moderators)</summary>
              <form method="post" action="/posts/\(post.id)/hide">\(Layout.csrfField(context.csrfToken))
                <label for="hide-reason-\(post.id)">Why (its author will see this)</label>
                <input type="text" id="hide-reason-\(post.id)" name="reason" maxlength="500" required>
                <button class="button danger" type="submit">Hide</button>
              </form>
            </details>
            """
    }
}
