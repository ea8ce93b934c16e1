import Foundation
import Testing
@testable import StarlingCore

/// Reinforcement in the browser: the plan editor, the review pages, commitments and the board.
@Suite("Reinforcement pages")
struct ReinforcementPagesTests {
    private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// Nugget form fields with a check whose first option is right.
    private func nuggetFields(_ text: String, right: [Int] = [0]) -> [(String, String)] {
        [("text", text), ("link", ""), ("check_question", "Who helps first?"), ("option0", "A peer"), ("option1", "Nobody"),
         ("option2", ""), ("option3", ""), ("check_explanation", "Peers answer fastest.")] + right.map { ("right", String($0)) }
    }

    @Test func aFacilitatorWritesAPlanAndSeesWhenEachNuggetGoesOut() async throws {
        let f = try await ReinforcementFixture(start: utc("2026-11-30T08:00:00Z"))
        try await withLiveServer(f.world) { server in
            let browser = server.browser()
            try await browser.signIn("fay")
            _ = try await browser.get("/programs/\(f.program.id)/plans")
            let made = try await browser.post("/programs/\(f.program.id)/plans", [
                ("title", "Week after"), ("start_day", "2026-12-01"), ("release_time", "09:30"), ("time_zone", "UTC"), ("every_days", "2"),
                ("horizon_days", "30"), ("desired_retention", "0.90")])
            #expect(made.status == 303)
            let planPath = try #require(made.location)
            _ = try await browser.get(planPath)
            for text in ["First nugget", "Second nugget"] { #expect(try await browser.post(planPath + "/nuggets", nuggetFields(text)).status == 303) }
            let page = try await browser.get(planPath)
            #expect(page.body.contains("First nugget") && page.body.contains("Second nugget"))
            #expect(page.body.contains("datetime=\"2026-12-01T09:30:00Z\""), "the first goes out on the start day")
            #expect(page.body.contains("datetime=\"2026-12-03T09:30:00Z\""), "the second two days later")
            #expect(page.body.contains("A peer <span class=\"right-mark\">✓ right</span>"))
        }
    }

    @Test func aNuggetWithoutARightOptionComesBackRefilledWithTheReason() async throws {
        let f = try await ReinforcementFixture()
        let plan = try await f.plan(startDay: "2026-12-01")
        try await withLiveServer(f.world) { server in
            let browser = server.browser()
            try await browser.signIn("fay")
            _ = try await browser.get("/plans/\(plan.id)")
            let refused = try await browser.post("/plans/\(plan.id)/nuggets", nuggetFields("Keep this text", right: []))
            #expect(refused.status == 422)
            #expect(refused.body.contains("Mark at least one option as right."))
            #expect(refused.body.contains(">Keep this text</textarea>"))
            #expect(try await f.nuggets(plan).isEmpty)
        }
    }

    @Test func aLearnerAnswersWrongSeesTheExplanationAndFindsItDueTheNextDay() async throws {
        let f = try await ReinforcementFixture(start: utc("2026-12-01T09:00:00Z"))
        let plan = try await f.plan(startDay: "2026-12-01")
        let nugget = try await f.nugget("Ask early", in: plan)
        try await f.advance(days: 0)
        try await withLiveServer(f.world) { server in
            let browser = server.browser()
            try await browser.signIn("lea")
            let queue = try await browser.get("/reviews")
            #expect(queue.body.contains("aria-label=\"1 due\""))
            #expect(queue.body.contains("/reviews/\(nugget.id)"))
            _ = try await browser.get("/reviews/\(nugget.id)")
            let answered = try await browser.post("/reviews/\(nugget.id)", [("choice", "1"), ("rating", "good")])
            #expect(answered.status == 303)
            let page = try await browser.get("/reviews/\(nugget.id)")
            #expect(page.body.contains("Your last answer: not right"))
            #expect(page.body.contains("The right answer: <strong>Right</strong>"))
            #expect(page.body.contains("Because Ask early."))
            let due = FSRS().review(nil, .again, at: f.clock.now()).due
            #expect(due == utc("2026-12-02T09:00:00Z"))
            #expect(page.body.contains("It comes back on <time datetime=\"2026-12-02T09:00:00Z\""))
        }
    }

    @Test func learnersDoNotSeePlansOrTheBoard() async throws {
        let f = try await ReinforcementFixture()
        let plan = try await f.plan(startDay: "2026-12-01")
        try await withLiveServer(f.world) { server in
            let browser = server.browser()
            try await browser.signIn("lea")
            #expect(try await browser.get("/programs/\(f.program.id)/plans").status == 403)
            #expect(try await browser.get("/plans/\(plan.id)").status == 404)
            #expect(try await browser.get("/programs/\(f.program.id)/board").status == 403)
            #expect(try await browser.post("/plans/\(plan.id)/nuggets", nuggetFields("Mine")).status == 404)
        }
    }

    @Test func aLearnerCommitsChecksInAndMarksItDone() async throws {
        let f = try await ReinforcementFixture()
        try await withLiveServer(f.world) { server in
            let browser = server.browser()
            try await browser.signIn("lea")
            _ = try await browser.get("/programs/\(f.program.id)/commitments")
            let made = try await browser.post("/programs/\(f.program.id)/commitments",
                                              [("text", "Run one retro"), ("due_on", "2026-12-24"), ("reminder_every_days", "7")])
            let path = try #require(made.location)
            _ = try await browser.get(path)
            #expect(try await browser.post(path + "/check-ins", [("text", "Booked the room"), ("state", "open")]).status == 303)
            #expect(try await browser.post(path + "/check-ins", [("text", "Held it"), ("state", "done")]).status == 303)
            let page = try await browser.get(path)
            #expect(page.body.contains("Booked the room") && page.body.contains("Held it"))
            #expect(page.body.contains("<span class=\"badge-qa accepted\">Done</span>"))
            #expect(!page.body.contains("id=\"checkin-title\""), "a done commitment takes no more check-ins")
        }
    }

    @Test func aCommitmentDueInThePastIsRefusedOnItsPage() async throws {
        let f = try await ReinforcementFixture()
        try await withLiveServer(f.world) { server in
            let browser = server.browser()
            try await browser.signIn("lea")
            _ = try await browser.get("/programs/\(f.program.id)/commitments")
            let refused = try await browser.post("/programs/\(f.program.id)/commitments", [("text", "Too late"), ("due_on", "2020-01-01")])
            #expect(refused.status == 422)
            #expect(refused.body.contains("not in the past"))
        }
    }

    @Test func theBoardPairsLearnersAndShowsTheirPartners() async throws {
        let f = try await ReinforcementFixture()
        try await withLiveServer(f.world) { server in
            let browser = server.browser()
            try await browser.signIn("fay")
            _ = try await browser.get("/programs/\(f.program.id)/board")
            let paired = try await browser.post("/programs/\(f.program.id)/partners", [("mode", "random"), ("weeks", "2")])
            #expect(paired.status == 303)
            let board = try await browser.get("/programs/\(f.program.id)/board")
            #expect(board.body.contains("Lea &amp; Leo &amp; Lia"), "three learners make one trio")
            let refused = try await browser.post("/programs/\(f.program.id)/partners", [("mode", "manual"), ("groups", "lea otto")])
            #expect(refused.status == 422)
            #expect(refused.body.contains("Only the program&#39;s learners can be paired."))
        }
    }
}
