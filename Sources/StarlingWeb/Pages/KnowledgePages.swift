import Foundation
import Hummingbird
import StarlingCore

/// A program's knowledge base in the web UI: its pages, one page with its history and edit form,
/// and saving a thread into it.
struct KnowledgePages {
    let pages: WebPages
    var knowledge: KnowledgeService { pages.starling.knowledge }

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/programs/:id/knowledge") { request, context in
            let viewer = try context.requireViewer()
            let program = try await pages.starling.programs.program(try WebPages.idParameter(context), viewer: viewer)
            let list = try await knowledge.pages(programID: program.id, viewer: viewer)
            let items = list.map { page -> HTML in
                "<li class=\"card program-item\"><h2><a href=\"/knowledge/\(page.id)\">\(page.title)</a></h2><p class=\"muted small\">Updated \(Layout.age(page.updatedAt))</p></li>"
            }
            let html = Layout.page("Knowledge base · \(program.title)", try await pages.pageContext(request, context), """
                \(try await ProgramPages.header(program, current: .knowledge, viewer: viewer, pages: pages, context: context))
                <h2>Knowledge base</h2>
                \(list.isEmpty ? "<p class=\"card empty\">No pages yet. Facilitators save the best threads here from a thread's page.</p>" as HTML
                               : "<ul class=\"plain\">\(items)</ul>")
                \(HTML.when(!list.isEmpty, """
                  <p class="small">Download: <a href="/programs/\(program.id)/knowledge/export.tar" download>Markdown files (.tar)</a> ·
                  <a href="/programs/\(program.id)/knowledge/export.html" download>one HTML page</a></p>
                  """))
                """)
            return HTMLPage(status: .ok, body: html).response()
        }
        router.get("/programs/:id/knowledge/export.{format}") { _, context in
            let export = try await KnowledgeExport(try WebPages.idParameter(context), viewer: try context.requireViewer(), starling: pages.starling)
            return try KnowledgeExport.response(export, format: context.parameters.get("format") ?? "")
        }
        router.get("/knowledge/:id") { request, context in
            let viewer = try context.requireViewer()
            let page = try await knowledge.page(try WebPages.idParameter(context), viewer: viewer)
            let program = try await pages.starling.programs.program(page.programID, viewer: viewer)
            let revisions = try await knowledge.revisions(page.id, viewer: viewer)
            let canEdit = try await pages.starling.programs.looksAfter(program.id, viewer)
            let history = revisions.map { r -> HTML in "<li>\(r.title) <span class=\"muted small\">· \(Layout.age(r.editedAt))</span></li>" }
            let html = await Layout.page(page.title, try pages.pageContext(request, context), """
                <p class="muted small"><a href="/programs/\(program.id)/knowledge">\(program.title): knowledge base</a></p>
                <article class="card knowledge">
                  <h1>\(page.title)</h1>
                  \(Markdown.html(page.body))
                  \(page.sourcePostID.map { "<p class=\"muted small\"><a href=\"/posts/\($0)\">From this thread</a> · updated \(Layout.age(page.updatedAt))</p>" as HTML })
                </article>
                \(HTML.when(canEdit, """
                  <details class="card form"><summary>Edit this page</summary>
                    <form method="post" action="/knowledge/\(page.id)">\(Layout.csrfField(context.csrfToken))
                      <label for="page-title">Title</label><input type="text" id="page-title" name="title" value="\(page.title)" maxlength="200" required>
                      <label for="page-body">Text (Markdown)</label><textarea id="page-body" name="body" rows="14" required>\(page.body)</textarea>
                      <button class="button" type="submit">Save</button>
                    </form>
                  </details>
                  """))
                \(HTML.when(!revisions.isEmpty, "<details class=\"card\"><summary>Earlier versions (\(revisions.count))</summary><ul>\(history)</ul></details>"))
                """)
            return HTMLPage(status: .ok, body: html).response()
        }
        router.post("/knowledge/:id") { _, context in
            let id = try WebPages.idParameter(context)
            _ = try await knowledge.edit(id, title: context.form.text("title"), body: context.form.text("body"), by: try context.requireViewer())
            return pages.redirect(to: "/knowledge/\(id)", notice: "The page was saved; its earlier version is kept.")
        }
        router.post("/posts/:id/knowledge") { _, context in
            let title = context.form["title"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            let page = try await knowledge.promote(try WebPages.idParameter(context), title: title, by: try context.requireViewer())
            return pages.redirect(to: "/knowledge/\(page.id)", notice: "Saved to the knowledge base, where the program's members find it.")
        }
    }

    /// On a thread in a program, for its facilitators: save the thread (or this answer) into the knowledge base.
    static func saveForm(_ post: PostView, context: WebContext) -> HTML {
        """
        <form method="post" action="/posts/\(post.id)/knowledge" class="compose-row">\(Layout.csrfField(context.csrfToken))
          <label class="visually-hidden" for="kb-title-\(post.id)">Page title</label>
          <input class="grow" type="text" id="kb-title-\(post.id)" name="title" maxlength="200" placeholder="Page title (optional)">
          <button class="button secondary" type="submit">Save to knowledge base</button>
        </form>
        """
    }
}
