import Foundation
import Testing
@testable import StarlingCore

/// Programs in the web UI: starting one, joining it by accepting its agreement, posting into it.
@Suite("Web: programs")
struct ProgramPagesTests {
    @Test("an admin starts a program from the form; a member joins by accepting the agreement and posts into its stream")
    func startJoinPost() async throws {
        let world = try await TestWorld()
        try await world.member("fay", role: .admin)
        try await world.member("lea")
        try await withLiveServer(world) { server in
            let fay = server.browser(), lea = server.browser()
            try await fay.signIn("fay")
            try await lea.signIn("lea")
            let created = try await fay.post("/programs", [("title", "Onboarding 2026"), ("hashtag", "#onboarding-2026"),
                                                           ("description", "Your first weeks, together."), ("agreement", "Be kind.\nAsk anything."),
                                                           ("visibility", "open")])
            #expect(created.status == 303)
            let path = try #require(created.location)
            let before = try await lea.get(path)
            #expect(before.body.contains("Onboarding 2026") && before.body.contains("Be kind.<br>Ask anything."))
            #expect(before.body.contains("Join the program") && !before.body.contains("id=\"compose-text\""))
            let unticked = try await lea.post(path + "/join", [("agreement_version", "1")])
            #expect(unticked.status == 422 && unticked.body.contains("Tick the box to accept"))
            #expect(try await lea.post(path + "/join", [("agreement_version", "1"), ("accept", "1")]).status == 303)
            let joined = try await lea.get(path)
            #expect(joined.body.contains("you are a learner") && joined.body.contains("#onboarding-2026 </textarea>"))
            #expect(try await lea.post("/posts", [("text", "Where is the expenses portal? #onboarding-2026"), ("visibility", "organization")]).status == 303)
            let facilitatorView = try await fay.get(path).body
            #expect(facilitatorView.contains("Where is the expenses portal?"))
            #expect(facilitatorView.contains("<h2 id=\"dashboard\">Dashboard</h2>") && facilitatorView.contains("Active members, last 7 / 30 days"))
            #expect(!(try await lea.get(path).body.contains("id=\"dashboard\"")))
            #expect(try await fay.post(path + "/edit", [("title", "Onboarding 2026"), ("description", "Your first weeks."),
                                                        ("agreement", "Be kind.\nAsk anything.\nNo screenshots."), ("visibility", "open")]).status == 303)
            let renewed = try await lea.get(path)
            #expect(renewed.body.contains("version 2") && renewed.body.contains("Accept the agreement"))
            #expect(try await lea.post(path + "/edit", [("title", "Mine")]).status == 403)
            #expect(try await lea.get("/programs").body.contains("you are a learner"))
        }
    }

    @Test("privacy in the browser: every role and signed out × open and private × program, hashtag, thread, profile, organization and search pages",
          arguments: Program.Visibility.allCases)
    func privacyMatrix(_ visibility: Program.Visibility) async throws {
        let cohort = try await ProgramTests.Cohort(visibility)
        let world = cohort.world
        let question = try await world.post("Where do receipts go? #\(ProgramTests.hashtag)", by: cohort.lea)
        let outside = try await world.post("Receipts day is Friday", by: cohort.lea)
        let allowed = cohort.members(of: visibility)
        try await withLiveServer(world) { server in
            for viewer in cohort.everyone + [nil] {
                let browser = server.browser()
                if let viewer { try await browser.signIn(viewer.username) }
                let name = viewer?.username ?? "signed out"
                let seesProgram = viewer.map { allowed.contains($0.id) } ?? false
                let seesOutside = viewer.map { !$0.isGuest } ?? false
                let programPage = try await browser.get("/programs/\(cohort.program.id)")
                #expect((programPage.status == 200) == seesProgram, "\(visibility) \(name) program page: \(programPage.status)")
                let thread = try await browser.get("/@lea/\(question.id)")
                #expect((thread.status == 200) == seesProgram, "\(visibility) \(name) thread: \(thread.status)")
                let outsideThread = try await browser.get("/@lea/\(outside.id)")
                #expect((outsideThread.status == 200) == seesOutside, "\(visibility) \(name) outside post: \(outsideThread.status)")
                for path in ["/tags/\(ProgramTests.hashtag)", "/@lea", "/organization", "/search?q=receipts"] {
                    let body = try await browser.get(path).body
                    #expect(body.contains("Where do receipts go?") == seesProgram, "\(visibility) \(name) \(path): program post")
                    if !path.hasPrefix("/tags") {
                        #expect(body.contains("Receipts day is Friday") == seesOutside, "\(visibility) \(name) \(path): outside post")
                    }
                }
            }
        }
    }

    @Test("a facilitator invites a guest expert from the program page; in the browser the guest sees only that program")
    func guestInBrowser() async throws {
        let world = try await TestWorld()
        let fay = try await world.member("fay", role: .admin)
        let outsider = try await world.member("outsider")
        let program = try await world.starling.programs.create(.init(title: "Ask an expert", hashtag: "askexp", visibility: "open"), by: fay)
        try await world.post("Who knows VAT rules? #askexp", by: fay)
        let outside = try await world.post("Cake in the kitchen", by: outsider)
        try await withLiveServer(world) { server in
            let facilitator = server.browser()
            try await facilitator.signIn("fay")
            let invited = try await facilitator.post("/programs/\(program.id)/guests", [])
            let link = try #require(invited.body.firstMatch(of: /value="http[^"]*(\/invite\/[^"]+)"/).map { String($0.1) })
            let guest = server.browser()
            #expect(try await guest.post(link, [("username", "vat"), ("email", "vat@example.org"), ("password", "password1")]).status == 303)
            let programPage = try await guest.get("/programs/\(program.id)")
            #expect(programPage.body.contains("Accept the agreement") || programPage.body.contains("Join the program"))
            #expect(try await facilitator.get("/programs/\(program.id)").body.contains("guest expert · invited"))
            let organization = try await guest.get("/organization")
            #expect(organization.body.contains("Who knows VAT rules?") && !organization.body.contains("Cake in the kitchen"))
            #expect(try await guest.get("/@outsider").status == 404)
            #expect(try await guest.get("/@outsider/\(outside.id)").status == 404)
            #expect(!(try await guest.get("/search?q=cake").body.contains("Cake in the kitchen")))
            let stray = try await guest.post("/posts", [("text", "Hello all"), ("visibility", "organization")])
            #expect(stray.status == 422 && stray.body.contains("As a guest you post in the programs you were invited to"))
        }
    }

    @Test("a program started from the template shows where to start, and facilitators see who has not introduced themselves")
    func template() async throws {
        let world = try await TestWorld()
        try await world.member("fay", role: .admin)
        let lea = try await world.member("lea")
        try await withSignedInBrowser(world, as: "fay") { browser, _ in
            let created = try await browser.post("/programs", [("title", "Spring"), ("hashtag", "spring"), ("visibility", "open"),
                                                               ("template", "social-learning")])
            let path = try #require(created.location)
            let id = try #require(path.split(separator: "/").last.flatMap { ID(String($0)) })
            _ = try await world.starling.programs.join(id, by: lea, agreementVersion: 1)
            let page = try await browser.get(path)
            #expect(page.body.contains("Start here") && page.body.contains("Introduce yourself") && page.body.contains("Make a commitment"))
            #expect(page.body.contains("Joined, not introduced yet (1)") && page.body.contains("@lea"))
            #expect(page.body.contains("We assume good intent"))
        }
    }

    @Test("a private program is a readable 404 to outsiders, and its hashtag page shows them nothing")
    func privateForOutsiders() async throws {
        let world = try await TestWorld()
        let fay = try await world.member("fay", role: .admin)
        try await world.member("outsider")
        let program = try await world.starling.programs.create(.init(title: "Leadership lab", hashtag: "lab", visibility: "private"), by: fay)
        try await world.post("Our first session notes #lab", by: fay)
        try await withSignedInBrowser(world, as: "outsider") { browser, _ in
            let page = try await browser.get("/programs/\(program.id)")
            #expect(page.status == 404 && page.body.contains("<html"))
            #expect(!(try await browser.get("/programs").body.contains("Leadership lab")))
            #expect(!(try await browser.get("/tags/lab").body.contains("first session notes")))
        }
    }

    @Test("a hashtag already used by a program gets a readable conflict page")
    func takenHashtag() async throws {
        let world = try await TestWorld()
        let fay = try await world.member("fay", role: .admin)
        _ = try await world.starling.programs.create(.init(title: "One", hashtag: "cohort"), by: fay)
        try await withSignedInBrowser(world, as: "fay") { browser, _ in
            let page = try await browser.post("/programs", [("title", "Two"), ("hashtag", "cohort"), ("visibility", "open")])
            #expect(page.status == 409 && page.body.contains("already the hashtag of another program"))
        }
    }
}

