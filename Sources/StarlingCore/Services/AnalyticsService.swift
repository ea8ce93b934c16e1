import Foundation

/// Learning analytics: who comes back, per program and for the organization, with the rules of who
/// may see which figure. Aggregates are for a program's facilitators and the organization's admins;
/// the list of learners gone quiet for its facilitators alone; everyone sees their own history.
public struct AnalyticsService: Sendable {
    let store: any Store
    let settings: InstanceSettings
    let activity: ActivityLog
    let posts: PostService
    let liveEvents: EventService
    let jobs: JobQueue
    /// The organization's figures by period: a few hundred milliseconds to compute for ten thousand people,
    /// and they change slowly, so they are reused for `settings.analyticsCacheSeconds`.
    let organizationFigures = RecentlyUsedCache<AnalyticsPeriod, OrganizationAnalytics>(capacity: 32)

    /// Programs with fewer learners show their cohorts to their facilitators only.
    public static let smallProgram = 5
    /// Days without activity after which a learner counts as gone quiet.
    public static let quietAfterDays = 14

    var calendar: DayCalendar { activity.calendar }

    /// The day it is in the organization at `now`.
    public func today(_ now: Date) -> Day { calendar.day(now) }

    // MARK: Programs

    /// A program's figures for `period`, for its facilitators and admins.
    public func program(_ programID: ID, viewer: Account, period: AnalyticsPeriod, now: Date) async throws -> ProgramAnalytics {
        guard let program = try await store.program(id: programID) else { throw DomainError.notFound }
        let facilitator = try await store.membership(programID: programID, accountID: viewer.id)?.role == .facilitator
        guard facilitator || viewer.role == .admin else {
            throw DomainError.forbidden("A program's analytics are for its facilitators and the organization's admins.")
        }
        return try await figures(program, forFacilitator: facilitator, period: period, now: now)
    }

    /// A program's figures; the cohorts of small programs and the quiet list only `forFacilitator`.
    private func figures(_ program: Program, forFacilitator facilitator: Bool, period: AnalyticsPeriod, now: Date) async throws -> ProgramAnalytics {
        let programID = program.id
        try await activity.flush()
        let learners = try await store.members(programID: programID).filter { $0.1.role == .learner }.map(\.0)
        let history = try await store.activityHistory(programID: programID, from: Day(ordinal: 0), through: period.through)
        let weeks = history.weeks
        let currentWeek = period.through.week
        let daily = ActivityFigures.dailyActive(history, from: period.from, through: period.through)
        var retention = ActivityFigures.retention(history, currentWeek: currentWeek)
        let cohortsHidden = learners.count < Self.smallProgram && !facilitator
        if cohortsHidden { retention.cohorts = [] }
        let questions = try await store.questionTimings(programID: programID, since: calendar.start(of: period.from))
            .filter { calendar.day($0.askedAt) <= period.through }
        let plans = try await store.plans(programID: programID).asyncMap { plan in
            ReinforcementFigures.plan(plan, nuggets: try await store.nuggets(planID: plan.id), states: try await store.reviewStates(planID: plan.id),
                                      log: try await store.reviewLog(planID: plan.id), now: now)
        }
        return ProgramAnalytics(
            program: program, period: period, today: today(now), learners: learners.count,
            weeklyReturn: ActivityFigures.weeklyReturn(weeks, currentWeek: currentWeek),
            daily: daily, stickiness: ActivityFigures.stickiness(daily),
            previousStickiness: ActivityFigures.previousStickiness(ActivityFigures.dailyActive(history, from: period.previous.from, through: period.previous.through)),
            weeklyActive: period.weeks.map { week in (week, weeks.values.filter { $0.contains(week) }.count) },
            retention: retention, cohortsHidden: cohortsHidden,
            questions: QuestionFigures.weekly(questions, calendar: calendar), waiting: QuestionFigures.waiting(questions, now: now),
            tweetchats: try await liveEvents.tweetchatFigures(programID: programID),
            plans: plans,
            commitments: ReinforcementFigures.commitmentSets(try await store.commitments(programID: programID, authorID: nil),
                                                             doneAt: try await store.commitmentsDone(programID: programID), now: now, calendar: calendar),
            quiet: await facilitator ? try quiet(learners, in: programID, history, period: period, today: today(now)) : nil)
    }

