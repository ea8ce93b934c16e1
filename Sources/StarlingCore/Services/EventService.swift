import Foundation

/// Live events: creating them, RSVPs, and the timed work of each occurrence (a reminder before it,
/// its start, its end), which runs as durable jobs. Starting an occurrence of a recurring event plans
/// the next one, so there is always one occurrence ahead, at the same local time in the event's zone.
/// The tweetchat runner (script, releases, transcripts) is in `EventService+Chat.swift`.
public struct EventService: Sendable {
    public static let durations: ClosedRange<TimeInterval> = 15 * 60...8 * 3600
    public static let reminderLeads: ClosedRange<TimeInterval> = 0...7 * 86400

    let store: any Store
    let ids: IDGenerator
    let jobs: JobQueue
    let events: any EventBus
    let programs: ProgramService
    let posts: PostService
    let federation: FederationService
    let relays: RelayService

    public init(store: any Store, ids: IDGenerator, jobs: JobQueue, events: any EventBus, programs: ProgramService, posts: PostService,
                federation: FederationService, relays: RelayService) {
        self.store = store
        self.ids = ids
        self.jobs = jobs
        self.events = events
        self.programs = programs
        self.posts = posts
        self.federation = federation
        self.relays = relays
    }

    public static let maxQuestions = 20

    /// What a host fills in.
    public struct Draft: Sendable {
        public var kind: Event.Kind
        public var title: String
        /// Without `#`; a program's event takes the program's hashtag when none is given.
        public var hashtag: String?
        public var programID: ID?
        public var startsAt: Date
        public var timeZone: String
        public var duration: TimeInterval
        public var recurrence: Event.Recurrence
        public var reminderLead: TimeInterval
        /// Ask-the-expert: hosts approve questions before others see them.
        public var requiresApproval: Bool
        /// A tweetchat's script, written while planning it (checked before anything is saved).
        public var script: ChatScript?
        /// Open to the outside (see `Event.openToOutside`).
        public var openToOutside: Bool

        public init(kind: Event.Kind, title: String, hashtag: String? = nil, programID: ID? = nil, startsAt: Date, timeZone: String,
                    duration: TimeInterval = 3600, recurrence: Event.Recurrence = .none, reminderLead: TimeInterval = 1800,
                    requiresApproval: Bool = false, script: ChatScript? = nil, openToOutside: Bool = false) {
            self.requiresApproval = requiresApproval
            self.openToOutside = openToOutside
            self.script = script
            self.kind = kind
            self.title = title
            self.hashtag = hashtag
            self.programID = programID
            self.startsAt = startsAt
            self.timeZone = timeZone
            self.duration = duration
            self.recurrence = recurrence
            self.reminderLead = reminderLead
        }
    }

    /// Creates an event and plans its first occurrence: a program's facilitators for the program, the
    /// organization's moderators for the organization.
    public func create(_ draft: Draft, by host: Account, now: Date) async throws -> Event {
        var hashtag = draft.hashtag.map(ProgramService.bare)
        if let programID = draft.programID {
            guard let program = try await store.program(id: programID) else { throw DomainError.notFound }
            hashtag = hashtag.flatMap { $0.isEmpty ? nil : $0 } ?? program.hashtag
        }
        try await requireHost(programID: draft.programID, host)
        guard let hashtag, PostText("#" + hashtag).hashtags == [hashtag] else {
            throw DomainError.invalid(field: "hashtag", message: "An event needs a hashtag: letters, digits and underscores (lrnchat).")
        }
        let title = try PostText.field(draft.title, name: "title", maxLength: 200, required: true)
        guard TimeZone(identifier: draft.timeZone) != nil else {
            throw DomainError.invalid(field: "time_zone", message: "time_zone must be a time zone name such as Europe/Berlin.")
        }
        guard draft.startsAt > now else { throw DomainError.invalid(field: "starts_at", message: "An event starts in the future.") }
        guard Self.durations.contains(draft.duration) else {
            throw DomainError.invalid(field: "duration", message: "An event lasts from 15 minutes to 8 hours.")
        }
        guard Self.reminderLeads.contains(draft.reminderLead) else {
            throw DomainError.invalid(field: "reminder", message: "Reminders go out up to 7 days before.")
        }
        let script = try draft.script.map { try Self.checked($0, duration: draft.duration) }
        if draft.openToOutside { try await checkOpenable(programID: draft.programID, host: host) }
        let event = Event(id: ids.next(at: now), kind: draft.kind, title: title, hashtag: hashtag, programID: draft.programID,
                          startsAt: draft.startsAt, timeZone: draft.timeZone, duration: draft.duration, recurrence: draft.recurrence,
                          reminderLead: draft.reminderLead, createdBy: host.id, createdAt: now, requiresApproval: draft.requiresApproval,
                          openToOutside: draft.openToOutside)
        try await store.insertEvent(event)
        if let script, draft.kind == .tweetchat { try await store.saveScript(eventID: event.id, script) }
        try await plan(event, occurrence: 0, now: now)
        if event.openToOutside { try await relays.subscribeTagRelay(event.hashtag) }
        return event
    }

