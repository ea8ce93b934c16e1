import Foundation
import Hummingbird
import StarlingCore

/// Reinforcement plans in the web UI, for a program's facilitators: the list, the plan editor with
/// its schedule preview (the day each nugget goes out), and the forms to write and order nuggets.
struct ReinforcementPages {
    let pages: WebPages
    var reinforcement: ReinforcementService { pages.starling.reinforcement }

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/programs/:id/plans") { request, context in try await plansPage(request, context) }
        router.post("/programs/:id/plans") { _, context in
            let plan = try await reinforcement.createPlan(in: try WebPages.idParameter(context), try Self.planDraft(context.form), by: try context.requireViewer(),
                                                    at: pages.starling.clock.now())
            return pages.redirect(to: "/plans/\(plan.id)", notice: "The plan is made. Add its nuggets below; each goes out on its day.")
        }
        router.get("/plans/:id") { request, context in try await planPage(request, context) }
        router.post("/plans/:id") { _, context in
            let plan = try await reinforcement.updatePlan(try WebPages.idParameter(context), try Self.planDraft(context.form), by: try context.requireViewer(),
                                                    at: pages.starling.clock.now())
            return pages.redirect(to: "/plans/\(plan.id)", notice: "The schedule is saved; released nuggets stay as they were posted.")
        }
        router.post("/plans/:id/pause") { _, context in
            let paused = context.form["paused"] != "0"
            let plan = try await reinforcement.setPaused(try WebPages.idParameter(context), paused, by: try context.requireViewer(), at: pages.starling.clock.now())
            return pages.redirect(to: "/plans/\(plan.id)", notice: paused ? "The plan is paused: nothing is released until you resume it."
                                                                            : "The plan is running again from its next release day.")
        }
        router.post("/plans/:id/nuggets") { _, context in
            let id = try WebPages.idParameter(context)
            try await reinforcement.addNugget(to: id, try Self.nuggetDraft(context.form), by: try context.requireViewer(), at: pages.starling.clock.now())
            return pages.redirect(to: "/plans/\(id)#schedule", notice: "The nugget is added at the end of the plan.")
        }
        router.get("/nuggets/:id/edit") { request, context in try await nuggetPage(request, context) }
        router.post("/nuggets/:id") { _, context in
            let viewer = try context.requireViewer()
            let id = try WebPages.idParameter(context)
            var draft = try Self.nuggetDraft(context.form)
            if draft.upload == nil, context.form["remove_image"] != "1" {
                draft.mediaID = try await pages.starling.store.nugget(id: id)?.mediaID
            }
            let nugget = try await reinforcement.updateNugget(id, draft, by: viewer, at: pages.starling.clock.now())
            return pages.redirect(to: "/plans/\(nugget.planID)#nugget-\(nugget.id)", notice: "The nugget is saved.")
        }
        router.post("/nuggets/:id/delete") { _, context in
            let id = try WebPages.idParameter(context)
            let planID = try await pages.starling.store.nugget(id: id)?.planID
            try await reinforcement.deleteNugget(id, by: try context.requireViewer(), at: pages.starling.clock.now())
            return pages.redirect(to: "/plans/\(planID.map(\.description) ?? "")#schedule", notice: "The nugget is deleted.")
        }
        router.post("/nuggets/:id/move") { _, context in
            let id = try WebPages.idParameter(context)
            try await reinforcement.moveNugget(id, by: context.form["direction"] == "up" ? -1 : 1, by: try context.requireViewer(), at: pages.starling.clock.now())
            let planID = try await pages.starling.store.nugget(id: id)?.planID
            return Response.redirect(to: "/plans/\(planID.map(\.description) ?? "")#nugget-\(id)")
        }
    }

    // MARK: Forms read

    static func planDraft(_ form: FormData) throws -> ReinforcementService.PlanDraft {
        func number(_ name: String, _ label: String) throws -> Int {
            guard let value = Int(form.text(name).trimmingCharacters(in: .whitespaces)) else {
                throw DomainError.invalid(field: name, message: "\(label) is a whole number.")
            }
            return value
        }
        guard let retention = Double(form.text("desired_retention").isEmpty ? "0.9" : form.text("desired_retention")) else {
            throw DomainError.invalid(field: "desired_retention", message: "Desired retention is a number like 0.9.")
        }
        return .init(title: form.text("title"), startDay: form.text("start_day"), releaseTime: form.text("release_time"),
                     everyDays: try number("every_days", "Every how many days"), weekdays: Set(form.values("weekdays").compactMap { Int($0) }),
                     horizonDays: try number("horizon_days", "The horizon"), timeZone: form.text("time_zone"), desiredRetention: retention)
    }

    /// A nugget from its form: text, link, an image with alt text, and a check whose option rows are
    /// `option0` ... `option3` with `right` naming the right ones (empty rows are dropped).
    static func nuggetDraft(_ form: FormData) throws -> ReinforcementService.NuggetDraft {
        let question = form.text("check_question").trimmingCharacters(in: .whitespacesAndNewlines)
        let options = (0..<RecallCheck.optionCount.upperBound).map { form.text("option\($0)") }
        let check = question.isEmpty && options.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty })
            ? nil
            : RecallCheck(question: question, options: options, correct: Set(form.values("right").compactMap { Int($0) }),
                          explanation: form.text("check_explanation"))
        let upload = form.files["image"].flatMap { $0.bytes.isEmpty ? nil : (bytes: $0.bytes, alt: form.text("image_alt")) }
        return .init(text: form.text("text"), link: form.text("link"), upload: upload, check: check)
    }

    // MARK: Pages

    private func plansPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let program = try await pages.starling.programs.program(try WebPages.idParameter(context), viewer: viewer)
        let plans = try await reinforcement.plans(in: program.id, viewer: viewer)
        let page = try await pages.pageContext(request, context)
        let facilitates = try await pages.starling.programs.facilitates(program.id, viewer)
        let items = try await plans.asyncMap { plan -> HTML in
            let view = try await reinforcement.plan(plan.id, viewer: viewer, now: pages.starling.clock.now())
            let released = view.nuggets.filter(\.isReleased).count
            let next = view.upcoming.values.compactMap { $0 }.min()
            return """
                <li class="card"><h3><a href="/plans/\(plan.id)">\(plan.title)</a></h3>
                <p class="muted small">\(plan.isPaused ? "Paused" : "Running") · \(released) of \(view.nuggets.count) nuggets released\
                \(next.map { " · next \(TimeViews.format($0, in: page.timeZone))" } ?? "")</p></li>
                """
        }
        let html = Layout.page("Reinforcement · \(program.title)", page, """
            \(try await ProgramPages.header(program, current: .reinforcement, viewer: viewer, pages: pages, context: context))
            <h2>Reinforcement plans</h2>
            <p class="muted">After the training, a plan releases short learning nuggets into the program's stream on a schedule, and each learner
              reviews the nuggets' recall checks on their own adaptive schedule until they master them.</p>
            \(items.isEmpty ? "<p class=\"card empty\">No plan yet.\(facilitates ? " Make the first one below." : "")</p>" as HTML : "<ul class=\"plain\">\(items)</ul>")
            \(HTML.when(facilitates && !program.isArchived, """
              <section class="card form" aria-labelledby="new-plan"><h2 id="new-plan">New plan</h2>
              <form method="post" action="/programs/\(program.id)/plans">\(Layout.csrfField(context.csrfToken))
                \(planFields(nil, page))
                <div class="actions-row"><button class="button" type="submit">Make the plan</button></div>
              </form></section>
              """))
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    /// The plan's fields, filled from `plan` (or defaults: starting today, every 2 days at 09:00, for 90 days).
    private func planFields(_ plan: ReinforcementPlan?, _ page: PageContext) -> HTML {
        let cadence = plan?.cadence
        let start = cadence.map { String(format: "%04d-%02d-%02d", $0.startDay.year ?? 0, $0.startDay.month ?? 0, $0.startDay.day ?? 0) }
            ?? pages.starling.clock.now().formatted(Date.ISO8601FormatStyle(timeZone: page.timeZone).year().month().day())
        let time = cadence.map { String(format: "%02d:%02d", $0.minuteOfDay / 60, $0.minuteOfDay % 60) } ?? "09:00"
        let zone = cadence?.zoneName ?? pages.settings.timeZone
        let names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        let weekdays = names.enumerated().map { index, name -> HTML in
            "<label class=\"check\"><input type=\"checkbox\" name=\"weekdays\" value=\"\(index + 1)\"\(HTML.when(cadence?.weekdays.contains(index + 1) == true, " checked"))> \(name)</label>"
        }
        return """
            <label for="plan-title">Title</label>
            <input type="text" id="plan-title" name="title" maxlength="100" required value="\(plan?.title ?? "After the training")">
            <label for="plan-start">Start (the first release day, for example the last day of the training)</label>
            <input type="date" id="plan-start" name="start_day" required value="\(start)">
            <label for="plan-time">Release time</label>
            <input type="time" id="plan-time" name="release_time" required value="\(time)">
            <label for="plan-zone">Time zone</label>
            \(TimeViews.zoneSelect(id: "plan-zone", name: "time_zone", selected: zone, suggested: [pages.settings.timeZone, page.timeZone.identifier]))
            <label for="plan-every">Release one nugget every … days</label>
            <input type="number" id="plan-every" name="every_days" min="1" max="\(ReleaseCadence.everyDaysRange.upperBound)" required value="\(cadence?.everyDays ?? 2)">
            <fieldset class="plain-fieldset weekdays"><legend>Only on these weekdays (none ticked: any day)</legend>\(weekdays)</fieldset>
            <label for="plan-horizon">Horizon: days after the start when nothing more is sent</label>
            <input type="number" id="plan-horizon" name="horizon_days" min="1" max="\(ReinforcementPlan.horizonRange.upperBound)" required value="\(plan?.horizonDays ?? 90)">
            <label for="plan-retention">Desired retention (the recall each review aims for)</label>
            <input type="number" id="plan-retention" name="desired_retention" min="0.7" max="0.97" step="0.01" required value="\(String(format: "%.2f", plan?.desiredRetention ?? 0.9))">
            <p class="hint">0.90 brings each check back when a learner would still recall it nine times in ten.</p>
            """
    }

    private func planPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let view = try await reinforcement.plan(try WebPages.idParameter(context), viewer: viewer, now: pages.starling.clock.now())
        let plan = view.plan
        let program = try await pages.starling.programs.program(plan.programID, viewer: viewer)
        let page = try await pages.pageContext(request, context)
        let editable = try await pages.starling.programs.facilitates(program.id, viewer) && !program.isArchived
        let states = try await pages.starling.store.reviewStates(planID: plan.id)
        let learners = Set(states.map(\.accountID)).count
        let schedule = view.nuggets.enumerated().map { index, nugget in
            nuggetCard(nugget, number: index + 1, upcoming: view.upcoming[nugget.id], editable: editable, isFirst: index == 0,
                       isLast: index == view.nuggets.count - 1, context: context, page: page)
        }
        let html = Layout.page("\(plan.title) · \(program.title)", page, """
            \(try await ProgramPages.header(program, current: .reinforcement, viewer: viewer, pages: pages, context: context))
            <section class="card" aria-labelledby="plan-title-heading">
              <h2 id="plan-title-heading">\(plan.title)</h2>
              <p class="muted small">\(plan.isPaused ? "Paused" : "Running") · \(cadenceText(plan)) · until \(TimeViews.format(plan.endsAt, in: page.timeZone))</p>
              <p class="stats"><span><strong>\(view.nuggets.filter(\.isReleased).count)</strong> of \(view.nuggets.count) released</span>
                <span><strong>\(learners)</strong> learners reviewing</span>
                <span><strong>\(states.reduce(0) { $0 + $1.reviews })</strong> reviews answered</span>
                <span><strong>\(states.filter(\.isMastered).count)</strong> checks mastered</span></p>
              \(HTML.when(editable, """
                <form method="post" action="/plans/\(plan.id)/pause">\(Layout.csrfField(context.csrfToken))
                  <input type="hidden" name="paused" value="\(plan.isPaused ? "0" : "1")">
                  <button class="button secondary" type="submit">\(plan.isPaused ? "Resume the plan" : "Pause the plan")</button></form>
                <details><summary>Change the schedule</summary>
                  <form method="post" action="/plans/\(plan.id)" class="form">\(Layout.csrfField(context.csrfToken))
                    \(planFields(plan, page))
                    <div class="actions-row"><button class="button" type="submit">Save the schedule</button></div>
                  </form></details>
                """))
            </section>
            <h2 id="schedule">Schedule</h2>
            \(schedule.isEmpty ? "<p class=\"card empty\">No nuggets yet.</p>" as HTML : "<ol class=\"plain\">\(schedule)</ol>")
            \(HTML.when(editable, """
              <section class="card form" aria-labelledby="new-nugget"><h2 id="new-nugget">Add a nugget</h2>
              <form method="post" action="/plans/\(plan.id)/nuggets" enctype="multipart/form-data">\(Layout.csrfField(context.csrfToken))
                \(nuggetFields(nil))
                <div class="actions-row"><button class="button" type="submit">Add the nugget</button></div>
              </form></section>
              """))
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    private func cadenceText(_ plan: ReinforcementPlan) -> String {
        let cadence = plan.cadence
        let every = cadence.everyDays == 1 ? "every day" : "every \(cadence.everyDays) days"
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let days = cadence.weekdays.isEmpty ? "" : " on " + cadence.weekdays.sorted().map { names[$0 - 1] }.joined(separator: ", ")
        return "\(every)\(days) at \(String(format: "%02d:%02d", cadence.minuteOfDay / 60, cadence.minuteOfDay % 60)) \(cadence.zoneName)"
    }

    private func nuggetCard(_ nugget: Nugget, number: Int, upcoming: Date??, editable: Bool, isFirst: Bool, isLast: Bool,
                            context: WebContext, page: PageContext) -> HTML {
        let when: HTML
        if let release = nugget.release {
            let link: HTML = release.postID.map { " · <a href=\"/posts/\($0)\">see it in the stream</a>" } ?? .empty
            when = "<span class=\"badge-qa accepted\">Released</span> \(TimeViews.format(release.releasedAt, in: page.timeZone))\(link)"
        } else if let at = upcoming ?? nil {
            when = "Goes out <time datetime=\"\(Layout.isoDate(at))\">\(TimeViews.format(at, in: page.timeZone))</time>"
        } else {
            when = "<span class=\"badge-qa open\">Not released: the horizon leaves no day for it</span>"
        }
        let check: HTML = nugget.check.map { check in
            """
            <div class="recall-check"><p><strong>Recall check:</strong> \(check.question)</p>
            <ul>\(check.options.enumerated().map { index, option -> HTML in
                "<li>\(option)\(HTML.when(check.correct.contains(index), " <span class=\"right-mark\">✓ right</span>"))</li>"
            })</ul>
            \(HTML.when(!check.explanation.isEmpty, "<p class=\"muted small\">\(check.explanation)</p>"))</div>
            """
        } ?? .empty
        let csrf = Layout.csrfField(context.csrfToken)
        let controls: HTML = editable ? """
            <div class="compose-row">
              <a class="button secondary" href="/nuggets/\(nugget.id)/edit">Edit</a>
              \(HTML.when(!isFirst, "<form method=\"post\" action=\"/nuggets/\(nugget.id)/move\">\(csrf)<input type=\"hidden\" name=\"direction\" value=\"up\"><button class=\"button secondary\" type=\"submit\" aria-label=\"Move nugget \(number) earlier\">↑ Earlier</button></form>"))
              \(HTML.when(!isLast, "<form method=\"post\" action=\"/nuggets/\(nugget.id)/move\">\(csrf)<input type=\"hidden\" name=\"direction\" value=\"down\"><button class=\"button secondary\" type=\"submit\" aria-label=\"Move nugget \(number) later\">↓ Later</button></form>"))
              \(HTML.when(!nugget.isReleased, "<form method=\"post\" action=\"/nuggets/\(nugget.id)/delete\" data-confirm=\"Delete this nugget?\">\(csrf)<button class=\"button secondary\" type=\"submit\">Delete</button></form>"))
            </div>
            """ : .empty
        return """
            <li class="card nugget" id="nugget-\(nugget.id)"><p class="muted small">Nugget \(number) · \(when)</p>
            <p>\(nugget.text)</p>
            \(nugget.link.map { "<p><a href=\"\($0)\" rel=\"nofollow noopener\">\($0)</a></p>" as HTML })
            \(nugget.mediaID.map { "<p class=\"muted small\">With an image (id \($0)).</p>" as HTML })
            \(check)
            \(controls)
            </li>
            """
    }

    /// A nugget's fields: text, link, image and alt text, and a recall check of up to four options.
    private func nuggetFields(_ nugget: Nugget?) -> HTML {
        let check = nugget?.check
        let rows = (0..<RecallCheck.optionCount.upperBound).map { index -> HTML in
            let option = check.flatMap { $0.options.indices.contains(index) ? $0.options[index] : nil } ?? ""
            return """
                <div class="compose-row option-row"><label class="visually-hidden" for="option\(index)">Option \(index + 1)</label>
                <input type="text" class="grow" id="option\(index)" name="option\(index)" maxlength="\(RecallCheck.maxOptionLength)" value="\(option)" placeholder="Option \(index + 1)">
                <label class="check"><input type="checkbox" name="right" value="\(index)"\(HTML.when(check?.correct.contains(index) == true, " checked"))> right</label></div>
                """
        }
        return """
            <label for="nugget-text">Text</label>
            <textarea id="nugget-text" name="text" required data-max="\(pages.settings.maxPostLength)" rows="4">\(nugget?.text ?? "")</textarea>
            <p class="hint">Posted with the program's hashtag, as you, on its day.</p>
            <label for="nugget-link">Link (optional)</label>
            <input type="text" id="nugget-link" name="link" inputmode="url" value="\(nugget?.link ?? "")" placeholder="https://">
            <label for="nugget-image">Image (optional)</label>
            <input type="file" id="nugget-image" name="image" accept="image/png,image/jpeg,image/gif,image/webp">
            <label for="nugget-alt">Describe the image for people who cannot see it</label>
            <input type="text" id="nugget-alt" name="image_alt" maxlength="1500">
            \(HTML.when(nugget?.mediaID != nil, "<label class=\"check\"><input type=\"checkbox\" name=\"remove_image\" value=\"1\"> Remove its image</label>"))
            <fieldset class="plain-fieldset"><legend>Recall check (optional): a question with 2 to 4 options, at least one right</legend>
              <label for="check-question">Question</label>
              <input type="text" id="check-question" name="check_question" maxlength="\(RecallCheck.maxQuestionLength)" value="\(check?.question ?? "")">
              \(rows)
              <label for="check-explanation">Explanation, shown after answering</label>
              <textarea id="check-explanation" name="check_explanation" maxlength="\(RecallCheck.maxExplanationLength)" rows="2">\(check?.explanation ?? "")</textarea>
            </fieldset>
            """
    }

    private func nuggetPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        guard let nugget = try await pages.starling.store.nugget(id: try WebPages.idParameter(context)) else { throw DomainError.notFound }
        let view = try await reinforcement.plan(nugget.planID, viewer: viewer)
        guard try await pages.starling.programs.facilitates(view.plan.programID, viewer) else {
            throw DomainError.forbidden("Only the program's facilitators edit its nuggets.")
        }
        let page = try await pages.pageContext(request, context)
        let html = Layout.page("Edit a nugget", page, """
            <p><a href="/plans/\(view.plan.id)">← \(view.plan.title)</a></p>
            <h1>Edit a nugget</h1>
            \(HTML.when(nugget.isReleased, "<p class=\"notice\">This nugget was released: its post stays as it was. Changes apply to reviews from now on; the options of its check stay.</p>"))
            <section class="card form"><form method="post" action="/nuggets/\(nugget.id)" enctype="multipart/form-data">\(Layout.csrfField(context.csrfToken))
              \(nuggetFields(nugget))
              <div class="actions-row"><button class="button" type="submit">Save</button><a href="/plans/\(view.plan.id)">Cancel</a></div>
            </form></section>
            """)
        return HTMLPage(status: .ok, body: html).response()
    }
}
