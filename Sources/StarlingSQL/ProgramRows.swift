import Foundation
import StarlingCore

/// Programs, their members, knowledge pages and commitments.
extension SQLStore {
    public static var programColumns: String {
        """
            pr.id, pr.title, pr.hashtag, pr.description, pr.agreement, pr.agreement_version, pr.visibility,
            pr.starts_at, pr.ends_at, pr.archived_at, pr.created_by, pr.created_at, pr.anonymous_questions
            """
    }

    @inlinable public static func program(_ row: some ColumnReader) -> Program {
        var program = Program(
            id: ID(row.int64(0)), title: row.string(1), hashtag: row.string(2), description: row.string(3), agreement: row.string(4),
            agreementVersion: row.int(5), visibility: Program.Visibility(rawValue: row.string(6)) ?? .private,
            startsAt: row.optionalInt64(7).map(date), endsAt: row.optionalInt64(8).map(date), archivedAt: row.optionalInt64(9).map(date),
            createdBy: row.optionalInt64(10).map(ID.init), createdAt: date(row.int64(11)))
        program.anonymousQuestions = row.bool(12)
        return program
    }

    public static var membershipColumns: String { "m.program_id, m.account_id, m.role, m.joined_at, m.agreed_at, m.agreement_version" }

    @inlinable public static func membership(_ row: some ColumnReader, from c: Int32 = 0) -> ProgramMembership {
        ProgramMembership(programID: ID(row.int64(c)), accountID: ID(row.int64(c + 1)), role: ProgramRole(rawValue: row.string(c + 2)) ?? .learner,
                          joinedAt: date(row.int64(c + 3)), agreedAt: row.optionalInt64(c + 4).map(date),
                          agreementVersion: row.optionalInt64(c + 5).map(Int.init))
    }

    public static var pageColumns: String { "k.id, k.program_id, k.title, k.body, k.source_post_id, k.created_by, k.created_at, k.updated_by, k.updated_at" }

    @inlinable public static func page(_ row: some ColumnReader) -> KnowledgePage {
        KnowledgePage(id: ID(row.int64(0)), programID: ID(row.int64(1)), title: row.string(2), body: row.string(3),
                      sourcePostID: row.optionalInt64(4).map(ID.init), createdBy: row.optionalInt64(5).map(ID.init), createdAt: date(row.int64(6)),
                      updatedBy: row.optionalInt64(7).map(ID.init), updatedAt: date(row.int64(8)))
    }

    public static var commitmentColumns: String {
        """
            c.id, c.program_id, c.author_id, c.text, c.due_at, c.private, c.state, c.post_id, c.reminder_every_days, c.created_at, c.updated_at
            """
    }

    @inlinable public static func commitment(_ row: some ColumnReader) -> Commitment {
        Commitment(id: ID(row.int64(0)), programID: ID(row.int64(1)), authorID: ID(row.int64(2)), text: row.string(3), dueAt: date(row.int64(4)),
                   isPrivate: row.bool(5), state: Commitment.State(rawValue: row.string(6)) ?? .open, postID: row.optionalInt64(7).map(ID.init),
                   reminderEveryDays: row.int(8), createdAt: date(row.int64(9)), updatedAt: date(row.int64(10)))
    }

    public static var checkInColumns: String { "id, commitment_id, author_id, text, new_state, post_id, created_at" }

    @inlinable public static func checkIn(_ row: some ColumnReader) -> CheckIn {
        CheckIn(id: ID(row.int64(0)), commitmentID: ID(row.int64(1)), authorID: ID(row.int64(2)), text: row.string(3),
                newState: row.optionalString(4).flatMap(Commitment.State.init), postID: row.optionalInt64(5).map(ID.init),
                createdAt: date(row.int64(6)))
    }
}
