import Foundation
import Testing
@testable import StarlingCore

/// The spaced-repetition model against its reference implementation (PyPI `fsrs`): the histories in
/// Fixtures/fsrs-reference.json were scheduled by it (tests/e2e/fsrs_reference.py writes them, and the
/// end-to-end tests check the file is what the pinned reference computes).
@Suite("FSRS scheduler")
struct FSRSTests {
    struct Step: Decodable {
        let at: Date, rating: Int, stability: Double, difficulty: Double, due: Date
    }

    static func reference() throws -> [[Step]] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fsrs-reference.json")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode([[Step]].self, from: Data(contentsOf: url))
    }

    @Test("every review of 40 reference histories gives the reference's stability, difficulty and due date")
    func matchesTheReference() throws {
        let fsrs = FSRS()
        let histories = try Self.reference()
        #expect(histories.count == 40)
        for (card, steps) in histories.enumerated() {
            var memory: FSRS.Memory?
            for (index, step) in steps.enumerated() {
                let review = fsrs.review(memory, try #require(FSRS.Rating(rawValue: step.rating)), at: step.at)
                #expect(abs(review.memory.stability - step.stability) <= 1e-9 * max(1, step.stability), "card \(card) review \(index)")
                #expect(abs(review.memory.difficulty - step.difficulty) <= 1e-9, "card \(card) review \(index)")
                #expect(review.due == step.due, "card \(card) review \(index)")
                memory = review.memory
            }
        }
    }

    @Test("a first Good is due in two days with the reference's stability; forgetting shortens the interval, ease lengthens it")
    func firstReviews() {
        let fsrs = FSRS(), start = Date(timeIntervalSince1970: 1_796_115_600) // 2026-12-01 09:00 UTC
        let good = fsrs.review(nil, .good, at: start)
        #expect(good.intervalDays == 2 && abs(good.memory.stability - 2.3065) < 1e-12 && abs(good.memory.difficulty - 2.1181) < 1e-4)
        let later = start.addingTimeInterval(2 * 86_400)
        #expect(fsrs.review(good.memory, .again, at: later).intervalDays < fsrs.review(good.memory, .good, at: later).intervalDays)
        #expect(fsrs.review(good.memory, .easy, at: later).intervalDays > fsrs.review(good.memory, .good, at: later).intervalDays)
        #expect(abs(fsrs.retrievability(good.memory, at: later.addingTimeInterval(0.3 * 86_400)) - 0.9) < 0.01)
    }
}
