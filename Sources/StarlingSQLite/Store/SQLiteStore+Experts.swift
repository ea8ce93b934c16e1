import Foundation
import StarlingCore
import StarlingSQL

/// Ask-the-expert sessions: an event's experts, and the questions put to them with votes and answers.
extension SQLiteStore {
    public func addExpert(eventID: ID, accountID: ID) async throws {
        try await database.writeOffPool { db in
            try db.prepare("INSERT OR IGNORE INTO event_experts (event_id, account_id) VALUES (?, ?)").bind([eventID.rawValue, accountID.rawValue]).run()
        }
    }

    public func experts(eventID: ID) async throws -> [Account] {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.accountColumns) FROM event_experts e JOIN accounts a ON a.id = e.account_id WHERE e.event_id = ? ORDER BY a.id")
                .bind([eventID.rawValue]).rows { Self.account($0) }
        }
    }

    public func expertEvents(accountID: ID) async throws -> [ID] {
        try await database.readOffPool { db in
            try db.prepare("SELECT event_id FROM event_experts WHERE account_id = ?").bind([accountID.rawValue]).rows { ID($0.int64(0)) }
        }
    }

    public func liveExpertHashtags(accountID: ID) async throws -> [String] {
        try await database.readOffPool { db in
            try db.prepare("""
                SELECT DISTINCT e.hashtag FROM event_experts x JOIN events e ON e.id = x.event_id
                JOIN event_occurrences o ON o.event_id = e.id AND o.started_at IS NOT NULL AND o.ended_at IS NULL
                WHERE x.account_id = ? AND e.program_id IS NULL
                """).bind([accountID.rawValue]).rows { $0.string(0) }
        }
    }

    public func insertExpertQuestion(id: ID, occurrenceID: ID, authorID: ID, text: String, status: ExpertQuestion.Status) async throws {
        try await database.writeOffPool { db in
            try db.prepare("INSERT INTO expert_questions (id, occurrence_id, author_id, text, status) VALUES (?, ?, ?, ?, ?)")
                .bind([id.rawValue, occurrenceID.rawValue, authorID.rawValue, text, status.rawValue]).run()
        }
    }

    public func expertQuestion(id: ID, viewer: ID) async throws -> ExpertQuestion? {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.expertQuestionColumns) \(Self.expertQuestionFrom) WHERE q.id = :id")
                .bind(["id": id.rawValue, "viewer": viewer.rawValue]).first(Self.expertQuestion)
        }
    }

    public func expertQuestions(occurrenceID: ID, viewer: ID) async throws -> [ExpertQuestion] {
        try await database.readOffPool { db in
            try db.prepare("""
                SELECT \(Self.expertQuestionColumns) \(Self.expertQuestionFrom)
                WHERE q.occurrence_id = :occurrence ORDER BY q.answer IS NOT NULL, q.votes_count DESC, q.id LIMIT 1000
                """)
                .bind(["occurrence": occurrenceID.rawValue, "viewer": viewer.rawValue]).rows(Self.expertQuestion)
        }
    }

    public func setExpertQuestionStatus(id: ID, _ status: ExpertQuestion.Status) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE expert_questions SET status = ? WHERE id = ?").bind([status.rawValue, id.rawValue]).run()
        }
    }

    public func setExpertVote(questionID: ID, accountID: ID, _ on: Bool) async throws {
        try await database.writeOffPool { db in
            let sql = on ? "INSERT OR IGNORE INTO expert_question_votes (question_id, account_id) VALUES (?, ?)"
                : "DELETE FROM expert_question_votes WHERE question_id = ? AND account_id = ?"
            try db.prepare(sql).bind([questionID.rawValue, accountID.rawValue]).run()
            guard db.changes == 1 else { return }
            try db.prepare("UPDATE expert_questions SET votes_count = votes_count + ? WHERE id = ?").bind([on ? 1 : -1, questionID.rawValue]).run()
        }
    }

    public func answerExpertQuestion(id: ID, answer: String, by accountID: ID, at date: Date) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE expert_questions SET answer = ?, answered_by = ?, answered_at = ? WHERE id = ?")
                .bind([answer, accountID.rawValue, Self.millis(date), id.rawValue]).run()
        }
    }

    public func setOpenQuestion(expertQuestionID: ID, postID: ID) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE expert_questions SET open_question_id = ? WHERE id = ?").bind([postID.rawValue, expertQuestionID.rawValue]).run()
        }
    }
}
