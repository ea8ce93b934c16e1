import Foundation
import Hummingbird
import StarlingCore

/// The search page and the notifications page.
struct SearchAndNotificationPages {
    let pages: WebPages

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/search") { request, context in try await searchPage(request, context) }
        router.get("/notifications") { request, context in try await notificationsPage(request, context) }
        router.post("/notifications/read") { _, context in
            let viewer = try context.requireViewer()
            if let upTo = try context.form.id("up_to") { try await pages.starling.reads.markNotificationsRead(of: viewer, upTo: upTo) }
            return Response.redirect(to: "/notifications")
        }
    }

    private func searchPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let q = try pages.query(request)
        let page = try await pages.pageContext(request, context)
        var error: String?
        var results = ReadService.SearchResults()
        var knowledge: [KnowledgePage] = []
        var programs: [Program] = []
        var events: [Event] = []
        do {
            let author = q.text("author").trimmingCharacters(in: .whitespaces).trimmingPrefix("@")
            var authorID: ID?
            if !author.isEmpty {
                guard let account = try? await pages.starling.reads.account(username: String(author), viewer: page.viewer) else {
                    throw DomainError.invalid(field: "author", message: "Nobody is called @\(author).")
                }
                authorID = account.id
            }
            let tag = q.text("hashtag").trimmingCharacters(in: .whitespaces).trimmingPrefix("#")
            let search = PostSearch(text: q.text("q"), hashtag: tag.isEmpty ? nil : String(tag), authorID: authorID,
                                    from: try date(q, "from"), until: try date(q, "until").map { $0 + 86400 })
            results = try await pages.starling.reads.search(search, viewer: viewer)
            knowledge = try await pages.starling.knowledge.search(q.text("q"), viewer: viewer)
            programs = try await pages.starling.programs.search(q.text("q"), viewer: viewer)
            events = try await pages.starling.liveEvents.search(q.text("q"), viewer: viewer)
        } catch let domain as DomainError {
            error = domain.message
        }
        let searched = !(q.text("q") + q.text("hashtag") + q.text("author") + q.text("from") + q.text("until")).isEmpty
        let people = results.accounts.map { a -> HTML in
            "<li>\(PostViews.avatar(a))<a href=\"/@\(a.handle)\"><strong>\(a.name)</strong> <span class=\"muted\">@\(a.handle)</span></a></li>"
        }
        let tags = results.tags.map { "<li><a href=\"/tags/\($0.name)\">#\($0.name)</a><span class=\"muted small\">\($0.postsCount) posts</span></li>" as HTML }
        let html = Layout.page("Search", page, """
            <h1>Search</h1>
            <section class="card form" aria-label="Search form">
              <form method="get" action="/search">
                <label for="search-q">Words</label>
                <input type="search" id="search-q" name="q" value="\(q.text("q"))" placeholder="e.g. feedback onboarding">
                <div class="compose-row">
                  <div class="grow"><label for="search-tag">Hashtag</label><input type="text" id="search-tag" name="hashtag" value="\(q.text("hashtag"))" placeholder="#leadership-lab"></div>
                  <div class="grow"><label for="search-author">Author</label><input type="text" id="search-author" name="author" value="\(q.text("author"))" placeholder="@username"></div>
                </div>
                <div class="compose-row">
                  <div class="grow"><label for="search-from">From</label><input type="date" id="search-from" name="from" value="\(q.text("from"))"></div>
                  <div class="grow"><label for="search-until">Until</label><input type="date" id="search-until" name="until" value="\(q.text("until"))"></div>
                </div>
                <div class="actions-row"><button class="button" type="submit">Search</button></div>
              </form>
            </section>
            \(error.map { "<p class=\"error\" role=\"alert\">\($0)</p>" as HTML })
            \(HTML.when(!programs.isEmpty, """
              <section class="card"><h2>Programs</h2><ul class="tag-list">\(programs.map {
                "<li><a href=\"/programs/\($0.id)\">\($0.title)</a><span class=\"muted small\">#\($0.hashtag)</span></li>" as HTML })</ul></section>
              """))
            \(HTML.when(!events.isEmpty, """
              <section class="card"><h2>Events</h2><ul class="tag-list">\(events.map {
                "<li><a href=\"/events/\($0.id)\">\($0.title)</a><span class=\"muted small\">\(EventPages.kindLabel($0.kind)) on #\($0.hashtag)</span></li>" as HTML })</ul></section>
              """))
            \(HTML.when(!knowledge.isEmpty, """
              <section class="card"><h2>Knowledge base</h2><ul class="tag-list">\(knowledge.map { "<li><a href=\"/knowledge/\($0.id)\">\($0.title)</a></li>" as HTML })</ul></section>
              """))
            \(HTML.when(!tags.isEmpty, "<section class=\"card\"><h2>Hashtags</h2><ul class=\"tag-list\">\(tags)</ul></section>"))
            \(HTML.when(!people.isEmpty, "<section class=\"card\"><h2>People</h2><ul class=\"people\">\(people)</ul></section>"))
            \(HTML.when(searched && error == nil, """
              <h2>Posts</h2>
              \(results.posts.isEmpty ? "<p class=\"card empty\">No posts match. Try fewer or other words, or leave out the filters.</p>" as HTML : HTML("\(results.posts.map { PostViews.card($0, context: page) })"))
              """))
            """)
        return HTMLPage(status: error == nil ? .ok : .unprocessableContent, body: html).response()
    }

    private func date(_ q: FormData, _ field: String) throws -> Date? {
        let raw = q.text(field).trimmingCharacters(in: .whitespaces)
        if raw.isEmpty { return nil }
        guard let date = try? Date(raw + "T00:00:00Z", strategy: .iso8601) else {
            throw DomainError.invalid(field: field, message: "Enter dates as YYYY-MM-DD.")
        }
        return date
    }

    private func notificationsPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let page = try await pages.pageContext(request, context)
        // Likes and reposts of one post, and follows, within 12 hours read as one: "Ben and 2 others liked your post".
        let groups = try await pages.starling.reads.notificationGroups(of: viewer, page: try pages.pageRequest(request))
        let notifications = groups.map(\.latest)
        let items = groups.map { group -> HTML in
            let n = group.latest
            let what: String = switch n.kind {
            case .mention: "mentioned you"
            case .reply: "replied to your post"
            case .like: "liked your post"
            case .repost: "reposted your post"
            case .follow: "followed you"
            case .moderationWarning: "warned you, as a moderator"
            case .eventReminder: "reminds you: \(n.event?.title ?? "an event") starts \(n.event.map { Layout.isoDate($0.startsAt) } ?? "soon")"
            case .eventStarted: "started \(n.event?.title ?? "an event")"
            case .expertAnswered: "answered your question in \(n.event?.title ?? "an ask-the-expert session")"
            case .answerAccepted: "accepted your answer"
            case .partnerCheckIn: n.post == nil
                ? "checked in on a private commitment: see your partners' commitments in your programs" : "checked in on a commitment"
            case .analyticsDigest: "weekly digest of \(n.digest?.programTitle ?? "a program"): \(n.digest?.summary ?? "")"
            }
            let actors = group.actors
            let others = actors.count - 1
            let actor: HTML = n.actor.isAnonymousLearner
                ? "<strong>\(n.actor.name)</strong>" : "<a href=\"/@\(n.actor.handle)\"><strong>\(n.actor.name)</strong></a>"
            let who: HTML = others == 0 ? actor : "\(actor) and \(others) other\(others == 1 ? "" : "s")"
            let names = others == 0 ? n.actor.name : "\(n.actor.name) and \(others) other\(others == 1 ? "" : "s")"
            let unread = group.notifications.contains(where: \.isUnread)
            return """
                <article class="card notification\(unread ? " unread" : "")" aria-label="\(names) \(what)">
                  <div class="avatars">\(actors.prefix(3).map { PostViews.avatar($0) })</div>
                  <div class="grow">
                    <p>\(n.digest.map { digest in "<strong>Weekly digest</strong> of <a href=\"/programs/\(digest.programID)/analytics\">\(digest.programTitle)</a>: \(digest.summary)" as HTML } ?? "\(who) \(what)")
                      <span class="muted small">· <time datetime="\(Layout.isoDate(n.createdAt))">\(Layout.age(n.createdAt))</time>\(unread ? " · new" : "")</span></p>
                    \(HTML.when(others > 0, "<p class=\"muted small\">\(EventPages.joined(actors.map { "<a href=\"/@\($0.handle)\">\($0.name)</a>" as HTML }))</p>"))
                    \(n.warning.map { "<p class=\"notice warning\" role=\"note\">\($0)</p>" as HTML })
                    \(n.post.map { PostViews.card($0, context: page) })
                  </div>
                </article>
                """
        }
        let markRead: HTML = notifications.first.map { newest in
            """
            <form method="post" action="/notifications/read">\(Layout.csrfField(context.csrfToken))
              <input type="hidden" name="up_to" value="\(newest.id)"><button class="button secondary" type="submit">Mark all as read</button>
            </form>
            """
        } ?? .empty
        let html = Layout.page("Notifications", page, """
            <div class="profile-head"><h1>Notifications</h1><div class="end">\(HTML.when(page.unreadCount > 0, markRead))</div></div>
            \(notifications.isEmpty ? "<p class=\"card empty\">Nothing yet. Replies, mentions, likes, reposts and follows show up here: <a href=\"/programs\">join a program</a> and join in the conversation.</p>" as HTML : HTML("\(items)"))
            """)
        return HTMLPage(status: .ok, body: html).response()
    }
}
