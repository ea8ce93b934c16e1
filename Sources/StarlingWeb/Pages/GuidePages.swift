import Foundation
import Hummingbird
import StarlingCore

/// How-to guides in the web UI: a program's guides with the form to write one (a photo, its
/// description and a caption per step), and a person's guides.
struct GuidePages {
    let pages: WebPages

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/programs/:id/guides") { request, context in try await programGuides(request, context) }
        // A refused guide comes back refilled (`FormRefill`), but for its photos, which browsers never resend.
        router.post("/programs/:id/guides") { _, context in
            let viewer = try context.requireViewer()
            let program = try await pages.starling.programs.program(try WebPages.idParameter(context), viewer: viewer)
            let form = context.form
            // Rows left empty are skipped; each other row needs its photo and caption.
            var steps: [GuideService.Step] = []
            for n in 1...Guide.maxSteps {
                let photo = form.files["step\(n)_photo"].flatMap { $0.bytes.isEmpty ? nil : $0 }
                let caption = form.text("step\(n)_caption")
                guard photo != nil || !caption.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                guard let photo else { throw DomainError.invalid(field: "step\(n)_photo", message: "Step \(n) needs a photo.") }
                let media = try await pages.starling.media.upload(photo.bytes, description: form["step\(n)_alt"], focus: nil, by: viewer)
                steps.append(.init(mediaID: media.id, caption: caption))
            }
            let post = try await pages.starling.guides.create(title: form.text("title"), steps: steps, programID: program.id, by: viewer)
            return pages.redirect(to: "/@\(viewer.username)/\(post.id)", notice: "Your guide is published in \(program.title).")
        }
        router.get("/@{username}/guides") { request, context in
            let account = try await pages.starling.reads.account(username: context.parameters.get("username") ?? "", viewer: context.viewer)
            let page = try await pages.pageContext(request, context)
            let entries = try await pages.starling.reads.timeline(.guides(program: nil, author: account.id), viewer: context.viewer,
                                                             page: try pages.pageRequest(request))
            let html = Layout.page("Guides by \(account.name)", page, """
                <h1>How-to guides by <a href="/@\(account.username)">\(account.name)</a></h1>
                \(PostViews.timeline(entries, context: page, basePath: request.uri.path, empty: "\(account.name) has no guides you can see yet."))
                """)
            return HTMLPage(status: .ok, body: html).response()
        }
    }

    /// The program's guides, newest first, with the form to write one.
    private func programGuides(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let program = try await pages.starling.programs.program(try WebPages.idParameter(context), viewer: viewer)
        let page = try await pages.pageContext(request, context)
        let entries = try await pages.starling.reads.timeline(.guides(program: program.id, author: nil), viewer: viewer,
                                                         page: try pages.pageRequest(request))
        let member = try await pages.starling.programs.membership(program.id, of: viewer)?.agreedAt != nil
        let html = Layout.page("Guides · \(program.title)", page, """
            \(try await ProgramPages.header(program, current: .guides, viewer: viewer, pages: pages, context: context))
            <h2>How-to guides</h2>
            \(HTML.when(member && !program.isArchived, Self.form(program, context: context)))
            \(PostViews.timeline(entries, context: page, basePath: request.uri.path, empty: member
                ? "No guides in \(program.title) yet. Show the others how something is done: write the first one above."
                : "No guides in \(program.title) yet."))
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    /// Title, then a row per step: photo, its description (alt text) and caption.
    private static func form(_ program: Program, context: WebContext) -> HTML {
        // Steps past the third are folded away, unless the person had written some.
        let moreSteps = (4...Guide.maxSteps).contains { !(context.rejectedForm?.values.text("step\($0)_caption").isEmpty ?? true) }
        let rows = (1...Guide.maxSteps).map { n -> HTML in
            """
            <fieldset class="guide-step"><legend>Step \(n)</legend>
              <label for="step\(n)-photo">Photo</label>
              <input type="file" id="step\(n)-photo" name="step\(n)_photo" accept="image/jpeg,image/png,image/gif,image/webp">
              <label for="step\(n)-alt">Describe the photo for people who cannot see it</label>
              <input type="text" id="step\(n)-alt" name="step\(n)_alt" maxlength="1500">
              <label for="step\(n)-caption">Caption: what to do in this step</label>
              <input type="text" id="step\(n)-caption" name="step\(n)_caption" maxlength="\(Guide.maxCaptionLength)">
            </fieldset>
            """
        }
        return """
            <details class="card form"><summary>Write a how-to guide</summary>
              <form method="post" action="/programs/\(program.id)/guides" enctype="multipart/form-data">\(Layout.csrfField(context.csrfToken))
                <label for="guide-title">Title</label>
                <input type="text" id="guide-title" name="title" maxlength="\(Guide.maxTitleLength)" required
                  placeholder="How to book a meeting room">
                <p class="hint">Up to \(Guide.maxSteps) steps, each a photo with a caption; leave the steps you do not need empty.</p>
                \(Array(rows.prefix(3)))
                <details\(HTML.when(moreSteps, " open"))><summary>More steps</summary>\(Array(rows.dropFirst(3)))</details>
                <button class="button" type="submit">Publish the guide</button>
              </form>
            </details>
            """
    }
}
