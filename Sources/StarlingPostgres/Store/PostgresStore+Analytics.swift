import Foundation
import StarlingCore
import StarlingSQL

/// `AnalyticsStore`: the activity records (`activity_days`, program 0 for activity anywhere) and the
/// raw facts analytics figures are computed from.
extension PostgresStore {
    public func recordActivity(_ records: [ActivityRecord]) async throws -> Int {
        try await database.write { db in
            var added = 0
            for record in records {
                // Through the accounts table, so a record of an account deleted meanwhile is dropped, not an error.
                added += try await db.run("""
                    INSERT INTO activity_days (program_id, day, account_id) SELECT ?, ?, id FROM accounts WHERE id = ?
                    ON CONFLICT DO NOTHING RETURNING 1
                    """, [record.programID ?? 0, record.day.ordinal, record.accountID])
            }
            return added
        }
    }

    public func activityHistory(programID: ID?, from: Day, through: Day) async throws -> ActivityHistory {
        try await database.read { db in
            // Who counts is read first and checked here: joining each row to its account or membership costs ten times more.
            let counted: Set<Int64>? = programID == nil ? nil : Set(try await db.rows(
                "SELECT account_id FROM program_members WHERE program_id = ? AND role = 'learner'", [programID!.rawValue]) { $0.int64(0) })
            let guests = programID != nil ? [] : Set(try await db.rows("SELECT id FROM accounts WHERE guest") { $0.int64(0) })
            // In primary-key order (day, then account), so each account's days come ascending and once.
            var days: [ID: [Day]] = [:]
            _ = try await db.rows("SELECT account_id, day FROM activity_days WHERE program_id = ? AND day BETWEEN ? AND ? ORDER BY day", [programID ?? 0, from.ordinal, through.ordinal]) { row in
                    let account = row.int64(0)
                    guard counted?.contains(account) ?? !guests.contains(account) else { return }
                    days[ID(account), default: []].append(Day(ordinal: row.int(1)))
                }
            return ActivityHistory(sorted: days)
        }
    }

    public func activity(accountID: ID, from: Day, through: Day) async throws -> [ActivityRecord] {
        try await database.read { db in
            try await db.rows("SELECT program_id, day FROM activity_days WHERE account_id = ? AND day BETWEEN ? AND ? ORDER BY day", [accountID, from.ordinal, through.ordinal]) { row in
                    ActivityRecord(accountID: accountID, day: Day(ordinal: row.int(1)), programID: row.int64(0) == 0 ? nil : ID(row.int64(0)))
                }
        }
    }

    public func weeklyProgramActivity(from: Day) async throws -> [ID: [Day: Set<ID>]] {
        try await database.read { db in
            var learners: [Int64: Set<Int64>] = [:]
            _ = try await db.rows("SELECT program_id, account_id FROM program_members WHERE role = 'learner'") {
                learners[$0.int64(0), default: []].insert($0.int64(1))
            }
            var weeks: [ID: [Day: Set<ID>]] = [:]
            for (program, members) in learners {
                var byWeek: [Day: Set<ID>] = [:]
                _ = try await db.rows("SELECT day, account_id FROM activity_days WHERE program_id = ? AND day >= ?", [program, from.ordinal]) { row in
                    let account = row.int64(1)
                    guard members.contains(account) else { return }
                    byWeek[Day(ordinal: row.int(0)).week, default: []].insert(ID(account))
                }
                weeks[ID(program)] = byWeek
            }
            return weeks
        }
    }

    public func deleteActivity(before day: Day) async throws -> Int {
        try await database.write { db in
            try await db.run("DELETE FROM activity_days WHERE day < ? RETURNING 1", [day.ordinal])
        }
    }

    public func questionTimings(programID: ID, since: Date) async throws -> [QuestionTiming] {
        try await database.read { db in
            try await db.rows("""
                SELECT q.id, q.created_at,
                       (SELECT min(r.created_at) FROM posts r WHERE r.in_reply_to_id = q.id AND r.author_id != q.author_id)
                FROM posts q WHERE q.program_id = ? AND q.question AND q.created_at >= ? ORDER BY q.id
                """, [programID, Self.millis(since)]) { row in
                    QuestionTiming(postID: ID(row.int64(0)), askedAt: Self.date(row.int64(1)), firstAnswerAt: row.optionalInt64(2).map(Self.date))
                }
        }
    }

