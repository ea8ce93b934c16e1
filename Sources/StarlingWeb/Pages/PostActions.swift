import Foundation
import HTTPTypes
import Hummingbird
import StarlingCore

/// Forms that write: posting and replying, and acting on a post (like, repost, bookmark, delete).
struct PostActions {
    let pages: WebPages

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/compose") { request, context in
            _ = try context.requireViewer()
            return try await composePage(request, context)
        }
        router.post("/posts") { request, context in
            let viewer = try context.requireViewer()
            let form = context.form
            // A refused post comes back on the page it was written on, refilled (`FormRefill`).
            let replyTo = try form.id("in_reply_to_id")
            let parent = try await replyTo.asyncMap { try await pages.starling.reads.post($0, viewer: viewer) }
            let pollOptions = form.values("poll_option").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            let poll = pollOptions.isEmpty ? nil : PollDraft(options: pollOptions, expiresIn: Double(form.text("poll_duration")) ?? 86_400,
                                                             multiple: form["poll_multiple"] == "1")
            // The image is uploaded first, then attached by the post (an upload of nothing means none was chosen).
            let image = try await form.files["image"].asyncFlatMap { file in
                file.bytes.isEmpty ? nil : try await pages.starling.media.upload(file.bytes, description: form["image_description"], focus: nil, by: viewer)
            }
            let asked = form["question"] == "1" || form["anonymous"] == "1"
            let post = try await pages.starling.posts.compose(
                .init(text: form.text("text"), contentWarning: form.text("content_warning"), visibility: try visibility(form.text("visibility")),
                      inReplyToID: replyTo, mediaIDs: image.map { [$0.id] } ?? [], poll: poll, question: asked, anonymous: form["anonymous"] == "1"),
                by: viewer, idempotencyKey: form["idempotency_key"] ?? request.headers[HTTPField.Name("Idempotency-Key")!])
            if let back = form["return"].map({ WebPages.safeReturnPath($0, fallback: "") }), !back.isEmpty {
                let notice = asked ? "Your question is posted. You will be notified when someone answers."
                    : parent == nil ? "Posted." : "Your reply is posted."
                return pages.redirect(to: back + "#post-\(post.id)", notice: notice)
            }
            return Response.redirect(to: parent.map { "\(PostViews.permalink($0))#post-\(post.id)" } ?? "/@\(viewer.username)/\(post.id)")
        }
        router.post("/posts/:id/like") { request, context in
            try await act(request, context) { try await pages.starling.posts.like($0, by: $1, $2) }
        }
        router.post("/posts/:id/repost") { request, context in
            try await act(request, context) { try await pages.starling.posts.repost($0, by: $1, $2) }
        }
        router.post("/posts/:id/bookmark") { request, context in
            try await act(request, context) { try await pages.starling.posts.bookmark($0, by: $1, $2) }
        }
        router.post("/posts/:id/upvote") { request, context in
            try await act(request, context) { _ = try await pages.starling.questions.vote($0, by: $1, $2) }
        }
        router.post("/posts/:id/accept") { _, context in
            let viewer = try context.requireViewer()
            let on = context.form["on"] != "0"
            let answer = try await pages.starling.questions.accept(try WebPages.idParameter(context), by: viewer, on)
            let notice = !on ? "The answer is no longer marked accepted."
                : answer.author.id == viewer.id ? "Your answer is marked accepted." : "Accepted. \(answer.author.name) is told their answer helped."
            return pages.redirect(to: WebPages.safeReturnPath(context.form["return"]), notice: notice)
        }
        router.post("/posts/:id/question") { request, context in
            try await act(request, context) { _ = try await pages.starling.questions.mark($0, by: $1, $2) }
        }
        router.post("/posts/:id/vote") { _, context in
            let viewer = try context.requireViewer()
            let choices = context.form.values("choice").compactMap { Int($0) }
            _ = try await pages.starling.reviews.vote(try WebPages.idParameter(context), choices: choices, by: viewer)
            return Response.redirect(to: WebPages.safeReturnPath(context.form["return"]))
        }
        router.post("/posts/:id/delete") { request, context in
            let viewer = try context.requireViewer()
            try await pages.starling.posts.delete(try WebPages.idParameter(context), by: viewer)
            return Response.redirect(to: "/@\(viewer.username)")
        }
    }

    /// Runs a toggle action (`on` field: "1" or "0") and returns to the page it came from.
    private func act(_ request: Request, _ context: WebContext, _ action: (ID, Account, Bool) async throws -> Void) async throws -> Response {
        let viewer = try context.requireViewer()
        try await action(try WebPages.idParameter(context), viewer, context.form["on"] != "0")
        return Response.redirect(to: WebPages.safeReturnPath(context.form["return"]))
    }

    private func visibility(_ raw: String) throws -> Visibility {
        if raw.isEmpty { return .organization }
        guard let visibility = Visibility(rawValue: raw) else {
            throw DomainError.invalid(field: "visibility", message: "Choose who can see the post from the list.")
        }
        return visibility
    }

    private func composePage(_ request: Request, _ context: WebContext) async throws -> Response {
        let page = try await pages.pageContext(request, context)
        return HTMLPage(status: .ok, body: Layout.page("New post", page, """
            <h1>New post</h1>
            \(PostViews.compose(.init(), context: page, settings: pages.settings))
            """)).response()
    }
}

/// Forms about people and hashtags: follow, mute, block.
struct PeopleActions {
    let pages: WebPages

    func register(on router: some RouterMethods<WebContext>) {
        let relations = pages.starling.relations
        router.post("/@{username}/follow") { _, context in try await act(context) { try await relations.follow($0, by: $1, $2) } }
        router.post("/@{username}/mute") { _, context in try await act(context) { try await relations.mute($0, by: $1, $2) } }
        router.post("/@{username}/block") { _, context in try await act(context) { try await relations.block($0, by: $1, $2) } }
        router.post("/tags/:name/follow") { _, context in
            let viewer = try context.requireViewer()
            let name = context.parameters.get("name") ?? ""
            let on = context.form["on"] != "0"
            try await relations.followTag(name, by: viewer, on)
            let tagPage = "/tags/\(name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "")"
            return pages.redirect(to: WebPages.safeReturnPath(context.form["return"], fallback: tagPage),
                                  notice: on ? "You follow #\(name): its posts come to your home timeline." : "You no longer follow #\(name).")
        }
        router.post("/tags/:name/outside") { _, context in
            let viewer = try context.requireViewer()
            let name = context.parameters.get("name") ?? ""
            let on = context.form["on"] != "0"
            try await pages.starling.relays.askFromOutside(name, by: viewer, on)
            let tagPage = "/tags/\(name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "")"
            return pages.redirect(to: on ? tagPage + "?from=outside" : tagPage, notice: on
                ? "You follow #\(name), with its posts from other servers: they come to your home timeline as they arrive."
                : "Posts with #\(name) from other servers no longer come to your home timeline.")
        }
    }

    private func act(_ context: WebContext, _ action: (Account, Account, Bool) async throws -> Void) async throws -> Response {
        let viewer = try context.requireViewer()
        let target = try await pages.starling.reads.account(username: context.parameters.get("username") ?? "", viewer: viewer)
        try await action(target, viewer, context.form["on"] != "0")
        return Response.redirect(to: "/@\(target.username)")
    }
}
