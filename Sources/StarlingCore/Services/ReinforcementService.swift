import Foundation

/// Reinforcement plans: facilitators write nuggets (with optional recall checks) and a release
/// schedule; the job runner releases each nugget into the program's stream at its time, as a post of
/// the plan's facilitator on the program's hashtag.
public struct ReinforcementService: Sendable {
    let store: any Store
    let ids: IDGenerator
    let settings: InstanceSettings
    let posts: PostService
    let programs: ProgramService
    let jobs: JobQueue
    let reviews: ReviewService
    let media: MediaService

    /// What a facilitator fills in for a plan.
    public struct PlanDraft: Sendable {
        public var title: String
        /// The first release day, `YYYY-MM-DD` in the plan's time zone.
        public var startDay: String
        /// The local release time, `HH:MM`.
        public var releaseTime: String
        public var everyDays: Int
        public var weekdays: Set<Int>
        public var horizonDays: Int
        public var timeZone: String
        public var desiredRetention: Double

        public init(title: String, startDay: String, releaseTime: String = "09:00", everyDays: Int = 2, weekdays: Set<Int> = [],
                    horizonDays: Int = 90, timeZone: String, desiredRetention: Double = 0.9) {
            self.title = title
            self.startDay = startDay
            self.releaseTime = releaseTime
            self.everyDays = everyDays
            self.weekdays = weekdays
            self.horizonDays = horizonDays
            self.timeZone = timeZone
            self.desiredRetention = desiredRetention
        }
    }

    /// What a facilitator fills in for a nugget.
    public struct NuggetDraft: Sendable {
        public var text: String
        public var link: String
        /// An image the plan's facilitator uploaded already (nil: none, or a new `upload`).
        public var mediaID: ID?
        /// A new image with its alt text, uploaded as the plan's facilitator once the rest is checked.
        public var upload: (bytes: [UInt8], alt: String)?
        public var check: RecallCheck?

        public init(text: String, link: String = "", mediaID: ID? = nil, upload: (bytes: [UInt8], alt: String)? = nil, check: RecallCheck? = nil) {
            self.text = text
            self.link = link
            self.mediaID = mediaID
            self.upload = upload
            self.check = check
        }
    }

    /// A plan with its nuggets, and when the ones not released yet would go out.
    public struct PlanView: Sendable {
        public var plan: ReinforcementPlan
        public var nuggets: [Nugget]
        /// For each nugget not released yet (by id): its planned time, nil when the horizon leaves no day for it.
        public var upcoming: [ID: Date?]
    }

    // MARK: Plans

    /// Creates a plan in a program (its facilitators), posting as its creator; its releases are planned at once.
    public func createPlan(in programID: ID, _ draft: PlanDraft, by facilitator: Account, at now: Date = Date()) async throws -> ReinforcementPlan {
        try await requireFacilitator(programID, facilitator)
        let plan = try checked(draft, into: ReinforcementPlan(id: ids.next(at: now), programID: programID, title: "", authorID: facilitator.id,
                                                              cadence: ReleaseCadence(startDay: DateComponents(), everyDays: 1, minuteOfDay: 0, timeZone: .gmt),
                                                              horizonDays: 1, createdAt: now))
        try await store.insertPlan(plan)
        try await scheduleNextRelease(plan.id, now: now)
        return plan
    }

    /// Changes a plan's title and schedule; nuggets already released stay as they were posted.
    public func updatePlan(_ id: ID, _ draft: PlanDraft, by facilitator: Account, at now: Date = Date()) async throws -> ReinforcementPlan {
        let existing = try await editablePlan(id, by: facilitator)
        let plan = try checked(draft, into: existing)
        try await store.updatePlan(plan)
        try await scheduleNextRelease(id, now: now)
        return plan
    }

