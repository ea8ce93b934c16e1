import Foundation
import Hummingbird
import StarlingCore

/// Reporting a post or a person to the moderators, and editing one's own post (with its history).
struct ReportAndEditPages {
    let pages: WebPages
    var reads: ReadService { pages.starling.reads }

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/report") { request, context in try await reportPage(request, context) }
        router.post("/report") { _, context in
            let viewer = try context.requireViewer()
            let form = context.form
            let post = try await form.id("post").asyncMap { try await reads.post($0, viewer: viewer) }
            let target = if let post { post.author } else { try await reads.account(username: form.text("account"), viewer: viewer) }
            _ = try await pages.starling.reports.report(target.id, posts: post.map { [$0.id] } ?? [], comment: form.text("comment"),
                                                  category: form["category"], by: viewer)
            let back = post.map { "\(PostViews.permalink($0))#post-\($0.id)" } ?? "/@\(target.username)"
            let where_ = post?.post.programID == nil ? "the organization's moderators" : "the moderators of the organization and of the program"
            return pages.redirect(to: back, notice: "Thank you. Your report went to \(where_); the person you reported is not told who sent it.")
        }
        router.get("/posts/:id/edit") { request, context in try await editPage(request, context) }
        router.post("/posts/:id/edit") { _, context in
            let viewer = try context.requireViewer()
            let edited = try await pages.starling.posts.edit(try WebPages.idParameter(context), text: context.form.text("text"),
                                                       contentWarning: context.form.text("content_warning"), by: viewer)
            return pages.redirect(to: "\(PostViews.permalink(edited))#post-\(edited.id)", notice: "Your post was changed; its earlier text stays in its history.")
        }
        router.get("/posts/:id/history") { request, context in try await historyPage(request, context) }
    }

    /// What is reported (a post, `?post=ID`, or a person, `?account=username`), why, and a comment.
    private func reportPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let query = try pages.query(request)
        let page = try await pages.pageContext(request, context)
        let post = try await query.id("post").asyncMap { try await reads.post($0, viewer: viewer) }
        let target = if let post { post.author } else { try await reads.account(username: query.text("account"), viewer: viewer) }
        guard target.id != viewer.id else { throw DomainError.invalid(field: "account", message: "You cannot report yourself.") }
        let reasons: [(Report.Category, String)] = [
            (.violation, "It breaks the organization's rules or a program's agreement"), (.spam, "It is spam or advertising"),
            (.legal, "It may be illegal, or shares someone's private information"), (.other, "Something else (say what below)"),
        ]
        let choices = reasons.enumerated().map { index, reason -> HTML in
            """
            <label class="check"><input type="radio" name="category" value="\(reason.0.rawValue)"\(HTML.when(index == 0, " checked"))> \(reason.1)</label>
            """
        }
        let html = Layout.page("Report", page, """
            <h1>Report \(post == nil ? "@\(target.username)" : "a post by \(target.name)")</h1>
            \(post.map { PostViews.card($0, context: page) })
            <section class="card form" aria-labelledby="report-title">
              <h2 id="report-title">What is wrong?</h2>
              <form method="post" action="/report">\(Layout.csrfField(context.csrfToken))
                \(post.map { "<input type=\"hidden\" name=\"post\" value=\"\($0.id)\">" as HTML } ?? "<input type=\"hidden\" name=\"account\" value=\"\(target.username)\">")
                <fieldset class="plain-fieldset"><legend>Reason</legend>\(choices)</fieldset>
                <label for="report-comment">Anything the moderators should know (optional)</label>
                <textarea id="report-comment" name="comment" maxlength="\(ReportService.maxCommentLength)" rows="4"></textarea>
                <p class="hint">Moderators see your report; \(target.name) is not told who sent it.</p>
                <div class="actions-row"><button class="button" type="submit">Send the report</button>
                  <a href="\(post.map { PostViews.permalink($0) } ?? "/@\(target.username)")">Cancel</a></div>
              </form>
            </section>
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    private func editPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let view = try await reads.post(try WebPages.idParameter(context), viewer: viewer)
        guard view.author.id == viewer.id else { throw DomainError.forbidden("You can only edit your own posts.") }
        let page = try await pages.pageContext(request, context)
        let html = Layout.page("Edit your post", page, """
            <h1>Edit your post</h1>
            <section class="card form compose" aria-label="Edit">
              <form method="post" action="/posts/\(view.id)/edit">\(Layout.csrfField(context.csrfToken))
                <label for="edit-text">Text</label>
                <textarea id="edit-text" name="text" data-max="\(pages.settings.maxPostLength)" required>\(view.post.source)</textarea>
                <label for="edit-cw">Content warning (optional)</label>
                <input type="text" id="edit-cw" name="content_warning" maxlength="200" value="\(view.post.contentWarning)">
                <div class="compose-row"><span class="counter" id="edit-text-counter" aria-live="polite"></span>
                  <a href="\(PostViews.permalink(view))">Cancel</a><button class="button" type="submit">Save changes</button></div>
                <p class="hint">Everyone who can see the post can also see that it was edited, and its earlier versions.</p>
              </form>
            </section>
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    /// Every version of a post, newest first.
    private func historyPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let (view, versions) = try await reads.history(try WebPages.idParameter(context), viewer: viewer)
        let page = try await pages.pageContext(request, context)
        let items = versions.reversed().enumerated().map { index, version -> HTML in
            """
            <li class="card"><p class="muted small">\(index == 0 ? "Current version" : "Earlier version") ·
              <time datetime="\(Layout.isoDate(version.createdAt))">\(TimeViews.format(version.createdAt, in: page.timeZone))</time></p>
              \(HTML.when(!version.contentWarning.isEmpty, "<p><strong>Content warning:</strong> \(version.contentWarning)</p>"))
              <div class="content">\(trusted: version.html)</div></li>
            """
        }
        let html = Layout.page("Edit history", page, """
            <h1>Edit history</h1>
            <p><a href="\(PostViews.permalink(view))">Back to the post</a> by \(view.author.name)</p>
            <ol class="plain history">\(items)</ol>
            """)
        return HTMLPage(status: .ok, body: html).response()
    }
}