    public func reviewLog(planID: ID) async throws -> [ReviewLogEntry] {
        try await database.read { db in
            try await db.rows("""
                SELECT \(Self.reviewLogColumns) FROM review_log WHERE nugget_id IN (SELECT id FROM nuggets WHERE plan_id = ?) ORDER BY id
                """, [planID], Self.reviewLogEntry)
        }
    }

    public func commitmentsDone(programID: ID) async throws -> [ID: Date] {
        try await database.read { db in
            let rows = try await db.rows("""
                SELECT c.id, min(k.created_at) FROM commitments c JOIN commitment_checkins k ON k.commitment_id = c.id AND k.new_state = 'done'
                WHERE c.program_id = ? GROUP BY c.id
                """, [programID]) { (ID($0.int64(0)), Self.date($0.int64(1))) }
            return Dictionary(rows, uniquingKeysWith: { first, _ in first })
        }
    }

    public func busiestHashtags(since: Date, until: Date, limit: Int) async throws -> [HashtagActivity] {
        try await database.read { db in
            // Every tagged post of the window, less the direct ones and the guests' (few, found through their own
            // indexes): looking up each post's visibility and author would cost ten times more.
            try await db.rows("""
                WITH tagged AS (SELECT tag_id, count(*) AS n FROM post_tags WHERE post_id >= :since AND post_id < :until GROUP BY tag_id),
                     left_out AS (SELECT tag_id, count(*) AS n FROM (
                         SELECT pt.tag_id FROM posts p JOIN post_tags pt ON pt.post_id = p.id
                         WHERE p.visibility = 'direct' AND p.id >= :since AND p.id < :until
                         UNION ALL
                         SELECT pt.tag_id FROM accounts a JOIN posts p ON p.author_id = a.id JOIN post_tags pt ON pt.post_id = p.id
                         WHERE (a.guest OR a.domain IS NOT NULL) AND p.visibility != 'direct' AND p.id >= :since AND p.id < :until) AS excluded GROUP BY tag_id)
                SELECT t.name, tagged.n - coalesce(left_out.n, 0) AS posts FROM tagged JOIN tags t ON t.id = tagged.tag_id
                LEFT JOIN left_out ON left_out.tag_id = tagged.tag_id WHERE tagged.n - coalesce(left_out.n, 0) > 0 ORDER BY posts DESC, t.name LIMIT :limit
                """, ["since": ID(floorOf: since).rawValue, "until": ID(floorOf: until).rawValue, "limit": limit]) { row in
                    HashtagActivity(hashtag: row.string(0), posts: row.int(1))
                }
        }
    }

    public func learnerCounts() async throws -> [ID: Int] {
        try await database.read { db in
            Dictionary(try await db.rows("SELECT program_id, count(*) FROM program_members WHERE role = 'learner' GROUP BY program_id") { (ID($0.int64(0)), $0.int(1)) }, uniquingKeysWith: { first, _ in first })
        }
    }

    public func memberJoinDates() async throws -> [Date] {
        try await database.read { db in
            try await db.rows("SELECT created_at FROM accounts WHERE NOT guest AND domain IS NULL ORDER BY created_at") { Self.date($0.int64(0)) }
        }
    }

    public func insertDigests(_ digests: [(recipient: ID, notice: DigestNotice)], at date: Date) async throws {
        try await database.write { db in
            for digest in digests {
                try await db.run("""
                    INSERT INTO notifications (id, recipient_id, kind, actor_id, post_id, created_at, program_id, detail) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)
                    """, [self.ids.next(at: date).rawValue, digest.recipient, StarlingCore.Notification.Kind.analyticsDigest.rawValue,
                               digest.recipient, Self.millis(date), digest.notice.programID, digest.notice.summary])
            }
        }
    }
}
