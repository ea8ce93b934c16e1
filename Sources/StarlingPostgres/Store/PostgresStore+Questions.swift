import Foundation
import StarlingCore
import StarlingSQL

/// Questions and answers: the question flag, answers' upvotes and acceptance.
extension PostgresStore {
    public func setQuestion(postID: ID, _ on: Bool) async throws {
        try await database.write { db in
            try await db.run("UPDATE posts SET question = ? WHERE id = ?", [on, postID])
        }
    }

    public func setAnswerVote(answerID: ID, accountID: ID, _ on: Bool, at: Date) async throws {
        try await database.write { db in
            if on {
                try await db.run("INSERT INTO answer_votes (post_id, account_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    [answerID, accountID, Self.millis(at)])
            } else {
                try await db.run("DELETE FROM answer_votes WHERE post_id = ? AND account_id = ?", [answerID, accountID])
            }
            try await db.run("UPDATE posts SET votes_count = (SELECT count(*) FROM answer_votes WHERE post_id = ?1) WHERE id = ?1", [answerID])
        }
    }

    public func setAccepted(answerID: ID, _ on: Bool, by actor: ID, at: Date) async throws {
        try await database.write { db in
            let author = try await db.scalar("SELECT author_id FROM posts WHERE id = ? AND accepted_at IS NULL", [answerID])
            try await db.run("UPDATE posts SET accepted_at = CASE WHEN ?1 THEN coalesce(accepted_at, ?2) END WHERE id = ?3",
                [on, Self.millis(at), answerID])
            if on, let author, author != actor.rawValue {
                try await self.notify(db, recipient: ID(author), kind: .answerAccepted, actor: actor, post: answerID, at: at)
            }
            try await db.run("""
                UPDATE posts SET answered_at = (SELECT min(accepted_at) FROM posts a WHERE a.in_reply_to_id = posts.id AND a.accepted_at IS NOT NULL)
                WHERE id = (SELECT in_reply_to_id FROM posts WHERE id = ?)
                """, [answerID])
        }
    }
}
