import Foundation
import Hummingbird
import StarlingCore

/// How-to guides in the web UI: a program's guides with the form to write one (a photo, its
/// description and a caption per step), and a person's guides.
struct GuidePages {
    let pages: WebPages

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/programs/:id/guides") { request, context in try programGuides(request, context, form: nil) }
        router.post("/programs/:id/guides") { request, context in
            let viewer = try context.requireViewer()
            let program = try pages.starling.programs.program(try WebPages.idParameter(context), viewer: viewer)
            let form = context.form
            do {
                // Rows left empty are skipped; each other row needs its photo and caption.
                var steps: [GuideService.Step] = []
                for n in 1...Guide.maxSteps {
                    let photo = form.files["step\(n)_photo"].flatMap { $0.bytes.isEmpty ? nil : $0 }
                    let caption = form.text("step\(n)_caption")
                    guard photo != nil || !caption.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                    guard let photo else { throw DomainError.invalid(field: "step\(n)_photo", message: "Step \(n) needs a photo.") }
                    let media = try pages.starling.media.upload(photo.bytes, description: form["step\(n)_alt"], focus: nil, by: viewer)
                    steps.append(.init(mediaID: media.id, caption: caption))
                }
                let post = try pages.starling.guides.create(title: form.text("title"), steps: steps, programID: program.id, by: viewer)
                return Response.redirect(to: "/@\(viewer.username)/\(post.id)")
            } catch let error as DomainError {
                return try programGuides(request, context, form: (form, error.message))
            }
        }
        router.get("/@{username}/guides") { request, context in
            let account = try pages.starling.reads.account(username: context.parameters.get("username") ?? "", viewer: context.viewer)
            let page = try pages.pageContext(request, context)
            let entries = try pages.starling.reads.timeline(.guides(program: nil, author: account.id), viewer: context.viewer,
                                                             page: try pages.pageRequest(request))
            let html = Layout.page("Guides by \(account.name)", page, """
                <h1>How-to guides by <a href="/@\(account.username)">\(account.name)</a></h1>
                \(PostViews.timeline(entries, context: page, basePath: request.uri.path, empty: "\(account.name) has no guides you can see yet."))
                """)
            return HTMLPage(status: .ok, body: html).response()
        }
    }

    /// The program's guides, newest first, with the form to write one (refilled with `form` after an error).
    private func programGuides(_ request: Request, _ context: WebContext, form: (FormData, String)?) throws -> Response {
        let viewer = try context.requireViewer()
        let program = try pages.starling.programs.program(try WebPages.idParameter(context), viewer: viewer)
        let page = try pages.pageContext(request, context)
        let entries = try pages.starling.reads.timeline(.guides(program: program.id, author: nil), viewer: viewer,
                                                         page: try pages.pageRequest(request))
        let member = try pages.starling.programs.membership(program.id, of: viewer)?.agreedAt != nil
        let html = Layout.page("Guides · \(program.title)", page, """
            \(try ProgramPages.header(program, current: .guides, viewer: viewer, pages: pages, context: context))
            <h2>How-to guides</h2>
            \(HTML.when(member && !program.isArchived, Self.form(program, context: context, refill: form)))
            \(PostViews.timeline(entries, context: page, basePath: request.uri.path, empty: "No guides in \(program.title) yet."))
            """)
        return HTMLPage(status: form == nil ? .ok : .unprocessableContent, body: html).response()
    }

    /// Title, then a row per step: photo, its description (alt text) and caption. Photos are not kept after an error.
    private static func form(_ program: Program, context: WebContext, refill: (FormData, String)?) -> HTML {
        let values = refill?.0 ?? FormData()
        let rows = (1...Guide.maxSteps).map { n -> HTML in
            """
            <fieldset class="guide-step"><legend>Step \(n)</legend>
              <label for="step\(n)-photo">Photo</label>
              <input type="file" id="step\(n)-photo" name="step\(n)_photo" accept="image/jpeg,image/png,image/gif,image/webp">
              <label for="step\(n)-alt">Describe the photo for people who cannot see it</label>
              <input type="text" id="step\(n)-alt" name="step\(n)_alt" maxlength="1500" value="\(values.text("step\(n)_alt"))">
              <label for="step\(n)-caption">Caption: what to do in this step</label>
              <input type="text" id="step\(n)-caption" name="step\(n)_caption" maxlength="\(Guide.maxCaptionLength)" value="\(values.text("step\(n)_caption"))">
            </fieldset>
            """
        }
        return """
            <details class="card form"\(refill == nil ? "" : " open")><summary>Write a how-to guide</summary>
              \(refill.map { "<p class=\"error\" role=\"alert\">\($0.1)</p>" as HTML })
              <form method="post" action="/programs/\(program.id)/guides" enctype="multipart/form-data">\(Layout.csrfField(context.csrfToken))
                <label for="guide-title">Title</label>
                <input type="text" id="guide-title" name="title" maxlength="\(Guide.maxTitleLength)" required value="\(values.text("title"))"
                  placeholder="How to book a meeting room">
                <p class="hint">Up to \(Guide.maxSteps) steps, each a photo with a caption; leave the steps you do not need empty.</p>
                \(Array(rows.prefix(3)))
                <details\(values.text("step4_caption").isEmpty ? "" : " open")><summary>More steps</summary>\(Array(rows.dropFirst(3)))</details>
                <button class="button" type="submit">Publish the guide</button>
              </form>
            </details>
            """
    }
}
