import Foundation
import StarlingCore

/// How posts, timelines and the compose form look.
enum PostViews {
    static func avatar(_ account: Account, big: Bool = false) -> HTML {
        "<img class=\"avatar\(big ? " big" : "")\" src=\"\(account.avatarURLPath)\" alt=\"\" width=\"44\" height=\"44\">"
    }

    static func permalink(_ view: PostView) -> String { "/@\(view.author.handle)/\(view.post.id)" }

    /// "from social.example", beside the name of someone outside and on what came from them.
    static func outsideMark(_ account: Account) -> HTML {
        account.remote.map { "<span class=\"badge-outside\" title=\"From outside the organization\">from \($0.domain)</span>" as HTML } ?? .empty
    }

    /// One post as a card, with the actions the viewer may take.
    static func card(_ view: PostView, repostedBy: Account? = nil, context: PageContext, focus: Bool = false) -> HTML {
        let post = view.post
        let content: HTML = if let guide = post.guide {
            self.guide(guide, media: view.media)
        } else {
            """
            <div class="content">\(trusted: post.html)</div>\(attachments(view.media))\(view.poll.map { poll(view.id, $0, context: context) })
            """
        }
        let body: HTML = post.contentWarning.isEmpty
            ? content
            : "<details class=\"cw\"><summary>\(post.contentWarning)</summary>\(content)</details>"
        let reposted: HTML = repostedBy.map { "<p class=\"reposted\">⟲ <a href=\"/@\($0.handle)\">\($0.name)</a> reposted</p>" } ?? .empty
        let replying: HTML = post.inReplyToID.map { parent in
            "<p class=\"replying-to\">↳ <a href=\"/posts/\(parent)\">in reply to a post</a></p>"
        } ?? .empty
        return """
            <article class="post\(focus ? " focus" : "")" id="post-\(post.id)" aria-label="Post by \(view.author.name)">
              \(reposted)
              <header class="post-head">
                \(avatar(view.author))
                \(view.author.isAnonymousLearner
                    ? "<span class=\"who\"><strong>\(view.author.name)</strong><span class=\"muted small\">asked anonymously</span></span>" as HTML
                    : "<a class=\"who\" href=\"/@\(view.author.handle)\"><strong>\(view.author.name)</strong><span class=\"muted small\">@\(view.author.handle)</span></a>\(outsideMark(view.author))")
                <span class="meta"><span title="\(post.visibility.label)" aria-label="Visible to: \(post.visibility.label)">\(visibilityIcon(post.visibility))</span>
                  · <a href="\(permalink(view))"><time datetime="\(Layout.isoDate(post.createdAt))">\(Layout.age(post.createdAt))</time></a>\(post.editedAt.map { _ in
                    " · <a href=\"/posts/\(post.id)/history\" title=\"See what changed\">edited</a>" as HTML })</span>
              </header>
              \(replying)
              \(post.remote.map { "<p class=\"small muted\"><a href=\"\($0.url)\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">Open on \(view.author.remote?.domain ?? "its server")</a></p>" as HTML })
              \(qaBadges(view))
              \(post.hiddenAt.map { _ in "<p class=\"notice hidden-post\" role=\"note\">Hidden by moderators: \(post.hiddenReason ?? "")</p>" as HTML })
              \(body)
              \(actions(view, context: context))
            </article>
            """
    }

    /// "Question" (open or answered) and "Accepted answer" marks.
    private static func qaBadges(_ view: PostView) -> HTML {
        let post = view.post
        var badges: [HTML] = []
        if post.isQuestion {
            badges.append(post.answeredAt == nil ? "<span class=\"badge-qa open\">Question</span>" : "<span class=\"badge-qa answered\">Answered question</span>")
        }
        if post.acceptedAt != nil { badges.append("<span class=\"badge-qa accepted\">✓ Accepted answer</span>") }
        // Only its asker sees who asked, so only they need telling that others do not.
        if post.isAnonymous, !view.author.isAnonymousLearner { badges.append("<span class=\"badge-qa\">You asked anonymously: others see “a learner”</span>") }
        return badges.isEmpty ? .empty : "<p class=\"qa\">\(badges)</p>"
    }