    /// Pauses a plan (nothing is released while paused) or resumes it (from the next release day on:
    /// days that passed while paused are skipped).
    public func setPaused(_ id: ID, _ paused: Bool, by facilitator: Account, at now: Date = Date()) async throws -> ReinforcementPlan {
        var plan = try await editablePlan(id, by: facilitator)
        guard plan.isPaused != paused else { return plan }
        plan.pausedAt = paused ? now : nil
        if !paused { plan.resumedAt = now }
        try await store.updatePlan(plan)
        try await scheduleNextRelease(id, now: now)
        return plan
    }

    /// A plan with its nuggets and their release times: for those who look after its program.
    public func plan(_ id: ID, viewer: Account, now: Date = Date()) async throws -> PlanView {
        guard let plan = try await store.plan(id: id), try await store.looksAfter(plan.programID, viewer) else { throw DomainError.notFound }
        let nuggets = try await store.nuggets(planID: id)
        var upcoming: [ID: Date?] = [:]
        for entry in plan.upcoming(nuggets, now: now) { upcoming[entry.nugget.id] = entry.at }
        return PlanView(plan: plan, nuggets: nuggets, upcoming: upcoming)
    }

    /// A program's plans: for those who look after it.
    public func plans(in programID: ID, viewer: Account) async throws -> [ReinforcementPlan] {
        _ = try await programs.program(programID, viewer: viewer)
        guard try await store.looksAfter(programID, viewer) else {
            throw DomainError.forbidden("Only the program's facilitators and moderators see its reinforcement plans.")
        }
        return try await store.plans(programID: programID)
    }

    // MARK: Nuggets

    /// Adds a nugget at the end of a plan.
    @discardableResult
    public func addNugget(to planID: ID, _ draft: NuggetDraft, by facilitator: Account, at now: Date = Date()) async throws -> Nugget {
        let plan = try await editablePlan(planID, by: facilitator)
        let nugget = try await checked(draft, into: Nugget(id: ids.next(at: now), planID: plan.id, position: 0, text: "", createdAt: now), plan: plan)
        try await store.insertNugget(nugget)
        try await scheduleNextRelease(planID, now: now)
        return nugget
    }

    /// Changes a nugget; one already released keeps its post as it was (the change applies to reviews from now on).
    @discardableResult
    public func updateNugget(_ id: ID, _ draft: NuggetDraft, by facilitator: Account, at now: Date = Date()) async throws -> Nugget {
        guard let existing = try await store.nugget(id: id) else { throw DomainError.notFound }
        let plan = try await editablePlan(existing.planID, by: facilitator)
        if existing.isReleased, existing.check?.options != draft.check?.options, existing.check != nil {
            throw DomainError.invalid(field: "check_options", message: "The options of a released check cannot change: learners have answered them.")
        }
        let nugget = try await checked(draft, into: existing, plan: plan)
        try await store.updateNugget(nugget)
        return nugget
    }

    /// Deletes a nugget that was not released yet.
    public func deleteNugget(_ id: ID, by facilitator: Account, at now: Date = Date()) async throws {
        guard let nugget = try await store.nugget(id: id) else { throw DomainError.notFound }
        _ = try await editablePlan(nugget.planID, by: facilitator)
        guard try await store.deleteUnreleasedNugget(id: id) else {
            throw DomainError.conflict("This nugget was released already; it stays in the stream as it was posted.")
        }
        try await scheduleNextRelease(nugget.planID, now: now)
    }

    /// Moves a nugget one place earlier or later in its plan.
    public func moveNugget(_ id: ID, by offset: Int, by facilitator: Account, at now: Date = Date()) async throws {
        guard let nugget = try await store.nugget(id: id) else { throw DomainError.notFound }
        _ = try await editablePlan(nugget.planID, by: facilitator)
        var order = try await store.nuggets(planID: nugget.planID).map(\.id)
        guard let index = order.firstIndex(of: id) else { return }
        let target = min(max(index + offset, 0), order.count - 1)
        order.remove(at: index)
        order.insert(id, at: target)
        try await store.orderNuggets(planID: nugget.planID, order)
        try await scheduleNextRelease(nugget.planID, now: now)
    }

