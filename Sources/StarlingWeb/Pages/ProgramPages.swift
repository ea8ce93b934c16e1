import Foundation
import Hummingbird
import StarlingCore

/// Programs in the web UI: the list (and, for admins and moderators, a form to start one), a
/// program's page with its stream, agreement, members and joining, and the facilitators' forms.
struct ProgramPages {
    let pages: WebPages
    var programs: ProgramService { pages.starling.programs }

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/programs") { request, context in try await listPage(request, context) }
        router.post("/programs") { _, context in
            let viewer = try context.requireViewer()
            let form = context.form
            let draft = ProgramService.Draft(title: form.text("title"), hashtag: form.text("hashtag"), description: form.text("description"),
                                             agreement: form.text("agreement"), visibility: form.text("visibility"))
            let program = try await form["template"] == ProgramService.Template.socialLearning.rawValue
                ? programs.create(draft, template: .socialLearning, by: viewer) : programs.create(draft, by: viewer)
            return pages.redirect(to: "/programs/\(program.id)", notice: "\(program.title) is started on #\(program.hashtag). Add its members on the right.")
        }
        router.get("/programs/:id") { request, context in try await programPage(request, context) }
        router.get("/programs/:id/questions") { request, context in try await questionsPage(request, context) }
        router.get("/programs/:id/introductions") { request, context in try await introductionsPage(request, context) }
        router.post("/programs/:id/introductions") { _, context in
            let id = try WebPages.idParameter(context)
            _ = try await programs.startIntroductions(id, by: try context.requireViewer())
            return pages.redirect(to: "/programs/\(id)/introductions", notice: "The introductions thread is pinned; members can introduce themselves.")
        }
        router.get("/programs/:id/reports") { request, context in try await reportsPage(request, context) }
        router.post("/programs/:id/reports/:report/resolve") { _, context in
            let id = try WebPages.idParameter(context)
            try await pages.starling.reports.resolve(try WebPages.idParameter(context, "report"), programID: id, by: try context.requireViewer())
            return Response.redirect(to: "/programs/\(id)/reports")
        }
        router.post("/programs/:id/join") { _, context in
            let viewer = try context.requireViewer()
            let id = try WebPages.idParameter(context)
            guard context.form["accept"] == "1" else {
                throw DomainError.invalid(field: "accept", message: "Tick the box to accept the program's agreement before joining.")
            }
            _ = try await programs.join(id, by: viewer, agreementVersion: Int(context.form.text("agreement_version")))
            let program = try await programs.program(id, viewer: viewer)
            return pages.redirect(to: "/programs/\(id)", notice: "Welcome to \(program.title)! Start by introducing yourself in its Introductions tab.")
        }
        router.post("/programs/:id/leave") { _, context in
            let viewer = try context.requireViewer()
            let id = try WebPages.idParameter(context)
            let title = try await programs.program(id, viewer: viewer).title
            try await programs.remove(id, account: viewer, by: viewer)
            return pages.redirect(to: "/programs", notice: "You left \(title). You can join again while it is open.")
        }
        router.post("/programs/:id/members") { _, context in
            let viewer = try context.requireViewer()
            let id = try WebPages.idParameter(context)
            let account = try await pages.namedAccount(context.form)
            guard let role = ProgramRole(rawValue: context.form.text("role")) else {
                throw DomainError.invalid(field: "role", message: "Choose a role from the list.")
            }
            _ = try await programs.setMember(id, account: account, role: role, by: viewer)
            return pages.redirect(to: "/programs/\(id)", notice: "\(account.name) is a \(role.label) here now; they join by accepting the agreement.")
        }
        router.post("/programs/:id/guests") { request, context in
            let invitation = try await programs.inviteGuest(try WebPages.idParameter(context), by: try context.requireViewer())
            return try await programPage(request, context, guestLink: pages.starling.accounts.invitationURL(invitation))
        }
        router.post("/programs/:id/edit") { _, context in
            let id = try WebPages.idParameter(context)
            let form = context.form
            _ = try await programs.update(id, .init(title: form.text("title"), description: form.text("description"), agreement: form.text("agreement"),
                                              visibility: form.text("visibility"), anonymousQuestions: form["anonymous_questions"] == "1"),
                                    by: try context.requireViewer())
            return pages.redirect(to: "/programs/\(id)", notice: "The program was saved.")
        }
        router.post("/programs/:id/keywords") { _, context in
            let id = try WebPages.idParameter(context)
            let moderator = try context.requireViewer()
            if let remove = context.form["remove"], let keywordID = ID(remove) {
                try await programs.removeKeyword(id, keywordID: keywordID, by: moderator)
            } else {
                _ = try await programs.addKeyword(id, context.form.text("keyword"), by: moderator)
            }
            return Response.redirect(to: "/programs/\(id)/reports")
        }
        router.post("/programs/:id/archive") { _, context in
            let id = try WebPages.idParameter(context)
            _ = try await programs.archive(id, by: try context.requireViewer(), context.form["on"] == "1")
            return Response.redirect(to: "/programs/\(id)")
        }
    }

    private func listPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let page = try await pages.pageContext(request, context)
        let list = try await programs.programs(viewer: viewer)
        let items = try await list.asyncMap { program -> HTML in
            let role = try await programs.membership(program.id, of: viewer)?.role
            return """
                <li class="card program-item">
                  <h2><a href="/programs/\(program.id)">\(program.title)</a></h2>
                  <p class="muted small">#\(program.hashtag) · \(Self.visibilityLabel(program))\(role.map { " · you are a \($0.rawValue)" } ?? "")\(HTML.when(program.isArchived, " · archived"))</p>
                  \(HTML.when(!program.description.isEmpty, "<p>\(Self.firstLine(program.description))</p>"))
                </li>
                """
        }
        let html = Layout.page("Programs", page, """
            <h1>Programs</h1>
            <p class="muted">Learning spaces, each on its own hashtag: ask, answer and learn together with a cohort.</p>
            \(list.isEmpty ? "<p class=\"card muted\">No programs you can join yet.</p>" as HTML : "<ul class=\"plain\">\(items)</ul>")
            \(HTML.when(viewer.role.canModerate, newProgramForm(context)))
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    private func newProgramForm(_ context: WebContext) -> HTML {
        """
        <section class="card form" aria-labelledby="new-program">
          <h2 id="new-program">Start a program</h2>
          <form method="post" action="/programs">\(Layout.csrfField(context.csrfToken))
            <label for="program-title">Title</label>
            <input type="text" id="program-title" name="title" maxlength="200" required>
            <label for="program-hashtag">Hashtag</label>
            <input type="text" id="program-hashtag" name="hashtag" maxlength="100" required placeholder="onboarding-2026">
            <label for="program-description">Description</label>
            <textarea id="program-description" name="description" maxlength="5000"></textarea>
            <label for="program-agreement">Shared agreement (what members accept when they join)</label>
            <textarea id="program-agreement" name="agreement" maxlength="20000"></textarea>
            <label><input type="checkbox" name="template" value="social-learning" checked> Start from the social learning template:
              a default agreement (if you leave it empty) and pinned threads for introductions, challenges and commitments</label>
            <label for="program-visibility">Who can see it</label>
            <select id="program-visibility" name="visibility">
              <option value="open">Open: anyone here may join; its posts are visible to the organization</option>
              <option value="private">Private: by invitation; its posts are for its members only</option>
            </select>
            <button class="button" type="submit">Start the program</button>
          </form>
        </section>
        """
    }

    /// The program's page; `guestLink` is a guest invitation a facilitator just made, shown once.
    private func programPage(_ request: Request, _ context: WebContext, guestLink: String? = nil) async throws -> Response {
        let viewer = try context.requireViewer()
        let program = try await programs.program(try WebPages.idParameter(context), viewer: viewer)
        let page = try await pages.pageContext(request, context)
        let membership = try await programs.membership(program.id, of: viewer)
        let members = try await programs.members(program.id, viewer: viewer)
        let facilitating = viewer.role == .admin || membership?.role == .facilitator
        let entries = try await pages.starling.reads.timeline(.program(program.id), viewer: viewer, page: try pages.pageRequest(request))
        let agreed = membership?.agreementVersion == program.agreementVersion
        let threads = try await programs.threads(program.id, viewer: viewer)
        let lookingAfter = viewer.role == .admin || membership?.role.looksAfterProgram == true
        let unintroduced = lookingAfter ? try await programs.withoutIntroduction(program.id, viewer: viewer) : []
        let stats = lookingAfter ? try await programs.stats(program.id, viewer: viewer) : nil

        let compose: HTML = agreed && !program.isArchived
            ? PostViews.compose(.init(text: "#\(program.hashtag) ", anonymousAllowed: program.anonymousQuestions, place: "#\(program.hashtag)",
                                      returnPath: "/programs/\(program.id)"), context: page, settings: pages.settings)
            : .empty
        let memberItems = members.map { account, m -> HTML in
            let organizationRole: HTML = switch account.role {
            case .admin: " · organization admin"
            case .moderator: " · organization moderator"
            case .member: .empty
            }
            return "<li><a href=\"/@\(account.username)\">\(account.name)</a> <span class=\"muted small\">\(m.role.label)\(organizationRole)\(HTML.when(m.agreedAt == nil, " · invited"))</span></li>"
        }
        let html = Layout.page(program.title, page, aside: """
            \(stats.map { Self.dashboard(program, $0, unintroduced: unintroduced.count) })
            <section class="card" aria-labelledby="members">
              <h2 id="members">Members (\(members.count))</h2>
              <ul class="tag-list">\(memberItems)</ul>
              \(HTML.when(facilitating, addMemberForm(program, context)))
              \(HTML.when(facilitating && !program.isArchived, Self.guestInvitation(program, link: guestLink, context)))
            </section>
            """, """
            \(try await Self.header(program, current: .stream, viewer: viewer, pages: pages, context: context))
            \(HTML.when(!program.description.isEmpty, "<section class=\"card\" aria-label=\"About\"><p>\(Self.lines(program.description))</p></section>"))
            \(HTML.when(!threads.isEmpty, Self.startHere(program, threads)))
            \(HTML.when(!unintroduced.isEmpty, """
              <section class="card" aria-labelledby="unintroduced"><h2 id="unintroduced">Joined, not introduced yet (\(unintroduced.count))</h2>
              <p>\(unintroduced.map { "<a href=\"/@\($0.username)\">@\($0.username)</a> " as HTML })</p></section>
              """))
            \(HTML.when(facilitating, Self.editForm(program, context)))
            \(compose)
            \(PostViews.timeline(entries, context: page, basePath: request.uri.path, empty: "Nothing posted in \(program.title) yet."))
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    /// The program's questions: open ones oldest first (the queue to answer, with their age), or
    /// answered ones, or all, newest first.
    private func questionsPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let program = try await programs.program(try WebPages.idParameter(context), viewer: viewer)
        let page = try await pages.pageContext(request, context)
        let query = try pages.query(request)
        guard let shown = QuestionFilter(rawValue: query["show"] ?? QuestionFilter.open.rawValue) else {
            throw DomainError.invalid(field: "show", message: "Show open, answered or all questions.")
        }
        var paging = try pages.pageRequest(request)
        if shown == .open, paging.maxID == nil, paging.minID == nil, paging.sinceID == nil { paging.minID = ID(0) }
        var entries = try await pages.starling.reads.timeline(.questions(program: program.id, shown), viewer: viewer, page: paging)
        if shown == .open { entries.reverse() }
        let items = entries.map { entry -> HTML in
            let post = entry.post.post
            let waiting = post.firstAnswerAt == nil ? "no answer yet" : "\(post.repliesCount) \(post.repliesCount == 1 ? "reply" : "replies")"
            return """
                <p class="small muted">\(Self.asked(post.createdAt)) · \(waiting)</p>
                \(PostViews.card(entry.post, context: page))
                """
        }
        let empty: HTML = shown == .open ? "Every question here has an accepted answer." : "No questions here yet."
        let html = Layout.page("Questions · \(program.title)", page, """
            \(try await Self.header(program, current: .questions(shown), viewer: viewer, pages: pages, context: context))
            <h2>\(shown == .open ? "Open questions" : shown == .answered ? "Answered questions" : "All questions")</h2>
            \(HTML.when(shown == .open, "<p><a class=\"button secondary\" href=\"/programs/\(program.id)#compose\">Ask a question</a></p>"))
            \(entries.isEmpty ? "<p class=\"card empty\">\(empty)</p>" as HTML : "\(items)")
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    /// Facilitators change the title, description, agreement (a new version) and visibility.
    private static func editForm(_ program: Program, _ context: WebContext) -> HTML {
        let options = Program.Visibility.allCases.map { v -> HTML in
            "<option value=\"\(v.rawValue)\"\(v == program.visibility ? " selected" : "")>\(v == .open ? "Open" : "Private")</option>"
        }
        return """
            <details class="card form"><summary>Edit the program</summary>
              <form method="post" action="/programs/\(program.id)/edit">\(Layout.csrfField(context.csrfToken))
                <label for="edit-title">Title</label><input type="text" id="edit-title" name="title" value="\(program.title)" maxlength="200" required>
                <label for="edit-description">Description</label><textarea id="edit-description" name="description" maxlength="5000">\(program.description)</textarea>
                <label for="edit-agreement">Shared agreement (changing it asks members to accept the new version)</label>
                <textarea id="edit-agreement" name="agreement" maxlength="20000">\(program.agreement)</textarea>
                <label for="edit-visibility">Who can see it</label><select id="edit-visibility" name="visibility">\(options)</select>
                <label class="check"><input type="checkbox" name="anonymous_questions" value="1"\(program.anonymousQuestions ? " checked" : "")>
                  Allow anonymous questions (other members see “a learner”; the program's facilitators and moderators and the organization's moderators can see who asked, and each look is logged)</label>
                <button class="button" type="submit">Save</button>
              </form>
            </details>
            """
    }

    /// The facilitators' view: what waits for them, and whether people come back.
    private static func dashboard(_ program: Program, _ stats: ProgramStats, unintroduced: Int) -> HTML {
        let oldest: HTML = stats.oldestUnansweredAt.map { " <span class=\"muted small\">(oldest \(Layout.age($0)))</span>" } ?? .empty
        return """
            <section class="card" aria-labelledby="dashboard">
              <h2 id="dashboard">Dashboard</h2>
              <ul class="tag-list">
                <li><a href="/programs/\(program.id)/questions?show=open">Unanswered questions</a><span>\(stats.unansweredQuestions)\(oldest)</span></li>
                <li><span>Open questions</span><span>\(stats.openQuestions)</span></li>
                <li><span>Not introduced yet</span><span>\(unintroduced)</span></li>
                <li><a href="/programs/\(program.id)/reports">Open reports</a><span>\(stats.openReports)</span></li>
                <li><span>Posts, last 7 / 30 days</span><span>\(stats.lastWeek.posts) / \(stats.lastMonth.posts)</span></li>
                <li><span>Active members, last 7 / 30 days</span><span>\(stats.lastWeek.activeMembers) / \(stats.lastMonth.activeMembers)</span></li>
              </ul>
            </section>
            """
    }

    /// Links to the program's pinned threads.
    private static func startHere(_ program: Program, _ threads: [ProgramThread: ID]) -> HTML {
        let labels: [(ProgramThread, String)] = [(.introductions, "Introduce yourself"), (.challenges, "Post the challenge you are working on"),
                                                 (.commitments, "Make a commitment")]
        let links = labels.compactMap { kind, label in threads[kind].map { "<li><a href=\"/posts/\($0)\">\(label)</a></li>" as HTML } }
        return "<section class=\"card\" aria-labelledby=\"start-here\"><h2 id=\"start-here\">Start here</h2><ul>\(links)</ul></section>"
    }

    /// How long ago a question was asked, as a phrase.
    private static func asked(_ date: Date) -> String {
        let age = Layout.age(date)
        if age == "now" { return "Asked just now" }
        return Date().timeIntervalSince(date) < 7 * 86400 ? "Asked \(age) ago" : "Asked on \(age)"
    }

    /// The program's moderation queue: open reports about its posts, each with the posts it names.
    private func reportsPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let program = try await programs.program(try WebPages.idParameter(context), viewer: viewer)
        let reports = try await pages.starling.reports.openReports(for: viewer, programID: program.id)
        let page = try await pages.pageContext(request, context)
        let items = try await reports.asyncMap { report -> HTML in
            let posts = try await pages.starling.store.posts(ids: report.postIDs, viewer: viewer.id)
            return """
                <section class="card" aria-label="Report about @\(report.target.username)">
                  <p><strong>\(report.category.rawValue.capitalized)</strong> · about <a href="/@\(report.target.username)">@\(report.target.username)</a>
                    · \(Layout.age(report.createdAt))</p>
                  \(HTML.when(!report.comment.isEmpty, "<blockquote>\(report.comment)</blockquote>"))
                  \(posts.map { PostViews.card($0, context: page) })
                  <form method="post" action="/programs/\(program.id)/reports/\(report.id)/resolve">\(Layout.csrfField(context.csrfToken))
                    <button class="button secondary" type="submit">Resolve</button></form>
                </section>
                """
        }
        let keywords = try await programs.keywords(program.id, viewer: viewer)
        let watched = keywords.map { k -> HTML in
            """
            <li><span>\(k.keyword)</span><form method="post" action="/programs/\(program.id)/keywords">\(Layout.csrfField(context.csrfToken))
            <input type="hidden" name="remove" value="\(k.id)"><button class="button secondary" type="submit">Stop watching</button></form></li>
            """
        }
        let html = Layout.page("Reports · \(program.title)", page, aside: """
            <section class="card form" aria-labelledby="watched">
              <h2 id="watched">Watched words</h2>
              <p class="muted small">A post in the program that uses one of these words comes to this queue.</p>
              <ul class="tag-list">\(watched)</ul>
              <form method="post" action="/programs/\(program.id)/keywords">\(Layout.csrfField(context.csrfToken))
                <label for="keyword">Watch for</label><input type="text" id="keyword" name="keyword" maxlength="100" required>
                <button class="button secondary" type="submit">Add</button>
              </form>
            </section>
            """, """
            <h1>\(program.title): reports</h1>
            \(reports.isEmpty ? "<p class=\"card empty\">No open reports about this program's posts.</p>" as HTML : "\(items)")
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    /// A button that makes a guest invitation link, or the link just made.
    private static func guestInvitation(_ program: Program, link: String?, _ context: WebContext) -> HTML {
        if let link {
            return """
                <div class="notice" role="status"><label for="guest-link">Guest invitation link (one use, valid 14 days)</label>
                <input type="text" id="guest-link" readonly value="\(link)"></div>
                """
        }
        return """
            <form method="post" action="/programs/\(program.id)/guests" class="form">\(Layout.csrfField(context.csrfToken))
              <p class="hint">A guest expert signs up through an invitation link and sees this program only.</p>
              <button class="button secondary" type="submit">Invite a guest expert</button>
            </form>
            """
    }

    private func addMemberForm(_ program: Program, _ context: WebContext) -> HTML {
        let roles = ProgramRole.allCases.map { role -> HTML in
            "<option value=\"\(role.rawValue)\"\(role == .learner ? " selected" : "")>\(role.rawValue.capitalized)</option>"
        }
        return """
            <form method="post" action="/programs/\(program.id)/members" class="form">\(Layout.csrfField(context.csrfToken))
              <label for="member-username">Add someone</label>
              <input type="text" id="member-username" name="username" required placeholder="username">
              <label for="member-role">Role</label>
              <select id="member-role" name="role">\(roles)</select>
              <button class="button secondary" type="submit">Add</button>
            </form>
            """
    }

    static func visibilityLabel(_ program: Program) -> String {
        program.visibility == .open ? "Open to everyone here" : "Private: members only"
    }

    static func dates(_ program: Program) -> String {
        let format = Date.FormatStyle(date: .abbreviated, time: .omitted, timeZone: TimeZone(identifier: "UTC")!)
        switch (program.startsAt, program.endsAt) {
        case let (start?, end?): return " · \(start.formatted(format)) – \(end.formatted(format))"
        case let (start?, nil): return " · from \(start.formatted(format))"
        case let (nil, end?): return " · until \(end.formatted(format))"
        case (nil, nil): return ""
        }
    }

    /// Plain text with its line breaks kept (each line escaped).
    static func lines(_ text: String) -> HTML {
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { HTML("\(String($0))") }
        return "\(parts.enumerated().map { $0.offset == 0 ? $0.element : "<br>\($0.element)" })"
    }

    private static func firstLine(_ text: String) -> String {
        String(text.split(whereSeparator: \.isNewline).first ?? "")
    }
}