    /// Under an answer in a question's thread: its upvotes, and accepting it for those who may.
    static func answerControls(_ answer: PostView, canAccept: Bool, context: PageContext) -> HTML {
        guard let viewer = context.viewer else { return "<p class=\"small muted\">▲ \(answer.post.votesCount)</p>" }
        let post = answer.post
        func form(_ action: String, _ on: Bool, _ label: String) -> HTML {
            """
            <form method="post" action="/posts/\(post.id)/\(action)">\(Layout.csrfField(context.csrfToken))
            <input type="hidden" name="on" value="\(on ? "1" : "0")"><input type="hidden" name="return" value="\(context.currentPath)#post-\(post.id)">
            <button class="button secondary" type="submit">\(label)</button></form>
            """
        }
        let votes: HTML = answer.author.id == viewer.id
            ? "<span class=\"small muted\">▲ \(post.votesCount)</span>"
            : form("upvote", !answer.votedByViewer, answer.votedByViewer ? "▲ \(post.votesCount) · Upvoted" : "▲ \(post.votesCount) · Upvote")
        let accept: HTML = canAccept ? form("accept", post.acceptedAt == nil, post.acceptedAt == nil ? "Accept answer" : "Unaccept") : .empty
        return "<div class=\"compose-row answer-controls\">\(votes)\(accept)</div>"
    }

    /// Attached images, with their alt text; each opens full size.
    /// A how-to guide: its title, then each step's photo (with its alt text) above its caption, in order.
    private static func guide(_ guide: Guide, media: [MediaAttachment]) -> HTML {
        let steps = zip(guide.captions, media).enumerated().map { index, step -> HTML in
            let (caption, m) = step
            return """
                <li><figure><a href="/media/\(m.fileName)"><img src="/media/\(m.fileName)" alt="\(m.description)" width="\(m.width)" height="\(m.height)" loading="lazy"></a>
                <figcaption><strong>Step \(index + 1).</strong> \(caption)</figcaption></figure></li>
                """
        }
        return """
            <div class="content guide"><p class="badge-qa">How-to guide</p><h3 class="guide-title">\(guide.title)</h3>
            <ol class="guide-steps">\(steps)</ol></div>
            """
    }

    private static func attachments(_ media: [MediaAttachment]) -> HTML {
        guard !media.isEmpty else { return .empty }
        let images = media.map { m -> HTML in
            """
            <a href="/media/\(m.fileName)"><img src="/media/\(m.fileName)" alt="\(m.description)" width="\(m.width)" height="\(m.height)" loading="lazy"></a>
            """
        }
        return "<div class=\"attachments count-\(media.count)\">\(images)</div>"
    }

    /// A poll: a voting form while it is open and the viewer has not voted, else the results.
    private static func poll(_ postID: ID, _ poll: Poll, context: PageContext) -> HTML {
        let total = max(poll.votesCount, 1)
        let closes = poll.isExpired() ? "Closed" : "Closes \(Layout.isoDate(poll.expiresAt).prefix(16).replacingOccurrences(of: "T", with: " ")) UTC"
        let summary: HTML = "<p class=\"small muted\">\(poll.votersCount) voters · \(closes)</p>"
        guard context.viewer != nil, poll.ownVotes.isEmpty, !poll.isExpired() else {
            let rows = poll.options.enumerated().map { index, option -> HTML in
                let share = option.votes * 100 / total
                return """
                    <li\(HTML(raw: poll.ownVotes.contains(index) ? " class=\"own\"" : ""))><span>\(option.title)</span> <strong>\(share)%</strong>
                    <meter min="0" max="100" value="\(share)" aria-label="\(option.title): \(share)%"></meter></li>
                    """
            }
            return "<div class=\"poll\"><ul>\(rows)</ul>\(summary)</div>"
        }
        let type = poll.multiple ? "checkbox" : "radio"
        let choices = poll.options.enumerated().map { index, option -> HTML in
            "<label><input type=\"\(type)\" name=\"choice\" value=\"\(index)\"> \(option.title)</label>"
        }
        return """
            <form class="poll" method="post" action="/posts/\(postID)/vote">\(Layout.csrfField(context.csrfToken))
            <input type="hidden" name="return" value="\(context.currentPath)#post-\(postID)">
            <fieldset><legend class="small muted">Poll</legend>\(choices)</fieldset>
            <button type="submit">Vote</button>\(summary)</form>
            """
    }