    // MARK: Releasing

    /// Releases the plan's next nugget when its time has come, then plans the one after (run by the job runner).
    func releaseDue(_ planID: ID, now: Date) async throws {
        guard let plan = try await store.plan(id: planID), !plan.isPaused,
              let program = try await store.program(id: plan.programID), !program.isArchived else { return }
        let nuggets = try await store.nuggets(planID: planID)
        if let next = plan.upcoming(nuggets, now: now).first, let at = next.at, let day = next.day, at <= now {
            try await release(next.nugget, of: plan, in: program, day: day, at: now)
        }
        try await scheduleNextRelease(planID, now: now)
    }

    /// Posts a nugget as the plan's author on the program's hashtag and records the release; the same
    /// release is never posted twice (an idempotency key guards a crash between the two steps).
    private func release(_ nugget: Nugget, of plan: ReinforcementPlan, in program: Program, day: Int, at now: Date) async throws {
        guard let author = try await store.account(id: plan.authorID) else { return }
        let draft = PostService.Draft(text: Self.postText(nugget, hashtag: program.hashtag), mediaIDs: nugget.mediaID.map { [$0] } ?? [])
        let post = try await posts.compose(draft.madeAutomatically(), by: author, idempotencyKey: "nugget-\(nugget.id)", at: now)
        if try await store.recordRelease(nuggetID: nugget.id, Nugget.Release(postID: post.id, releasedAt: now, slotDay: day)), nugget.check != nil {
            try await reviews.scheduleDelivery(now: now)
        }
    }

    /// Plans the job that releases the plan's next nugget at its time (none while paused or when all are out).
    func scheduleNextRelease(_ planID: ID, now: Date) async throws {
        let key = "reinforcement-plan:\(planID)"
        guard let plan = try await store.plan(id: planID), !plan.isPaused,
              let at = plan.upcoming(try await store.nuggets(planID: planID), now: now).first?.at else {
            try await jobs.cancel(key: key)
            return
        }
        try await jobs.enqueue(JobKind.releaseNugget, key: key, payload: planID.description, at: at, now: now)
    }

    /// The post a nugget is released as: its text, its link, and the program's hashtag when the text lacks it.
    static func postText(_ nugget: Nugget, hashtag: String) -> String {
        var text = nugget.text
        if let link = nugget.link { text += "\n\n" + link }
        if !PostText(nugget.text).hashtags.contains(where: { Tag.key($0) == Tag.key(hashtag) }) { text += "\n\n#" + hashtag }
        return text
    }

    // MARK: Checks

    private func editablePlan(_ id: ID, by facilitator: Account) async throws -> ReinforcementPlan {
        guard let plan = try await store.plan(id: id), try await store.looksAfter(plan.programID, facilitator) else { throw DomainError.notFound }
        try await requireFacilitator(plan.programID, facilitator)
        return plan
    }

    private func requireFacilitator(_ programID: ID, _ account: Account) async throws {
        let program = try await programs.program(programID, viewer: account)
        guard try await store.facilitates(programID, account) else {
            throw DomainError.forbidden("Only the program's facilitators write its reinforcement plans.")
        }
        guard !program.isArchived else { throw DomainError.invalid(field: "program", message: "The program is archived.") }
    }

