import Foundation
import Hummingbird
import StarlingCore

/// Ask-the-expert sessions in the browser: the question queue of an occurrence (ask, upvote,
/// approve, answer), its summary of question and answer pairs with the hand-off of unanswered
/// questions, and inviting a guest expert.
struct ExpertPages {
    let pages: WebPages
    var events: EventService { pages.starling.liveEvents }
    var now: Date { pages.starling.clock.now() }

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/occurrences/:id/questions") { request, context in try await queuePage(request, context) }
        router.post("/occurrences/:id/questions") { _, context in
            let id = try WebPages.idParameter(context)
            let question = try await events.ask(id, context.form.text("text"), by: try context.requireViewer(), now: now)
            return Response.redirect(to: "/occurrences/\(id)/questions#question-\(question.id)")
        }
        // Actions on one question, each back to its queue.
        let actions: [(String, @Sendable (ID, Account, FormData) async throws -> Void)] = [
            ("vote", { try await events.vote($0, $2["on"] != "0", by: $1) }),
            ("approve", { try await events.moderate($0, approve: $2["approve"] != "0", by: $1) }),
            ("answer", { id, expert, form in _ = try await events.answer(id, form.text("answer"), by: expert, now: pages.starling.clock.now()) }),
        ]
        for (name, act) in actions {
            router.post(RouterPath("/expert-questions/:id/\(name)")) { _, context in
                let viewer = try context.requireViewer()
                let id = try WebPages.idParameter(context)
                try await act(id, viewer, context.form)
                return Response.redirect(to: "/occurrences/\(try await events.question(id, viewer: viewer).occurrenceID)/questions#question-\(id)")
            }
        }
        // Tells an open queue page that the questions changed (the page then shows them afresh).
        router.get("/occurrences/:id/questions/stream") { _, context in
            let id = try WebPages.idParameter(context)
            let viewer = try context.requireViewer()
            try await events.requireSession(id, viewer: viewer)
            return try await ServerSentEvents.response(pages.starling, viewer: viewer) { event in
                event == .expertQueueChanged(occurrence: id) ? [ServerSentEvents.chunk("changed", id.description)] : []
            }
        }
        router.get("/occurrences/:id/summary") { request, context in try await summaryPage(request, context) }
        router.post("/occurrences/:id/hand-off") { request, context in
            let handed = try await events.handOff(try WebPages.idParameter(context), by: try context.requireViewer(), now: now)
            return try await summaryPage(request, context, notice: handed.count == 1 ? "1 question handed to the program as an open question."
                                                       : "\(handed.count) questions handed to the program as open questions.")
        }
    }

    private func queuePage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let id = try WebPages.idParameter(context)
        let occurrence = try await events.occurrence(id, viewer: viewer)
        let event = try await events.event(occurrence.eventID, viewer: viewer)
        let queue = try await events.expertQueue(id, viewer: viewer)
        let hosting = try await events.hosts(event, viewer), answering = try await events.answers(event, viewer)
        let open = occurrence.endedAt == nil, live = occurrence.startedAt != nil && open
        let page = try await pages.pageContext(request, context)
        let state: HTML = !open ? "Ended" : live ? "<strong>Open now</strong>: the expert is answering"
            : "Starts \(TimeViews.eventTime(occurrence.startsAt, eventZone: event.timeZone, page))"
        let experts = try await events.experts(of: event.id, viewer: viewer).map(\.name).joined(separator: ", ")
        let items = queue.map { item(event, $0, viewer: viewer, hosting: hosting, answering: answering && live, open: open, context: context) }
        let html = Layout.page("Questions · \(event.title)", page, """
            <section class="card" aria-labelledby="queue-title">
              <h1 id="queue-title">\(event.title): questions for the expert</h1>
              <p class="muted">\(state)\(experts.isEmpty ? "" : " · with \(experts)") · <a href="/events/\(event.id)">the event</a>
              · <a href="/occurrences/\(id)/summary">summary</a></p>
              \(HTML.when(event.requiresApproval, "<p class=\"hint\">Hosts approve questions before everyone sees them.</p>"))
            </section>
            \(HTML.when(open, """
                <form method="post" action="/occurrences/\(id)/questions" class="card form">\(Layout.csrfField(context.csrfToken))
                  <label for="expert-question">Your question</label>
                  <textarea id="expert-question" name="text" maxlength="\(EventService.maxExpertQuestionLength)" rows="2" required></textarea>
                  <button class="button" type="submit">Ask</button>
                </form>
                """))
            <div id="expert-queue" data-stream="/occurrences/\(id)/questions/stream" aria-live="polite">
              \(queue.isEmpty ? "<p class=\"card empty\">No questions yet.</p>" as HTML : "<ol class=\"plain expert-queue\">\(items)</ol>")
            </div>
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    /// One question in the queue: its votes, state, answer, and what the viewer may do with it.
    private func item(_ event: Event, _ question: ExpertQuestion, viewer: Account, hosting: Bool, answering: Bool, open: Bool,
                      context: WebContext) -> HTML {
        func form(_ action: String, _ fields: HTML, _ label: String, secondary: Bool = false) -> HTML {
            """
            <form method="post" action="/expert-questions/\(question.id)/\(action)" class="inline">\(Layout.csrfField(context.csrfToken))\(fields)
            <button class="button\(secondary ? " secondary" : "")" type="submit">\(label)</button></form>
            """
        }
        let status: HTML = switch question.status {
        case .pending: "<span class=\"badge-qa open\">Waiting for approval</span>"
        case .rejected: "<span class=\"badge-qa\">Not taken</span>"
        case .approved: question.isAnswered ? "<span class=\"badge-qa answered\">✓ Answered</span>" : .empty
        }
        let canVote = open && question.status == .approved && question.author.id != viewer.id
        let vote: HTML = canVote
            ? form("vote", "<input type=\"hidden\" name=\"on\" value=\"\(question.votedByViewer ? "0" : "1")\">",
                   question.votedByViewer ? "▲ Upvoted" : "▲ Upvote", secondary: question.votedByViewer)
            : .empty
        let moderation: HTML = hosting && open && question.status != .approved
            ? """
              \(form("approve", "<input type=\"hidden\" name=\"approve\" value=\"1\">", "Approve"))\(HTML.when(question.status == .pending,
                form("approve", "<input type=\"hidden\" name=\"approve\" value=\"0\">", "Turn down", secondary: true)))
              """
            : .empty
        let answer: HTML = question.answer.map { text in
            "<blockquote class=\"expert-answer\"><p><strong>\(question.answeredBy?.name ?? "The expert")</strong>:</p><p>\(text)</p></blockquote>"
        } ?? .empty
        let answerForm: HTML = answering && question.status == .approved ? """
            <form method="post" action="/expert-questions/\(question.id)/answer" class="form expert-answer-form">\(Layout.csrfField(context.csrfToken))
              <label for="answer-\(question.id)">\(question.isAnswered ? "Change the answer" : "Answer")</label>
              <textarea id="answer-\(question.id)" name="answer" maxlength="\(EventService.maxExpertAnswerLength)" rows="3" required>\(question.answer ?? "")</textarea>
              <button class="button" type="submit">\(question.isAnswered ? "Save the answer" : "Answer")</button>
            </form>
            """ : .empty
        return """
            <li class="card expert-question\(question.isAnswered ? " answered" : "")" id="question-\(question.id)">
              <p class="votes" aria-label="\(question.votesCount) upvotes">\(question.votesCount) ▲</p>
              <p class="muted small">\(question.author.name) asked \(status)</p>
              <p class="expert-text">\(question.text)</p>
              \(vote)\(moderation)\(answer)\(answerForm)
            </li>
            """
    }

    private func summaryPage(_ request: Request, _ context: WebContext, notice: String? = nil) async throws -> Response {
        let viewer = try context.requireViewer()
        let id = try WebPages.idParameter(context)
        let occurrence = try await events.occurrence(id, viewer: viewer)
        let event = try await events.event(occurrence.eventID, viewer: viewer)
        let (answered, unanswered) = try await events.summary(id, viewer: viewer)
        let pairs = answered.map { question -> HTML in
            """
            <li class="card"><p class="expert-text"><strong>Q:</strong> \(question.text) <span class="muted small">(\(question.author.name), \(question.votesCount) ▲)</span></p>
            <p><strong>A (\(question.answeredBy?.name ?? "the expert")):</strong> \(question.answer ?? "")</p></li>
            """
        }
        let open = unanswered.map { question -> HTML in
            let handed: HTML = question.openQuestionID.map { " · <a href=\"/posts/\($0)\">handed on</a>" } ?? .empty
            return "<li>\(question.text) <span class=\"muted small\">(\(question.author.name), \(question.votesCount) ▲)\(handed)</span></li>"
        }
        let canHandOff = try await events.hosts(event, viewer) && event.programID != nil && occurrence.endedAt != nil
            && unanswered.contains { $0.openQuestionID == nil }
        let page = try await pages.pageContext(request, context)
        let html = Layout.page("Summary · \(event.title)", page, """
            \(notice.map { "<p class=\"notice\" role=\"status\">\($0)</p>" as HTML })
            <section class="card" aria-labelledby="summary-title">
              <h1 id="summary-title">\(event.title): questions and answers</h1>
              <p class="muted">\(TimeViews.eventTime(occurrence.startsAt, eventZone: event.timeZone, page))\(occurrence.endedAt == nil ? " (so far)" : "")
              · <a href="/occurrences/\(id)/questions">the question queue</a> · <a href="/events/\(event.id)">the event</a></p>
            </section>
            \(answered.isEmpty ? "<p class=\"card empty\">No answers yet.</p>" as HTML : "<ol class=\"plain\">\(pairs)</ol>")
            \(HTML.when(!unanswered.isEmpty, """
                <section class="card" aria-labelledby="unanswered-title"><h2 id="unanswered-title">Not answered</h2><ul>\(open)</ul>
                \(HTML.when(canHandOff, """
                    <form method="post" action="/occurrences/\(id)/hand-off">\(Layout.csrfField(context.csrfToken))
                    <button class="button" type="submit">Hand them to the program’s facilitators as open questions</button></form>
                    """))
                </section>
                """))
            """)
        return HTMLPage(status: .ok, body: html).response()
    }
}