    private static func visibilityIcon(_ visibility: Visibility) -> String {
        switch visibility {
        case .public: "◍ public"
        case .organization: "◉ org"
        case .followers: "◐ followers"
        case .direct: "✉ direct"
        }
    }

    private static func actions(_ view: PostView, context: PageContext) -> HTML {
        guard let viewer = context.viewer else {
            return "<footer class=\"actions small muted\">\(view.post.repliesCount) replies · \(view.post.repostsCount) reposts · \(view.post.likesCount) likes</footer>"
        }
        let post = view.post
        /// A toggle's name says what it does and, with its count, how many did it ("Like, 3 likes").
        func toggle(_ action: String, _ on: Bool, _ label: String, _ icon: String, _ count: (Int, String)?) -> HTML {
            let shown: HTML = count.map { " <span aria-hidden=\"true\">\($0.0)</span>" } ?? .empty
            let name = label + (count.map { ", \($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" } ?? "")
            return """
                <form method="post" action="/posts/\(post.id)/\(action)">\(Layout.csrfField(context.csrfToken))
                <input type="hidden" name="on" value="\(on ? "0" : "1")"><input type="hidden" name="return" value="\(context.currentPath)#post-\(post.id)">
                <button type="submit" aria-pressed="\(on ? "true" : "false")" aria-label="\(name)" title="\(label)"><span aria-hidden="true">\(icon)</span>\(shown)</button></form>
                """
        }
        let own = view.author.id == viewer.id
        let canDelete = own || viewer.role.canModerate
        let replies = "Reply, \(post.repliesCount) repl\(post.repliesCount == 1 ? "y" : "ies")"
        return """
            <footer class="actions">
              <a href="\(permalink(view))#reply" aria-label="\(replies)" title="Reply"><span aria-hidden="true">↩ \(post.repliesCount)</span></a>
              \(HTML.when(post.visibility.allowsReposts, toggle("repost", view.repostedByViewer, view.repostedByViewer ? "Undo repost" : "Repost", "⟲",
                                                                 (post.repostsCount, "repost"))))
              \(toggle("like", view.likedByViewer, view.likedByViewer ? "Unlike" : "Like", view.likedByViewer ? "♥" : "♡", (post.likesCount, "like")))
              \(toggle("bookmark", view.bookmarkedByViewer, view.bookmarkedByViewer ? "Remove bookmark" : "Bookmark", view.bookmarkedByViewer ? "⚑" : "⚐", nil))
              \(HTML.when(own && post.guide == nil, "<a href=\"/posts/\(post.id)/edit\" aria-label=\"Edit\" title=\"Edit\"><span aria-hidden=\"true\">✎</span></a>"))
              \(HTML.when(!own, "<a href=\"/report?post=\(post.id)\" aria-label=\"Report\" title=\"Report to the moderators\"><span aria-hidden=\"true\">⚠</span></a>"))
              \(HTML.when(canDelete, """
                <form method="post" action="/posts/\(post.id)/delete" data-confirm="Delete this post?">\(Layout.csrfField(context.csrfToken))
                <button type="submit" class="danger" aria-label="Delete" title="Delete"><span aria-hidden="true">✕</span></button></form>
                """))
            </footer>
            """
    }

    /// A list of timeline entries with "newer"/"older" links, or a friendly empty state.
    static func timeline(_ entries: [TimelineEntry], context: PageContext, basePath: String, empty: HTML) -> HTML {
        guard !entries.isEmpty else { return "<p class=\"card empty\">\(empty)</p>" }
        let cards = entries.map { card($0.post, repostedBy: $0.repostedBy, context: context) }
        let separator = basePath.contains("?") ? "&" : "?"
        let pager: HTML = """
            <nav class="pager" aria-label="Pages">
              <a href="\(basePath)\(separator)min_id=\(entries.first!.id)">← Newer</a>
              \(HTML.when(entries.count >= PageRequest.defaultLimit, "<a href=\"\(basePath)\(separator)max_id=\(entries.last!.id)\">Older →</a>"))
            </nav>
            """
        return "\(cards)\(pager)"
    }

    /// What someone fills in to post or reply.
    struct ComposeForm {
        var text = ""
        var contentWarning = ""
        var visibility = Visibility.organization
        var inReplyTo: PostView?
        var question = false
        /// Offer to ask anonymously (on the page of a program that allows it).
        var anonymousAllowed = false
        /// Where the post goes, for the heading: "#onboarding" reads "Post to #onboarding"; a reply's heading says whom it answers.
        var place: String?
        /// The page to return to after posting (with a notice), instead of the new post's own page.
        var returnPath: String?
    }