    private func checked(_ draft: PlanDraft, into plan: ReinforcementPlan) throws -> ReinforcementPlan {
        var plan = plan
        plan.title = try PostText.field(draft.title, name: "title", maxLength: 100, required: true)
        let day = draft.startDay.split(separator: "-").compactMap { Int($0) }
        guard day.count == 3, (1...12).contains(day[1]), (1...31).contains(day[2]), (2000...2200).contains(day[0]) else {
            throw DomainError.invalid(field: "start_day", message: "The start is a date like 2026-12-01.")
        }
        let time = draft.releaseTime.split(separator: ":").compactMap { Int($0) }
        guard time.count == 2, (0...23).contains(time[0]), (0...59).contains(time[1]) else {
            throw DomainError.invalid(field: "release_time", message: "The release time is a local time like 09:00.")
        }
        guard TimeZones.isKnown(draft.timeZone), let zone = TimeZone(identifier: draft.timeZone) else {
            throw DomainError.invalid(field: "time_zone", message: "Choose a time zone from the list.")
        }
        guard ReleaseCadence.everyDaysRange.contains(draft.everyDays) else {
            throw DomainError.invalid(field: "every_days", message: "Release every 1 to \(ReleaseCadence.everyDaysRange.upperBound) days.")
        }
        guard draft.weekdays.allSatisfy((1...7).contains) else {
            throw DomainError.invalid(field: "weekdays", message: "Weekdays are 1 (Monday) to 7 (Sunday).")
        }
        guard ReinforcementPlan.horizonRange.contains(draft.horizonDays) else {
            throw DomainError.invalid(field: "horizon_days",
                                      message: "The horizon is 1 to \(ReinforcementPlan.horizonRange.upperBound) days after the start.")
        }
        guard ReinforcementPlan.retentionRange.contains(draft.desiredRetention) else {
            throw DomainError.invalid(field: "desired_retention", message: "Desired retention is between 0.70 and 0.97.")
        }
        plan.cadence = ReleaseCadence(startDay: DateComponents(year: day[0], month: day[1], day: day[2]), everyDays: draft.everyDays,
                                      weekdays: draft.weekdays, minuteOfDay: time[0] * 60 + time[1], timeZone: zone)
        plan.horizonDays = draft.horizonDays
        plan.desiredRetention = draft.desiredRetention
        guard !plan.releaseDays.isEmpty else {
            throw DomainError.invalid(field: "weekdays",
                                      message: "This cadence never releases within the horizon: no chosen weekday falls on one of its days.")
        }
        return plan
    }

    private func checked(_ draft: NuggetDraft, into nugget: Nugget, plan: ReinforcementPlan) async throws -> Nugget {
        var nugget = nugget
        nugget.text = PostText.normalize(draft.text).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !nugget.text.isEmpty else { throw DomainError.invalid(field: "text", message: "A nugget has a text.") }
        let link = draft.link.trimmingCharacters(in: .whitespacesAndNewlines)
        if link.isEmpty {
            nugget.link = nil
        } else {
            guard link.count <= 500, let url = URL(string: link), ["http", "https"].contains(url.scheme?.lowercased()), url.host != nil else {
                throw DomainError.invalid(field: "link", message: "A link is a web address starting with https:// or http://.")
            }
            nugget.link = link
        }
        if let mediaID = draft.mediaID, mediaID != nugget.mediaID {
            guard let media = try await store.media(id: mediaID), media.accountID == plan.authorID, media.postID == nil else {
                throw DomainError.invalid(field: "media_id", message: "The image must be an unused upload of the plan's facilitator.")
            }
        }
        nugget.mediaID = draft.mediaID
        nugget.check = try draft.check?.validated()
        let hashtag = try await store.program(id: plan.programID)?.hashtag ?? ""
        let length = Self.postText(nugget, hashtag: hashtag).count
        guard length <= settings.maxPostLength else {
            throw DomainError.invalid(field: "text",
                                      message: "A nugget is posted with its link and hashtag in at most \(settings.maxPostLength) characters; this one needs \(length).")
        }
        if let upload = draft.upload {
            guard !upload.alt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw DomainError.invalid(field: "image_alt", message: "Describe the image for people who cannot see it.")
            }
            guard let author = try await store.account(id: plan.authorID) else { throw DomainError.notFound }
            nugget.mediaID = try await media.upload(upload.bytes, description: upload.alt, focus: nil, by: author).id
        }
        return nugget
    }
}
