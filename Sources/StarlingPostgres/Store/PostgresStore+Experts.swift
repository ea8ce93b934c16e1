import Foundation
import StarlingCore
import StarlingSQL

/// Ask-the-expert sessions: an event's experts, and the questions put to them with votes and answers.
extension PostgresStore {
    public func addExpert(eventID: ID, accountID: ID) async throws {
        try await database.write { db in
            try await db.run("INSERT INTO event_experts (event_id, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING", [eventID, accountID])
        }
    }

    public func experts(eventID: ID) async throws -> [Account] {
        try await database.read { db in
            try await db.rows("SELECT \(Self.accountColumns) FROM event_experts e JOIN accounts a ON a.id = e.account_id WHERE e.event_id = ? ORDER BY a.id",
                [eventID]) { Self.account($0) }
        }
    }

    public func expertEvents(accountID: ID) async throws -> [ID] {
        try await database.read { db in
            try await db.rows("SELECT event_id FROM event_experts WHERE account_id = ?", [accountID]) { ID($0.int64(0)) }
        }
    }

    public func liveExpertHashtags(accountID: ID) async throws -> [String] {
        try await database.read { db in
            try await db.rows("""
                SELECT DISTINCT e.hashtag FROM event_experts x JOIN events e ON e.id = x.event_id
                JOIN event_occurrences o ON o.event_id = e.id AND o.started_at IS NOT NULL AND o.ended_at IS NULL
                WHERE x.account_id = ? AND e.program_id IS NULL
                """, [accountID]) { $0.string(0) }
        }
    }

    public func insertExpertQuestion(id: ID, occurrenceID: ID, authorID: ID, text: String, status: ExpertQuestion.Status) async throws {
        try await database.write { db in
            try await db.run("INSERT INTO expert_questions (id, occurrence_id, author_id, text, status) VALUES (?, ?, ?, ?, ?)",
                [id, occurrenceID, authorID, text, status.rawValue])
        }
    }

    public func expertQuestion(id: ID, viewer: ID) async throws -> ExpertQuestion? {
        try await database.read { db in
            try await db.first("SELECT \(Self.expertQuestionColumns) \(Self.expertQuestionFrom) WHERE q.id = :id",
                ["id": id, "viewer": viewer], Self.expertQuestion)
        }
    }

    public func expertQuestions(occurrenceID: ID, viewer: ID) async throws -> [ExpertQuestion] {
        try await database.read { db in
            try await db.rows("""
                SELECT \(Self.expertQuestionColumns) \(Self.expertQuestionFrom)
                WHERE q.occurrence_id = :occurrence ORDER BY q.answer IS NOT NULL, q.votes_count DESC, q.id LIMIT 1000
                """, ["occurrence": occurrenceID, "viewer": viewer], Self.expertQuestion)
        }
    }

    public func setExpertQuestionStatus(id: ID, _ status: ExpertQuestion.Status) async throws {
        try await database.write { db in
            try await db.run("UPDATE expert_questions SET status = ? WHERE id = ?", [status.rawValue, id])
        }
    }

    public func setExpertVote(questionID: ID, accountID: ID, _ on: Bool) async throws {
        try await database.write { db in
            let sql = on ? "INSERT INTO expert_question_votes (question_id, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING 1"
                : "DELETE FROM expert_question_votes WHERE question_id = ? AND account_id = ? RETURNING 1"
            guard try await db.run(sql, [questionID, accountID]) == 1 else { return }
            try await db.run("UPDATE expert_questions SET votes_count = votes_count + ? WHERE id = ?", [on ? 1 : -1, questionID])
        }
    }

    public func answerExpertQuestion(id: ID, answer: String, by accountID: ID, at date: Date) async throws {
        try await database.write { db in
            try await db.run("UPDATE expert_questions SET answer = ?, answered_by = ?, answered_at = ? WHERE id = ?",
                [answer, accountID, Self.millis(date), id])
        }
    }

    public func setOpenQuestion(expertQuestionID: ID, postID: ID) async throws {
        try await database.write { db in
            try await db.run("UPDATE expert_questions SET open_question_id = ? WHERE id = ?", [postID, expertQuestionID])
        }
    }
}
