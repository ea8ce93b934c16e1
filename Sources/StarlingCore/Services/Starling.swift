import Foundation

/// The domain, assembled: every service over one store. The HTTP layer and the CLI receive this.
public struct Starling: Sendable {
    public let settings: InstanceSettings
    public let store: any Store
    public let files: any FileStore
    public let ids: IDGenerator
    public let events: any EventBus
    /// The time timed work goes by (a hand-moved clock in tests).
    public let clock: any Clock
    public let accounts: AccountService
    public let posts: PostService
    public let media: MediaService
    public let schedule: ScheduleService
    public let jobs: JobQueue
    public let liveEvents: EventService
    /// Runs due jobs; the server calls it every second with the clock's time.
    public let jobRunner: JobRunner
    public let reports: ReportService
    public let filters: FilterService
    public let relations: RelationService
    public let lists: ListService
    public let programs: ProgramService
    public let questions: QuestionService
    public let knowledge: KnowledgeService
    public let guides: GuideService
    public let moderation: ModerationService
    public let reads: ReadService
    public let oauth: OAuthService
    public let gettingStarted: GettingStartedService
    public let reinforcement: ReinforcementService
    public let reviews: ReviewService
    public let commitments: CommitmentService
    public let partners: PartnerService
    /// Who is active on which day (flushed to the store every second by the server).
    public let activity: ActivityLog
    public let analytics: AnalyticsService
    /// Provisioning by the identity provider (SCIM), and deactivation when people leave.
    public let provisioning: ProvisioningService
    /// Email: invitations, password resets and the notices people chose (a no-op without a mail server).
    public let email: EmailService
    public let passwordResets: PasswordResets
    /// Signing in through the organization's identity provider or directory.
    public let singleSignOn: SingleSignOnService
    /// A person's own data, for their archive.
    public let personalData: PersonalDataService
    /// Deleting accounts: on the owner's request (approved by an admin when the setting says so), or by an admin.
    public let accountDeletion: AccountDeletionService
    /// Counters and timers for the people who run the server (`/metrics`).
    public let metrics: ServerMetrics
    /// Federation's mode and its allowed and blocked domains.
    public let federation: FederationService
    /// What comes in from other servers: notes, their edits and deletions, answers to follows.
    public let inbound: InboundFederation
    /// Relays: hashtags' posts from outside.
    public let relays: RelayService
    /// The backups the server makes by itself, when a plan was given.
    public let nightlyBackups: NightlyBackups?