    static func compose(_ form: ComposeForm, context: PageContext, settings: InstanceSettings, id: String = "compose") -> HTML {
        let options = Visibility.allCases.filter { $0 != .public || settings.publicAccess }.map { v -> HTML in
            "<option value=\"\(v.rawValue)\"\(v == form.visibility ? " selected" : "")>\(v.label)</option>"
        }
        let heading = form.inReplyTo.map { reply in form.place ?? "Reply to \(reply.author.name)" }
            ?? form.place.map { "Post to \($0)" } ?? "Share something with your organization"
        return """
            <section class="card compose" aria-labelledby="\(id)-title" id="\(form.inReplyTo == nil ? "compose" : "reply")">
              <h2 id="\(id)-title">\(heading)</h2>
              <form method="post" action="/posts" enctype="multipart/form-data">\(Layout.csrfField(context.csrfToken))
                <input type="hidden" name="idempotency_key" value="\(Token.random(bytes: 12))">
                \(form.inReplyTo.map { "<input type=\"hidden\" name=\"in_reply_to_id\" value=\"\($0.post.id)\">" as HTML })
                \(form.returnPath.map { "<input type=\"hidden\" name=\"return\" value=\"\($0)\">" as HTML })
                <label class="visually-hidden" for="\(id)-text">Post text</label>
                <textarea id="\(id)-text" name="text" data-max="\(settings.maxPostLength)" required
                  placeholder="What are you learning? Ask a question, share a #tip, mention @someone">\(form.text)</textarea>
                <div class="compose-row">
                  <label class="visually-hidden" for="\(id)-cw">Content warning (optional)</label>
                  <input class="grow" type="text" id="\(id)-cw" name="content_warning" maxlength="200" value="\(form.contentWarning)" placeholder="Content warning (optional)">
                  <label class="visually-hidden" for="\(id)-visibility">Who can see it</label>
                  <select id="\(id)-visibility" name="visibility">\(options)</select>
                  \(HTML.when(form.inReplyTo == nil, "<label class=\"check\"><input type=\"checkbox\" name=\"question\" value=\"1\"\(form.question ? " checked" : "")> Ask as a question</label>"))
                  \(HTML.when(form.anonymousAllowed && form.inReplyTo == nil, """
                    <label class="check"><input type="checkbox" name="anonymous" value="1"> Ask anonymously (other members see “a learner”; the program's facilitators and moderators and the organization's moderators can see who asked, and each look is logged)</label>
                    """))
                </div>
                <details class="extras">
                  <summary>Add an image or a poll</summary>
                  <div class="compose-row">
                    <label for="\(id)-image">Image</label>
                    <input type="file" id="\(id)-image" name="image" accept="image/jpeg,image/png,image/gif,image/webp">
                    <label class="visually-hidden" for="\(id)-alt">Image description</label>
                    <input class="grow" type="text" id="\(id)-alt" name="image_description" maxlength="1500" placeholder="Describe the image for people who cannot see it">
                  </div>
                  <fieldset class="poll-options">
                    <legend>Poll (two to four options)</legend>
                    \((1...PollDraft.maxOptions).map { n -> HTML in
                        "<label class=\"visually-hidden\" for=\"\(id)-option-\(n)\">Option \(n)</label><input type=\"text\" id=\"\(id)-option-\(n)\" name=\"poll_option\" maxlength=\"\(PollDraft.maxOptionLength)\" placeholder=\"Option \(n)\">"
                    })
                    <label for="\(id)-duration">Open for</label>
                    <select id="\(id)-duration" name="poll_duration">
                      <option value="3600">1 hour</option><option value="86400" selected>1 day</option><option value="604800">1 week</option>
                    </select>
                    <label><input type="checkbox" name="poll_multiple" value="1"> Several choices allowed</label>
                  </fieldset>
                </details>
                <div class="compose-row">
                  <span class="counter" id="\(id)-text-counter" aria-live="polite"></span>
                  <button class="button" type="submit">\(form.inReplyTo == nil ? "Post" : "Reply")</button>
                </div>
              </form>
            </section>
            """
    }
}
