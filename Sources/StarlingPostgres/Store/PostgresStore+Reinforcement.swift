import Foundation
import StarlingCore
import StarlingSQL

/// Reinforcement plans, their nuggets and releases, and each learner's reviews of their recall checks.
extension PostgresStore {
    public func insertPlan(_ plan: ReinforcementPlan) async throws {
        try await database.write { db in
            try await db.run("""
                INSERT INTO reinforcement_plans (id, program_id, created_at, title, author_id, start_day, every_days, weekdays, minute_of_day,
                                                 time_zone, horizon_days, desired_retention, paused_at, resumed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [plan.id, plan.programID, Self.millis(plan.createdAt)] + Self.planValues(plan))
        }
    }

    public func updatePlan(_ plan: ReinforcementPlan) async throws {
        try await database.write { db in
            try await db.run("""
                UPDATE reinforcement_plans SET title = ?, author_id = ?, start_day = ?, every_days = ?, weekdays = ?, minute_of_day = ?,
                    time_zone = ?, horizon_days = ?, desired_retention = ?, paused_at = ?, resumed_at = ? WHERE id = ?
                """, Self.planValues(plan) + [plan.id])
        }
    }

    public func plan(id: ID) async throws -> ReinforcementPlan? {
        try await database.read { db in
            try await db.first("SELECT \(Self.planColumns) FROM reinforcement_plans rp WHERE rp.id = ?", [id], Self.plan)
        }
    }

    public func plans(programID: ID) async throws -> [ReinforcementPlan] {
        try await database.read { db in
            try await db.rows("SELECT \(Self.planColumns) FROM reinforcement_plans rp WHERE rp.program_id = ? ORDER BY rp.id DESC",
                [programID], Self.plan)
        }
    }

    // MARK: Nuggets

    public func insertNugget(_ nugget: Nugget) async throws {
        try await database.write { db in
            try await db.run("""
                INSERT INTO nuggets (id, plan_id, position, text, link, media_id, recall_check, created_at)
                VALUES (?, ?, (SELECT coalesce(max(position) + 1, 0) FROM nuggets WHERE plan_id = ?), ?, ?, ?, ?, ?)
                """, [nugget.id, nugget.planID, nugget.planID, nugget.text, nugget.link, nugget.mediaID,
                       try Self.encodeCheck(nugget.check), Self.millis(nugget.createdAt)])
        }
    }

    public func updateNugget(_ nugget: Nugget) async throws {
        try await database.write { db in
            try await db.run("UPDATE nuggets SET text = ?, link = ?, media_id = ?, recall_check = ? WHERE id = ?",
                [nugget.text, nugget.link, nugget.mediaID, try Self.encodeCheck(nugget.check), nugget.id])
        }
    }

    public func deleteUnreleasedNugget(id: ID) async throws -> Bool {
        try await database.write { db in
            try await db.run("DELETE FROM nuggets WHERE id = ? AND released_at IS NULL RETURNING 1", [id]) == 1
        }
    }

    public func orderNuggets(planID: ID, _ order: [ID]) async throws {
        try await database.write { db in
            // Listed nuggets first, in the given order; the rest keep their order after them.
            let current = try await db.rows("SELECT id FROM nuggets WHERE plan_id = ? ORDER BY position, id", [planID]) { ID($0.int64(0)) }
            let listed = order.filter(current.contains)
            for (position, id) in (listed + current.filter { !listed.contains($0) }).enumerated() {
                try await db.run("UPDATE nuggets SET position = ? WHERE id = ?", [position, id])
            }
        }
    }

    public func nugget(id: ID) async throws -> Nugget? {
        try await database.read { db in
            try await db.first("SELECT \(Self.nuggetColumns) FROM nuggets n WHERE n.id = ?", [id]) { Self.nugget($0) }
        }
    }

    public func nuggets(planID: ID) async throws -> [Nugget] {
        try await database.read { db in
            try await db.rows("SELECT \(Self.nuggetColumns) FROM nuggets n WHERE n.plan_id = ? ORDER BY n.position, n.id",
                [planID]) { Self.nugget($0) }
        }
    }

    public func recordRelease(nuggetID: ID, _ release: Nugget.Release) async throws -> Bool {
        try await database.write { db in
            let released = try await db.run("""
                UPDATE nuggets SET released_post_id = ?, released_at = ?, slot_day = ? WHERE id = ? AND released_at IS NULL RETURNING 1
                """, [release.postID, Self.millis(release.releasedAt), release.slotDay, nuggetID])
            guard released == 1 else { return false }
            try await Self.addReviews(db, nuggetFilter: "n.id = :nugget", ["nugget": nuggetID.rawValue, "at": Self.millis(release.releasedAt)])
            return true
        }
    }

    /// Adds, for released checks matched by `nuggetFilter`, a review due at `:at` for each learner of the
    /// plan's program who has none yet.
    @discardableResult
    private static func addReviews(_ db: SQLConnection, nuggetFilter: String, _ values: [String: any SQLBindable]) async throws -> Int {
        try await db.run("""
            INSERT INTO review_states (nugget_id, account_id, plan_id, due_at)
            SELECT n.id, m.account_id, n.plan_id, :at
            FROM nuggets n JOIN reinforcement_plans rp ON rp.id = n.plan_id
            JOIN program_members m ON m.program_id = rp.program_id AND m.role = 'learner'
            WHERE n.recall_check IS NOT NULL AND n.released_at IS NOT NULL AND \(nuggetFilter)
            ON CONFLICT DO NOTHING RETURNING 1
            """, values)
    }

    // MARK: Reviews

    /// Review states joined with their nugget and program, read by `item`.
    private static let itemSelect = """
        SELECT \(stateColumns), \(nuggetColumns), pr.id, pr.hashtag
        FROM review_states rs JOIN nuggets n ON n.id = rs.nugget_id
        JOIN reinforcement_plans rp ON rp.id = rs.plan_id JOIN programs pr ON pr.id = rp.program_id
        """

    public func addMissingReviews(at date: Date) async throws -> Int {
        try await database.write { db in
            // Plans past their horizon (by calendar day) send nothing more.
            try await Self.addReviews(db, nuggetFilter: "extract(epoch FROM rp.start_day::date) * 1000 + rp.horizon_days * 86400000 > :at", ["at": Self.millis(date)])
        }
    }

    public func undeliveredReviews(dueBy date: Date, limit: Int) async throws -> [ReviewItem] {
        try await database.read { db in
            try await db.rows("""
                \(Self.itemSelect)
                WHERE rs.mastered_at IS NULL AND rs.delivered_post_id IS NULL AND rs.due_at <= ?
                ORDER BY rs.due_at, rs.account_id LIMIT ?
                """, [Self.millis(date), limit], Self.item).compactMap { $0 }
        }
    }

    public func nextUndeliveredDue() async throws -> Date? {
        try await database.read { db in
            try await db.first("SELECT min(due_at) FROM review_states WHERE mastered_at IS NULL AND delivered_post_id IS NULL") { $0.optionalInt64(0).map(Self.date) } ?? nil
        }
    }

    public func markDelivered(_ deliveries: [ReviewDelivery]) async throws {
        guard !deliveries.isEmpty else { return }
        try await database.write { db in
            for delivery in deliveries {
                try await db.run("UPDATE review_states SET delivered_post_id = ? WHERE nugget_id = ? AND account_id = ?",
                                 [delivery.postID, delivery.nuggetID, delivery.accountID])
            }
        }
    }

    public func dueReviews(accountID: ID, at date: Date, limit: Int) async throws -> [ReviewItem] {
        try await database.read { db in
            try await db.rows("""
                \(Self.itemSelect)
                WHERE rs.account_id = ? AND rs.mastered_at IS NULL AND rs.due_at <= ? ORDER BY rs.due_at, n.id LIMIT ?
                """, [accountID, Self.millis(date), limit], Self.item).compactMap { $0 }
        }
    }

    public func dueReviewCount(accountID: ID, at date: Date) async throws -> Int {
        try await database.read { db in
            Int(try await db.scalar("SELECT count(*) FROM review_states WHERE account_id = ? AND mastered_at IS NULL AND due_at <= ?",
                [accountID, Self.millis(date)]) ?? 0)
        }
    }

    public func reviewItems(accountID: ID, programID: ID?) async throws -> [ReviewItem] {
        try await database.read { db in
            try await db.rows("""
                \(Self.itemSelect)
                WHERE rs.account_id = ? AND (? IS NULL OR pr.id = ?) ORDER BY rp.id DESC, n.position, n.id
                """, [accountID, programID, programID], Self.item).compactMap { $0 }
        }
    }

    public func reviewItem(nuggetID: ID, accountID: ID) async throws -> ReviewItem? {
        try await database.read { db in
            try await db.first("\(Self.itemSelect) WHERE rs.nugget_id = ? AND rs.account_id = ?", [nuggetID, accountID], Self.item) ?? nil
        }
    }

    public func reviewItem(deliveredPostID: ID, accountID: ID) async throws -> ReviewItem? {
        try await database.read { db in
            try await db.first("\(Self.itemSelect) WHERE rs.delivered_post_id = ? AND rs.account_id = ?", [deliveredPostID, accountID], Self.item) ?? nil
        }
    }

    public func recordReview(_ entry: ReviewLogEntry, state: ReviewState, expectedReviews: Int) async throws -> Bool {
        try await database.write { db in
            let updated = try await db.run("""
                UPDATE review_states SET stability = ?, difficulty = ?, last_review_at = ?, due_at = ?, reviews = ?, lapses = ?,
                    right_streak = ?, mastered_at = ?, delivered_post_id = NULL
                WHERE nugget_id = ? AND account_id = ? AND reviews = ? RETURNING 1
                """, [state.stability, state.difficulty, state.lastReviewAt.map(Self.millis), Self.millis(state.dueAt), state.reviews, state.lapses,
                       state.rightStreak, state.masteredAt.map(Self.millis), state.nuggetID, state.accountID, expectedReviews])
            guard updated == 1 else { return false }
            let choices = "[" + entry.choices.map(String.init).joined(separator: ",") + "]"
            try await db.run("""
                INSERT INTO review_log (nugget_id, account_id, reviewed_at, choices, "right", rating, stability, difficulty, due_at, interval_days, mastered)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [entry.nuggetID, entry.accountID, Self.millis(entry.reviewedAt), choices, entry.right, entry.rating.rawValue,
                       entry.stability, entry.difficulty, Self.millis(entry.dueAt), entry.intervalDays, entry.mastered])
            return true
        }
    }

    public func reviewLog(nuggetID: ID, accountID: ID) async throws -> [ReviewLogEntry] {
        try await database.read { db in
            try await db.rows("SELECT \(Self.reviewLogColumns) FROM review_log WHERE nugget_id = ? AND account_id = ? ORDER BY id",
                [nuggetID, accountID], Self.reviewLogEntry)
        }
    }

    public func reviewStates(planID: ID) async throws -> [ReviewState] {
        try await database.read { db in
            try await db.rows("SELECT \(Self.stateColumns) FROM review_states rs WHERE rs.plan_id = ?", [planID], Self.state)
        }
    }
}

extension PostgresStore {
}
