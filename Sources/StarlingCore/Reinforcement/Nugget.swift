import Foundation

/// One piece of learning a reinforcement plan releases into its program's stream: a short text,
/// optionally a link or an image, and optionally a recall check learners then review on their own schedule.
public struct Nugget: Sendable, Hashable, Identifiable {
    public var id: ID
    public var planID: ID
    /// Its place in the plan's order (0 first).
    public var position: Int
    public var text: String
    public var link: String?
    /// An uploaded image (its description is the alt text), attached to the post when released.
    public var mediaID: ID?
    public var check: RecallCheck?
    /// The post it was released as, and when; a released nugget's post stays as it was posted.
    public var release: Release?
    public var createdAt: Date

    /// When and as which post a nugget went out.
    public struct Release: Sendable, Hashable {
        public var postID: ID?
        public var releasedAt: Date
        /// The plan's release day (0 = its start day) the release stood for.
        public var slotDay: Int

        public init(postID: ID?, releasedAt: Date, slotDay: Int) {
            self.postID = postID
            self.releasedAt = releasedAt
            self.slotDay = slotDay
        }
    }

    public init(id: ID, planID: ID, position: Int, text: String, link: String? = nil, mediaID: ID? = nil, check: RecallCheck? = nil,
                release: Release? = nil, createdAt: Date) {
        self.id = id
        self.planID = planID
        self.position = position
        self.text = text
        self.link = link
        self.mediaID = mediaID
        self.check = check
        self.release = release
        self.createdAt = createdAt
    }

    public var isReleased: Bool { release != nil }
}

/// A question about a nugget with 2 to 4 options, one or more of them right, and an explanation
/// shown once answered.
public struct RecallCheck: Sendable, Hashable, Codable {
    public static let optionCount = 2...4
    public static let maxOptionLength = PollDraft.maxOptionLength
    public static let maxQuestionLength = 300
    public static let maxExplanationLength = 1000

    public var question: String
    public var options: [String]
    /// Positions of the right options.
    public var correct: Set<Int>
    public var explanation: String

    public init(question: String, options: [String], correct: Set<Int>, explanation: String = "") {
        self.question = question
        self.options = options
        self.correct = correct
        self.explanation = explanation
    }

    /// Whether `choices` are exactly the right options.
    public func isRight(_ choices: Set<Int>) -> Bool { choices == correct }

    /// The check trimmed and checked: a question, 2 to 4 different short options, at least one right.
    func validated() throws -> RecallCheck {
        let question = PostText.normalize(question).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !question.isEmpty, question.count <= Self.maxQuestionLength else {
            throw DomainError.invalid(field: "check_question", message: "A recall check asks a question of at most \(Self.maxQuestionLength) characters.")
        }
        guard correct.allSatisfy(options.indices.contains) else {
            throw DomainError.invalid(field: "check_correct", message: "A right option is one of the options (counted from 0).")
        }
        // Empty option rows (a form's spare rows) are dropped, with the right marks moved along.
        var kept: [String] = [], right: Set<Int> = []
        for (position, option) in options.enumerated() {
            let text = PostText.normalize(option).trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty {
                if correct.contains(position) {
                    throw DomainError.invalid(field: "check_options", message: "An option marked right has no text.")
                }
                continue
            }
            if correct.contains(position) { right.insert(kept.count) }
            kept.append(text)
        }
        guard Self.optionCount.contains(kept.count) else {
            throw DomainError.invalid(field: "check_options", message: "A recall check has 2 to 4 options.")
        }
        guard kept.allSatisfy({ $0.count <= Self.maxOptionLength }), Set(kept).count == kept.count else {
            throw DomainError.invalid(field: "check_options",
                                      message: "The options of a recall check are different and at most \(Self.maxOptionLength) characters.")
        }
        guard !right.isEmpty else {
            throw DomainError.invalid(field: "check_correct", message: "Mark at least one option as right.")
        }
        let explanation = PostText.normalize(explanation).trimmingCharacters(in: .whitespacesAndNewlines)
        guard explanation.count <= Self.maxExplanationLength else {
            throw DomainError.invalid(field: "check_explanation", message: "An explanation has at most \(Self.maxExplanationLength) characters.")
        }
        return RecallCheck(question: question, options: kept, correct: right, explanation: explanation)
    }
}