    /// Opens an event to the outside, or closes it (its hosts): see `Event.openToOutside`. Opening subscribes the
    /// relay of its hashtag, when a relay for hashtags is set; closing lets it go when nobody else wants it.
    @discardableResult
    public func setOpenToOutside(_ eventID: ID, _ on: Bool, by host: Account) async throws -> Event {
        var event = try await event(eventID, viewer: host)
        try await requireHost(programID: event.programID, host)
        guard event.openToOutside != on else { return event }
        if on {
            guard let creator = try await store.account(id: event.createdBy) else { throw DomainError.notFound }
            try await checkOpenable(programID: event.programID, host: creator)
        }
        try await store.setEventOpenToOutside(id: event.id, on)
        event.openToOutside = on
        if on { try await relays.subscribeTagRelay(event.hashtag) } else { try await relays.letGoUnwanted(event.hashtag) }
        return event
    }

    /// Whether an event may be open to the outside: federation is on, the event is in no program (a program's posts
    /// never leave), and its host, in whose name its script is posted, lets people outside find them.
    private func checkOpenable(programID: ID?, host: Account) async throws {
        guard try await federation.mode() != .off else { throw DomainError.conflict("Federation is off: no event can be open to the outside.") }
        guard programID == nil else {
            throw DomainError.invalid(field: "open_to_outside", message: "A program's event stays inside: posts of a program never leave it.")
        }
        guard FederationService.isOpen(host) else {
            throw DomainError.invalid(field: "open_to_outside",
                                      message: "The host posts the questions, so people outside must be able to find them: the host can allow it in their settings (Federation).")
        }
    }

    /// Who hosts events: a program's facilitators for its events, the organization's moderators for the others.
    public func hosts(_ event: Event, _ account: Account) async throws -> Bool { try await hosts(programID: event.programID, account) }

    private func hosts(programID: ID?, _ account: Account) async throws -> Bool {
        try await programID.asyncMap { try await store.facilitates($0, account) } ?? account.role.canModerate
    }

    func requireHost(programID: ID?, _ account: Account) async throws {
        guard try await hosts(programID: programID, account) else {
            throw DomainError.forbidden("Events are run by the program's facilitators, or the organization's moderators.")
        }
    }

    /// An event the viewer may see: a program's to those who see the program, the organization's to
    /// its members (not to guests), and any event to its experts.
    public func event(_ id: ID, viewer: Account) async throws -> Event {
        guard let event = try await store.event(id: id) else { throw DomainError.notFound }
        if viewer.isGuest, try await store.expertEvents(accountID: viewer.id).contains(id) { return event }
        if let programID = event.programID {
            _ = try await programs.program(programID, viewer: viewer)
        } else if viewer.isGuest {
            throw DomainError.notFound
        }
        return event
    }

    /// A program's events (nil: the organization's; for a guest, the events they are an expert of),
    /// for those who may see them, the latest first.
    public func events(programID: ID?, viewer: Account) async throws -> [Event] {
        if let programID {
            _ = try await programs.program(programID, viewer: viewer)
        } else if viewer.isGuest {
            return try await store.expertEvents(accountID: viewer.id).asyncCompactMap { try await store.event(id: $0) }.sorted { $0.startsAt > $1.startsAt }
        }
        return try await store.events(programID: programID)
    }

    /// Every event the person can see: the organization's (for a guest, those they are an expert of) and
    /// those of every program they can see.
    public func visibleEvents(viewer: Account) async throws -> [Event] {
        let programEvents = try await programs.programs(viewer: viewer).asyncFlatMap { try await store.events(programID: $0.id) }
        return try await events(programID: nil, viewer: viewer) + programEvents
    }

