import Foundation
import Testing
@testable import StarlingCore

/// Reinforcement through the own API: plans, reviews with their FSRS log, commitments and partners.
@Suite("Reinforcement API")
struct ReinforcementAPITests {
    private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    private func token(_ f: ReinforcementFixture, _ account: Account) async throws -> String {
        try await f.starling.oauth.issueForScript(account: account, scopes: "read write").token
    }

    @Test func aFacilitatorBuildsAPlanAndReadsItsSchedule() async throws {
        let f = try await ReinforcementFixture(start: utc("2026-11-30T08:00:00Z"))
        let fay = try await token(f, f.fay)
        try await withLiveServer(f.world) { server in
            let plan = try await server.api("POST", "/api/starling/v1/programs/\(f.program.id)/plans", token: fay, json: """
                {"title": "After", "start_day": "2026-12-01", "release_time": "08:15", "time_zone": "Europe/Berlin", "every_days": 1, "weekdays": [2, 4]}
                """)
            #expect(plan.status == 200)
            let id = plan.string("id")
            let nugget = try await server.api("POST", "/api/starling/v1/plans/\(id)/nuggets", token: fay, json: """
                {"text": "One", "check_question": "Q?", "check_options": ["a", "b", "c"], "check_correct": [1, 2], "check_explanation": "b and c."}
                """)
            #expect(nugget.status == 200)
            #expect((nugget.json["check"] as? [String: Any])?["multiple"] as? Bool == true)
            // Tuesday 2026-12-01 at 08:15 in Berlin is 07:15 UTC.
            #expect(nugget.string("release_at") == "2026-12-01T07:15:00.000Z")
            let read = try await server.api("GET", "/api/starling/v1/plans/\(id)", token: fay)
            #expect(read.json["weekdays"] as? [Int] == [2, 4])
            #expect((read.json["nuggets"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test func aPlanReadBackCanBeSentBackUnchanged() async throws {
        let f = try await ReinforcementFixture()
        let fay = try await token(f, f.fay)
        try await withLiveServer(f.world) { server in
            let plan = try await server.api("POST", "/api/starling/v1/programs/\(f.program.id)/plans", token: fay,
                                            json: #"{"title": "After", "start_day": "2026-12-01", "time_zone": "UTC"}"#)
            #expect(plan.string("time_zone") == "UTC")
            let again = try await server.api("PATCH", "/api/starling/v1/plans/\(plan.string("id"))", token: fay,
                                             json: "{\"time_zone\": \"\(plan.string("time_zone"))\", \"every_days\": \(plan.json["every_days"] as? Int ?? 0)}")
            #expect(again.status == 200)
        }
    }

    @Test(arguments: [
        (#"{"title": "X", "start_day": "2026-12-03", "horizon_days": 0}"#, "horizon_days"),
        (#"{"title": "X", "start_day": "2026-12-03", "every_days": 7, "weekdays": [2]}"#, "weekdays"),
        (#"{"title": "X", "start_day": "yesterday"}"#, "start_day"),
        (#"{"title": "", "start_day": "2026-12-03"}"#, "title"),
    ])
    func aBadPlanIsRefusedWithItsField(body: String, field: String) async throws {
        let f = try await ReinforcementFixture()
        let fay = try await token(f, f.fay)
        try await withLiveServer(f.world) { server in
            let refused = try await server.api("POST", "/api/starling/v1/programs/\(f.program.id)/plans", token: fay, json: body)
            #expect(refused.status == 422)
            #expect(refused.string("error").hasPrefix("Validation failed: "))
            #expect(refused.string("error_description") == field)
        }
        #expect(try await f.world.store.plans(programID: f.program.id).isEmpty)
    }

    @Test(arguments: [
        (#"{"text": ""}"#, 422), (#"{"text": "x", "check_question": "Q?", "check_options": ["a", "b"]}"#, 422),
        (#"{"text": "x", "check_question": "Q?", "check_options": ["a", "b", "c", "d", "e"], "check_correct": [0]}"#, 422),
        (#"{"text": "x", "link": "javascript:alert(1)"}"#, 422),
    ])
    func aBadNuggetIsRefused(body: String, status: Int) async throws {
        let f = try await ReinforcementFixture()
        let plan = try await f.plan(startDay: "2026-12-01")
        let fay = try await token(f, f.fay)
        try await withLiveServer(f.world) { server in
            let refused = try await server.api("POST", "/api/starling/v1/plans/\(plan.id)/nuggets", token: fay, json: body)
            #expect(refused.status == status)
        }
        #expect(try await f.nuggets(plan).isEmpty)
    }

    @Test func aLearnersReviewLogCarriesTheFSRSStateAfterEachAnswer() async throws {
        let f = try await ReinforcementFixture(start: utc("2026-12-01T09:00:00Z"))
        let plan = try await f.plan(startDay: "2026-12-01")
        let nugget = try await f.nugget("Ask early", in: plan)
        try await f.advance(days: 0)
        let lea = try await token(f, f.lea)
        try await withLiveServer(f.world) { server in
            let queue = try await server.api("GET", "/api/starling/v1/reviews", token: lea)
            #expect(queue.array.map { $0["nugget_id"] as? String } == [nugget.id.description])
            #expect((queue.array.first?["check"] as? [String: Any])?["correct"] is NSNull, "the answer stays hidden while due")
            let outcome = try await server.api("POST", "/api/starling/v1/reviews/\(nugget.id)/answer", token: lea, json: #"{"choices": [0], "rating": "easy"}"#)
            #expect(outcome.status == 200)
            #expect(outcome.json["right"] as? Bool == true)
            let expected = FSRS().review(nil, .easy, at: f.clock.now())
            let review = try await server.api("GET", "/api/starling/v1/reviews/\(nugget.id)", token: lea)
            let entry = try #require((review.json["log"] as? [[String: Any]])?.first)
            #expect(entry["rating"] as? String == "easy")
            #expect(entry["stability"] as? Double == expected.memory.stability)
            #expect(entry["difficulty"] as? Double == expected.memory.difficulty)
            #expect(entry["interval_days"] as? Int == expected.intervalDays)
            let again = try await server.api("POST", "/api/starling/v1/reviews/\(nugget.id)/answer", token: lea, json: #"{"choices": [0]}"#)
            #expect(again.status == 409, "answering twice is refused")
            let otto = try await token(f, f.otto)
            #expect(try await server.api("POST", "/api/starling/v1/reviews/\(nugget.id)/answer", token: otto, json: #"{"choices": [0]}"#).status == 404)
        }
    }

    @Test func commitmentsAndPairingRefuseBadInput() async throws {
        let f = try await ReinforcementFixture()
        let lea = try await token(f, f.lea), fay = try await token(f, f.fay)
        try await withLiveServer(f.world) { server in
            let base = "/api/starling/v1/programs/\(f.program.id)"
            #expect(try await server.api("POST", base + "/commitments", token: lea, json: #"{"text": "Late", "due_on": "2020-01-01"}"#).status == 422)
            let made = try await server.api("POST", base + "/commitments", token: lea, json: #"{"text": "Retro", "due_on": "2026-12-24", "private": true}"#)
            #expect(made.status == 200)
            #expect(made.json["private"] as? Bool == true && made.json["status_id"] is NSNull)
            let checkIn = try await server.api("POST", "/api/starling/v1/commitments/\(made.string("id"))/check_ins", token: lea, json: #"{"state": "done"}"#)
            #expect(checkIn.string("state") == "done")
            let pairing = try await server.api("POST", base + "/partners", token: fay, json: "{\"groups\": [\"\(f.lea.id),\(f.otto.id)\"]}")
            #expect(pairing.status == 422)
            #expect(try await server.api("GET", base + "/board", token: lea).status == 403)
            let round = try await server.api("POST", base + "/partners", token: fay, json: #"{"weeks": 2}"#)
            #expect((round.json["groups"] as? [[String: Any]])?.first?["account_ids"] as? [String] != nil)
        }
    }
}
