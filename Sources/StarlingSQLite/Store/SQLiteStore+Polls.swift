import Foundation
import StarlingCore
import StarlingSQL

/// Polls: made with their post (in `insertPost`), voted on, read with each post view.
extension SQLiteStore {
    func insertPoll(_ db: Connection, postID: ID, draft: PollDraft, expiresAt: Date) throws {
        try db.prepare("INSERT INTO polls (post_id, expires_at, multiple) VALUES (?, ?, ?)")
            .bind([postID.rawValue, Self.millis(expiresAt), draft.multiple]).run()
        for (position, title) in draft.options.enumerated() {
            try db.prepare("INSERT INTO poll_options (post_id, position, title) VALUES (?, ?, ?)").bind([postID.rawValue, position, title]).run()
        }
    }

    public func vote(pollID: ID, accountID: ID, choices: [Int], at date: Date) async throws -> Bool {
        try await database.writeOffPool { db in
            let voted = try db.prepare("SELECT EXISTS (SELECT 1 FROM poll_votes WHERE post_id = ? AND account_id = ?)")
                .bind([pollID.rawValue, accountID.rawValue]).scalar() ?? 0
            guard voted == 0 else { return false }
            for choice in choices {
                try db.prepare("INSERT INTO poll_votes (post_id, account_id, position, created_at) VALUES (?, ?, ?, ?)")
                    .bind([pollID.rawValue, accountID.rawValue, choice, Self.millis(date)]).run()
            }
            return true
        }
    }
}
