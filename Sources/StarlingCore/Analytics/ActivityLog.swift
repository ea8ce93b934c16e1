import Foundation

/// That one account was active on one day: anywhere (`programID` nil) or in one program.
public struct ActivityRecord: Sendable, Hashable {
    public var accountID: ID
    public var day: Day
    public var programID: ID?

    public init(accountID: ID, day: Day, programID: ID? = nil) {
        self.accountID = accountID
        self.day = day
        self.programID = programID
    }
}

/// Notes who is active, off the request's hot path: `record` costs a set lookup under a lock, and
/// a day's record for an account (and program) is handed to the store once, in batches, by `flush`
/// (run every second beside the server, and before figures are read). The store ignores records it
/// has already (another node may have written them), so each exists once whatever the timing.
public final class ActivityLog: @unchecked Sendable {
    private let store: any AnalyticsStore
    public let calendar: DayCalendar
    private let lock = NSLock()
    /// Records handed out for writing, of the latest day seen and the one before (older ones are dropped).
    private var seen: Set<ActivityRecord> = []
    private var latestDay: Day?
    private var pending: [ActivityRecord] = []
    /// Held by one flush at a time, so a flush returns only when every record noted before it is stored.
    private let flushLock = AsyncLock()
    /// The time of an action that does not say when it happened.
    private let clock: any Clock
    /// False when the organization turned recording off: `record` then notes nothing.
    public let isRecording: Bool

    public init(store: any AnalyticsStore, zone: TimeZone, clock: any Clock, recording: Bool = true) {
        self.store = store
        isRecording = recording
        self.clock = clock
        calendar = DayCalendar(zone: zone)
    }

    /// Notes that `accountID` was active at `date`, and in `programID` when the action or page belongs to one.
    public func record(_ accountID: ID, in programID: ID? = nil, at date: Date? = nil) {
        guard isRecording else { return }
        let day = calendar.day(date ?? clock.now())
        lock.lock()
        defer { lock.unlock() }
        if let latest = latestDay, day > latest {
            seen = seen.filter { $0.day.ordinal >= day.ordinal - 1 }
        }
        if latestDay.map({ day > $0 }) ?? true { latestDay = day }
        for record in [ActivityRecord(accountID: accountID, day: day), programID.map { ActivityRecord(accountID: accountID, day: day, programID: $0) }]
            .compactMap({ $0 }) where seen.insert(record).inserted {
            pending.append(record)
        }
    }

    /// Writes what was noted since the last flush; returns how many records were new to the store.
    /// On failure the records are kept for the next flush.
    @discardableResult
    public func flush() async throws -> Int {
        try await flushLock.withLock {
            let batch: [ActivityRecord] = lock.withLock {
                defer { pending = [] }
                return pending
            }
            guard !batch.isEmpty else { return 0 }
            do {
                return try await store.recordActivity(batch)
            } catch {
                lock.withLock { pending.insert(contentsOf: batch, at: 0) }
                throw error
            }
        }
    }
}
