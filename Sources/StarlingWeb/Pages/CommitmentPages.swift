import Foundation
import Hummingbird
import StarlingCore

/// Commitments and accountability partners in the web UI: a program's commitments (one's own,
/// one's partners', everyone's public ones), a commitment's history with check-ins, and the
/// facilitators' board with pairing.
struct CommitmentPages {
    let pages: WebPages
    var commitments: CommitmentService { pages.starling.commitments }

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/programs/:id/commitments") { request, context in try await programCommitments(request, context) }
        router.post("/programs/:id/commitments") { _, context in
            let form = context.form
            guard let every = Int(form.text("reminder_every_days").isEmpty ? "7" : form.text("reminder_every_days")) else {
                throw DomainError.invalid(field: "reminder_every_days", message: "Choose how often to be reminded.")
            }
            let commitment = try await commitments.commit(
                in: try WebPages.idParameter(context),
                .init(text: form.text("text"), dueOn: form.text("due_on"), isPrivate: form["private"] == "1", reminderEveryDays: every),
                by: try context.requireViewer(), at: pages.starling.clock.now())
            return pages.redirect(to: "/commitments/\(commitment.id)",
                                  notice: commitment.isPrivate ? "Your commitment is made; your partners and the facilitators see it."
                                                               : "Your commitment is posted in the program's commitments thread.")
        }
        router.get("/commitments/:id") { request, context in try await commitmentPage(request, context) }
        router.post("/commitments/:id/check-ins") { _, context in
            let id = try WebPages.idParameter(context)
            let state = Commitment.State(rawValue: context.form.text("state"))
            try await commitments.checkIn(id, text: context.form.text("text"), state: state == .open ? nil : state, by: try context.requireViewer(),
                                   at: pages.starling.clock.now())
            let notice = switch state { case .done: "Marked done. Well done!"; case .dropped: "Marked dropped."; default: "Your check-in is recorded." }
            return pages.redirect(to: "/commitments/\(id)", notice: notice)
        }
        router.get("/programs/:id/board") { request, context in try await boardPage(request, context) }
        router.post("/programs/:id/partners") { _, context in
            let viewer = try context.requireViewer()
            let id = try WebPages.idParameter(context)
            let form = context.form
            let weeks = Int(form.text("weeks")) ?? 2
            var groups: [[ID]]?
            if form["mode"] == "manual" {
                groups = try await form.text("groups").split(whereSeparator: \.isNewline).asyncMap { line in
                    try await line.split(whereSeparator: { $0 == " " || $0 == "," }).asyncMap { name in
                        let username = String(name.trimmingPrefix("@"))
                        guard let account = try await pages.starling.store.account(username: username) else {
                            throw DomainError.invalid(field: "groups", message: "Nobody here has the username @\(username).")
                        }
                        return account.id
                    }
                }.filter { !$0.isEmpty }
            }
            let round = try await pages.starling.partners.pair(in: id, groups: groups, weeks: weeks, recurring: form["recurring"] == "1", by: viewer,
                                                         at: pages.starling.clock.now())
            return pages.redirect(to: "/programs/\(id)/board", notice: "\(round.groups.count) groups of partners are made; each got a private thread.")
        }
    }

    // MARK: Pages

    private func programCommitments(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let program = try await pages.starling.programs.program(try WebPages.idParameter(context), viewer: viewer)
        let page = try await pages.pageContext(request, context)
        let all = try await commitments.commitments(in: program.id, viewer: viewer)
        let partners = try await commitments.partners(of: viewer, in: program.id)
        let partnerIDs = Set(partners.map(\.id))
        let membership = try await pages.starling.programs.membership(program.id, of: viewer)
        let authors = try await Dictionary(uniqueKeysWithValues: Set(all.map(\.authorID)).asyncCompactMap { id in try await pages.starling.store.account(id: id).map { (id, $0) } })
        func list(_ items: [Commitment], empty: String) -> HTML {
            items.isEmpty ? "<p class=\"card empty\">\(empty)</p>" : "<ul class=\"plain\">\(items.map { card($0, author: authors[$0.authorID], page: page) })</ul>"
        }
        let round = try await pages.starling.store.partnerRounds(programID: program.id).first
        let partnersBox: HTML = partners.isEmpty ? .empty : """
            <section class="card" aria-labelledby="partners-title"><h2 id="partners-title">Your accountability partners</h2>
            <p>\(EventPages.joined(partners.map { "<a href=\"/@\($0.username)\">\($0.name)</a>" as HTML }))\
            \(round.map { " · until \(TimeViews.format($0.endsAt, in: page.timeZone))" } ?? "")\
            \(round?.groups.firstIndex { $0.contains(viewer.id) }.flatMap { round?.threadPostIDs[$0] }.map { " · <a href=\"/posts/\($0)\">your private thread</a>" as HTML } ?? .empty)</p>
            <p class="muted small">You see each other's commitments, also the private ones, and hear when the other checks in.</p></section>
            """
        let suggestedDue = (pages.starling.clock.now() + 14 * 86_400).formatted(Date.ISO8601FormatStyle(timeZone: page.timeZone).year().month().day())
        let form: HTML = membership != nil && !program.isArchived ? """
            <section class="card form" aria-labelledby="commit-title"><h2 id="commit-title">Make a commitment</h2>
            <form method="post" action="/programs/\(program.id)/commitments">\(Layout.csrfField(context.csrfToken))
              <label for="commit-text">What will you do?</label>
              <textarea id="commit-text" name="text" required maxlength="\(Commitment.maxLength)" rows="3" placeholder="One concrete step you will take at work"></textarea>
              <label for="commit-due">By when?</label>
              <input type="date" id="commit-due" name="due_on" required value="\(suggestedDue)">
              <label for="commit-reminders">Remind me to check in</label>
              <select id="commit-reminders" name="reminder_every_days"><option value="3">every 3 days</option>
                <option value="7" selected>every week</option><option value="14">every 2 weeks</option></select>
              <label class="check"><input type="checkbox" name="private" value="1"> Private: only my partners and the facilitators see it</label>
              <div class="actions-row"><button class="button" type="submit">Commit</button></div>
            </form></section>
            """ : .empty
        let html = Layout.page("Commitments · \(program.title)", page, """
            \(try await ProgramPages.header(program, current: .commitments, viewer: viewer, pages: pages, context: context))
            <h2>Commitments</h2>
            <p class="muted">Say what you will do differently after the training, and by when. People encourage public commitments in the
              program's commitments thread; reminders help you check in.</p>
            \(partnersBox)
            \(form)
            <h3>Yours</h3>
            \(list(all.filter { $0.authorID == viewer.id }, empty: "You have made no commitment here yet."))
            \(HTML.when(!partners.isEmpty, "<h3>Your partners'</h3>\(list(all.filter { partnerIDs.contains($0.authorID) }, empty: "Your partners have made none yet."))"))
            <h3>Everyone's</h3>
            \(list(all.filter { $0.authorID != viewer.id && !partnerIDs.contains($0.authorID) }, empty: "No other commitments you can see yet."))
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    private func stateBadge(_ commitment: Commitment) -> HTML {
        if commitment.isOverdue(at: pages.starling.clock.now()) { return "<span class=\"badge-qa overdue\">Overdue</span>" }
        return switch commitment.state {
        case .open: "<span class=\"badge-qa open\">Open</span>"
        case .done: "<span class=\"badge-qa accepted\">Done</span>"
        case .dropped: "<span class=\"badge-qa\">Dropped</span>"
        }
    }

    private func card(_ commitment: Commitment, author: Account?, page: PageContext) -> HTML {
        """
        <li class="card commitment"><p class="muted small">\(stateBadge(commitment)) \(author.map { "<a href=\"/@\($0.username)\">\($0.name)</a>" as HTML })\
        · due \(CommitmentPages.dueDay(commitment, page))\(HTML.when(commitment.isPrivate, " · private"))</p>
        <p><a href="/commitments/\(commitment.id)">\(commitment.text)</a></p></li>
        """
    }

    /// The day a commitment is due by (its end is the next midnight).
    static func dueDay(_ commitment: Commitment, _ page: PageContext) -> String {
        (commitment.dueAt - 1).formatted(Date.FormatStyle(date: .abbreviated, time: .omitted, timeZone: page.timeZone))
    }

    private func commitmentPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let (commitment, history) = try await commitments.commitment(try WebPages.idParameter(context), viewer: viewer)
        let program = try await pages.starling.programs.program(commitment.programID, viewer: viewer)
        let page = try await pages.pageContext(request, context)
        let author = try await pages.starling.store.account(id: commitment.authorID)
        let steps = history.map { checkIn -> HTML in
            let change: HTML = switch checkIn.newState { case .done: " <span class=\"badge-qa accepted\">Done</span>"; case .dropped: " <span class=\"badge-qa\">Dropped</span>"; default: .empty }
            return """
                <li><time datetime="\(Layout.isoDate(checkIn.createdAt))">\(TimeViews.format(checkIn.createdAt, in: page.timeZone))</time>\(change)
                <p>\(checkIn.text)\(checkIn.postID.map { " <a class=\"small\" href=\"/posts/\($0)\">in the thread</a>" as HTML })</p></li>
                """
        }
        let canCheckIn = commitment.authorID == viewer.id && commitment.state == .open
        let html = Layout.page("Commitment", page, """
            <p><a href="/programs/\(program.id)/commitments">← Commitments in \(program.title)</a></p>
            <h1>\(author?.name ?? "Someone") commits to…</h1>
            <section class="card">
              <p class="lead">\(commitment.text)</p>
              <p class="muted small">\(stateBadge(commitment)) due \(Self.dueDay(commitment, page))\(HTML.when(commitment.isPrivate, " · private: the author, their partners and the facilitators see it"))\
              \(commitment.postID.map { " · <a href=\"/posts/\($0)\">encourage it in the commitments thread</a>" as HTML })</p>
              \(HTML.when(commitment.isOverdue(at: pages.starling.clock.now()) && commitment.authorID == viewer.id, "<p class=\"error\">Its due date has passed. Check in: is it done, or do you drop it?</p>"))
            </section>
            \(HTML.when(canCheckIn, """
              <section class="card form" aria-labelledby="checkin-title"><h2 id="checkin-title">Check in</h2>
              <form method="post" action="/commitments/\(commitment.id)/check-ins">\(Layout.csrfField(context.csrfToken))
                <label for="checkin-text">How is it going?</label>
                <textarea id="checkin-text" name="text" maxlength="\(Commitment.maxLength)" rows="3"></textarea>
                <fieldset class="plain-fieldset"><legend>State</legend>
                  <label class="check"><input type="radio" name="state" value="open" checked> Still on it</label>
                  <label class="check"><input type="radio" name="state" value="done"> Done</label>
                  <label class="check"><input type="radio" name="state" value="dropped"> Dropped</label></fieldset>
                <div class="actions-row"><button class="button" type="submit">Check in</button></div>
              </form></section>
              """))
            <section class="card" aria-labelledby="history-title"><h2 id="history-title">History</h2>
            <ol class="plain history"><li><time datetime="\(Layout.isoDate(commitment.createdAt))">\(TimeViews.format(commitment.createdAt, in: page.timeZone))</time> Committed</li>\(steps)</ol></section>
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    private func boardPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let program = try await pages.starling.programs.program(try WebPages.idParameter(context), viewer: viewer)
        let now = pages.starling.clock.now()
        let rows = try await commitments.board(of: program.id, viewer: viewer, now: now)
        let page = try await pages.pageContext(request, context)
        let rounds = try await pages.starling.partners.rounds(in: program.id, viewer: viewer)
        let facilitates = try await pages.starling.programs.facilitates(program.id, viewer)
        func date(_ value: Date?) -> HTML {
            value.map { "<time datetime=\"\(Layout.isoDate($0))\">\(Layout.age($0))</time>" } ?? "<span class=\"muted\">never</span>"
        }
        let lines = rows.map { row -> HTML in
            let open = row.commitments.filter { $0.state == .open }.count, done = row.commitments.filter { $0.state == .done }.count
            let overdue = row.commitments.filter { $0.isOverdue(at: now) }.count
            return """
                <tr\(HTML.when(row.isQuiet, " class=\"quiet\""))><th scope="row"><a href="/@\(row.learner.username)">\(row.learner.name)</a>\
                \(HTML.when(row.isQuiet, " <span class=\"badge-qa open\">quiet 2 weeks</span>"))</th>
                <td>\(open) open · \(done) done\(HTML.when(overdue > 0, " · <strong class=\"overdue\">\(overdue) overdue</strong>"))</td>
                <td>\(date(row.lastCheckIn))</td><td>\(row.partners.map(\.name).joined(separator: ", "))</td>
                <td>\(date(row.lastActive))</td><td>\(row.checkBack ?? "")</td></tr>
                """
        }
        let pairing: HTML = facilitates && !program.isArchived ? """
            <section class="card form" aria-labelledby="pair-title"><h2 id="pair-title">Pair learners as accountability partners</h2>
            <form method="post" action="/programs/\(program.id)/partners">\(Layout.csrfField(context.csrfToken))
              <fieldset class="plain-fieldset"><legend>How</legend>
                <label class="check"><input type="radio" name="mode" value="random" checked> At random, in pairs (a trio when the count is odd), avoiding earlier pairs</label>
                <label class="check"><input type="radio" name="mode" value="manual"> By hand, one group per line</label></fieldset>
              <label for="pair-groups">Groups by hand (usernames, two or three per line)</label>
              <textarea id="pair-groups" name="groups" rows="3" placeholder="grace dev&#10;kemi liam olivia"></textarea>
              <label for="pair-weeks">A round lasts</label>
              <select id="pair-weeks" name="weeks"><option value="1">1 week</option><option value="2" selected>2 weeks</option><option value="4">4 weeks</option></select>
              <label class="check"><input type="checkbox" name="recurring" value="1"> Pair again at random when each round ends</label>
              <div class="actions-row"><button class="button" type="submit">Make the pairs</button></div>
            </form></section>
            """ : .empty
        let history = await rounds.prefix(5).asyncMap { round -> HTML in
            let names = await round.groups.asyncMap { group in
                await group.asyncCompactMap { id in
                    if let row = rows.first(where: { $0.learner.id == id }) { return row.learner.name }
                    return (try? await pages.starling.store.account(id: id))??.name
                }.joined(separator: " & ")
            }
            return "<li>\(TimeViews.format(round.startedAt, in: page.timeZone)) to \(TimeViews.format(round.endsAt, in: page.timeZone))\(round.recurEveryWeeks == nil ? "" : " (recurring)"): \(names.joined(separator: "; "))</li>"
        }
        let html = Layout.page("Board · \(program.title)", page, """
            \(try await ProgramPages.header(program, current: .board, viewer: viewer, pages: pages, context: context))
            <h2>Facilitators' board</h2>
            <p class="muted">Each learner's commitments, their last check-in, partners and latest activity in the program; learners with nothing
              in the program for two weeks are marked quiet. The last column is their answer to the current round's check-back.</p>
            \(HTML.scrolling("""
              <table class="admin board"><thead><tr><th scope="col">Learner</th><th scope="col">Commitments</th>
              <th scope="col">Last check-in</th><th scope="col">Partners</th><th scope="col">Last active</th><th scope="col">Met?</th></tr></thead>
              <tbody>\(lines)</tbody></table>
              """, label: "Facilitators' board", class: "card"))
            \(rows.isEmpty ? "<p class=\"card empty\">No learners in the program yet.</p>" as HTML : .empty)
            \(pairing)
            \(HTML.when(!history.isEmpty, "<section class=\"card\"><h2>Rounds</h2><ul>\(history)</ul></section>"))
            """)
        return HTMLPage(status: .ok, body: html).response()
    }
}
