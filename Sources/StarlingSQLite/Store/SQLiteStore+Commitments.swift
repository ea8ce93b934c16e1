import Foundation
import StarlingCore
import StarlingSQL

/// Commitments with their check-ins and reminders, and rounds of accountability partners.
extension SQLiteStore {
    public func insertCommitment(_ commitment: Commitment) async throws {
        try await database.writeOffPool { db in
            try db.prepare("""
                INSERT INTO commitments (id, program_id, author_id, text, due_at, private, state, post_id, reminder_every_days, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .bind([commitment.id.rawValue, commitment.programID.rawValue, commitment.authorID.rawValue, commitment.text, Self.millis(commitment.dueAt),
                       commitment.isPrivate, commitment.state.rawValue, commitment.postID?.rawValue, commitment.reminderEveryDays,
                       Self.millis(commitment.createdAt), Self.millis(commitment.updatedAt)]).run()
        }
    }

    public func commitment(id: ID) async throws -> Commitment? {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.commitmentColumns) FROM commitments c WHERE c.id = ?").bind([id.rawValue]).first(Self.commitment)
        }
    }

    public func commitments(programID: ID, authorID: ID?) async throws -> [Commitment] {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.commitmentColumns) FROM commitments c WHERE c.program_id = ? AND (? IS NULL OR c.author_id = ?) ORDER BY c.id DESC")
                .bind([programID.rawValue, authorID?.rawValue, authorID?.rawValue]).rows(Self.commitment)
        }
    }

    public func insertCheckIn(_ checkIn: CheckIn) async throws {
        try await database.writeOffPool { db in
            try db.prepare("INSERT INTO commitment_checkins (id, commitment_id, author_id, text, new_state, post_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .bind([checkIn.id.rawValue, checkIn.commitmentID.rawValue, checkIn.authorID.rawValue, checkIn.text, checkIn.newState?.rawValue,
                       checkIn.postID?.rawValue, Self.millis(checkIn.createdAt)]).run()
            try db.prepare("UPDATE commitments SET state = coalesce(?, state), updated_at = ? WHERE id = ?")
                .bind([checkIn.newState?.rawValue, Self.millis(checkIn.createdAt), checkIn.commitmentID.rawValue]).run()
        }
    }

    public func checkIns(commitmentID: ID) async throws -> [CheckIn] {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.checkInColumns) FROM commitment_checkins WHERE commitment_id = ? ORDER BY id")
                .bind([commitmentID]).rows { Self.checkIn($0) }
        }
    }

    public func lastCheckIns(programID: ID) async throws -> [ID: Date] {
        try await database.readOffPool { db in
            let rows = try db.prepare("""
                SELECT ci.author_id, max(ci.created_at) FROM commitment_checkins ci JOIN commitments c ON c.id = ci.commitment_id
                WHERE c.program_id = ? GROUP BY ci.author_id
                """).bind([programID.rawValue]).rows { (ID($0.int64(0)), Self.date($0.int64(1))) }
            return Dictionary(rows, uniquingKeysWith: max)
        }
    }

    public func lastPosts(programID: ID) async throws -> [ID: Date] {
        try await database.readOffPool { db in
            let rows = try db.prepare("SELECT author_id, max(id) FROM posts WHERE program_id = ? GROUP BY author_id")
                .bind([programID.rawValue]).rows { (ID($0.int64(0)), ID($0.int64(1)).date) }
            return Dictionary(rows, uniquingKeysWith: max)
        }
    }

    public func lastReviews(programID: ID) async throws -> [ID: Date] {
        try await database.readOffPool { db in
            let rows = try db.prepare("""
                SELECT l.account_id, max(l.reviewed_at) FROM review_log l JOIN nuggets n ON n.id = l.nugget_id
                JOIN reinforcement_plans rp ON rp.id = n.plan_id WHERE rp.program_id = ? GROUP BY l.account_id
                """).bind([programID.rawValue]).rows { (ID($0.int64(0)), Self.date($0.int64(1))) }
            return Dictionary(rows, uniquingKeysWith: max)
        }
    }

    public func commitmentReminders(id: ID) async throws -> (lastAt: Date?, beforeDueSent: Bool) {
        try await database.readOffPool { db in
            try db.prepare("SELECT reminded_at, due_reminder_sent FROM commitments WHERE id = ?").bind([id.rawValue])
                .first { ($0.optionalInt64(0).map(Self.date), $0.bool(1)) } ?? (nil, false)
        }
    }

    public func recordCommitmentReminder(id: ID, at date: Date, beforeDue: Bool) async throws {
        try await database.writeOffPool { db in
            try db.prepare(beforeDue ? "UPDATE commitments SET due_reminder_sent = 1 WHERE id = ?" : "UPDATE commitments SET reminded_at = ? WHERE id = ?")
                .bind(beforeDue ? [id.rawValue] : [Self.millis(date), id.rawValue]).run()
        }
    }

    // MARK: Partners

    public func insertPartnerRound(_ round: PartnerRound) async throws {
        try await database.writeOffPool { db in
            try db.prepare("INSERT INTO partner_rounds (id, program_id, started_at, ends_at, recur_weeks, created_by) VALUES (?, ?, ?, ?, ?, ?)")
                .bind([round.id.rawValue, round.programID.rawValue, Self.millis(round.startedAt), Self.millis(round.endsAt), round.recurEveryWeeks,
                       round.createdBy.rawValue]).run()
            for (position, group) in round.groups.enumerated() {
                try db.prepare("INSERT INTO partner_groups (round_id, position, thread_post_id, check_back_post_id) VALUES (?, ?, ?, ?)")
                    .bind([round.id.rawValue, position, round.threadPostIDs[position]?.rawValue, round.checkBackPostIDs[position]?.rawValue]).run()
                for accountID in group {
                    try db.prepare("INSERT INTO partner_members (round_id, position, account_id) VALUES (?, ?, ?)")
                        .bind([round.id.rawValue, position, accountID.rawValue]).run()
                }
            }
        }
    }

    public func partnerRound(id: ID) async throws -> PartnerRound? {
        try await database.readOffPool { db in try Self.rounds(db, where: "r.id = ?", [id.rawValue]).first }
    }

    public func partnerRounds(programID: ID) async throws -> [PartnerRound] {
        try await database.readOffPool { db in try Self.rounds(db, where: "r.program_id = ?", [programID.rawValue]) }
    }

    /// Rounds matching a condition on `partner_rounds r`, the newest first, with their groups.
    private static func rounds(_ db: Connection, where condition: String, _ values: [any SQLBindable]) throws -> [PartnerRound] {
        var rounds = try db.prepare("""
            SELECT r.id, r.program_id, r.started_at, r.ends_at, r.recur_weeks, r.created_by FROM partner_rounds r WHERE \(condition) ORDER BY r.id DESC
            """).bind(values).rows { row in
                PartnerRound(id: ID(row.int64(0)), programID: ID(row.int64(1)), groups: [], startedAt: date(row.int64(2)), endsAt: date(row.int64(3)),
                             recurEveryWeeks: row.optionalInt64(4).map(Int.init), createdBy: ID(row.int64(5)))
            }
        for index in rounds.indices {
            let members = try db.prepare("SELECT position, account_id FROM partner_members WHERE round_id = ? ORDER BY position, account_id")
                .bind([rounds[index].id.rawValue]).rows { ($0.int(0), ID($0.int64(1))) }
            let count = (members.map(\.0).max() ?? -1) + 1
            rounds[index].groups = (0..<count).map { position in members.filter { $0.0 == position }.map(\.1) }
            _ = try db.prepare("SELECT position, thread_post_id, check_back_post_id FROM partner_groups WHERE round_id = ?")
                .bind([rounds[index].id.rawValue]).rows { row in
                    if let thread = row.optionalInt64(1) { rounds[index].threadPostIDs[row.int(0)] = ID(thread) }
                    if let checkBack = row.optionalInt64(2) { rounds[index].checkBackPostIDs[row.int(0)] = ID(checkBack) }
                }
        }
        return rounds
    }

    public func setPartnerGroupPost(roundID: ID, group: Int, threadPostID: ID?, checkBackPostID: ID?) async throws {
        try await database.writeOffPool { db in
            try db.prepare("""
                UPDATE partner_groups SET thread_post_id = coalesce(?, thread_post_id), check_back_post_id = coalesce(?, check_back_post_id)
                WHERE round_id = ? AND position = ?
                """).bind([threadPostID?.rawValue, checkBackPostID?.rawValue, roundID.rawValue, group]).run()
        }
    }
}

/// Poll answers and plain notifications that reinforcement reads and sends.
extension SQLiteStore {
    public func pollVotes(pollID: ID) async throws -> [ID: [Int]] {
        try await database.readOffPool { db in
            let rows = try db.prepare("SELECT account_id, position FROM poll_votes WHERE post_id = ? ORDER BY position")
                .bind([pollID.rawValue]).rows { (ID($0.int64(0)), $0.int(1)) }
            return Dictionary(grouping: rows, by: \.0).mapValues { $0.map(\.1) }
        }
    }

    public func notify(_ kind: StarlingCore.Notification.Kind, recipients: [ID], actor: ID, postID: ID?, at date: Date) async throws {
        try await database.writeOffPool { db in
            for recipient in recipients where recipient != actor {
                try db.prepare("INSERT INTO notifications (id, recipient_id, kind, actor_id, post_id, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .bind([self.ids.next(at: date).rawValue, recipient.rawValue, kind.rawValue, actor.rawValue, postID?.rawValue, Self.millis(date)]).run()
            }
        }
    }
}
