import Foundation
import Hummingbird
import StarlingCore

/// Reading pages: home, organization, hashtag, profile, thread, bookmarks and likes.
struct TimelinePages {
    let pages: WebPages
    var reads: ReadService { pages.starling.reads }

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/") { request, context in
            guard context.viewer != nil else {
                if pages.settings.publicAccess { return Response.redirect(to: "/organization") }
                return Response.redirect(to: "/signin")
            }
            return try await timelinePage(request, context, .home, title: "Home", intro: nil, empty: """
                Your home timeline is quiet. <a href="/organization">See what the organization is saying</a>,
                then follow people and #hashtags you like to fill it.
                """)
        }
        router.get("/organization") { request, context in
            try await timelinePage(request, context, .organization, title: "Organization", intro: "Everything posted across \(pages.settings.name) that you can see.",
                             empty: "Nobody has posted yet. <a href=\"/#compose\">Be the first</a>!")
        }
        router.get("/bookmarks") { request, context in
            _ = try context.requireViewer()
            return try await timelinePage(request, context, .bookmarks, title: "Bookmarks", intro: nil, empty: "Posts you bookmark (⚑ under a post) are kept here. <a href=\"/organization\">Browse the organization</a>.")
        }
        router.get("/likes") { request, context in
            _ = try context.requireViewer()
            return try await timelinePage(request, context, .likes, title: "Likes", intro: nil, empty: "Posts you like (♥ under a post) are listed here. <a href=\"/organization\">Browse the organization</a>.")
        }
        router.get("/posts/:id") { _, context in
            // A stable address for a post by id alone (used by "in reply to" links).
            let post = try await reads.post(try WebPages.idParameter(context), viewer: context.viewer)
            return Response.redirect(to: PostViews.permalink(post))
        }
        router.get("/tags/:name") { request, context in try await tagPage(request, context) }
        router.get("/@{username}") { request, context in try await profilePage(request, context) }
        router.get("/@{username}/followers") { request, context in try await peoplePage(request, context, followers: true) }
        router.get("/@{username}/following") { request, context in try await peoplePage(request, context, followers: false) }
        router.get("/@{username}/:id") { request, context in try await threadPage(request, context) }
    }

    private func timelinePage(_ request: Request, _ context: WebContext, _ timeline: Timeline, title: String,
                              intro: String?, empty: HTML) async throws -> Response {
        let page = try await pages.pageContext(request, context)
        let entries = try await reads.timeline(timeline, viewer: context.viewer, page: try pages.pageRequest(request))
        let home = timeline == .home ? context.viewer : nil
        let compose: HTML = home != nil ? PostViews.compose(.init(), context: page, settings: pages.settings) : .empty
        let checklist = try await home.asyncFlatMap { try await pages.starling.gettingStarted.checklist(for: $0) }
        let html = await Layout.page(title, page, aside: try followedTagsAside(context), """
            <h1>\(title)</h1>
            \(intro.map { "<p class=\"muted\">\($0)</p>" as HTML })
            \(checklist.map { GettingStartedView.card($0, page) })
            \(compose)
            \(PostViews.timeline(entries, context: page, basePath: request.uri.path, empty: empty))
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    private func followedTagsAside(_ context: WebContext) async throws -> HTML {
        guard let viewer = context.viewer else { return .empty }
        let tags = try await pages.starling.relations.followedTags(of: viewer)
        let items = tags.map { "<li><a href=\"/tags/\($0.name)\">#\($0.name)</a><span class=\"muted small\">\($0.postsCount)</span></li>" as HTML }
        return """
            <section class="card" aria-labelledby="followed-tags">
              <h2 id="followed-tags">Hashtags you follow</h2>
              \(tags.isEmpty ? "<p class=\"muted small\">Follow a hashtag from its page to see its posts at home.</p>" as HTML : "<ul class=\"tag-list\">\(items)</ul>")
            </section>
            """
    }

    /// A hashtag's page: the organization's posts with it, or (`?from=outside`, for members, when federation is
    /// on) those that came from other servers; a member follows it here, and asks for its posts from outside too.
    private func tagPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let name = context.parameters.get("name") ?? ""
        let page = try await pages.pageContext(request, context)
        let federating = try await pages.starling.federation.mode() != .off
        let fromOutside = federating && request.uri.queryParameters.get("from") == "outside"
        let entries = try await reads.timeline(.hashtag(name, TagFilter(fromOutside: fromOutside)), viewer: context.viewer,
                                               page: try pages.pageRequest(request))
        let tag = try await reads.tag(name)
        let shownName = tag?.name ?? name
        var header: HTML = "<h1>#\(shownName)</h1><p class=\"muted\">\(tag?.postsCount ?? 0) posts</p>"
        var sides: HTML = .empty
        if let viewer = context.viewer {
            let following = try await pages.starling.relations.followedTags(of: viewer).contains { Tag.key($0.name) == Tag.key(name) }
            let askedOutside = try await pages.starling.relays.tagsFromOutside(of: viewer).contains(Tag.key(name))
            let relayed = federating ? try await pages.starling.relays.tagRelay() != nil : false
            let action = "/tags/\(shownName)"
            header = """
                <section class="card profile-head">
                  <div><h1>#\(shownName)</h1><p class="muted small">\(tag?.postsCount ?? 0) posts</p></div>
                  <div class="end">
                  <form method="post" action="\(action)/follow">\(Layout.csrfField(context.csrfToken))
                    <input type="hidden" name="on" value="\(following ? "0" : "1")">
                    <button class="button\(following ? " secondary" : "")" type="submit">\(following ? "Unfollow" : "Follow") #\(shownName)</button>
                  </form>
                  \(HTML.when(relayed || askedOutside, """
                      <form method="post" action="\(action)/outside">\(Layout.csrfField(context.csrfToken))
                        <input type="hidden" name="on" value="\(askedOutside ? "0" : "1")">
                        <button class="button secondary" type="submit">\(askedOutside ? "Stop posts from outside" : "Also posts from outside")</button>
                      </form>
                      """))
                  </div>
                </section>
                \(PostViews.compose(.init(text: "#\(shownName) "), context: page, settings: pages.settings))
                """
            if federating {
                let marked = { (outside: Bool) -> HTML in outside == fromOutside ? " aria-current=\"page\"" : "" }
                sides = """
                    <nav class="tabs" aria-label="Whose posts">
                      <a href="\(action)"\(marked(false))>In the organization</a>
                      <a href="\(action)?from=outside"\(marked(true))>From outside</a>
                    </nav>
                    """
            }
        }
        let empty: HTML = fromOutside
            ? "No posts with #\(shownName) from other servers here yet. They come when someone asks for them (“Also posts from outside”), or from people members follow."
            : "No posts with #\(shownName) yet."
        let html = Layout.page("#\(shownName)", page, aside: try await followedTagsAside(context), """
            \(header)
            \(sides)
            \(PostViews.timeline(entries, context: page, basePath: request.uri.path, empty: empty))
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    /// The roles that give the person powers, in the organization and in the programs the viewer can see.
    private func roles(of account: Account, seenBy viewer: Account) async throws -> HTML {
        var parts: [HTML] = switch account.role {
        case .admin: ["Organization admin"]
        case .moderator: ["Organization moderator"]
        case .member: []
        }
        for program in try await pages.starling.programs.programs(viewer: viewer) {
            guard let role = try await pages.starling.programs.membership(program.id, of: account)?.role, role != .learner else { continue }
            parts.append("\(role.label.prefix(1).uppercased() + role.label.dropFirst()) of <a href=\"/programs/\(program.id)\">\(program.title)</a>")
        }
        guard !parts.isEmpty else { return .empty }
        return "<p class=\"roles small\">\(parts.enumerated().map { $0.offset == 0 ? $0.element : " · \($0.element)" })</p>"
    }

    private func profilePage(_ request: Request, _ context: WebContext) async throws -> Response {
        let account = try await reads.account(username: context.parameters.get("username") ?? "", viewer: context.viewer)
        let page = try await pages.pageContext(request, context)
        let entries = try await reads.timeline(.profile(account.id), viewer: context.viewer, page: try pages.pageRequest(request))
        var buttons: HTML = .empty
        if let viewer = context.viewer {
            if viewer.id == account.id {
                buttons = "<a class=\"button secondary\" href=\"/settings/profile\">Edit profile</a>"
            } else {
                let relation = try await pages.starling.relations.relationship(of: viewer, to: account)
                func button(_ action: String, _ on: Bool, _ label: String, primary: Bool = false) -> HTML {
                    """
                    <form method="post" action="/@\(account.handle)/\(action)">\(Layout.csrfField(context.csrfToken))
                    <input type="hidden" name="on" value="\(on ? "1" : "0")">
                    <button class="button\(primary ? "" : " secondary")" type="submit">\(label)</button></form>
                    """
                }
                buttons = """
                    \(HTML.when(!relation.blocking && !relation.blockedBy, followButton(relation, button: button)))
                    \(button("mute", !relation.muting, relation.muting ? "Unmute" : "Mute"))
                    \(button("block", !relation.blocking, relation.blocking ? "Unblock" : "Block"))
                    <a class="button secondary" href="/report?account=\(account.username)">Report</a>
                    \(HTML.when(relation.followedBy, "<span class=\"muted small\">Follows you</span>"))
                    """
            }
        }
        let roles = try await context.viewer.asyncMap { try await self.roles(of: account, seenBy: $0) } ?? .empty
        let bio = account.bio.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { HTML("\(String($0))") }
        let html = Layout.page("\(account.name) (@\(account.handle))", page, """
            <section class="card" aria-labelledby="profile-name">
              <div class="profile-head">
                \(PostViews.avatar(account, big: true))
                <div>
                  <h1 id="profile-name">\(account.name)</h1>
                  <p class="muted">@\(account.handle) \(PostViews.outsideMark(account))</p>
                  \(account.remote.map { "<p class=\"small\"><a href=\"\($0.profileURL)\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">Their profile on \($0.domain)</a></p>" as HTML })
                  \(roles)
                </div>
              </div>
              \(HTML.when(!account.bio.isEmpty, "<p>\(bio.enumerated().map { $0.offset == 0 ? $0.element : "<br>\($0.element)" })</p>"))
              <p class="stats"><span><strong>\(account.postsCount)</strong> posts</span>
                <a href="/@\(account.handle)/following"><strong>\(account.followingCount)</strong> following</a>
                <a href="/@\(account.handle)/followers"><strong>\(account.followersCount)</strong> followers</a>
                \(HTML.when(!account.isRemote, "<a href=\"/@\(account.username)/guides\">How-to guides</a>"))</p>
              <div class="compose-row">\(buttons)</div>
            </section>
            \(HTML.when(context.viewer.map { $0.role.canModerate && $0.id != account.id && account.role != .admin } ?? false,
                        ModerationPages.accountForms(account, context: context)))
            \(PostViews.timeline(entries, context: page, basePath: request.uri.path, empty: "\(account.name) has not posted anything you can see yet."))
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    /// Follow or Unfollow; for someone outside whose answer is awaited, "Requested" (pressing it withdraws the request).
    private func followButton(_ relation: Relationship, button: (String, Bool, String, Bool) -> HTML) -> HTML {
        if relation.requested { return button("follow", false, "Requested · withdraw", false) }
        return button("follow", !relation.following, relation.following ? "Unfollow" : "Follow", !relation.following)
    }

    private func peoplePage(_ request: Request, _ context: WebContext, followers: Bool) async throws -> Response {
        let account = try await reads.account(username: context.parameters.get("username") ?? "", viewer: context.viewer)
        let page = try await pages.pageContext(request, context)
        let paging = try pages.pageRequest(request)
        let people = followers ? try await reads.followers(of: account, viewer: context.viewer, page: paging) : try await reads.following(of: account, viewer: context.viewer, page: paging)
        let title = followers ? "People following \(account.name)" : "People \(account.name) follows"
        let items = people.map { person -> HTML in
            """
            <li>\(PostViews.avatar(person))<a href="/@\(person.handle)"><strong>\(person.name)</strong>
              <span class="muted">@\(person.handle)</span></a>\(PostViews.outsideMark(person))</li>
            """
        }
        let html = Layout.page(title, page, """
            <h1>\(title)</h1>
            <section class="card">
              \(people.isEmpty ? "<p class=\"muted\">Nobody yet.</p>" as HTML : "<ul class=\"people\">\(items)</ul>")
              \(HTML.when(people.count == paging.limit, "<p><a href=\"\(request.uri.path)?max_id=\(people.last?.id ?? ID(1))\">More →</a></p>"))
            </section>
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    /// Facilitators of the post's program (and admins) may save its thread into the knowledge base.
    private func canSaveToKnowledge(_ post: PostView, _ context: WebContext) async throws -> Bool {
        guard let viewer = context.viewer, let programID = post.post.programID else { return false }
        return try await pages.starling.programs.facilitates(programID, viewer)
    }

    private func threadPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let id = try WebPages.idParameter(context)
        let thread = try await reads.thread(id, viewer: context.viewer)
        if let viewer = context.viewer, let programID = thread.focus.post.programID { pages.starling.activity.record(viewer.id, in: programID) }
        let username = context.parameters.get("username") ?? ""
        guard username.lowercased() == thread.focus.author.username.lowercased() else {
            return Response.redirect(to: PostViews.permalink(thread.focus), type: .permanent)
        }
        let page = try await pages.pageContext(request, context)
        let reply: HTML = context.viewer.map { viewer in
            let mention = thread.focus.author.id == viewer.id || thread.focus.author.isAnonymousLearner ? "" : "@\(thread.focus.author.username) "
            return PostViews.compose(.init(text: mention, visibility: thread.focus.post.visibility == .public ? .organization : thread.focus.post.visibility,
                                           inReplyTo: thread.focus), context: page, settings: pages.settings, id: "reply")
        } ?? .empty
        let moderating = try await context.viewer.asyncMap { try await pages.starling.moderation.canModerate(thread.focus, by: $0) } ?? false
        let html = Layout.page("Post by \(thread.focus.author.name)", page, """
            <h1 class="visually-hidden">Thread</h1>
            \(thread.ancestors.map { PostViews.card($0, context: page) })
            \(PostViews.card(thread.focus, context: page, focus: true))
            \(await HTML.when(try canSaveToKnowledge(thread.focus, context), KnowledgePages.saveForm(thread.focus, context: context)))
            \(HTML.when(moderating, ModerationPages.hideForm(thread.focus, context: context)))
            \(HTML.when(moderating && !thread.focus.author.isAnonymousLearner && thread.focus.author.id != context.viewer?.id,
                        ModerationPages.warnForm(action: "/posts/\(thread.focus.id)/warn", context: context)))
            \(HTML.when(moderating && thread.focus.author.isAnonymousLearner, ModerationPages.revealForm(thread.focus, context: context)))
            \(reply)
            \(HTML.when(!thread.descendants.isEmpty, thread.focus.post.isQuestion ? "<h2>Answers</h2>" : "<h2>Replies</h2>"))
            \(try await thread.descendants.asyncMap { reply -> HTML in
                guard thread.focus.post.isQuestion, reply.post.inReplyToID == thread.focus.id else { return PostViews.card(reply, context: page) }
                let canAccept = try await context.viewer.asyncMap { try await pages.starling.questions.canAccept(thread.focus, by: $0) } ?? false
                return "\(PostViews.card(reply, context: page))\(PostViews.answerControls(reply, canAccept: canAccept, context: page))"
            })
            """)
        return HTMLPage(status: .ok, body: html).response()
    }
}