    /// The events the viewer may see whose title or hashtag holds every word of `text`.
    public func search(_ text: String, viewer: Account) async throws -> [Event] {
        let words = ProgramService.words(text)
        guard !words.isEmpty else { return [] }
        return try await visibleEvents(viewer: viewer).filter { ProgramService.matches(words, in: [$0.title, $0.hashtag]) }
    }

    /// The occurrence that is live now or comes next; nil when the event is over.
    public func nextOccurrence(of eventID: ID) async throws -> EventOccurrence? {
        try await store.occurrences(eventID: eventID).first { $0.endedAt == nil }
    }

    /// Who hosts the event, to name them: a program's facilitators, or whoever planned an organization's event.
    public func hostAccounts(_ event: Event, viewer: Account) async throws -> [Account] {
        if let programID = event.programID {
            return try await programs.members(programID, viewer: viewer).filter { $0.1.role == .facilitator }.map(\.0)
        }
        return try await store.account(id: event.createdBy).map { [$0] } ?? []
    }

    /// Every event on the person's calendar: the organization's (not for guests) and those of the
    /// programs they are a member of.
    public func calendar(of account: Account) async throws -> [Event] {
        let mine = try await programs.programs(viewer: account).asyncFilter { try await store.membership(programID: $0.id, accountID: account.id) != nil }
        return try await events(programID: nil, viewer: account) + mine.asyncFlatMap { try await store.events(programID: $0.id) }
    }

    /// A new secret link for the person's calendar (the previous one stops working); only its hash is kept.
    public func newCalendarToken(for account: Account) async throws -> String {
        let token = Token.random(bytes: 24)
        try await store.setCalendarToken(accountID: account.id, hash: SHA256.hex(token))
        return token
    }

    /// Whose calendar a secret link opens.
    public func calendarOwner(token: String) async throws -> Account {
        guard token.count <= 100, let account = try await store.account(calendarTokenHash: SHA256.hex(token)) else { throw DomainError.notFound }
        return account
    }

    /// Says the account will come to an occurrence (or not any more), before it ends.
    public func rsvp(_ occurrenceID: ID, by account: Account, _ on: Bool = true, now: Date) async throws {
        guard let occurrence = try await store.occurrence(id: occurrenceID) else { throw DomainError.notFound }
        _ = try await event(occurrence.eventID, viewer: account)
        guard occurrence.endedAt == nil else { throw DomainError.invalid(field: "id", message: "This occurrence has ended.") }
        try await store.setRSVP(occurrenceID: occurrenceID, accountID: account.id, on, at: now)
    }

    /// An occurrence of an event the viewer may see.
    public func occurrence(_ id: ID, viewer: Account) async throws -> EventOccurrence {
        guard let occurrence = try await store.occurrence(id: id) else { throw DomainError.notFound }
        _ = try await event(occurrence.eventID, viewer: viewer)
        return occurrence
    }

    /// Whether the account said they would come.
    public func isComing(_ occurrenceID: ID, _ account: Account) async throws -> Bool {
        try await store.rsvps(occurrenceID: occurrenceID).contains(account.id)
    }

    public func occurrences(of eventID: ID) async throws -> [EventOccurrence] { try await store.occurrences(eventID: eventID) }

    // MARK: Timed work (job handlers)

    /// Reminds those coming, unless the occurrence has already started.
    func remind(_ occurrenceID: ID, now: Date) async throws {
        guard let (event, occurrence) = try await load(occurrenceID), occurrence.startedAt == nil, now < occurrence.startsAt else { return }
        try await notify(event, occurrence, .eventReminder, now: now)
    }

    /// Starts an occurrence: tells those coming, posts a tweetchat's welcome as the host and plans
    /// its questions, and plans the next occurrence of a recurring event.
    func start(_ occurrenceID: ID, now: Date) async throws {
        guard let (event, planned) = try await load(occurrenceID), planned.startedAt == nil, planned.endedAt == nil else { return }
        var occurrence = planned
        occurrence.startedAt = now
        try await store.markOccurrence(id: occurrenceID, startedAt: now, endedAt: nil)
        try await notify(event, occurrence, .eventStarted, now: now)
        if event.kind == .tweetchat {
            let script = try await store.script(eventID: event.id)
            if !script.welcome.isEmpty, let host = try await store.account(id: event.createdBy) {
                _ = try await posts.compose(.init(text: "\(script.welcome) #\(event.hashtag)", visibility: event.postVisibility).madeAutomatically(), by: host,
                                            idempotencyKey: "welcome-\(occurrence.id)", at: now)
            }
            try await planReleases(event, occurrence, now: now)
        }
        if event.recurrence != .none { try await plan(event, occurrence: occurrence.index + 1, now: now) }
    }

