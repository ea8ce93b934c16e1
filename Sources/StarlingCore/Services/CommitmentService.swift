import Foundation

/// Commitments: what learners say they will do after training, by when, in the program's
/// commitments thread (or privately, for their partners and facilitators), with check-ins,
/// reminders, and the facilitators' board of who is keeping them and who has gone quiet.
public struct CommitmentService: Sendable {
    /// No activity in the program for this long marks a learner as gone quiet on the board.
    public static let quietAfter: TimeInterval = 14 * 86_400
    /// The reminder before the due day goes out this long before it.
    static let beforeDueLead: TimeInterval = 86_400

    let store: any Store
    let ids: IDGenerator
    let settings: InstanceSettings
    let posts: PostService
    let programs: ProgramService
    let jobs: JobQueue

    /// What a learner writes.
    public struct Draft: Sendable {
        public var text: String
        /// The day it is due by, `YYYY-MM-DD` in the author's time zone.
        public var dueOn: String
        public var isPrivate: Bool
        public var reminderEveryDays: Int

        public init(text: String, dueOn: String, isPrivate: Bool = false, reminderEveryDays: Int = 7) {
            self.text = text
            self.dueOn = dueOn
            self.isPrivate = isPrivate
            self.reminderEveryDays = reminderEveryDays
        }
    }

    /// One learner's line on the facilitators' board.
    public struct BoardRow: Sendable {
        public var learner: Account
        public var commitments: [Commitment]
        public var lastCheckIn: Date?
        public var partners: [Account]
        /// Their latest post, check-in or review in the program.
        public var lastActive: Date?
        /// Nothing from them in the program for two weeks (counted from joining when never active).
        public var isQuiet: Bool
        /// Their answer to the current round's check-back poll, if any.
        public var checkBack: String?
    }

    // MARK: Writing

    /// Commits to something in a program the author is a member of. A public commitment is posted in the
    /// program's commitments thread; a private one is seen by the author, their partners and the facilitators.
    public func commit(in programID: ID, _ draft: Draft, by author: Account, at now: Date = Date()) async throws -> Commitment {
        let program = try await programs.program(programID, viewer: author)
        guard try await store.membership(programID: programID, accountID: author.id) != nil else {
            throw DomainError.forbidden("Join the program to make commitments in it.")
        }
        guard !program.isArchived else { throw DomainError.invalid(field: "program", message: "The program is archived.") }
        let text = try PostText.field(draft.text, name: "text", maxLength: Commitment.maxLength, required: true)
        let zone = TimeZones.zone(of: author, settings: settings)
        guard let dueAt = Self.endOfDay(draft.dueOn, in: zone) else {
            throw DomainError.invalid(field: "due_on", message: "The due date is a date like 2026-12-31.")
        }
        guard dueAt > now else { throw DomainError.invalid(field: "due_on", message: "The due date is today or later, not in the past.") }
        guard Commitment.reminderRange.contains(draft.reminderEveryDays) else {
            throw DomainError.invalid(field: "reminder_every_days", message: "Reminders come every 1 to 60 days.")
        }
        var commitment = Commitment(id: ids.next(at: now), programID: programID, authorID: author.id, text: text, dueAt: dueAt,
                                    isPrivate: draft.isPrivate, reminderEveryDays: draft.reminderEveryDays, createdAt: now)
        if !draft.isPrivate {
            let thread = try await programs.thread(.commitments, of: programID, at: now)
            let post = try await posts.compose(.init(text: "I commit to: \(text) (by \(Self.day(dueAt - 1, in: zone)))", inReplyToID: thread),
                                         by: author, idempotencyKey: "commitment-\(commitment.id)", at: now)
            commitment.postID = post.id
        }
        try await store.insertCommitment(commitment)
        try await scheduleReminder(commitment, now: now)
        return commitment
    }