    /// Who has gone quiet as of today, whatever period the figures show (`history` runs to its end).
    private func quiet(_ learners: [Account], in programID: ID, _ history: ActivityHistory, period: AnalyticsPeriod, today: Day) async throws -> [QuietLearner] {
        let upToToday = period.through < today ? try await store.activityHistory(programID: programID, from: Day(ordinal: 0), through: today) : history
        return learners.filter { $0.suspendedAt == nil }.compactMap { learner in
            let last = upToToday.days[learner.id]?.last
            guard last.map({ $0.distance(to: today) >= Self.quietAfterDays }) ?? true else { return nil }
            return QuietLearner(account: learner, lastActive: last)
        }.sorted { ($0.lastActive?.ordinal ?? .min, $0.account.username) < ($1.lastActive?.ordinal ?? .min, $1.account.username) }
    }

    /// Writes each chosen learner gone quiet a direct post of their own from the facilitator (one post each, so
    /// nobody learns who else was written to); returns the posts.
    public func nudge(_ programID: ID, learners accountIDs: [ID], message: String, by facilitator: Account, now: Date) async throws -> [Post] {
        guard try await store.membership(programID: programID, accountID: facilitator.id)?.role == .facilitator else {
            throw DomainError.forbidden("Only the program's facilitators can nudge its learners.")
        }
        let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw DomainError.invalid(field: "message", message: "Write the message to send.") }
        guard !accountIDs.isEmpty else { throw DomainError.invalid(field: "learners", message: "Choose at least one learner to write to.") }
        let learners = Dictionary(try await store.members(programID: programID).filter { $0.1.role == .learner }.map { ($0.0.id, $0.0) },
                                  uniquingKeysWith: { first, _ in first })
        let chosen = try Array(Set(accountIDs)).map { id in
            guard let learner = learners[id] else { throw DomainError.invalid(field: "learners", message: "Everyone written to must be a learner of the program.") }
            return learner
        }
        return try await chosen.sorted { $0.username < $1.username }.asyncMap { learner in
            try await posts.compose(.init(text: "@\(learner.username) \(text)", visibility: .direct), by: facilitator, at: now)
        }
    }

    // MARK: The organization

    /// The organization dashboard, for admins: computed at most every `settings.analyticsCacheSeconds`.
    public func organization(viewer: Account, period: AnalyticsPeriod, now: Date) async throws -> OrganizationAnalytics {
        guard viewer.role == .admin else { throw DomainError.forbidden("The organization's analytics are for its admins.") }
        if let kept = organizationFigures[period], now.timeIntervalSince(kept.computedAt) < Double(settings.analyticsCacheSeconds),
           kept.computedAt <= now {
            return kept
        }
        let figures = try await organization(period: period, admin: viewer, now: now)
        organizationFigures[period] = figures
        return figures
    }

    private func organization(period: AnalyticsPeriod, admin viewer: Account, now: Date) async throws -> OrganizationAnalytics {
        try await activity.flush()
        let earliest = min(period.previous.from, period.through.week.advanced(by: -7 * 9)).advanced(by: -29)
        let history = try await store.activityHistory(programID: nil, from: earliest, through: period.through)
        let daily = ActivityFigures.dailyActive(history, from: period.from, through: period.through)
        let currentWeek = period.through.week
        let lastWeeks = (1...8).reversed().map { currentWeek.advanced(by: -7 * $0) }
        let programWeeks = try await store.weeklyProgramActivity(from: lastWeeks[0].advanced(by: -7))
        let learnerCounts = try await store.learnerCounts()
        let programs = try await store.programs(viewer: viewer.id, includingPrivate: true).map { program in
            let weeks = programWeeks[program.id] ?? [:]
            let byLearner = weeks.reduce(into: [ID: Set<Day>]()) { result, week in
                for learner in week.value { result[learner, default: []].insert(week.key) }
            }
            return OrganizationAnalytics.ProgramSummary(
                program: program, learners: learnerCounts[program.id] ?? 0,
                weeklyActive: lastWeeks.map { ($0, weeks[$0]?.count ?? 0) },
                weeklyReturn: ActivityFigures.weeklyReturn(byLearner, currentWeek: currentWeek, count: 1)[0])
        }
        let joined = try await store.memberJoinDates().map(calendar.day)
        let members = period.weeks.map { week in
            (week, joined.filter { $0.week == week }.count, joined.filter { $0 < week.advanced(by: 7) }.count)
        }
        return OrganizationAnalytics(
            computedAt: now, period: period, today: today(now), daily: daily, stickiness: ActivityFigures.stickiness(daily),
            previousStickiness: ActivityFigures.previousStickiness(ActivityFigures.dailyActive(history, from: period.previous.from, through: period.previous.through)),
            weeklyReturn: ActivityFigures.weeklyReturn(history.weeks, currentWeek: currentWeek),
            programs: programs, hashtags: try await store.busiestHashtags(since: calendar.start(of: max(period.from, period.through.advanced(by: -6))),
                                                                    until: calendar.start(of: period.through.advanced(by: 1)), limit: 10),
            members: members)
    }

    // MARK: The weekly digest

    static let digestJobKey = "analytics-digest"
    /// The Monday of the last week whose digest went out.
    static let digestSentSetting = "analytics_digest_week"
    /// Digests go out on Mondays at this hour of the organization's day.
    public static let digestHour = 8

    /// Plans the next digest: this Monday at 08:00 in the organization's zone if that is still to come, now when
    /// this week's is overdue (the server was down on Monday morning), else next Monday. Run at start and after
    /// each digest; a new installation's first digest waits for Monday.
    public func scheduleDigest(now: Date) async throws {
        let thisWeek = today(now).week
        let sent = try await store.setting(Self.digestSentSetting).flatMap(Day.init)
        let thisMonday = calendar.date(thisWeek, hour: Self.digestHour)
        let due = if now < thisMonday {
            thisMonday
        } else if let sent, sent < thisWeek {
            now
        } else {
            calendar.date(thisWeek.advanced(by: 7), hour: Self.digestHour)
        }
        try await jobs.enqueue(JobKind.analyticsDigest, key: Self.digestJobKey, payload: "", at: due, now: now)
    }

    /// Sends the facilitators of each program with learners (not archived) its headline numbers as a notification,
    /// once a week, then plans the next digest.
    func sendDigests(now: Date) async throws {
        let thisWeek = today(now).week
        if try await store.setting(Self.digestSentSetting).flatMap(Day.init).map({ $0 < thisWeek }) ?? true {
            try await activity.flush()
            let period = try AnalyticsPeriod.parse(from: nil, to: nil, today: today(now))
            var digests: [(recipient: ID, notice: DigestNotice)] = []
            for program in try await store.programs(viewer: nil, includingPrivate: true) where !program.isArchived {
                let members = try await store.members(programID: program.id)
                let facilitators = members.filter { $0.1.role == .facilitator && $0.0.suspendedAt == nil }.map(\.0.id)
                guard !facilitators.isEmpty, members.contains(where: { $0.1.role == .learner }) else { continue }
                let figures = try await figures(program, forFacilitator: true, period: period, now: now)
                let notice = DigestNotice(programID: program.id, programTitle: program.title, summary: figures.headlineSummary)
                digests += facilitators.map { ($0, notice) }
            }
            try await store.insertDigests(digests, at: now)
            try await store.setSetting(Self.digestSentSetting, value: thisWeek.description)
        }
        try await scheduleDigest(now: now)
    }

    // MARK: Oneself, and keeping

    /// The days a person was active in `period`, anywhere and in each program they are a member of.
    public func own(viewer: Account, period: AnalyticsPeriod) async throws -> OwnActivity {
        try await activity.flush()
        let records = try await store.activity(accountID: viewer.id, from: period.from, through: period.through)
        let byProgram = Dictionary(grouping: records.filter { $0.programID != nil }, by: { $0.programID! })
        let programs = try await store.programs(viewer: viewer.id, includingPrivate: false)
            .asyncFilter { try await store.membership(programID: $0.id, accountID: viewer.id) != nil }
            .map { ($0, (byProgram[$0.id] ?? []).map(\.day)) }
        return OwnActivity(period: period, days: records.filter { $0.programID == nil }.map(\.day), programs: programs)
    }

    /// Deletes activity records older than the retention period (today and the days before it, that many in
    /// all, are kept); returns how many went.
    @discardableResult
    public func deleteExpired(now: Date) async throws -> Int {
        try await store.deleteActivity(before: today(now).advanced(by: 1 - settings.activityRetentionDays))
    }
}
