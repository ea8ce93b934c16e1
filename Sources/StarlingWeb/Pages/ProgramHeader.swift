import Foundation
import Hummingbird
import StarlingCore

/// What every view of a program shows on top: its title, hashtag, who may see it, the shared
/// agreement, joining (accepting the agreement) or leaving, and the tabs of its views.
extension ProgramPages {
    /// The views of a program, linked from each of them.
    enum View: Equatable {
        case stream, introductions, questions(QuestionFilter), knowledge, guides, events, commitments, reinforcement, board, analytics
    }

    static func header(_ program: Program, current: View, viewer: Account, pages: WebPages, context: WebContext) async throws -> HTML {
        let membership = try await pages.starling.programs.membership(program.id, of: viewer)
        let agreed = membership?.agreementVersion == program.agreementVersion
        let facilitating = try await pages.starling.programs.facilitates(program.id, viewer)
        let role: HTML = try Self.roleLabel(program.id, viewer, membership, pages).map { " · you are \($0)" } ?? .empty
        var action: HTML = .empty
        if program.isArchived {
            action = "<p class=\"notice\">This program is archived: you can read it, but it takes no new posts.</p>"
        } else if !agreed && (membership != nil || program.visibility == .open) {
            action = """
                <form method="post" action="/programs/\(program.id)/join" class="form">\(Layout.csrfField(context.csrfToken))
                  <input type="hidden" name="agreement_version" value="\(program.agreementVersion)">
                  <label><input type="checkbox" name="accept" value="1" required> I accept the shared agreement</label>
                  <button class="button" type="submit">\(membership == nil ? "Join the program" : "Accept the agreement")</button>
                </form>
                """
        }
        let title: HTML = current == .stream ? "\(program.title)" : "<a href=\"/programs/\(program.id)\">\(program.title)</a>"
        return """
            <section class="card program-header" aria-labelledby="program-title">
              <h1 id="program-title">\(title)</h1>
              <p class="muted small"><a href="/tags/\(program.hashtag)">#\(program.hashtag)</a> · \(visibilityLabel(program))\(dates(program))\(role)</p>
              \(HTML.when(!program.agreement.isEmpty, """
                <details\(agreed ? "" : " open")><summary>Shared agreement (version \(program.agreementVersion))</summary><p>\(lines(program.agreement))</p></details>
                """))
              \(action)
              <div class="compose-row">
                \(HTML.when(membership != nil && membership?.role != .facilitator, """
                  <form method="post" action="/programs/\(program.id)/leave" data-confirm="Leave \(program.title)?">\(Layout.csrfField(context.csrfToken))<button class="button secondary" type="submit">Leave</button></form>
                  """))
                \(HTML.when(facilitating, """
                  <form method="post" action="/programs/\(program.id)/archive">\(Layout.csrfField(context.csrfToken))
                  <input type="hidden" name="on" value="\(program.isArchived ? "0" : "1")">
                  <button class="button secondary" type="submit">\(program.isArchived ? "Reopen" : "Archive")</button></form>
                  """))
              </div>
            </section>
            \(tabs(program, current: current, looksAfter: try await pages.starling.programs.looksAfter(program.id, viewer), facilitates: facilitating))
            """
    }

    /// What gives the person powers here, as a phrase: "a facilitator", "a learner and an organization moderator".
    static func roleLabel(_ programID: ID, _ account: Account, _ membership: ProgramMembership?, _ pages: WebPages) throws -> String? {
        var parts = membership.map { ["a \($0.role.label)"] } ?? []
        switch account.role {
        case .admin: parts.append("an admin of the organization")
        case .moderator: parts.append("a moderator of the organization")
        case .member: break
        }
        guard !parts.isEmpty else { return nil }
        return parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    }

    /// `looksAfter`: facilitators, moderators and admins, who see Reinforcement and the Board; `facilitates`:
    /// facilitators and admins, who see Analytics.
    static func tabs(_ program: Program, current: View, looksAfter: Bool, facilitates: Bool) -> HTML {
        func link(_ href: String, _ label: String, _ view: View) -> HTML {
            let marked: HTML = view == current ? " aria-current=\"page\"" : ""
            return "<a href=\"\(href)\"\(marked)>\(label)</a>"
        }
        let base = "/programs/\(program.id)"
        return """
            <nav class="tabs" aria-label="Program views">
              \(link(base, "Stream", .stream))
              \(link(base + "/introductions", "Introductions", .introductions))
              \(link(base + "/questions?show=open", "Open questions", .questions(.open)))
              \(link(base + "/questions?show=answered", "Answered", .questions(.answered)))
              \(link(base + "/questions?show=all", "All questions", .questions(.all)))
              \(link(base + "/guides", "Guides", .guides))
              \(link(base + "/events", "Events", .events))
              \(link(base + "/knowledge", "Knowledge base", .knowledge))
              \(link(base + "/commitments", "Commitments", .commitments))
              \(HTML.when(looksAfter, link(base + "/plans", "Reinforcement", .reinforcement)))
              \(HTML.when(looksAfter, link(base + "/board", "Board", .board)))
              \(HTML.when(facilitates, link(base + "/analytics", "Analytics", .analytics)))
            </nav>
            """
    }

    /// The Introductions tab: everyone's introductions (replies to the program's introductions thread),
    /// newest first, with a box to introduce oneself; facilitators start the thread when there is none.
    func introductionsPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let program = try await programs.program(try WebPages.idParameter(context), viewer: viewer)
        let page = try await pages.pageContext(request, context)
        let threadID = try await programs.threads(program.id, viewer: viewer)[.introductions]
        let thread = try await threadID.asyncMap { try await pages.starling.reads.thread($0, viewer: viewer) }
        let introductions = thread.map { thread in thread.descendants.filter { $0.post.inReplyToID == thread.focus.post.id }.reversed() } ?? []
        let membership = try await programs.membership(program.id, of: viewer)
        let mine = introductions.contains { $0.author.id == viewer.id }
        let canPost = membership?.agreementVersion == program.agreementVersion && !program.isArchived
        var body: HTML
        if let thread {
            let box: HTML = canPost && !mine
                ? PostViews.compose(.init(text: "", inReplyTo: thread.focus, place: "Introduce yourself", returnPath: "/programs/\(program.id)/introductions"),
                                    context: page, settings: pages.settings, id: "reply")
                : .empty
            body = """
                <section class="card"><p>\(thread.focus.post.source)</p></section>
                \(box)
                \(introductions.isEmpty ? "<p class=\"card empty\">No introductions yet. Be the first: say who you are and what you are working on.</p>" as HTML
                    : "\(introductions.map { PostViews.card($0, context: page) })")
                """
        } else if try await programs.facilitates(program.id, viewer), !program.isArchived {
            body = """
                <form method="post" action="/programs/\(program.id)/introductions" class="card empty">\(Layout.csrfField(context.csrfToken))
                  <p>Newcomers introduce themselves in a pinned thread. This program has none yet.</p>
                  <button class="button" type="submit">Start the introductions thread</button></form>
                """
        } else {
            body = "<p class=\"card empty\">No introductions thread yet: the program's facilitators start it.</p>"
        }
        let html = Layout.page("Introductions · \(program.title)", page, """
            \(try await Self.header(program, current: .introductions, viewer: viewer, pages: pages, context: context))
            <h2>Introductions</h2>
            \(body)
            """)
        return HTMLPage(status: .ok, body: html).response()
    }
}
