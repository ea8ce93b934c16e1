import Foundation
import Testing
@testable import StarlingCore
@testable import StarlingWeb

/// A program's knowledge base: pages made from the best threads, edited with history, searchable
/// by those who may see the program.
@Suite("Knowledge base")
struct KnowledgeTests {
    private func cohort(_ visibility: Program.Visibility = .private) async throws
        -> (world: TestWorld, program: Program, fay: Account, lea: Account, ben: Account, outsider: Account) {
        let world = try await TestWorld()
        let fay = try await world.member("fay", role: .admin), lea = try await world.member("lea"), ben = try await world.member("ben")
        let outsider = try await world.member("outsider")
        let program = try await world.starling.programs.create(.init(title: "Cohort", hashtag: "cohort", visibility: visibility.rawValue), by: fay)
        for person in [lea, ben] {
            _ = try await world.starling.programs.setMember(program.id, account: person, role: .learner, by: fay)
            _ = try await world.starling.programs.join(program.id, by: person, agreementVersion: 1)
        }
        return (world, program, fay, lea, ben, outsider)
    }

    @Test("a question promoted by a facilitator becomes a page with its accepted answers, linking to the sources")
    func promoteQuestion() async throws {
        let c = try await cohort()
        let question = try await c.world.post("Q: how do I claim travel expenses? #cohort", by: c.lea)
        let good = try await c.world.post("Through the portal, with receipts", by: c.ben, replyTo: question.id)
        _ = try await c.world.post("No idea", by: c.fay, replyTo: question.id)
        _ = try await c.world.starling.questions.accept(good.id, by: c.lea)
        let page = try await c.world.starling.knowledge.promote(question.id, by: c.fay)
        #expect(page.title == "how do I claim travel expenses?")
        #expect(page.programID == c.program.id && page.sourcePostID == question.id)
        #expect(page.body.contains("> Q: how do I claim travel expenses? #cohort"))
        #expect(page.body.contains("## Answer (accepted) by @ben") && page.body.contains("[original post](/posts/\(good.id))"))
        #expect(!page.body.contains("No idea"))
        await #expect(throws: DomainError.self) { try await c.world.starling.knowledge.promote(question.id, by: c.lea) } // learners cannot
        let outside = try await c.world.post("Not in a program", by: c.fay)
        await #expect(throws: DomainError.self) { try await c.world.starling.knowledge.promote(outside.id, by: c.fay) }
    }

    @Test("editing a page keeps the earlier version; only facilitators and moderators edit")
    func revisions() async throws {
        let c = try await cohort()
        let post = try await c.world.post("Tips for the first week #cohort", by: c.fay)
        let knowledge = c.world.starling.knowledge
        let page = try await knowledge.promote(post.id, title: "First week", by: c.fay)
        _ = try await knowledge.edit(page.id, title: "Your first week", body: "1. Meet your buddy\n2. Read the handbook", by: c.fay)
        #expect(try await knowledge.page(page.id, viewer: c.lea).title == "Your first week")
        let history = try await knowledge.revisions(page.id, viewer: c.lea)
        #expect(history.map(\.title) == ["First week"])
        await #expect(throws: DomainError.self) { try await knowledge.edit(page.id, title: "Mine", body: "x", by: c.lea) }
        await #expect(throws: DomainError.self) { try await knowledge.edit(page.id, title: " ", body: "x", by: c.fay) }
    }

    @Test("a private program's pages are unknown to outsiders, in search too; an open program's are for everyone")
    func visibility() async throws {
        for visibility in Program.Visibility.allCases {
            let c = try await cohort(visibility)
            let post = try await c.world.post("Spaced repetition works #cohort", by: c.fay)
            let page = try await c.world.starling.knowledge.promote(post.id, title: "Spaced repetition", by: c.fay)
            let knowledge = c.world.starling.knowledge
            #expect(try await knowledge.search("repetition", viewer: c.lea).map(\.id) == [page.id])
            if visibility == .private {
                await #expect(throws: DomainError.notFound) { try await knowledge.page(page.id, viewer: c.outsider) }
                #expect(try await knowledge.search("repetition", viewer: c.outsider).isEmpty)
            } else {
                #expect(try await knowledge.page(page.id, viewer: c.outsider).id == page.id)
                #expect(try await knowledge.search("spaced", viewer: c.outsider).map(\.id) == [page.id])
            }
        }
    }

    @Test("Markdown renders headings, lists, quotes, emphasis, code and safe links; whatever the writer typed stays text")
    func markdown() {
        let html = Markdown.html("""
            # Title
            Some **bold** and *italic* and `<code>`.
            > quoted <b>
            - one
            - [two](https://example.org/a?b=1&c=2)
            1. first
            [bad](javascript:alert(1)) <script>alert(1)</script>
            """).raw
        #expect(html.contains("<h2>Title</h2>")) // the page title is the h1
        #expect(html.contains("<strong>bold</strong>") && html.contains("<em>italic</em>") && html.contains("<code>&lt;code&gt;</code>"))
        #expect(html.contains("<blockquote><p>quoted &lt;b&gt;</p></blockquote>"))
        #expect(html.contains("<ul><li>one</li><li><a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"nofollow noopener\">two</a></li></ul>"))
        #expect(html.contains("<ol><li>first</li></ol>"))
        #expect(!html.contains("<script") && !html.contains("href=\"javascript"))
        #expect(html.contains("&lt;script&gt;"))
    }

    @Test("the knowledge base downloads as Markdown files that tar unpacks, and as one HTML page without scripts")
    func export() async throws {
        let c = try await cohort(.open)
        let first = try await c.world.post("Spaced practice beats cramming #cohort", by: c.fay)
        let second = try await c.world.post("Retrieval practice <script>alert(1)</script> #cohort", by: c.fay)
        _ = try await c.world.starling.knowledge.promote(first.id, title: "Spaced practice", by: c.fay)
        _ = try await c.world.starling.knowledge.promote(second.id, title: "Retrieval: practice!", by: c.fay)
        try await withSignedInBrowser(c.world, as: "lea") { browser, _ in
            let tar = try await browser.get("/programs/\(c.program.id)/knowledge/export.tar")
            #expect(tar.status == 200 && tar.header("content-type") == "application/x-tar")
            let directory = NSTemporaryDirectory() + "kb-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(tar.body.utf8).write(to: URL(fileURLWithPath: directory + "/kb.tar"))
            let untar = Process()
            untar.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
            untar.arguments = ["-xf", "kb.tar"]
            untar.currentDirectoryURL = URL(fileURLWithPath: directory)
            try untar.run()
            untar.waitUntilExit()
            #expect(untar.terminationStatus == 0)
            let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            #expect(files.contains("index.md") && files.contains { $0.hasSuffix("-retrieval-practice.md") })
            let spaced = try #require(files.first { $0.hasSuffix("-spaced-practice.md") })
            let text = try String(contentsOfFile: directory + "/" + spaced, encoding: .utf8)
            #expect(text.hasPrefix("# Spaced practice\n") && text.contains("Spaced practice beats cramming") && text.contains("/posts/\(first.id)"))
            let html = try await browser.get("/programs/\(c.program.id)/knowledge/export.html")
            #expect(html.status == 200 && html.body.contains("<h2>Spaced practice</h2>") && html.body.contains("&lt;script&gt;"))
            #expect(!html.body.contains("<script"))
            #expect(try await browser.get("/programs/\(c.program.id)/knowledge/export.zip").status == 404)
        }
    }
}
