import Foundation
import StarlingCore
import StarlingSQL

/// Reinforcement plans, their nuggets and releases, and each learner's reviews of their recall checks.
extension SQLiteStore {
    public func insertPlan(_ plan: ReinforcementPlan) async throws {
        try await database.writeOffPool { db in
            try db.prepare("""
                INSERT INTO reinforcement_plans (id, program_id, created_at, title, author_id, start_day, every_days, weekdays, minute_of_day,
                                                 time_zone, horizon_days, desired_retention, paused_at, resumed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .bind([plan.id.rawValue, plan.programID.rawValue, Self.millis(plan.createdAt)] + Self.planValues(plan)).run()
        }
    }

    public func updatePlan(_ plan: ReinforcementPlan) async throws {
        try await database.writeOffPool { db in
            try db.prepare("""
                UPDATE reinforcement_plans SET title = ?, author_id = ?, start_day = ?, every_days = ?, weekdays = ?, minute_of_day = ?,
                    time_zone = ?, horizon_days = ?, desired_retention = ?, paused_at = ?, resumed_at = ? WHERE id = ?
                """)
                .bind(Self.planValues(plan) + [plan.id.rawValue]).run()
        }
    }

    public func plan(id: ID) async throws -> ReinforcementPlan? {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.planColumns) FROM reinforcement_plans rp WHERE rp.id = ?").bind([id.rawValue]).first(Self.plan)
        }
    }

    public func plans(programID: ID) async throws -> [ReinforcementPlan] {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.planColumns) FROM reinforcement_plans rp WHERE rp.program_id = ? ORDER BY rp.id DESC")
                .bind([programID.rawValue]).rows(Self.plan)
        }
    }

    // MARK: Nuggets

    public func insertNugget(_ nugget: Nugget) async throws {
        try await database.writeOffPool { db in
            try db.prepare("""
                INSERT INTO nuggets (id, plan_id, position, text, link, media_id, recall_check, created_at)
                VALUES (?, ?, (SELECT coalesce(max(position) + 1, 0) FROM nuggets WHERE plan_id = ?), ?, ?, ?, ?, ?)
                """)
                .bind([nugget.id.rawValue, nugget.planID.rawValue, nugget.planID.rawValue, nugget.text, nugget.link, nugget.mediaID?.rawValue,
                       try Self.encodeCheck(nugget.check), Self.millis(nugget.createdAt)]).run()
        }
    }

    public func updateNugget(_ nugget: Nugget) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE nuggets SET text = ?, link = ?, media_id = ?, recall_check = ? WHERE id = ?")
                .bind([nugget.text, nugget.link, nugget.mediaID?.rawValue, try Self.encodeCheck(nugget.check), nugget.id.rawValue]).run()
        }
    }

    public func deleteUnreleasedNugget(id: ID) async throws -> Bool {
        try await database.writeOffPool { db in
            try db.prepare("DELETE FROM nuggets WHERE id = ? AND released_at IS NULL").bind([id.rawValue]).run()
            return db.changes == 1
        }
    }

    public func orderNuggets(planID: ID, _ order: [ID]) async throws {
        try await database.writeOffPool { db in
            // Listed nuggets first, in the given order; the rest keep their order after them.
            let current = try db.prepare("SELECT id FROM nuggets WHERE plan_id = ? ORDER BY position, id").bind([planID.rawValue]).rows { ID($0.int64(0)) }
            let listed = order.filter(current.contains)
            for (position, id) in (listed + current.filter { !listed.contains($0) }).enumerated() {
                try db.prepare("UPDATE nuggets SET position = ? WHERE id = ?").bind([position, id.rawValue]).run()
            }
        }
    }

    public func nugget(id: ID) async throws -> Nugget? {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.nuggetColumns) FROM nuggets n WHERE n.id = ?").bind([id.rawValue]).first { Self.nugget($0) }
        }
    }

    public func nuggets(planID: ID) async throws -> [Nugget] {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.nuggetColumns) FROM nuggets n WHERE n.plan_id = ? ORDER BY n.position, n.id")
                .bind([planID.rawValue]).rows { Self.nugget($0) }
        }
    }

    public func recordRelease(nuggetID: ID, _ release: Nugget.Release) async throws -> Bool {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE nuggets SET released_post_id = ?, released_at = ?, slot_day = ? WHERE id = ? AND released_at IS NULL")
                .bind([release.postID?.rawValue, Self.millis(release.releasedAt), release.slotDay, nuggetID.rawValue]).run()
            guard db.changes == 1 else { return false }
            try Self.addReviews(db, nuggetFilter: "n.id = :nugget", ["nugget": nuggetID.rawValue, "at": Self.millis(release.releasedAt)])
            return true
        }
    }

    /// Adds, for released checks matched by `nuggetFilter`, a review due at `:at` for each learner of the
    /// plan's program who has none yet.
    @discardableResult
    private static func addReviews(_ db: Connection, nuggetFilter: String, _ values: [String: any SQLBindable]) throws -> Int {
        try db.prepare("""
            INSERT OR IGNORE INTO review_states (nugget_id, account_id, plan_id, due_at)
            SELECT n.id, m.account_id, n.plan_id, :at
            FROM nuggets n JOIN reinforcement_plans rp ON rp.id = n.plan_id
            JOIN program_members m ON m.program_id = rp.program_id AND m.role = 'learner'
            WHERE n.recall_check IS NOT NULL AND n.released_at IS NOT NULL AND \(nuggetFilter)
            """).bind(values).run()
        return db.changes
    }

    // MARK: Reviews

    /// Review states joined with their nugget and program, read by `item`. Every query of it narrows the
    /// states (by learner, due time or post), so they lead the join: CROSS JOIN fixes that order, which the
    /// planner otherwise misjudged (a full scan of the plan index, 22 ms with 30,000 states, for one learner's items).
    private static let itemSelect = """
        SELECT \(stateColumns), \(nuggetColumns), pr.id, pr.hashtag
        FROM review_states rs CROSS JOIN nuggets n ON n.id = rs.nugget_id
        CROSS JOIN reinforcement_plans rp ON rp.id = rs.plan_id CROSS JOIN programs pr ON pr.id = rp.program_id
        """

    public func addMissingReviews(at date: Date) async throws -> Int {
        try await database.writeOffPool { db in
            // Plans past their horizon (by calendar day) send nothing more.
            try Self.addReviews(db, nuggetFilter: "julianday(rp.start_day) + rp.horizon_days > :at / 86400000.0 + 2440587.5", ["at": Self.millis(date)])
        }
    }

    public func undeliveredReviews(dueBy date: Date, limit: Int) async throws -> [ReviewItem] {
        try await database.readOffPool { db in
            try db.prepare("""
                \(Self.itemSelect)
                WHERE rs.mastered_at IS NULL AND rs.delivered_post_id IS NULL AND rs.due_at <= ?
                ORDER BY rs.due_at, rs.account_id LIMIT ?
                """).bind([Self.millis(date), limit]).rows(Self.item).compactMap { $0 }
        }
    }

    public func nextUndeliveredDue() async throws -> Date? {
        try await database.readOffPool { db in
            try db.prepare("SELECT min(due_at) FROM review_states WHERE mastered_at IS NULL AND delivered_post_id IS NULL")
                .first { $0.optionalInt64(0).map(Self.date) } ?? nil
        }
    }

    public func markDelivered(_ deliveries: [ReviewDelivery]) async throws {
        guard !deliveries.isEmpty else { return }
        try await database.writeOffPool { db in
            let update = try db.prepare("UPDATE review_states SET delivered_post_id = ? WHERE nugget_id = ? AND account_id = ?")
            for delivery in deliveries {
                try update.bind([delivery.postID.rawValue, delivery.nuggetID.rawValue, delivery.accountID.rawValue]).run()
            }
        }
    }

    public func dueReviews(accountID: ID, at date: Date, limit: Int) async throws -> [ReviewItem] {
        try await database.readOffPool { db in
            try db.prepare("""
                \(Self.itemSelect)
                WHERE rs.account_id = ? AND rs.mastered_at IS NULL AND rs.due_at <= ? ORDER BY rs.due_at, n.id LIMIT ?
                """).bind([accountID.rawValue, Self.millis(date), limit]).rows(Self.item).compactMap { $0 }
        }
    }

    public func dueReviewCount(accountID: ID, at date: Date) async throws -> Int {
        try await database.readOffPool { db in
            Int(try db.prepare("SELECT count(*) FROM review_states WHERE account_id = ? AND mastered_at IS NULL AND due_at <= ?")
                .bind([accountID.rawValue, Self.millis(date)]).scalar() ?? 0)
        }
    }

    public func reviewItems(accountID: ID, programID: ID?) async throws -> [ReviewItem] {
        try await database.readOffPool { db in
            try db.prepare("""
                \(Self.itemSelect)
                WHERE rs.account_id = ? AND (? IS NULL OR pr.id = ?) ORDER BY rp.id DESC, n.position, n.id
                """).bind([accountID.rawValue, programID?.rawValue, programID?.rawValue]).rows(Self.item).compactMap { $0 }
        }
    }

    public func reviewItem(nuggetID: ID, accountID: ID) async throws -> ReviewItem? {
        try await database.readOffPool { db in
            try db.prepare("\(Self.itemSelect) WHERE rs.nugget_id = ? AND rs.account_id = ?")
                .bind([nuggetID.rawValue, accountID.rawValue]).first(Self.item) ?? nil
        }
    }

    public func reviewItem(deliveredPostID: ID, accountID: ID) async throws -> ReviewItem? {
        try await database.readOffPool { db in
            try db.prepare("\(Self.itemSelect) WHERE rs.delivered_post_id = ? AND rs.account_id = ?")
                .bind([deliveredPostID.rawValue, accountID.rawValue]).first(Self.item) ?? nil
        }
    }

    public func recordReview(_ entry: ReviewLogEntry, state: ReviewState, expectedReviews: Int) async throws -> Bool {
        try await database.writeOffPool { db in
            try db.prepare("""
                UPDATE review_states SET stability = ?, difficulty = ?, last_review_at = ?, due_at = ?, reviews = ?, lapses = ?,
                    right_streak = ?, mastered_at = ?, delivered_post_id = NULL
                WHERE nugget_id = ? AND account_id = ? AND reviews = ?
                """)
                .bind([state.stability, state.difficulty, state.lastReviewAt.map(Self.millis), Self.millis(state.dueAt), state.reviews, state.lapses,
                       state.rightStreak, state.masteredAt.map(Self.millis), state.nuggetID.rawValue, state.accountID.rawValue, expectedReviews])
                .run()
            guard db.changes == 1 else { return false }
            let choices = "[" + entry.choices.map(String.init).joined(separator: ",") + "]"
            try db.prepare("""
                INSERT INTO review_log (nugget_id, account_id, reviewed_at, choices, "right", rating, stability, difficulty, due_at, interval_days, mastered)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .bind([entry.nuggetID.rawValue, entry.accountID.rawValue, Self.millis(entry.reviewedAt), choices, entry.right, entry.rating.rawValue,
                       entry.stability, entry.difficulty, Self.millis(entry.dueAt), entry.intervalDays, entry.mastered]).run()
            return true
        }
    }

    public func reviewLog(nuggetID: ID, accountID: ID) async throws -> [ReviewLogEntry] {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.reviewLogColumns) FROM review_log WHERE nugget_id = ? AND account_id = ? ORDER BY id")
                .bind([nuggetID.rawValue, accountID.rawValue]).rows(Self.reviewLogEntry)
        }
    }

    public func reviewStates(planID: ID) async throws -> [ReviewState] {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.stateColumns) FROM review_states rs WHERE rs.plan_id = ?").bind([planID.rawValue]).rows(Self.state)
        }
    }
}

extension SQLiteStore {
}