    /// Records progress on one's own commitment, optionally marking it done or dropped; partners hear of it.
    @discardableResult
    public func checkIn(_ commitmentID: ID, text: String, state: Commitment.State? = nil, by author: Account, at now: Date = Date()) async throws -> CheckIn {
        guard let commitment = try await store.commitment(id: commitmentID), try await canSee(commitment, author) else { throw DomainError.notFound }
        guard commitment.authorID == author.id else { throw DomainError.forbidden("Only its author checks in on a commitment.") }
        let newState = state == commitment.state ? nil : state
        if newState != nil, commitment.state != .open {
            throw DomainError.invalid(field: "state", message: "This commitment is \(commitment.state.rawValue) already.")
        }
        var note = try PostText.field(text, name: "text", maxLength: Commitment.maxLength, required: newState == nil)
        if note.isEmpty { note = newState == .done ? "Done!" : "Dropped." }
        var checkIn = CheckIn(id: ids.next(at: now), commitmentID: commitmentID, authorID: author.id, text: note, newState: newState, createdAt: now)
        if let postID = commitment.postID, try await store.post(id: postID, viewer: author.id) != nil {
            let prefix = switch newState { case .done: "✅ Done: "; case .dropped: "Dropped: "; default: "Check-in: " }
            checkIn.postID = try await posts.compose(.init(text: prefix + note, inReplyToID: postID), by: author,
                                               idempotencyKey: "checkin-\(checkIn.id)", at: now).id
        }
        try await store.insertCheckIn(checkIn)
        posts.activity.record(author.id, in: commitment.programID, at: now)
        let partners = try await currentPartners(of: author.id, in: commitment.programID)
        try await store.notify(.partnerCheckIn, recipients: partners, actor: author.id, postID: checkIn.postID, at: now)
        return checkIn
    }

    // MARK: Reading

    /// A program's commitments the viewer may see (private ones: theirs, their partners', all for facilitators), newest first.
    public func commitments(in programID: ID, viewer: Account, authorID: ID? = nil) async throws -> [Commitment] {
        _ = try await programs.program(programID, viewer: viewer)
        let partners = await Set(try currentPartners(of: viewer.id, in: programID))
        let facilitates = try await store.facilitates(programID, viewer)
        return try await store.commitments(programID: programID, authorID: authorID).filter {
            !$0.isPrivate || $0.authorID == viewer.id || facilitates || partners.contains($0.authorID)
        }
    }

    /// A commitment with its history, for those who may see it.
    public func commitment(_ id: ID, viewer: Account) async throws -> (Commitment, [CheckIn]) {
        guard let commitment = try await store.commitment(id: id), try await canSee(commitment, viewer) else { throw DomainError.notFound }
        return (commitment, try await store.checkIns(commitmentID: id))
    }

    /// The viewer's partners in a program's current round.
    public func partners(of viewer: Account, in programID: ID) async throws -> [Account] {
        try await currentPartners(of: viewer.id, in: programID).asyncCompactMap { try await store.account(id: $0) }
    }

    /// The facilitators' board: each learner's commitments, last check-in, partners, and who has gone quiet.
    public func board(of programID: ID, viewer: Account, now: Date = Date()) async throws -> [BoardRow] {
        _ = try await programs.program(programID, viewer: viewer)
        guard try await store.looksAfter(programID, viewer) else {
            throw DomainError.forbidden("Only the program's facilitators and moderators see its board.")
        }
        let members = try await store.members(programID: programID).filter { $0.1.role == .learner }
        let commitments = Dictionary(grouping: try await store.commitments(programID: programID, authorID: nil), by: \.authorID)
        let lastCheckIns = try await store.lastCheckIns(programID: programID)
        let lastPosts = try await store.lastPosts(programID: programID)
        let lastReviews = try await store.lastReviews(programID: programID)
        let round = try await store.partnerRounds(programID: programID).first
        var answers: [ID: String] = [:]
        if let round {
            for (position, postID) in round.checkBackPostIDs {
                guard let poll = try await store.post(id: postID, viewer: round.createdBy)?.poll else { continue }
                for (accountID, choices) in try await store.pollVotes(pollID: postID) where round.groups[position].contains(accountID) {
                    answers[accountID] = choices.compactMap { poll.options.indices.contains($0) ? poll.options[$0].title : nil }.joined(separator: ", ")
                }
            }
        }
        var accounts: [ID: Account] = [:]
        for (account, _) in members { accounts[account.id] = account }
        return try await members.asyncMap { account, membership in
            let partnerIDs = round?.partners(of: account.id) ?? []
            let lastActive = [lastCheckIns[account.id], lastPosts[account.id], lastReviews[account.id]].compactMap { $0 }.max()
            return BoardRow(
                learner: account, commitments: commitments[account.id] ?? [], lastCheckIn: lastCheckIns[account.id],
                partners: try await partnerIDs.asyncCompactMap { id in if let known = accounts[id] { known } else { try await store.account(id: id) } },
                lastActive: lastActive, isQuiet: (lastActive ?? membership.joinedAt) < now - Self.quietAfter, checkBack: answers[account.id])
        }
    }

