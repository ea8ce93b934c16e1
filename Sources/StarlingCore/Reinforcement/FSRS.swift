import Foundation

/// FSRS-6, the Free Spaced Repetition Scheduler: the model that spaces each learner's recall checks.
/// A card's memory is its stability (days until recall falls to 90%) and difficulty (1 to 10); each
/// answer updates both, and the next check is due when predicted recall falls to the desired retention.
/// Scheduled in whole days, without learning steps or fuzzing, exactly as the reference implementation
/// (PyPI `fsrs` with `learning_steps=()`, `relearning_steps=()`, `enable_fuzzing=False`) computes it;
/// the tests replay the reference's histories.
public struct FSRS: Sendable {
    /// How a learner did: forgot, recalled with effort, recalled, recalled easily.
    public enum Rating: Int, Sendable, CaseIterable {
        case again = 1, hard, good, easy
    }

    /// What the model knows of one card for one learner.
    public struct Memory: Sendable, Equatable {
        public var stability: Double
        public var difficulty: Double
        public var lastReview: Date

        public init(stability: Double, difficulty: Double, lastReview: Date) {
            self.stability = stability
            self.difficulty = difficulty
            self.lastReview = lastReview
        }
    }

    /// The memory after a review, and when the card is due next.
    public struct Review: Sendable, Equatable {
        public var memory: Memory
        public var due: Date
        public var intervalDays: Int
    }

    /// FSRS-6's default weights (w0 to w20), as the reference ships them.
    public static let defaultParameters: [Double] = [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ]
    static let minimumStability = 0.001
    static let difficultyRange = 1.0...10.0

    public let parameters: [Double]
    public let desiredRetention: Double
    public let maximumInterval: Int
    private let decay: Double
    private let factor: Double

    public init(parameters: [Double] = defaultParameters, desiredRetention: Double = 0.9, maximumInterval: Int = 36_500) {
        precondition(parameters.count == 21, "FSRS-6 has 21 parameters")
        self.parameters = parameters
        self.desiredRetention = desiredRetention
        self.maximumInterval = maximumInterval
        decay = -parameters[20]
        factor = pow(0.9, 1 / decay) - 1
    }

    /// Reviews a card (`memory` nil: its first review) with `rating` at `date`.
    public func review(_ memory: Memory?, _ rating: Rating, at date: Date) -> Review {
        let stability: Double, difficulty: Double
        if let memory {
            // A second look on the same day (under 24 hours) changes stability by the short-term rule.
            stability = Self.wholeDays(from: memory.lastReview, to: date) < 1
                ? shortTermStability(memory.stability, rating)
                : nextStability(memory, rating, retrievability: retrievability(memory, at: date))
            difficulty = nextDifficulty(memory.difficulty, rating)
        } else {
            stability = clampStability(parameters[rating.rawValue - 1])
            difficulty = clampDifficulty(initialDifficulty(rating))
        }
        let interval = nextInterval(stability)
        return Review(memory: Memory(stability: stability, difficulty: difficulty, lastReview: date),
                      due: date.addingTimeInterval(Double(interval) * 86_400), intervalDays: interval)
    }

    /// The probability the learner recalls the card at `date` (whole days since the last review count).
    public func retrievability(_ memory: Memory, at date: Date) -> Double {
        let elapsed = Double(max(0, Self.wholeDays(from: memory.lastReview, to: date)))
        return pow(1 + factor * elapsed / memory.stability, decay)
    }

    /// Days until recall falls to the desired retention, rounded half to even as the reference does, 1 at least.
    func nextInterval(_ stability: Double) -> Int {
        let days = (stability / factor * (pow(desiredRetention, 1 / decay) - 1)).rounded(.toNearestOrEven)
        return min(max(Int(days), 1), maximumInterval)
    }

    private func initialDifficulty(_ rating: Rating) -> Double {
        parameters[4] - exp(parameters[5] * Double(rating.rawValue - 1)) + 1
    }

    private func nextDifficulty(_ difficulty: Double, _ rating: Rating) -> Double {
        let delta = -(parameters[6] * Double(rating.rawValue - 3))
        let damped = difficulty + (10 - difficulty) * delta / 9
        return clampDifficulty(parameters[7] * initialDifficulty(.easy) + (1 - parameters[7]) * damped)
    }

    private func shortTermStability(_ stability: Double, _ rating: Rating) -> Double {
        var increase = exp(parameters[17] * (Double(rating.rawValue) - 3 + parameters[18])) * pow(stability, -parameters[19])
        if rating != .again { increase = max(increase, 1) }
        return clampStability(stability * increase)
    }

    private func nextStability(_ memory: Memory, _ rating: Rating, retrievability r: Double) -> Double {
        let (s, d) = (memory.stability, memory.difficulty)
        guard rating != .again else {
            let longTerm = parameters[11] * pow(d, -parameters[12]) * (pow(s + 1, parameters[13]) - 1) * exp((1 - r) * parameters[14])
            let shortTerm = s / exp(parameters[17] * parameters[18])
            return clampStability(min(longTerm, shortTerm))
        }
        let hardPenalty = rating == .hard ? parameters[15] : 1
        let easyBonus = rating == .easy ? parameters[16] : 1
        return clampStability(s * (1 + exp(parameters[8]) * (11 - d) * pow(s, -parameters[9]) * (exp((1 - r) * parameters[10]) - 1)
            * hardPenalty * easyBonus))
    }

    private func clampStability(_ s: Double) -> Double { max(s, Self.minimumStability) }
    private func clampDifficulty(_ d: Double) -> Double { min(max(d, Self.difficultyRange.lowerBound), Self.difficultyRange.upperBound) }

    /// Whole days between two instants, counted down as Python's `timedelta.days` counts them.
    static func wholeDays(from start: Date, to end: Date) -> Int {
        Int((end.timeIntervalSince(start) / 86_400).rounded(.down))
    }
}
