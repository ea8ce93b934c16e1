import Foundation
import StarlingCore

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

    /// SQL for the poll of post `p` as one JSON object (NULL without a poll), with the votes of the
    /// viewer bound to `:viewer`; read back by `poll(_:postID:)`.
    static let pollJSONColumn = """
        (SELECT json_object(
            'expires_at', pl.expires_at, 'multiple', pl.multiple,
            'options', (SELECT json_group_array(json_array(o.title,
                            (SELECT count(*) FROM poll_votes v WHERE v.post_id = o.post_id AND v.position = o.position)))
                        FROM (SELECT * FROM poll_options WHERE post_id = pl.post_id ORDER BY position) o),
            'voters', (SELECT count(DISTINCT account_id) FROM poll_votes WHERE post_id = pl.post_id),
            'own', (SELECT json_group_array(position) FROM poll_votes WHERE post_id = pl.post_id AND account_id = :viewer))
         FROM polls pl WHERE pl.post_id = p.id)
        """

    static func poll(_ json: String?, postID: ID) -> Poll? {
        guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let expires = object["expires_at"] as? NSNumber, let options = object["options"] as? [[Any]] else { return nil }
        return Poll(id: postID,
                    options: options.compactMap { pair in
                        guard pair.count == 2, let title = pair[0] as? String, let votes = pair[1] as? NSNumber else { return nil }
                        return Poll.Option(title: title, votes: votes.intValue)
                    },
                    expiresAt: date(expires.int64Value), multiple: (object["multiple"] as? NSNumber)?.boolValue ?? false,
                    votersCount: (object["voters"] as? NSNumber)?.intValue ?? 0,
                    ownVotes: ((object["own"] as? [NSNumber]) ?? []).map(\.intValue))
    }
}
