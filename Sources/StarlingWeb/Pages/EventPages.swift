import Foundation
import Hummingbird
import StarlingCore

/// Live events in the web UI: a program's (and the organization's) events with the form to create
/// one, an event's page with its occurrences and RSVP, and calendar files to import.
struct EventPages {
    let pages: WebPages
    var events: EventService { pages.starling.liveEvents }

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/events") { request, context in try await listPage(request, context, programID: nil) }
        router.post("/events/calendar-link") { request, context in
            let token = try await events.newCalendarToken(for: try context.requireViewer())
            return try await listPage(request, context, programID: nil, calendarLink: "\(pages.settings.baseURL)/calendar/\(token).ics")
        }
        // For calendar apps: the secret link is the credential (no session).
        router.get("/calendar/{token}.ics") { _, context in
            let owner = try await events.calendarOwner(token: context.parameters.get("token") ?? "")
            return await calendar(try events.calendar(of: owner), name: "Starling events")
        }
        router.get("/programs/:id/events") { request, context in
            try await listPage(request, context, programID: try WebPages.idParameter(context))
        }
        router.post("/events") { request, context in
            let host = try context.requireViewer()
            let form = context.form
            if form["add_rows"] != nil { throw RejectedForm.sentBack(request, form) } // "add more rows", without JavaScript
            let zone = form.text("time_zone").trimmingCharacters(in: .whitespaces)
            guard let kind = Event.Kind(rawValue: form.text("kind")), let recurrence = Event.Recurrence(rawValue: form.text("recurrence")) else {
                throw DomainError.invalid(field: "kind", message: "Choose the kind of event and how often it comes back.")
            }
            guard TimeZones.isKnown(zone) else { throw DomainError.invalid(field: "time_zone", message: "Choose a time zone from the list.") }
            guard let startsAt = Self.localDate(form.text("starts_at"), zone: zone) else {
                throw DomainError.invalid(field: "starts_at", message: "Give the date and the time it starts.")
            }
            let script = kind == .tweetchat ? try Self.script(minutes: form.values("question_minute"), texts: form.values("question_text")) : nil
            let event = try await events.create(.init(kind: kind, title: form.text("title"), hashtag: form["hashtag"], programID: try form.id("program_id"),
                                                startsAt: startsAt, timeZone: zone, duration: (Double(form.text("duration")) ?? 60) * 60,
                                                recurrence: recurrence, reminderLead: (Double(form.text("reminder")) ?? 30) * 60,
                                                requiresApproval: form["requires_approval"] == "1", script: script,
                                                openToOutside: form["open_to_outside"] == "1"),
                                          by: host, now: pages.starling.clock.now())
            let questions = script?.questions.count ?? 0
            return pages.redirect(to: "/events/\(event.id)", notice: "“\(event.title)” is planned" + (questions == 0 ? "." : ", with \(questions) question\(questions == 1 ? "" : "s") in its script."))
        }
        router.get("/events/:id") { request, context in try await eventPage(request, context) }
        router.post("/events/:id/expert-invitations") { request, context in
            let invitation = try await events.inviteExpert(try WebPages.idParameter(context), by: try context.requireViewer(), now: pages.starling.clock.now())
            return try await eventPage(request, context, expertLink: pages.starling.accounts.invitationURL(invitation))
        }
        router.post("/events/:id/experts") { _, context in
            let id = try WebPages.idParameter(context)
            let expert = try await pages.namedAccount(context.form)
            try await events.addExpert(id, expert, by: try context.requireViewer())
            return pages.redirect(to: "/events/\(id)", notice: "\(expert.name) answers questions in this session now.")
        }
        // Actions on an occurrence, each back to its event's page (or its live page) with a notice of what it did.
        let actions: [(String, @Sendable (ID, Account, FormData) async throws -> String)] = [
            ("rsvp", { id, person, form in
                try await events.rsvp(id, by: person, form["on"] != "0", now: pages.starling.clock.now())
                return form["on"] != "0" ? "You are counted in; you will be reminded before it starts." : "You are no longer counted in."
            }),
            ("release-next", { id, host, _ in
                "Q\(try await events.releaseNext(id, by: host, now: pages.starling.clock.now()).number) is out."
            }),
            ("hold", { id, host, form in
                try await events.hold(id, form["on"] != "0", by: host, now: pages.starling.clock.now())
                return form["on"] != "0" ? "The questions wait until you release them or resume." : "The questions go out at their times again."
            }),
            ("start", { id, host, _ in try await events.startNow(id, by: host, now: pages.starling.clock.now()); return "It has started." }),
            ("end", { id, host, _ in try await events.endNow(id, by: host, now: pages.starling.clock.now()); return "It has ended." }),
        ]
        for (name, act) in actions {
            router.post(RouterPath("/occurrences/:id/\(name)")) { _, context in
                let viewer = try context.requireViewer()
                let id = try WebPages.idParameter(context)
                let notice = try await act(id, viewer, context.form)
                let back = context.form["back"] == "live" ? "/occurrences/\(id)/live" : "/events/\(try await events.occurrence(id, viewer: viewer).eventID)"
                return pages.redirect(to: back, notice: notice)
            }
        }
        router.post("/events/:id/outside") { _, context in
            let on = context.form["on"] != "0"
            let event = try await events.setOpenToOutside(try WebPages.idParameter(context), on, by: try context.requireViewer())
            return pages.redirect(to: "/events/\(event.id)", notice: on
                ? "It is open to the outside: its questions are public, and public posts on #\(event.hashtag) from other servers take part."
                : "It is for the organization only again.")
        }
        router.post("/events/:id/script") { _, context in
            let host = try context.requireViewer()
            let id = try WebPages.idParameter(context)
            let saved = try await events.setScript(id, try Self.script(welcome: context.form.text("welcome"), lines: context.form.text("questions")),
                                             by: host, now: pages.starling.clock.now())
            let count = saved.questions.count
            return pages.redirect(to: "/events/\(id)", notice: "The script was saved: \(count) question\(count == 1 ? "" : "s").")
        }
        router.get("/occurrences/:id/transcript") { request, context in
            let viewer = try context.requireViewer()
            let id = try WebPages.idParameter(context)
            let occurrence = try await events.occurrence(id, viewer: viewer)
            let event = try await events.event(occurrence.eventID, viewer: viewer)
            let transcript = try await events.transcript(id, viewer: viewer)
            let html = Layout.page("Transcript · \(event.title)", try await pages.pageContext(request, context), """
                <article class="card knowledge">
                  <h1>\(event.title): transcript</h1>
                  <p class="muted small"><a href="/events/\(event.id)">The event</a>
                  \(transcript.pageID.map { " · <a href=\"/knowledge/\($0)\">in the knowledge base</a> (hosts can edit it there)" as HTML })
                  · download as <a href="/occurrences/\(id)/transcript.md" download>Markdown</a>
                  or <a href="/occurrences/\(id)/transcript.html" download>HTML</a></p>
                  \(Markdown.html(transcript.markdown))
                </article>
                """)
            return HTMLPage(status: .ok, body: html).response()
        }
        // Downloads: the Markdown as kept, or one HTML file.
        let downloads: [(String, String, @Sendable (String, Event) -> [UInt8])] = [
            ("md", "text/markdown; charset=utf-8", { markdown, _ in Array(markdown.utf8) }),
            ("html", "text/html; charset=utf-8", { markdown, event in
                StandaloneDocument.bytes(title: "\(event.title): transcript", body: Markdown.html(markdown)) }),
        ]
        for (format, type, write) in downloads {
            router.get(RouterPath("/occurrences/:id/transcript.\(format)")) { _, context in
                let viewer = try context.requireViewer()
                let id = try WebPages.idParameter(context)
                let transcript = try await events.transcript(id, viewer: viewer)
                let event = try await events.event(try events.occurrence(id, viewer: viewer).eventID, viewer: viewer)
                return Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"transcript.\(format)\""],
                                body: .init(byteBuffer: ByteBuffer(bytes: write(transcript.markdown, event))))
            }
        }
        router.get("/events/:id/calendar.ics") { _, context in
            let event = try await events.event(try WebPages.idParameter(context), viewer: try context.requireViewer())
            return calendar([event], name: event.title)
        }
        router.get("/programs/:id/calendar.ics") { _, context in
            let viewer = try context.requireViewer()
            let program = try await pages.starling.programs.program(try WebPages.idParameter(context), viewer: viewer)
            return await calendar(try events.events(programID: program.id, viewer: viewer), name: program.title)
        }
    }

    private func calendar(_ list: [Event], name: String) -> Response {
        let text = ICalendar.calendar(list, baseURL: pages.settings.baseURL, name: name, now: Date())
        return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"starling-events.ics\""],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A program's events, or (nil) every event the person can see (the organization's and their programs')
    /// with their calendar link; `calendarLink` is one just made. Coming events first, by their next occurrence.
    private func listPage(_ request: Request, _ context: WebContext, programID: ID?, calendarLink: String? = nil) async throws -> Response {
        let viewer = try context.requireViewer()
        let page = try await pages.pageContext(request, context)
        let program = try await programID.asyncMap { try await pages.starling.programs.program($0, viewer: viewer) }
        let list = if let programID { try await events.events(programID: programID, viewer: viewer) } else { try await events.visibleEvents(viewer: viewer) }
        let programTitles = programID == nil
            ? Dictionary(try await pages.starling.programs.programs(viewer: viewer).map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a }) : [:]
        let canCreate = try await program.asyncMap { try await pages.starling.programs.facilitates($0.id, viewer) } ?? viewer.role.canModerate
        let dated = try await list.asyncMap { ($0, try await events.nextOccurrence(of: $0.id)) }
        let coming = dated.filter { $0.1 != nil }.sorted { $0.1!.startsAt < $1.1!.startsAt }
        let over = dated.filter { $0.1 == nil }.sorted { $0.0.startsAt > $1.0.startsAt }
        let items = (coming + over).map { event, next -> HTML in
            let when: HTML = next.map { next in
                next.startedAt != nil ? "<strong>live now</strong>" : "next \(TimeViews.eventTime(next.startsAt, eventZone: event.timeZone, page))"
            } ?? "over"
            let owner: HTML = event.programID.flatMap { programTitles[$0] }.map { " · in \($0)" } ?? .empty
            return """
                <li class="card program-item"><h2><a href="/events/\(event.id)">\(event.title)</a></h2>
                <p class="muted small">\(Self.kindLabel(event.kind)) on #\(event.hashtag)\(owner) · \(when)\(HTML.when(event.recurrence != .none,
                  " · \(Self.recurrenceLabel(event.recurrence).lowercased())"))</p></li>
                """
        }
        let title = program.map { "\($0.title): events" } ?? "Events"
        let empty: HTML = canCreate ? "No events yet. Plan one above: a tweetchat or an ask-the-expert session."
            : "No events yet. Facilitators and moderators plan tweetchats and ask-the-expert sessions; they will be listed here."
        let federating = try await pages.starling.federation.mode() != .off
        let header = try await program.asyncMap { try await ProgramPages.header($0, current: .events, viewer: viewer, pages: pages, context: context) } ?? "<h1>\(title)</h1>"
        let html = Layout.page(title, page, """
            \(header)
            \(HTML.when(canCreate, createForm(programID: programID, federating: federating, context: context)))
            \(list.isEmpty ? "<p class=\"card empty\">\(empty)</p>" as HTML : "<ul class=\"plain\">\(items)</ul>")
            <p class="small"><a href="\(program.map { "/programs/\($0.id)/events" } ?? "/events")/calendar">Calendar view</a>\(program.map {
                " · <a href=\"/programs/\($0.id)/calendar.ics\" download>Add these events to your calendar (.ics)</a>" as HTML })</p>
            \(HTML.when(program == nil, Self.calendarLinkForm(calendarLink, context: context)))
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    /// `expertLink` is a guest expert invitation just made.
    private func eventPage(_ request: Request, _ context: WebContext, expertLink: String? = nil) async throws -> Response {
        let viewer = try context.requireViewer()
        let page = try await pages.pageContext(request, context)
        let event = try await events.event(try WebPages.idParameter(context), viewer: viewer)
        if let programID = event.programID { pages.starling.activity.record(viewer.id, in: programID) }
        let occurrences = try await events.occurrences(of: event.id)
        let upcoming = occurrences.filter { $0.endedAt == nil }
        let hosting = try await events.hosts(event, viewer)
        let rows = try await upcoming.asyncMap { occurrence -> HTML in
            let coming = try await events.isComing(occurrence.id, viewer)
            let live = occurrence.startedAt != nil
            let controls: HTML = hosting ? Self.hostControls(occurrence, event.kind, csrfToken: context.csrfToken) : .empty
            let liveLink: HTML = event.kind == .askTheExpert
                ? "\(live ? " · <strong>open now</strong>" as HTML : .empty) · <a href=\"/occurrences/\(occurrence.id)/questions\">questions for the expert</a>"
                : live ? " · <strong>live now</strong>: <a href=\"/occurrences/\(occurrence.id)/live\">open the live page</a>" : .empty
            return """
                <li>\(TimeViews.eventTime(occurrence.startsAt, eventZone: event.timeZone, page))\(liveLink)\(controls)
                <form method="post" action="/occurrences/\(occurrence.id)/rsvp" class="inline">\(Layout.csrfField(context.csrfToken))
                <input type="hidden" name="on" value="\(coming ? "0" : "1")">
                <button class="button\(coming ? " secondary" : "")" type="submit">\(coming ? "Not coming after all" : "Count me in")</button></form></li>
                """
        }
        let past = occurrences.filter { $0.endedAt != nil }.reversed().map { occurrence -> HTML in
            let transcript: HTML = event.kind == .tweetchat ? " · <a href=\"/occurrences/\(occurrence.id)/transcript\">transcript</a>"
                : " · <a href=\"/occurrences/\(occurrence.id)/summary\">questions and answers</a>"
            return "<li>\(TimeViews.eventTime(occurrence.startsAt, eventZone: event.timeZone, page))\(transcript)</li>"
        }
        let hostNames = try await events.hostAccounts(event, viewer: viewer).map { "<a href=\"/@\($0.username)\">\($0.name)</a>" as HTML }
        let owner: HTML = try await event.programID.asyncMap { id in
            let program = try await pages.starling.programs.program(id, viewer: viewer)
            return " in <a href=\"/programs/\(id)\">\(program.title)</a>"
        } ?? " for the organization"
        let html = Layout.page(event.title, page, """
            <section class="card" aria-labelledby="event-title">
              <h1 id="event-title">\(event.title)</h1>
              <p class="muted">\(Self.kindLabel(event.kind)) on <a href="/tags/\(event.hashtag)">#\(event.hashtag)</a>\(owner)
                · \(Self.recurrenceLabel(event.recurrence)), \(Int(event.duration / 60)) minutes · times in \(page.timeZone.identifier)</p>
              <p>Hosted by \(hostNames.isEmpty ? "the organization's moderators" as HTML : Self.joined(hostNames))</p>
              \(try await Self.outsideChoice(event, hosting: hosting, federating: pages.starling.federation.mode() != .off, context: context))
              <p class="small"><a href="/events/\(event.id)/calendar.ics" download>Add to your calendar (.ics)</a></p>
            </section>
            <section class="card" aria-labelledby="next-title"><h2 id="next-title">Next</h2>
              \(upcoming.isEmpty ? "<p class=\"muted\">Nothing planned.</p>" as HTML : "<ul class=\"plain\">\(rows)</ul>")</section>
            \(HTML.when(!past.isEmpty, "<section class=\"card\"><h2>Past occurrences</h2><ul>\(past)</ul></section>"))
            \(hosting && event.kind == .tweetchat ? Self.scriptEditor(event, try await events.script(event.id, viewer: viewer), context: context) : .empty)
            \(EventService.takesExperts(event) ? Self.experts(event, try await events.experts(of: event.id, viewer: viewer), hosting: hosting,
                                                         link: expertLink, context: context) : .empty)
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    /// Whether the event is open to the outside, and (for hosts, when federation is on and the event is in no program)
    /// the button that changes it.
    private static func outsideChoice(_ event: Event, hosting: Bool, federating: Bool, context: WebContext) -> HTML {
        let said: HTML = event.openToOutside
            ? "<p class=\"badge-outside\">Open to the outside: its posts are public, and public posts on #\(event.hashtag) from other servers take part.</p>"
            : .empty
        guard hosting, federating, event.programID == nil else { return said }
        return """
            \(said)
            <form method="post" action="/events/\(event.id)/outside" class="inline">\(Layout.csrfField(context.csrfToken))
              <input type="hidden" name="on" value="\(event.openToOutside ? "0" : "1")">
              <button class="button secondary" type="submit">\(event.openToOutside ? "Keep it inside the organization" : "Open it to the outside")</button>
            </form>
            """
    }

    /// A secret link calendar apps subscribe to (every event the person can see), made anew on demand.
    private static func calendarLinkForm(_ link: String?, context: WebContext) -> HTML {
        if let link {
            return """
                <div class="notice" role="status"><label for="calendar-link">Your calendar link: subscribe to it in your calendar app.
                Keep it to yourself; making a new one turns this one off.</label><input type="text" id="calendar-link" readonly value="\(link)"></div>
                """
        }
        return """
            <form method="post" action="/events/calendar-link" class="small">\(Layout.csrfField(context.csrfToken))
            <button class="button secondary" type="submit">Get a calendar link for all my events</button></form>
            """
    }

    /// For hosts: start an occurrence early; while it is live, end it early and (a tweetchat) release
    /// the next question now, hold the script or lift the hold. `back: "live"` returns to the live page.
    static func hostControls(_ occurrence: EventOccurrence, _ kind: Event.Kind, csrfToken: String, back: String = "event") -> HTML {
        func button(_ action: String, _ label: String, secondary: Bool = false, on: Bool? = nil) -> HTML {
            """
            <form method="post" action="/occurrences/\(occurrence.id)/\(action)" class="inline">\(Layout.csrfField(csrfToken))
            <input type="hidden" name="back" value="\(back)">\(on.map { "<input type=\"hidden\" name=\"on\" value=\"\($0 ? "1" : "0")\">" as HTML })
            <button class="button\(secondary ? " secondary" : "")" type="submit">\(label)</button></form>
            """
        }
        guard occurrence.endedAt == nil else { return .empty }
        guard occurrence.startedAt != nil else { return button("start", "Start now") }
        let chat: [HTML] = kind == .tweetchat ? [
            button("release-next", "Release the next question now"),
            button("hold", occurrence.heldAt == nil ? "Hold the questions" : "Resume the questions", secondary: true, on: occurrence.heldAt == nil),
        ] : []
        return "<div class=\"host-controls\">\(chat + [button("end", "End now", secondary: true)])</div>"
    }

    /// An ask-the-expert event's experts; hosts invite a guest expert (who sees this event only) or name a member.
    private static func experts(_ event: Event, _ experts: [Account], hosting: Bool, link: String?, context: WebContext) -> HTML {
        let names = experts.map { "<li>\($0.name) <span class=\"muted small\">@\($0.username)\(HTML.when($0.isGuest, " · guest"))</span></li>" as HTML }
        return """
            <section class="card" aria-labelledby="experts-title"><h2 id="experts-title">Experts</h2>
              \(experts.isEmpty ? "<p class=\"muted\">No expert yet.</p>" as HTML : "<ul>\(names)</ul>")
              \(link.map { """
                <div class="notice" role="status"><label for="expert-link">Send this link to your guest expert. It works once; with it they
                see this event only.</label><input type="text" id="expert-link" readonly value="\($0)"></div>
                """ as HTML })
              \(HTML.when(hosting, """
                <form method="post" action="/events/\(event.id)/expert-invitations" class="inline">\(Layout.csrfField(context.csrfToken))
                <button class="button secondary" type="submit">Invite a guest expert</button></form>
                <form method="post" action="/events/\(event.id)/experts" class="inline">\(Layout.csrfField(context.csrfToken))
                <label for="expert-username">or name a member</label>
                <input type="text" id="expert-username" name="username" placeholder="username" required maxlength="31">
                <button class="button secondary" type="submit">Add</button></form>
                """))
            </section>
            """
    }

    /// The welcome, and one question per line as "minutes after the start | question".
    private static func scriptEditor(_ event: Event, _ script: ChatScript, context: WebContext) -> HTML {
        let lines = script.questions.map { "\(Int($0.offset / 60)) | \($0.text)" }.joined(separator: "\n")
        return """
            <details class="card form"\(script.questions.isEmpty ? " open" : "")><summary>The chat's script (hosts)</summary>
              <form method="post" action="/events/\(event.id)/script">\(Layout.csrfField(context.csrfToken))
                <label for="script-welcome">Welcome, posted as you on #\(event.hashtag) at the start</label>
                <textarea id="script-welcome" name="welcome" maxlength="380">\(script.welcome)</textarea>
                <label for="script-questions">Questions, one per line: minutes after the start | question</label>
                <textarea id="script-questions" name="questions" rows="8" placeholder="5 | What did you learn this week?">\(lines)</textarea>
                <p class="hint">Each goes out as “Q1: …”, “Q2: …” at its time; answers start with A1, A2 or reply to the question.</p>
                <button class="button" type="submit">Save the script</button>
              </form>
            </details>
            """
    }

    /// A script from the editor's fields; a line without "minutes |" is refused by number.
    static func script(welcome: String, lines: String) throws -> ChatScript {
        let questions = try lines.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .enumerated().map { index, line in
                let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, let minutes = Double(parts[0]), minutes >= 0 else {
                    throw DomainError.invalid(field: "questions", message: "Question \(index + 1): write it as “minutes | question”.")
                }
                return ChatScript.Question(text: parts[1], offset: minutes * 60)
            }
        return ChatScript(welcome: welcome, questions: questions)
    }

    /// A script from the planning form's rows (minute and question; rows without a question are skipped).
    static func script(minutes: [String], texts: [String]) throws -> ChatScript {
        let rows = zip(minutes + Array(repeating: "", count: max(0, texts.count - minutes.count)), texts)
        let questions = try rows.filter { !$0.1.trimmingCharacters(in: .whitespaces).isEmpty }.enumerated().map { index, row in
            guard let minute = Double(row.0.trimmingCharacters(in: .whitespaces)), minute >= 0 else {
                throw DomainError.invalid(field: "question_minute", message: "Q\(index + 1): give the minute after the start it goes out (0 or more).")
            }
            return ChatScript.Question(text: row.1, offset: minute * 60)
        }
        return ChatScript(welcome: "", questions: questions)
    }

    /// `federating`: an event outside programs can be opened to the outside.
    private func createForm(programID: ID?, federating: Bool, context: WebContext) -> HTML {
        func options<T: RawRepresentable<String>>(_ values: [T], _ label: (T) -> String) -> HTML {
            HTML("\(values.map { "<option value=\"\($0.rawValue)\">\(label($0))</option>" as HTML })")
        }
        let viewerZone = context.viewer?.timeZone ?? ""
        let sent = context.rejectedForm?.values
        // Rows for the script: three, or as many as were sent back (three more after "Add more rows").
        let sentRows = sent?.values("question_text").count ?? 0
        let rows = max(3, sentRows + (sent?["add_rows"] != nil ? 3 : 0))
        let scriptRows = (1...rows).map { n -> HTML in
            """
            <li class="script-row"><label class="visually-hidden" for="question-minute-\(n)">Minute of question \(n)</label>
              <input type="number" id="question-minute-\(n)" name="question_minute" min="0" max="480" inputmode="numeric" placeholder="min">
              <label class="visually-hidden" for="question-text-\(n)">Question \(n)</label>
              <input type="text" id="question-text-\(n)" name="question_text" maxlength="380" placeholder="Question \(n)">
              <button type="button" class="button secondary remove-row" hidden>Remove</button></li>
            """
        }
        return """
            <details class="card form" id="plan"><summary>Plan an event</summary>
              <form method="post" action="/events">\(Layout.csrfField(context.csrfToken))
                \(programID.map { "<input type=\"hidden\" name=\"program_id\" value=\"\($0)\">" as HTML })
                <label for="event-title-input">Title</label><input type="text" id="event-title-input" name="title" maxlength="200" required>
                <label for="event-kind">Kind</label><select id="event-kind" name="kind">\(options(Event.Kind.allCases, Self.kindLabel))</select>
                <label for="event-hashtag">Hashtag\(programID == nil ? "" : " (empty: the program's)")</label>
                <input type="text" id="event-hashtag" name="hashtag" placeholder="lrnchat"\(programID == nil ? " required" : "")>
                <div class="field-pair">
                  <div><label for="event-start">Starts (date and local time)</label><input type="datetime-local" id="event-start" name="starts_at" required></div>
                  <div><label for="event-zone">Time zone</label>
                  \(TimeViews.zoneSelect(id: "event-zone", name: "time_zone", selected: viewerZone.isEmpty ? pages.settings.timeZone : viewerZone,
                                        suggested: [viewerZone, pages.settings.timeZone]))</div>
                </div>
                <div class="field-pair">
                  <div><label for="event-duration">Length in minutes</label><input type="number" id="event-duration" name="duration" value="60" min="15" max="480"></div>
                  <div><label for="event-recurrence">Repeats</label><select id="event-recurrence" name="recurrence">\(options(Event.Recurrence.allCases, Self.recurrenceLabel))</select></div>
                </div>
                <label for="event-reminder">Remind those coming, minutes before</label>
                <input type="number" id="event-reminder" name="reminder" value="30" min="0" max="10080">
                <fieldset class="script-rows" data-kind="tweetchat"><legend>A tweetchat's questions (you can also write them later)</legend>
                  <p class="hint">Each goes out as “Q1: …”, “Q2: …” at its minute after the start.</p>
                  <ol class="plain" id="script-rows">\(scriptRows)</ol>
                  <button type="submit" class="button secondary" name="add_rows" value="1" formnovalidate>Add more rows</button>
                </fieldset>
                <label class="check"><input type="checkbox" name="requires_approval" value="1"> Ask the expert: hosts approve questions before everyone sees them</label>
                \(HTML.when(federating && programID == nil, """
                    <label class="check"><input type="checkbox" name="open_to_outside" value="1"> Open to the outside, as #lrnchat:
                    the questions are public, and people on other servers can join on the hashtag</label>
                    """))
                <div class="actions-row"><button class="button" type="submit">Plan it</button></div>
              </form>
            </details>
            """
    }

    /// A `datetime-local` value (`2026-11-24T19:00`) read in the given zone.
    static func localDate(_ text: String, zone: String) -> Date? {
        guard let timeZone = TimeZone(identifier: zone) else { return nil }
        let parts = text.split(whereSeparator: { "-T:".contains($0) }).compactMap { Int($0) }
        guard parts.count >= 5 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4]))
    }

    /// "A", "A and B", "A, B and C".
    static func joined(_ parts: [HTML]) -> HTML {
        guard parts.count > 1 else { return parts.first ?? .empty }
        return "\(parts.dropLast().enumerated().map { $0.offset == 0 ? $0.element : ", \($0.element)" }) and \(parts.last!)"
    }

    static func kindLabel(_ kind: Event.Kind) -> String { kind == .tweetchat ? "Tweetchat" : "Ask the expert" }

    static func recurrenceLabel(_ recurrence: Event.Recurrence) -> String {
        switch recurrence {
        case .none: "Once"
        case .weekly: "Every week"
        case .everyTwoWeeks: "Every two weeks"
        case .monthly: "Every month"
        }
    }
}