    /// Ends an occurrence; a tweetchat's transcript is written then (once), as the host sees the
    /// chat, and published in its program's knowledge base.
    func end(_ occurrenceID: ID, now: Date) async throws {
        try await store.markOccurrence(id: occurrenceID, startedAt: nil, endedAt: now)
        guard let (event, occurrence) = try await load(occurrenceID), event.kind == .tweetchat,
              try await store.transcript(occurrenceID: occurrenceID) == nil else { return }
        let transcript = try await transcript(event, occurrence, until: now)
        let page = event.programID.map { programID in
            KnowledgePage(id: ids.next(at: now), programID: programID, title: transcript.title, body: transcript.markdown,
                          sourcePostID: nil, createdBy: event.createdBy, createdAt: now)
        }
        try await store.saveTranscript(occurrenceID: occurrenceID, markdown: transcript.markdown, page: page)
    }

    /// Starts an occurrence now rather than at its planned time (hosts); its questions follow from now.
    public func startNow(_ occurrenceID: ID, by host: Account, now: Date) async throws {
        let (_, occurrence) = try await hostedOccurrence(occurrenceID, host)
        guard occurrence.startedAt == nil, occurrence.endedAt == nil else {
            throw DomainError.invalid(field: "id", message: "This occurrence has already started.")
        }
        try await jobs.cancel(key: "occurrence:\(occurrenceID):start")
        try await jobs.cancel(key: "occurrence:\(occurrenceID):reminder")
        try await start(occurrenceID, now: now)
    }

    /// Ends a live occurrence now rather than at its planned end (hosts); a tweetchat's transcript is written.
    public func endNow(_ occurrenceID: ID, by host: Account, now: Date) async throws {
        _ = try await hosted(occurrenceID, host)
        try await jobs.cancel(key: "occurrence:\(occurrenceID):end")
        try await end(occurrenceID, now: now)
    }

    /// The handlers of the jobs this service plans, for the `JobRunner`.
    public var jobHandlers: [String: JobRunner.Handler] {
        func handler(_ work: @escaping @Sendable (ID, Date) async throws -> Void) -> JobRunner.Handler {
            { job, now in if let id = ID(job.payload) { try await work(id, now) } }
        }
        return [JobKind.remindOccurrence: handler(remind), JobKind.startOccurrence: handler(start), JobKind.endOccurrence: handler(end),
                JobKind.releaseQuestion: { job, now in try await releaseDue(job.payload, now: now) }]
    }

    /// Makes occurrence `index` (unless it exists) and plans its reminder, start and end.
    private func plan(_ event: Event, occurrence index: Int, now: Date) async throws {
        guard let start = event.start(ofOccurrence: index) else { return }
        let fresh = EventOccurrence(id: ids.next(at: now), eventID: event.id, index: index, startsAt: start, endsAt: start + event.duration)
        _ = try await store.insertOccurrence(fresh)
        guard let occurrence = try await store.occurrences(eventID: event.id).first(where: { $0.index == index }) else { return }
        let key = "occurrence:\(occurrence.id)"
        if event.reminderLead > 0 {
            try await jobs.enqueue(JobKind.remindOccurrence, key: key + ":reminder", payload: occurrence.id.description,
                             at: max(now, start - event.reminderLead), now: now)
        }
        try await jobs.enqueue(JobKind.startOccurrence, key: key + ":start", payload: occurrence.id.description, at: start, now: now)
        try await jobs.enqueue(JobKind.endOccurrence, key: key + ":end", payload: occurrence.id.description, at: occurrence.endsAt, now: now)
    }

    func load(_ occurrenceID: ID) async throws -> (Event, EventOccurrence)? {
        guard let occurrence = try await store.occurrence(id: occurrenceID), let event = try await store.event(id: occurrence.eventID) else { return nil }
        return (event, occurrence)
    }

    private func notify(_ event: Event, _ occurrence: EventOccurrence, _ kind: Notification.Kind, now: Date) async throws {
        let coming = try await store.rsvps(occurrenceID: occurrence.id)
        try await store.notifyOccurrence(occurrence.id, kind: kind, recipients: coming, actor: event.createdBy, at: now)
        for recipient in coming { events.publish(.notified(recipient)) }
    }
}