/// Q&A in the web UI.
@Suite("Web: questions and answers")
struct QuestionPagesTests {
    @Test("a learner asks with the checkbox, a peer answers, the asker upvotes and accepts; the questions views follow")
    func askAnswerAccept() async throws {
        let world = try await TestWorld()
        let fay = try await world.member("fay", role: .admin)
        let lea = try await world.member("lea"), ben = try await world.member("ben")
        let program = try await world.starling.programs.create(.init(title: "Cohort", hashtag: "cohort"), by: fay)
        for person in [lea, ben] { _ = try await world.starling.programs.join(program.id, by: person, agreementVersion: 1) }
        try await withLiveServer(world) { server in
            let leaBrowser = server.browser(), benBrowser = server.browser()
            try await leaBrowser.signIn("lea")
            try await benBrowser.signIn("ben")
            let asked = try await leaBrowser.post("/posts", [("text", "How do I get a badge? #cohort"), ("visibility", "organization"), ("question", "1")])
            let questionPath = try #require(asked.location)
            let open = try await benBrowser.get("/programs/\(program.id)/questions?show=open")
            #expect(open.body.contains("How do I get a badge?") && open.body.contains("no answer yet") && open.body.contains(">Question<"))
            let questionID = try #require(questionPath.split(separator: "/").last.map(String.init))
            #expect(try await benBrowser.post("/posts", [("text", "Ask reception"), ("in_reply_to_id", questionID), ("visibility", "organization")]).status == 303)
            let thread = try await leaBrowser.get(questionPath)
            #expect(thread.body.contains("<h2>Answers</h2>") && thread.body.contains("Upvote") && thread.body.contains("Accept answer"))
            #expect(!(try await benBrowser.get(questionPath).body.contains("Accept answer"))) // only the asker (or facilitators)
            let questionPostID = try #require(ID(questionID))
            let answerID = try #require(try await world.starling.reads.thread(questionPostID, viewer: lea).descendants.first?.id)
            #expect(try await leaBrowser.post("/posts/\(answerID)/upvote", [("on", "1"), ("return", questionPath)]).status == 303)
            #expect(try await leaBrowser.post("/posts/\(answerID)/accept", [("on", "1"), ("return", questionPath)]).status == 303)
            let accepted = try await benBrowser.get(questionPath)
            #expect(accepted.body.contains("✓ Accepted answer") && accepted.body.contains("Answered question") && accepted.body.contains("▲ 1"))
            #expect(!(try await benBrowser.get("/programs/\(program.id)/questions?show=open").body.contains("How do I get a badge?")))
            #expect(try await benBrowser.get("/programs/\(program.id)/questions?show=answered").body.contains("How do I get a badge?"))
            #expect(try await benBrowser.get("/programs/\(program.id)/questions?show=later").status == 422)
        }
    }
}

