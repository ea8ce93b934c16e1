import Foundation
import StarlingCore

/// Reinforcement plans, nuggets, review states and the review log.
extension SQLStore {
    public static var planColumns: String {
        """
            rp.id, rp.program_id, rp.title, rp.author_id, rp.start_day, rp.every_days, rp.weekdays, rp.minute_of_day, rp.time_zone,
            rp.horizon_days, rp.desired_retention, rp.paused_at, rp.resumed_at, rp.created_at
            """
    }

    @inlinable public static func plan(_ row: some ColumnReader) -> ReinforcementPlan {
        let day = row.string(4).split(separator: "-").compactMap { Int($0) }
        let weekdayBits = row.int(6)
        let cadence = ReleaseCadence(
            startDay: DateComponents(year: day.first, month: day.dropFirst().first, day: day.dropFirst(2).first),
            everyDays: row.int(5), weekdays: Set((1...7).filter { weekdayBits & (1 << ($0 - 1)) != 0 }), minuteOfDay: row.int(7),
            timeZone: TimeZone(identifier: row.string(8)) ?? .gmt)
        return ReinforcementPlan(
            id: ID(row.int64(0)), programID: ID(row.int64(1)), title: row.string(2), authorID: ID(row.int64(3)), cadence: cadence,
            horizonDays: row.int(9), desiredRetention: row.double(10), pausedAt: row.optionalInt64(11).map(date),
            resumedAt: row.optionalInt64(12).map(date), createdAt: date(row.int64(13)))
    }

    /// The plan's columns after its id, program and creation time, in `planColumns` order.
    public static func planValues(_ plan: ReinforcementPlan) -> [any SQLBindable] {
        let start = plan.cadence.startDay
        let day = String(format: "%04d-%02d-%02d", start.year ?? 1970, start.month ?? 1, start.day ?? 1)
        let weekdayBits = plan.cadence.weekdays.reduce(0) { $0 | (1 << ($1 - 1)) }
        return [plan.title, plan.authorID.rawValue, day, plan.cadence.everyDays, weekdayBits, plan.cadence.minuteOfDay, plan.cadence.zoneName,
                plan.horizonDays, plan.desiredRetention, plan.pausedAt.map(millis), plan.resumedAt.map(millis)]
    }

    public static var nuggetColumns: String {
        """
            n.id, n.plan_id, n.position, n.text, n.link, n.media_id, n.recall_check, n.released_post_id, n.released_at, n.slot_day, n.created_at
            """
    }

    @inlinable public static func nugget(_ row: some ColumnReader, from c: Int32 = 0) -> Nugget {
        Nugget(
            id: ID(row.int64(c)), planID: ID(row.int64(c + 1)), position: row.int(c + 2), text: row.string(c + 3), link: row.optionalString(c + 4),
            mediaID: row.optionalInt64(c + 5).map(ID.init), check: row.optionalString(c + 6).flatMap(decodeCheck),
            release: row.optionalInt64(c + 8).map {
                Nugget.Release(postID: row.optionalInt64(c + 7).map(ID.init), releasedAt: date($0), slotDay: row.int(c + 9))
            },
            createdAt: date(row.int64(c + 10)))
    }

    public static func decodeCheck(_ json: String) -> RecallCheck? { try? JSONDecoder().decode(RecallCheck.self, from: Data(json.utf8)) }

    public static func encodeCheck(_ check: RecallCheck?) throws -> String? {
        try check.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
    }

    public static var stateColumns: String {
        """
            rs.nugget_id, rs.account_id, rs.plan_id, rs.stability, rs.difficulty, rs.last_review_at, rs.due_at, rs.reviews, rs.lapses,
            rs.right_streak, rs.mastered_at, rs.delivered_post_id
            """
    }

    public static var stateColumnCount: Int32 { 12 }

    @inlinable public static func state(_ row: some ColumnReader) -> ReviewState {
        ReviewState(
            nuggetID: ID(row.int64(0)), accountID: ID(row.int64(1)), planID: ID(row.int64(2)),
            stability: row.isNull(3) ? nil : row.double(3), difficulty: row.isNull(4) ? nil : row.double(4),
            lastReviewAt: row.optionalInt64(5).map(date), dueAt: date(row.int64(6)), reviews: row.int(7), lapses: row.int(8),
            rightStreak: row.int(9), masteredAt: row.optionalInt64(10).map(date), deliveredPostID: row.optionalInt64(11).map(ID.init))
    }

    public static func item(_ row: some ColumnReader) -> ReviewItem? {
        let nugget = nugget(row, from: stateColumnCount)
        guard let check = nugget.check else { return nil }
        return ReviewItem(state: state(row), nugget: nugget, check: check, programID: ID(row.int64(stateColumnCount + 11)),
                          programHashtag: row.string(stateColumnCount + 12))
    }

    public static var reviewLogColumns: String { "nugget_id, account_id, reviewed_at, choices, \"right\", rating, stability, difficulty, due_at, interval_days, mastered" }

    /// A `review_log` row read with `reviewLogColumns`.
    @inlinable public static func reviewLogEntry(_ row: some ColumnReader) -> ReviewLogEntry {
        ReviewLogEntry(
            nuggetID: ID(row.int64(0)), accountID: ID(row.int64(1)), reviewedAt: date(row.int64(2)),
            choices: row.string(3).trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",").compactMap { Int($0) },
            right: row.bool(4), rating: FSRS.Rating(rawValue: row.int(5)) ?? .again, stability: row.double(6), difficulty: row.double(7),
            dueAt: date(row.int64(8)), intervalDays: row.int(9), mastered: row.bool(10))
    }
}
