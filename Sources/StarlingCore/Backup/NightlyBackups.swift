import Foundation

/// Where and how often the server makes backups by itself (`serve --backup-dir`).
public struct BackupPlan: Sendable {
    public var maker: any BackupMaker
    /// The folder each night's backup gets a folder of its own in.
    public var root: String
    /// How many backups are kept; older ones are deleted after a new one is finished.
    public var keep: Int
    /// The hour of the night, in the organization's zone.
    public var hour: Int

    public init(maker: any BackupMaker, root: String, keep: Int, hour: Int = 2) {
        self.maker = maker
        self.root = root
        self.keep = keep
        self.hour = hour
    }
}

/// A backup every night at the plan's hour in the organization's zone, into a folder of its own under
/// its root (`starling-2026-12-03-0200`), keeping the newest few and deleting older ones. A night missed
/// while the server was down is caught up at the next start.
public struct NightlyBackups: Sendable {
    public static let jobKey = "nightly_backup"
    static let lastSetting = "backup_last_day"
    static let folderPrefix = "starling-"

    public let plan: BackupPlan
    let store: any Store
    let jobs: JobQueue
    let calendar: DayCalendar

    init(plan: BackupPlan, store: any Store, jobs: JobQueue, calendar: DayCalendar) {
        self.plan = plan
        self.store = store
        self.jobs = jobs
        self.calendar = calendar
    }

    private var root: String { plan.root }
    private var hour: Int { plan.hour }

    /// Plans the next backup: tonight's (or today's, when its hour is still ahead), or at once when
    /// the last backup is older than the last night's hour.
    public func schedule(now: Date) async throws {
        let today = calendar.day(now)
        let todays = calendar.date(today, hour: hour)
        let last = try await store.setting(Self.lastSetting).flatMap(Day.init)
        let due: Date = if now < todays {
            (last.map { $0 < today.advanced(by: -1) } ?? false) ? now : todays
        } else if last.map({ $0 < today }) ?? true {
            now
        } else {
            calendar.date(today.advanced(by: 1), hour: hour)
        }
        try await jobs.enqueue(JobKind.nightlyBackup, key: Self.jobKey, payload: "", at: due, now: now)
    }

    /// Makes tonight's backup, deletes the ones beyond `keep`, and plans the next.
    public func run(now: Date) async throws {
        let name = Self.folderPrefix + Self.folderStamp(now, zone: calendar.zone)
        let directory = (root as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: directory) { try FileManager.default.removeItem(atPath: directory) }
        _ = try plan.maker.backup(into: directory, at: now)
        try await store.setSetting(Self.lastSetting, value: calendar.day(now).description)
        for old in try finished().dropFirst(plan.keep) {
            try FileManager.default.removeItem(atPath: (root as NSString).appendingPathComponent(old))
        }
        try await schedule(now: now)
    }

    /// The finished backups under `root` (those with a manifest), newest first.
    public func finished() throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return try names.filter { name in
            guard name.hasPrefix(Self.folderPrefix) else { return false }
            return try BackupManifest.read(in: (root as NSString).appendingPathComponent(name)) != nil
        }.sorted(by: >)
    }

    /// `2026-12-03-0200`: sorts by time, and names the moment in the organization's zone.
    static func folderStamp(_ date: Date, zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d-%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }
}
