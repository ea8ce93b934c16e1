import Foundation
import Hummingbird
import StarlingCore

/// A tweetchat's live page: the chat grouped by question, updated in real time from a server-sent
/// event stream (`LiveFeed`), with a compose box that adds the hashtag and the current answer
/// marker, and hosts' controls (release, hold, highlight). Without JavaScript it is a page to reload.
struct LivePages {
    let pages: WebPages
    var events: EventService { pages.starling.liveEvents }
    var now: Date { pages.starling.clock.now() }

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/occurrences/:id/live") { request, context in
            let viewer = try context.requireViewer()
            let chat = try await events.live(try WebPages.idParameter(context), viewer: viewer, now: now)
            if let programID = chat.event.programID { pages.starling.activity.record(viewer.id, in: programID, at: now) }
            let page = try await pages.pageContext(request, context)
            return HTMLPage(status: .ok, body: Layout.page("Live · \(chat.event.title)", page, Self.body(chat, page))).response()
        }
        router.get("/occurrences/:id/live/stream") { request, context in
            let viewer = try context.requireViewer()
            let feed = await LiveFeed(chat: try events.live(try WebPages.idParameter(context), viewer: viewer, now: now), viewer: viewer,
                                events: events, clock: pages.starling.clock, page: try pages.pageContext(request, context))
            return try await ServerSentEvents.response(pages.starling, viewer: viewer, render: feed.chunks)
        }
        router.post("/occurrences/:id/live/post") { _, context in
            let id = try WebPages.idParameter(context)
            _ = try await events.post(context.form.text("status"), to: id, answering: Int(context.form.text("question")),
                                by: try context.requireViewer(), now: now)
            return Response.redirect(to: "/occurrences/\(id)/live")
        }
        router.post("/occurrences/:id/highlight") { _, context in
            let id = try WebPages.idParameter(context)
            guard let postID = try context.form.id("post_id") else { throw DomainError.invalid(field: "post_id", message: "Say which post.") }
            try await events.highlight(postID, in: id, context.form["on"] != "0", by: try context.requireViewer(), now: now)
            return Response.redirect(to: "/occurrences/\(id)/live#post-\(postID)")
        }
    }

    // MARK: Views (the stream sends the same pieces)

    static func body(_ chat: LiveChat, _ page: PageContext) -> HTML {
        let id = chat.occurrence.id
        let state: HTML = if chat.occurrence.endedAt != nil {
            "Ended · <a href=\"/occurrences/\(id)/transcript\">the transcript</a>"
        } else if chat.occurrence.startedAt != nil {
            "<strong>Live now</strong>"
        } else {
            "Starts \(Layout.isoDate(chat.occurrence.startsAt)) (UTC); this page fills in when it does"
        }
        let options = chat.released.map { "<option value=\"\($0.number)\">Q\($0.number) only</option>" as HTML }
        let sections = chat.released.map { question(chat, $0.number, page) }
        return """
            <section class="card live-head" aria-labelledby="live-title">
              <h1 id="live-title">\(chat.event.title)</h1>
              <p class="muted">\(state) · <a href="/tags/\(chat.event.hashtag)">#\(chat.event.hashtag)</a> · <a href="/events/\(chat.event.id)">the event</a></p>
              <div class="live-controls">
                <label>Show <select id="live-filter"><option value="all">All posts</option>\(options)<option value="general">General only</option></select></label>
                <label><input type="checkbox" id="live-newest"> Newest first</label>
                <button type="button" class="button secondary" id="live-pause" aria-pressed="false">Pause scrolling</button>
                <span id="live-missed" class="muted small" role="status"></span>
              </div>
              \(HTML.when(chat.hosting, EventPages.hostControls(chat.occurrence, chat.event.kind, csrfToken: page.csrfToken, back: "live")))
            </section>
            \(highlights(chat, page))
            \(HTML.when(chat.occurrence.startedAt != nil && chat.occurrence.endedAt == nil, compose(chat, page)))
            <div id="live" class="live" data-stream="/occurrences/\(id)/live/stream" aria-live="polite">
              \(sections)
              <section class="live-question" data-question="general" id="live-general"><h2>General</h2>
                <div class="live-posts">\(chat.posts(answering: nil).map { post($0, chat, page) })</div></section>
            </div>
            """
    }

    /// A released question: its post, then its answers.
    static func question(_ chat: LiveChat, _ number: Int, _ page: PageContext) -> HTML {
        """
        <section class="live-question" data-question="\(number)" id="live-q\(number)">
          <h2>Q\(number): \(chat.text(ofQuestion: number) ?? "")</h2>
          \(chat.questionPost(number).map { PostViews.card($0, context: page) })
          <div class="live-posts">\(chat.posts(answering: number).map { post($0, chat, page) })</div>
        </section>
        """
    }

    /// One post of the chat, with the hosts' highlight button.
    static func post(_ view: PostView, _ chat: LiveChat, _ page: PageContext) -> HTML {
        let on = chat.highlighted.contains(view.id)
        let button: HTML = HTML.when(chat.hosting, """
            <form method="post" action="/occurrences/\(chat.occurrence.id)/highlight" class="inline live-highlight">\(Layout.csrfField(page.csrfToken))
            <input type="hidden" name="post_id" value="\(view.id)"><input type="hidden" name="on" value="\(on ? "0" : "1")">
            <button class="link" type="submit">\(on ? "Remove the highlight" : "Highlight")</button></form>
            """)
        return "<div class=\"live-post\(on ? " highlighted" : "")\" data-id=\"\(view.id)\">\(PostViews.card(view, context: page))\(button)</div>"
    }

    /// The posts hosts highlighted, as short quotes linking to them.
    static func highlights(_ chat: LiveChat, _ page: PageContext) -> HTML {
        let items = chat.highlighted.compactMap { id in chat.posts.first { $0.id == id } }.map { view -> HTML in
            "<li><a href=\"#post-\(view.id)\"><strong>\(view.author.name)</strong></a>: \(String(view.post.source.prefix(200)))</li>"
        }
        return """
            <section class="card live-highlights" id="live-highlights"\(items.isEmpty ? " hidden" : "")>
              <h2>Highlighted by the hosts</h2><ul>\(items)</ul></section>
            """
    }

    /// Posting into the chat: the marker of the question shown (or the latest) and the hashtag are added; in a chat
    /// open to the outside the post is public, as the form says.
    static func compose(_ chat: LiveChat, _ page: PageContext) -> HTML {
        let current = chat.currentQuestion
        return """
            <form method="post" action="/occurrences/\(chat.occurrence.id)/live/post" class="card form live-compose" id="live-compose">
              \(Layout.csrfField(page.csrfToken))
              <input type="hidden" name="question" id="live-question" value="\(current.map(String.init) ?? "")">
              <label for="live-status">Join in</label>
              <textarea id="live-status" name="status" maxlength="500" rows="2" required></textarea>
              <p class="hint" id="live-marker" data-tag="\(chat.event.hashtag)">\(markerHint(current, chat.event.hashtag))</p>
              \(HTML.when(chat.event.openToOutside, """
                  <p class="hint badge-outside">This chat is open to the outside: what you post here is public, and people on other
                  servers read it when you let them find you (Settings).</p>
                  """))
              <button class="button" type="submit">Post</button>
            </form>
            """
    }

    static func markerHint(_ question: Int?, _ hashtag: String) -> String {
        question.map { "Posted as “A\($0): …” with #\(hashtag) (unless you start with another A-number)." } ?? "Posted with #\(hashtag)."
    }
}

