import Foundation
import Testing
@testable import StarlingCore

/// Who sees a learner's reviews and answers, private commitments and the facilitators' board, on
/// every path: web pages, the own API, the Mastodon API and search. Lea answered a review and made a
/// private commitment; Leo is her partner, Lia another learner, Fay the facilitator, Otto outside.
@Suite("Reinforcement privacy matrix")
struct ReinforcementPrivacyTests {
    enum Viewer: String, CaseIterable {
        case lea, leo, lia, fay, otto, signedOut
    }

    enum Item: CaseIterable {
        case reviewAnswers, privateCommitment, board

        /// The rule: Lea's answers are hers alone; her private commitment is hers, her partner's and the
        /// facilitators'; the board is the facilitators'.
        func allowed(_ viewer: Viewer) -> Bool {
            switch self {
            case .reviewAnswers: viewer == .lea
            case .privateCommitment: [.lea, .leo, .fay].contains(viewer)
            case .board: viewer == .fay
            }
        }
    }

    @Test("each viewer sees exactly what the rules name, on every path")
    func matrix() async throws {
        let f = try await ReinforcementFixture()
        let plan = try await f.plan(startDay: "2026-11-30", time: "00:00")
        let nugget = try await f.starling.reinforcement.addNugget(to: plan.id, .init(
            text: "Feedback early", check: RecallCheck(question: "When zqreviewmark?", options: ["Early", "Late"], correct: [0])), by: f.fay, at: f.clock.now())
        try await f.advance(days: 0)
        let reviewPost = try #require(try await f.starling.reviews.item(nugget.id, of: f.lea).state.deliveredPostID)
        try await f.starling.reviews.answer(nugget.id, choices: [1], by: f.lea, at: f.clock.now())
        try await f.starling.partners.pair(in: f.program.id, groups: [[f.lea.id, f.leo.id]], by: f.fay, at: f.clock.now())
        let commitment = try await f.starling.commitments.commit(in: f.program.id, .init(text: "zqprivatemark ask for feedback", dueOn: "2026-12-24", isPrivate: true),
                                                           by: f.lea, at: f.clock.now())
        let accounts: [Viewer: Account] = [.lea: f.lea, .leo: f.leo, .lia: f.lia, .fay: f.fay, .otto: f.otto]
        var tokens: [Viewer: String] = [:]
        for (viewer, account) in accounts { tokens[viewer] = try await f.starling.oauth.issueForScript(account: account, scopes: "read write").token }
        let appTokens = tokens
        let failures = try await withLiveServer(f.world) { server in
            var failures: [String] = []
            for viewer in Viewer.allCases {
                let browser = server.browser()
                if viewer != .signedOut { try await browser.signIn(viewer.rawValue) }
                let token = appTokens[viewer]
                func page(_ path: String, contains text: String) async throws -> Bool {
                    let page = try await browser.get(path)
                    #expect(page.status < 500, "\(path)")
                    return page.status == 200 && page.body.contains(text)
                }
                func api(_ path: String) async throws -> APIResult {
                    let result = try await server.api("GET", path, token: token)
                    #expect(result.status < 500, "\(path)")
                    return result
                }
                let seen: [(Item, String, Bool)] = [
                    (.reviewAnswers, "review page", try await page("/reviews/\(nugget.id)", contains: "Your last answer")),
                    (.reviewAnswers, "own API review", try await api("/api/starling/v1/reviews/\(nugget.id)").json["reviews"] as? Int == 1),
                    (.reviewAnswers, "review status", try await api("/api/v1/statuses/\(reviewPost)").status == 200),
                    (.reviewAnswers, "review thread", try await api("/api/v1/statuses/\(reviewPost)/context").json["descendants"].map { ($0 as? [Any])?.isEmpty == false } ?? false),
                    (.reviewAnswers, "search", try await page("/search?q=zqreviewmark", contains: "id=\"post-\(reviewPost)\"")),
                    (.reviewAnswers, "API search", try await api("/api/v2/search?q=zqreviewmark&type=statuses").body.contains(reviewPost.description)),
                    (.privateCommitment, "commitment page", try await page("/commitments/\(commitment.id)", contains: "zqprivatemark")),
                    (.privateCommitment, "program commitments", try await page("/programs/\(f.program.id)/commitments", contains: "zqprivatemark")),
                    (.privateCommitment, "own API commitment", try await api("/api/starling/v1/commitments/\(commitment.id)").status == 200),
                    (.privateCommitment, "own API list", try await api("/api/starling/v1/programs/\(f.program.id)/commitments").body.contains("zqprivatemark")),
                    (.board, "board page", try await page("/programs/\(f.program.id)/board", contains: "Facilitators' board")),
                    (.board, "own API board", try await api("/api/starling/v1/programs/\(f.program.id)/board").status == 200),
                ]
                for (item, path, saw) in seen where saw != item.allowed(viewer) {
                    failures.append("\(viewer.rawValue) on \(path): saw \(saw), expected \(item.allowed(viewer))")
                }
            }
            return failures
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
