import Foundation
import Hummingbird
import StarlingCore

/// A learner's recall checks: the queue of what is due, and each check's page to answer it, see
/// whether the answer was right with the explanation, and read the review's history.
struct ReviewPages {
    let pages: WebPages
    var reviews: ReviewService { pages.starling.reviews }

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/reviews") { request, context in try await queuePage(request, context) }
        router.get("/reviews/:id") { request, context in try await checkPage(request, context) }
        router.post("/reviews/:id") { _, context in
            let viewer = try context.requireViewer()
            let id = try WebPages.idParameter(context)
            let choices = context.form.values("choice").compactMap { Int($0) }
            let rating: FSRS.Rating? = switch context.form.text("rating") { case "hard": .hard; case "easy": .easy; default: nil }
            let outcome = try await reviews.answer(id, choices: choices, rating: rating, by: viewer, at: pages.starling.clock.now())
            let notice = outcome.entry.right ? "Right!" : "Not quite: the explanation is below."
            return pages.redirect(to: "/reviews/\(id)#last-answer", notice: notice)
        }
    }

    private func queuePage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let page = try await pages.pageContext(request, context)
        let now = pages.starling.clock.now()
        let due = try await reviews.queue(of: viewer, now: now)
        let all = try await reviews.items(of: viewer)
        let dueList: HTML = due.isEmpty
            ? "<p class=\"card empty\">Nothing is due. Each check comes back on its own schedule, and you will be told when it does.</p>"
            : "<ol class=\"plain review-queue\">\(due.map { item in dueCard(item, page) })</ol>"
        let rows = all.map { item -> HTML in
            let state: HTML = item.state.isMastered
                ? "<span class=\"badge-qa accepted\">Mastered</span>"
                : item.state.isDue(at: now) ? "<span class=\"badge-qa open\">Due now</span>" : "Next on \(TimeViews.format(item.state.dueAt, in: page.timeZone))"
            return """
                <tr><td><a href="/reviews/\(item.nugget.id)">\(item.check.question)</a></td><td>#\(item.programHashtag)</td>
                <td>\(state)</td><td>\(item.state.reviews)</td></tr>
                """
        }
        let html = Layout.page("Reviews", page, """
            <h1>Reviews</h1>
            <p class="muted">Recall checks from your programs come back just before you would forget them, on a schedule that adapts to your answers (FSRS).
              A check is mastered after three right answers in a row, or when it would next come back after its plan ends.</p>
            <h2>Due now (\(due.count))</h2>
            \(dueList)
            \(HTML.when(!all.isEmpty, """
              <section class="card" aria-labelledby="all-checks"><h2 id="all-checks">All your checks</h2>
              \(HTML.scrolling("""
                <table class="admin"><thead><tr><th scope="col">Question</th><th scope="col">Program</th><th scope="col">State</th>
                <th scope="col">Reviews</th></tr></thead><tbody>\(rows)</tbody></table>
                """, label: "All your checks"))</section>
              """))
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    private func dueCard(_ item: ReviewItem, _ page: PageContext) -> HTML {
        """
        <li class="card"><p class="muted small">#\(item.programHashtag) · due since <time datetime="\(Layout.isoDate(item.state.dueAt))">\(TimeViews.format(item.state.dueAt, in: page.timeZone))</time></p>
        <p><strong>\(item.check.question)</strong></p><a class="button" href="/reviews/\(item.nugget.id)">Answer</a></li>
        """
    }

    /// One check: the form while it is due, the last answer with its explanation, and its history.
    private func checkPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let page = try await pages.pageContext(request, context)
        let item = try await reviews.item(try WebPages.idParameter(context), of: viewer)
        pages.starling.activity.record(viewer.id, in: item.programID)
        let log = try await reviews.log(item.nugget.id, of: viewer)
        let multiple = item.check.correct.count > 1
        let due = item.state.isDue(at: pages.starling.clock.now())
        let form: HTML = due ? """
            <section class="card form" aria-labelledby="answer-title">
              <form method="post" action="/reviews/\(item.nugget.id)">\(Layout.csrfField(context.csrfToken))
                <fieldset class="plain-fieldset"><legend id="answer-title"><strong>\(item.check.question)</strong>\(HTML.when(multiple, " <span class=\"muted\">(choose all that apply)</span>"))</legend>
                \(item.check.options.enumerated().map { index, option -> HTML in
                    "<label class=\"check option\"><input type=\"\(multiple ? "checkbox" : "radio")\" name=\"choice\" value=\"\(index)\"\(HTML.when(!multiple, " required"))> \(option)</label>"
                })
                </fieldset>
                <fieldset class="plain-fieldset"><legend>If you are right, how did it feel?</legend>
                  <label class="check"><input type="radio" name="rating" value="hard"> Hard: I had to think long</label>
                  <label class="check"><input type="radio" name="rating" value="good" checked> Good</label>
                  <label class="check"><input type="radio" name="rating" value="easy"> Easy: it came at once</label>
                </fieldset>
                <div class="actions-row"><button class="button" type="submit">Answer</button></div>
              </form>
            </section>
            """ : .empty
        let status: HTML = item.state.isMastered
            ? "<p class=\"notice\">You have mastered this check: it does not come back.</p>"
            : due ? .empty : "<p class=\"muted\">It comes back on <time datetime=\"\(Layout.isoDate(item.state.dueAt))\">\(TimeViews.format(item.state.dueAt, in: page.timeZone))</time>.</p>"
        // While the check is due again, the last answer and the explanation would give it away.
        let last: HTML = due ? .empty : log.last.map { entry in
            let right = item.check.correct.sorted().map { item.check.options[$0] }.joined(separator: "; ")
            return """
                <section class="card" id="last-answer" aria-labelledby="last-answer-title">
                  <h2 id="last-answer-title">Your last answer: \(entry.right ? "right" : "not right")</h2>
                  <p>You chose: \(entry.choices.compactMap { item.check.options.indices.contains($0) ? item.check.options[$0] : nil }.joined(separator: "; ")).
                    \(HTML.when(!entry.right, "The right answer: <strong>\(right)</strong>."))</p>
                  \(HTML.when(!item.check.explanation.isEmpty, "<p class=\"explanation\">\(item.check.explanation)</p>"))
                  \(status)
                </section>
                """
        } ?? status
        let history = log.reversed().map { entry -> HTML in
            """
            <tr><td><time datetime="\(Layout.isoDate(entry.reviewedAt))">\(TimeViews.format(entry.reviewedAt, in: page.timeZone))</time></td>
            <td>\(entry.right ? "right" : "wrong")</td><td>\(String(describing: entry.rating).capitalized)</td>
            <td>\(String(format: "%.2f", entry.stability))</td><td>\(String(format: "%.2f", entry.difficulty))</td>
            <td>\(entry.mastered ? "mastered" : TimeViews.format(entry.dueAt, in: page.timeZone))</td></tr>
            """
        }
        let nuggetPost: HTML = item.nugget.release?.postID.map { " · <a href=\"/posts/\($0)\">the nugget in the stream</a>" } ?? .empty
        let html = Layout.page("Recall check", page, """
            <p><a href="/reviews">← Reviews</a></p>
            <h1>Recall check</h1>
            <section class="card"><p class="muted small">From #\(item.programHashtag)\(nuggetPost)</p><p>\(item.nugget.text)</p></section>
            \(form)
            \(last)
            \(HTML.when(!log.isEmpty, """
              <section class="card" aria-labelledby="history-title"><h2 id="history-title">History</h2>
              <p class="muted small">Stability is the days until recall would fall to 90%; difficulty runs from 1 to 10.</p>
              \(HTML.scrolling("""
                <table class="admin"><thead><tr><th scope="col">When</th><th scope="col">Answer</th><th scope="col">Rating</th>
                <th scope="col">Stability</th><th scope="col">Difficulty</th><th scope="col">Next</th></tr></thead><tbody>\(history)</tbody></table>
                """, label: "History"))</section>
              """))
            """)
        return HTMLPage(status: .ok, body: html).response()
    }
}