    // MARK: Reminders

    /// Sends a commitment's due reminder (a direct status from the program's facilitator), then plans the next (run by the job runner).
    func remind(_ commitmentID: ID, now: Date) async throws {
        guard let commitment = try await store.commitment(id: commitmentID), commitment.state == .open, commitment.dueAt > now,
              let author = try await store.account(id: commitment.authorID), author.suspendedAt == nil else { return }
        let (last, beforeDueSent) = try await store.commitmentReminders(id: commitmentID)
        let zone = TimeZones.zone(of: author, settings: settings)
        let beforeDue = !beforeDueSent && commitment.dueAt - Self.beforeDueLead <= now
        let regular = (last ?? commitment.createdAt) + Double(commitment.reminderEveryDays) * 86_400 <= now
        if beforeDue || regular, let voice = try await programs.voice(of: commitment.programID), voice.id != author.id {
            let lead = beforeDue ? "Your commitment is due tomorrow" : "Time for a check-in"
            let text = "@\(author.username) \(lead): “\(commitment.text.prefix(200))” (by \(Self.day(commitment.dueAt - 1, in: zone))). "
                + "How is it going? Check in at \(settings.baseURL)/commitments/\(commitment.id)"
            var reminder = PostService.Draft(text: text, visibility: .direct)
            reminder.onlyFor = author.id
            try await posts.compose(reminder.madeAutomatically(), by: voice,
                              idempotencyKey: "commitment-reminder-\(commitment.id)-\(beforeDue ? "due" : String(Int(now.timeIntervalSince1970) / 3600))",
                              at: now)
        }
        if beforeDue || regular { try await store.recordCommitmentReminder(id: commitmentID, at: now, beforeDue: beforeDue) }
        if let refreshed = try await store.commitment(id: commitmentID) { try await scheduleReminder(refreshed, now: now) }
    }

    /// Plans a commitment's next reminder: every N days from the last one, and once a day before it is due.
    private func scheduleReminder(_ commitment: Commitment, now: Date) async throws {
        let key = "commitment:\(commitment.id)"
        guard commitment.state == .open, commitment.dueAt > now else { try await jobs.cancel(key: key); return }
        let (last, beforeDueSent) = try await store.commitmentReminders(id: commitment.id)
        var times = [(last ?? commitment.createdAt) + Double(commitment.reminderEveryDays) * 86_400]
        if !beforeDueSent { times.append(max(commitment.dueAt - Self.beforeDueLead, commitment.createdAt + 3600)) }
        guard let next = times.filter({ $0 < commitment.dueAt }).min() else { try await jobs.cancel(key: key); return }
        try await jobs.enqueue(JobKind.remindCommitment, key: key, payload: commitment.id.description, at: max(next, now), now: now)
    }

    // MARK: Rules

    /// Public commitments: whoever sees the program; private ones: the author, their partners, the facilitators.
    private func canSee(_ commitment: Commitment, _ viewer: Account) async throws -> Bool {
        guard (try? await programs.program(commitment.programID, viewer: viewer)) != nil else { return false }
        if !commitment.isPrivate || commitment.authorID == viewer.id { return true }
        if try await store.facilitates(commitment.programID, viewer) { return true }
        return try await currentPartners(of: viewer.id, in: commitment.programID).contains(commitment.authorID)
    }

    /// Who is in the account's group in the program's latest round of partners.
    func currentPartners(of accountID: ID, in programID: ID) async throws -> [ID] {
        try await store.partnerRounds(programID: programID).first?.partners(of: accountID) ?? []
    }

    /// The end of a local day (`YYYY-MM-DD`): the next midnight in `zone`.
    static func endOfDay(_ day: String, in zone: TimeZone) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (2000...2200).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        guard let start = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
              calendar.component(.day, from: start) == parts[2] else { return nil }
        return calendar.date(byAdding: .day, value: 1, to: start)
    }

    /// A day as people read it ("Dec 31, 2026"), in `zone`.
    static func day(_ date: Date, in zone: TimeZone) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .omitted, timeZone: zone))
    }
}
