import Foundation

/// What analytics needs from persistence: the activity records, and the raw facts the figures of
/// questions, reinforcement and the organization are computed from.
public protocol AnalyticsStore: Sendable {
    /// Adds activity records, ignoring those there already; returns how many were new.
    func recordActivity(_ records: [ActivityRecord]) async throws -> Int
    /// Who was active on which day from `from` through `through`: anywhere (`programID` nil; guests
    /// left out) or in one program (its learners only).
    func activityHistory(programID: ID?, from: Day, through: Day) async throws -> ActivityHistory
    /// One account's own records from `from` through `through`, anywhere and per program.
    func activity(accountID: ID, from: Day, through: Day) async throws -> [ActivityRecord]
    /// For each program with learners, who of them was active in it in which week (the Monday) from `from` on.
    func weeklyProgramActivity(from: Day) async throws -> [ID: [Day: Set<ID>]]
    /// Deletes the records of days before `day`; returns how many went.
    func deleteActivity(before day: Day) async throws -> Int
    /// A program's questions asked at or after `since`, with when someone other than the asker first answered.
    func questionTimings(programID: ID, since: Date) async throws -> [QuestionTiming]
    /// A plan's review answers, the oldest first.
    func reviewLog(planID: ID) async throws -> [ReviewLogEntry]
    /// When each of a program's commitments was first checked in as done.
    func commitmentsDone(programID: ID) async throws -> [ID: Date]
    /// The hashtags of the most posts (not direct, not by guests) from `since` until `until`, with how many.
    func busiestHashtags(since: Date, until: Date, limit: Int) async throws -> [HashtagActivity]
    /// How many learners each program has.
    func learnerCounts() async throws -> [ID: Int]
    /// When each member of the organization (not guests) joined.
    func memberJoinDates() async throws -> [Date]
    /// Notifies each recipient of their program's weekly digest.
    func insertDigests(_ digests: [(recipient: ID, notice: DigestNotice)], at date: Date) async throws
}
