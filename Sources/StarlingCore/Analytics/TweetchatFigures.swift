import Foundation

/// Whether people come back to a recurring tweetchat: per occurrence, who took part (new, or returning
/// from an earlier occurrence of the same event) and answers per question; per event, the share of each
/// occurrence's participants who came to the next one.
public enum TweetchatFigures {
    /// What one held occurrence's transcript counts.
    public struct Input: Sendable {
        public var occurrence: EventOccurrence
        public var participants: Set<ID>
        public var questions: Int
        public var answers: Int

        public init(occurrence: EventOccurrence, participants: Set<ID>, questions: Int, answers: Int) {
            self.occurrence = occurrence
            self.participants = participants
            self.questions = questions
            self.answers = answers
        }
    }

    public struct Occurrence: Sendable, Hashable {
        public var occurrence: EventOccurrence
        public var participants: Int
        public var new: Int
        public var returning: Int
        public var answersPerQuestion: Double?
        /// The share of this occurrence's participants who took part in the next one (nil for the last).
        public var cameToNext: Double?
    }

    public struct EventFigures: Sendable, Hashable {
        public var event: Event
        public var occurrences: [Occurrence]
        /// The share of participants who came to the next occurrence, over every pair of consecutive occurrences.
        public var cameToNext: Double?
    }

    /// The figures of one event's held occurrences, given in order.
    public static func figures(_ event: Event, _ held: [Input]) -> EventFigures {
        var earlier: Set<ID> = []
        var occurrences: [Occurrence] = []
        var stayed = 0, couldStay = 0
        for (index, input) in held.enumerated() {
            let returning = input.participants.intersection(earlier).count
            var next: Double?
            if index + 1 < held.count, !input.participants.isEmpty {
                let came = input.participants.intersection(held[index + 1].participants).count
                next = Double(came) / Double(input.participants.count)
                stayed += came
                couldStay += input.participants.count
            }
            occurrences.append(Occurrence(occurrence: input.occurrence, participants: input.participants.count,
                                          new: input.participants.count - returning, returning: returning,
                                          answersPerQuestion: input.questions == 0 ? nil : Double(input.answers) / Double(input.questions),
                                          cameToNext: next))
            earlier.formUnion(input.participants)
        }
        return EventFigures(event: event, occurrences: occurrences, cameToNext: couldStay == 0 ? nil : Double(stayed) / Double(couldStay))
    }
}