    public init(store: any Store, files: any FileStore, ids: IDGenerator, settings: InstanceSettings,
                events: any EventBus = InProcessEventBus(), clock: any Clock = SystemClock(), metrics: ServerMetrics = ServerMetrics(),
                backupPlan: BackupPlan? = nil, signInPolicy: SignInPolicy = SignInPolicy(),
                mailer: (any Mailer)? = nil) {
        self.settings = settings
        self.metrics = metrics
        self.clock = clock
        self.events = events
        self.store = store
        self.files = files
        self.ids = ids
        let jobs = JobQueue(store: store, ids: ids)
        self.jobs = jobs
        let federation = FederationService(store: store, ids: ids, clock: clock)
        self.federation = federation
        let outbound = OutboundFederation(federation: federation, jobs: jobs)
        accounts = AccountService(store: store, files: files, ids: ids, settings: settings, metrics: metrics, policy: signInPolicy,
                                  federation: outbound)
        singleSignOn = SingleSignOnService(store: store, ids: ids, policy: signInPolicy, metrics: metrics)
        let activity = ActivityLog(store: store, zone: TimeZone(identifier: settings.timeZone) ?? .gmt, clock: clock,
                                   recording: settings.recordsActivity)
        self.activity = activity
        let homeFeeds = HomeFeeds()
        let reads = ReadService(store: store, settings: settings, homeFeeds: homeFeeds)
        self.reads = reads
        let email = EmailService(store: store, ids: ids, settings: settings, jobs: jobs, mailer: mailer, metrics: metrics, reads: reads,
                                 calendar: activity.calendar)
        self.email = email
        passwordResets = PasswordResets(store: store, ids: ids, settings: settings, email: email, policy: signInPolicy, events: events)
        let posts = PostService(store: store, files: files, ids: ids, settings: settings, events: events, activity: activity, email: email,
                                federation: outbound)
        self.posts = posts
        media = MediaService(store: store, files: files, ids: ids)
        let schedule = ScheduleService(store: store, ids: ids, posts: posts, jobs: jobs)
        self.schedule = schedule
        let programs = ProgramService(store: store, ids: ids, posts: posts)
        self.programs = programs
        let relays = RelayService(store: store, ids: ids, clock: clock, jobs: jobs, federation: federation, homeFeeds: homeFeeds)
        self.relays = relays
        let liveEvents = EventService(store: store, ids: ids, jobs: jobs, events: events, programs: programs, posts: posts,
                                      federation: federation, relays: relays)
        self.liveEvents = liveEvents
        let reviews = ReviewService(store: store, settings: settings, posts: posts, jobs: jobs)
        self.reviews = reviews
        let reinforcement = ReinforcementService(store: store, ids: ids, settings: settings, posts: posts, programs: programs, jobs: jobs,
                                                 reviews: reviews, media: media)
        self.reinforcement = reinforcement
        let commitments = CommitmentService(store: store, ids: ids, settings: settings, posts: posts, programs: programs, jobs: jobs)
        self.commitments = commitments
        let partners = PartnerService(store: store, ids: ids, settings: settings, posts: posts, programs: programs, jobs: jobs)
        self.partners = partners
        let analytics = AnalyticsService(store: store, settings: settings, activity: activity, posts: posts, liveEvents: liveEvents, jobs: jobs)
        self.analytics = analytics
        let accountDeletion = AccountDeletionService(store: store, files: files, ids: ids, settings: settings, jobs: jobs, events: events,
                                                     email: email, policy: signInPolicy, outbound: outbound)
        self.accountDeletion = accountDeletion
        var nightlyBackups: NightlyBackups?
        if let backupPlan { nightlyBackups = NightlyBackups(plan: backupPlan, store: store, jobs: jobs, calendar: activity.calendar) }
        self.nightlyBackups = nightlyBackups
        func byID(_ work: @escaping @Sendable (ID, Date) async throws -> Void) -> JobRunner.Handler {
            { job, now in if let id = ID(job.payload) { try await work(id, now) } }
        }
        var handlers = liveEvents.jobHandlers.merging([
            JobKind.publishScheduledPost: byID { id, now in _ = try await schedule.publish(id, now: now) },
            JobKind.releaseNugget: byID(reinforcement.releaseDue),
            JobKind.remindCommitment: byID(commitments.remind),
            JobKind.partnerCheckBack: byID(partners.checkBack),
            JobKind.nextPartnerRound: byID(partners.nextRound),
            JobKind.analyticsDigest: { _, now in try await analytics.sendDigests(now: now) },
            JobKind.eraseAccount: byID { id, _ in try await accountDeletion.erase(id) },
            JobKind.removePosts: byID { id, _ in try await accountDeletion.purgePosts(of: id) },
            JobKind.forgetActorKey: byID { id, _ in try await accountDeletion.forgetKey(id) },
        ]) { first, _ in first }
        if let nightlyBackups { handlers[JobKind.nightlyBackup] = { _, now in try await nightlyBackups.run(now: now) } }
        handlers[JobKind.sendEmail] = { job, _ in try await email.deliver(job) }
        handlers[JobKind.emailPostNotice] = { job, now in try await email.sendPostNotices(job, now: now) }
        handlers[JobKind.weeklyEmailDigest] = { _, now in try await email.sendWeeklyDigests(now: now) }
        // Reminders and due recall checks go out as notifications, then by email to those who chose it.
        if let remind = handlers[JobKind.remindOccurrence] {
            handlers[JobKind.remindOccurrence] = { job, now in
                try await remind(job, now)
                if let id = ID(job.payload) { try await email.sendEventReminders(occurrenceID: id, now: now) }
            }
        }
        handlers[JobKind.deliverReviews] = { _, now in
            try await reviews.deliverDue(now: now)
            try await email.sendDueReviewNotices(reviews: reviews, now: now)
        }
        jobRunner = JobRunner(store: store, handlers: handlers, retryPolicies: [JobKind.sendEmail: .email],
                              lease: TimeInterval(settings.jobLeaseSeconds), metrics: metrics)
        provisioning = ProvisioningService(store: store, ids: ids, settings: settings, events: events)
        personalData = PersonalDataService(store: store)
        reports = ReportService(store: store, ids: ids)
        filters = FilterService(store: store, ids: ids)
        relations = RelationService(store: store, events: events, homeFeeds: homeFeeds, federation: federation, outbound: outbound, relays: relays,
                                    clock: clock)
        inbound = InboundFederation(store: store, ids: ids, clock: clock, events: events, jobs: jobs, homeFeeds: homeFeeds)
        lists = ListService(store: store, ids: ids, homeFeeds: homeFeeds)
        questions = QuestionService(store: store)
        knowledge = KnowledgeService(store: store, ids: ids, programs: programs)
        guides = GuideService(posts: posts, programs: programs)
        moderation = ModerationService(store: store, ids: ids, federation: outbound)
        oauth = OAuthService(store: store, accounts: accounts, ids: ids)
        gettingStarted = GettingStartedService(store: store, programs: programs, events: liveEvents)
    }
}
