import Foundation
import StarlingCore
import StarlingSQL

/// Questions and answers: the question flag, answers' upvotes and acceptance.
extension SQLiteStore {
    public func setQuestion(postID: ID, _ on: Bool) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE posts SET question = ? WHERE id = ?").bind([on, postID.rawValue]).run()
        }
    }

    public func setAnswerVote(answerID: ID, accountID: ID, _ on: Bool, at: Date) async throws {
        try await database.writeOffPool { db in
            if on {
                try db.prepare("INSERT INTO answer_votes (post_id, account_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .bind([answerID.rawValue, accountID.rawValue, Self.millis(at)]).run()
            } else {
                try db.prepare("DELETE FROM answer_votes WHERE post_id = ? AND account_id = ?").bind([answerID.rawValue, accountID.rawValue]).run()
            }
            try db.prepare("UPDATE posts SET votes_count = (SELECT count(*) FROM answer_votes WHERE post_id = ?1) WHERE id = ?1")
                .bind([answerID.rawValue]).run()
        }
    }

    public func setAccepted(answerID: ID, _ on: Bool, by actor: ID, at: Date) async throws {
        try await database.writeOffPool { db in
            let author = try db.prepare("SELECT author_id FROM posts WHERE id = ? AND accepted_at IS NULL").bind([answerID.rawValue]).scalar()
            try db.prepare("UPDATE posts SET accepted_at = CASE WHEN ?1 THEN coalesce(accepted_at, ?2) END WHERE id = ?3")
                .bind([on, Self.millis(at), answerID.rawValue]).run()
            if on, let author, author != actor.rawValue {
                try self.notify(db, recipient: ID(author), kind: .answerAccepted, actor: actor, post: answerID, at: at)
            }
            try db.prepare("""
                UPDATE posts SET answered_at = (SELECT min(accepted_at) FROM posts a WHERE a.in_reply_to_id = posts.id AND a.accepted_at IS NOT NULL)
                WHERE id = (SELECT in_reply_to_id FROM posts WHERE id = ?)
                """)
                .bind([answerID.rawValue]).run()
        }
    }
}