/// One browser's connection to a live page: its view of the chat, advanced by each domain event and
/// sent as JSON messages the page script applies (`question`, `post`, `edit`, `highlights`, `delete`).
final class LiveFeed: @unchecked Sendable {
    private var chat: LiveChat
    private let viewer: Account
    private let events: EventService
    private let clock: any Clock
    private let page: PageContext
    /// Held while one event is applied, so events change `chat` one at a time and in order.
    private let lock = AsyncLock()

    init(chat: LiveChat, viewer: Account, events: EventService, clock: any Clock, page: PageContext) {
        self.chat = chat
        self.viewer = viewer
        self.events = events
        self.clock = clock
        self.page = page
    }

    func chunks(for event: DomainEvent) async -> [String] {
        await lock.withLock {
            do {
                switch event {
                case .posted(let id):
                    switch try await events.follow(&chat, posted: id, viewer: viewer, now: clock.now()) {
                    case .question(let released, _)?:
                        return [message("question") { json in
                            json.field("number", released.number)
                            json.field("hint", LivePages.markerHint(released.number, chat.event.hashtag))
                            json.field("html", LivePages.question(chat, released.number, page).raw)
                        }]
                    case .post(let view, let question)?:
                        return [message("post") { json in
                            json.field("id", view.id.description)
                            json.field("question", question.map(String.init) ?? "general")
                            json.field("html", LivePages.post(view, chat, page).raw)
                        }]
                    case nil:
                        return []
                    }
                case .highlighted(let occurrence) where occurrence == chat.occurrence.id:
                    chat.highlighted = try await events.highlights(occurrence)
                    return [message("highlights") { json in
                        json.field("ids", chat.highlighted.map(\.description))
                        json.field("html", LivePages.highlights(chat, page).raw)
                    }]
                case .edited(let id):
                    guard let view = try await events.refresh(&chat, edited: id, viewer: viewer) else { return [] }
                    return [message("edit") { json in
                        json.field("id", view.id.description)
                        json.field("html", LivePages.post(view, chat, page).raw)
                    }]
                case .deleted(let id) where chat.posts.contains { $0.id == id }:
                    chat.posts.removeAll { $0.id == id }
                    return [message("delete") { $0.field("id", id.description) }]
                default:
                    return []
                }
            } catch {
                return []
            }
        }
    }

    private func message(_ type: String, _ fields: (inout JSONWriter) -> Void) -> String {
        ServerSentEvents.chunk(type, String(decoding: JSONWriter.write { json in json.object(fields) }, as: UTF8.self))
    }
}
