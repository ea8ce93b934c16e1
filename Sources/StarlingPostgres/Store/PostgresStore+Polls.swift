import Foundation
import StarlingCore
import StarlingSQL

/// Polls: made with their post (in `insertPost`), voted on, read with each post view.
extension PostgresStore {
    func insertPoll(_ db: SQLConnection, postID: ID, draft: PollDraft, expiresAt: Date) async throws {
        try await db.run("INSERT INTO polls (post_id, expires_at, multiple) VALUES (?, ?, ?)", [postID, Self.millis(expiresAt), draft.multiple])
        for (position, title) in draft.options.enumerated() {
            try await db.run("INSERT INTO poll_options (post_id, position, title) VALUES (?, ?, ?)", [postID, position, title])
        }
    }

    public func vote(pollID: ID, accountID: ID, choices: [Int], at date: Date) async throws -> Bool {
        try await database.write { db in
            // The poll's row is locked first, so that two nodes taking one account's votes at once count only the first.
            try await db.run("SELECT 1 FROM polls WHERE post_id = ? FOR UPDATE", [pollID])
            let voted = try await db.scalar("SELECT count(*) FROM poll_votes WHERE post_id = ? AND account_id = ?", [pollID, accountID]) ?? 0
            guard voted == 0 else { return false }
            for choice in choices {
                try await db.run("INSERT INTO poll_votes (post_id, account_id, position, created_at) VALUES (?, ?, ?, ?)",
                                 [pollID, accountID, choice, Self.millis(date)])
            }
            return true
        }
    }
}