/// The knowledge base in the web UI.
@Suite("Web: knowledge base")
struct KnowledgePagesTests {
    @Test("a facilitator saves a thread from its page; the page shows, search finds it, an outsider gets a 404")
    func saveAndFind() async throws {
        let world = try await TestWorld()
        let fay = try await world.member("fay", role: .admin)
        try await world.member("outsider")
        let program = try await world.starling.programs.create(.init(title: "Lab", hashtag: "lab", visibility: "private"), by: fay)
        let post = try await world.post("Feedback works best when it is *specific*. #lab", by: fay)
        try await withLiveServer(world) { server in
            let browser = server.browser(), outsider = server.browser()
            try await browser.signIn("fay")
            try await outsider.signIn("outsider")
            let thread = try await browser.get("/@fay/\(post.id)")
            #expect(thread.body.contains("Save to knowledge base"))
            let saved = try await browser.post("/posts/\(post.id)/knowledge", [("title", "Specific feedback")])
            let path = try #require(saved.location)
            let page = try await browser.get(path)
            #expect(page.body.contains("<h1>Specific feedback</h1>") && page.body.contains("<em>specific</em>") && page.body.contains("From this thread"))
            #expect(try await browser.get("/programs/\(program.id)/knowledge").body.contains("Specific feedback"))
            #expect(try await browser.get("/search?q=feedback").body.contains("Knowledge base"))
            #expect(try await outsider.get(path).status == 404)
            #expect(!(try await outsider.get("/search?q=feedback").body.contains("Specific feedback")))
            let edited = try await browser.post(path, [("title", "Specific, kind feedback"), ("body", "## Why\nBecause.")])
            #expect(edited.status == 303)
            let after = try await browser.get(path)
            #expect(after.body.contains("<h3>Why</h3>") && after.body.contains("Earlier versions (1)"))
        }
    }
}
