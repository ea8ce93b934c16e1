import Foundation
import StarlingCore

/// Live events, their occurrences, and questions put to experts.
extension SQLStore {
    public static var eventColumns: String {
        """
            id, kind, title, hashtag, program_id, starts_at, time_zone, duration, recurrence, reminder_lead, created_by, created_at, requires_approval,
            open_to_outside
            """
    }

    @inlinable public static func event(_ row: some ColumnReader) -> Event {
        Event(id: ID(row.int64(0)), kind: Event.Kind(rawValue: row.string(1)) ?? .tweetchat, title: row.string(2), hashtag: row.string(3),
              programID: row.optionalInt64(4).map(ID.init), startsAt: date(row.int64(5)), timeZone: row.string(6),
              duration: TimeInterval(row.int64(7)), recurrence: Event.Recurrence(rawValue: row.string(8)) ?? .none,
              reminderLead: TimeInterval(row.int64(9)), createdBy: ID(row.int64(10)), createdAt: date(row.int64(11)),
              requiresApproval: row.bool(12), openToOutside: row.bool(13))
    }

    public static var occurrenceColumns: String { "id, event_id, idx, starts_at, ends_at, started_at, ended_at, held_at" }

    @inlinable public static func occurrence(_ row: some ColumnReader) -> EventOccurrence {
        EventOccurrence(id: ID(row.int64(0)), eventID: ID(row.int64(1)), index: row.int(2), startsAt: date(row.int64(3)),
                        endsAt: date(row.int64(4)), startedAt: row.optionalInt64(5).map(date), endedAt: row.optionalInt64(6).map(date),
                        heldAt: row.optionalInt64(7).map(date))
    }

    public static var expertQuestionColumns: String { expertQuestionColumnList }

    public static var expertQuestionFrom: String {
        """
            FROM expert_questions q JOIN accounts a ON a.id = q.author_id LEFT JOIN accounts b ON b.id = q.answered_by
            """
    }

    @inlinable public static func expertQuestion(_ row: some ColumnReader) -> ExpertQuestion {
        let answerer = row.optionalInt64(9 + accountColumnCount) == nil ? nil : account(row, from: 9 + accountColumnCount)
        return ExpertQuestion(id: ID(row.int64(0)), occurrenceID: ID(row.int64(1)), author: account(row, from: 9), text: row.string(2),
                              status: ExpertQuestion.Status(rawValue: row.string(3)) ?? .pending, votesCount: row.int(4),
                              votedByViewer: row.bool(8), answer: row.optionalString(5), answeredBy: answerer,
                              answeredAt: row.optionalInt64(6).map(date), openQuestionID: row.optionalInt64(7).map(ID.init))
    }
}

private let expertQuestionColumnList = """
    q.id, q.occurrence_id, q.text, q.status, q.votes_count, q.answer, q.answered_at, q.open_question_id,
    EXISTS (SELECT 1 FROM expert_question_votes v WHERE v.question_id = q.id AND v.account_id = :viewer),
    \(accountColumnList("a")), \(accountColumnList("b"))
    """
