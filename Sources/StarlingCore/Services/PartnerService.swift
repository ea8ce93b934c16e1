import Foundation

/// Accountability partners: facilitators put a program's learners in pairs (a trio when the count is
/// odd), by hand or at random avoiding earlier pairs, optionally again every N weeks. Each group gets
/// a private thread (a direct status from the facilitator naming them) and, near the round's end, a
/// check-back poll asking whether they met, whose answers the facilitators see on their board.
public struct PartnerService: Sendable {
    /// How long before a round's end its check-back goes out.
    static let checkBackLead: TimeInterval = 2 * 86_400

    let store: any Store
    let ids: IDGenerator
    let settings: InstanceSettings
    let posts: PostService
    let programs: ProgramService
    let jobs: JobQueue

    /// Starts a round of partners. `groups` pairs people by hand (each a learner of the program, in one
    /// group of two or three); nil pairs every learner at random, avoiding earlier pairs where possible.
    /// The round lasts `weeks`; with `recurring`, a new random round starts when it ends.
    @discardableResult
    public func pair(in programID: ID, groups manual: [[ID]]? = nil, weeks: Int = 2, recurring: Bool = false, by facilitator: Account,
                     at now: Date = Date()) async throws -> PartnerRound {
        let program = try await programs.program(programID, viewer: facilitator)
        guard try await store.facilitates(programID, facilitator) else {
            throw DomainError.forbidden("Only the program's facilitators pair its learners.")
        }
        guard !program.isArchived else { throw DomainError.invalid(field: "program", message: "The program is archived.") }
        guard PartnerRound.weeksRange.contains(weeks) else {
            throw DomainError.invalid(field: "weeks", message: "A round lasts 1 to \(PartnerRound.weeksRange.upperBound) weeks.")
        }
        let learners = Set(try await store.members(programID: programID).filter { $0.1.role == .learner && $0.0.suspendedAt == nil }.map(\.0.id))
        let groups: [[ID]]
        if let manual {
            let everyone = manual.flatMap { $0 }
            guard manual.allSatisfy({ (2...3).contains($0.count) }), Set(everyone).count == everyone.count else {
                throw DomainError.invalid(field: "groups", message: "Each group has two or three people, and each person is in one group.")
            }
            guard everyone.allSatisfy(learners.contains) else {
                throw DomainError.invalid(field: "groups", message: "Only the program's learners can be paired.")
            }
            groups = manual
        } else {
            var generator = SystemRandomNumberGenerator()
            let earlier = try await store.partnerRounds(programID: programID).flatMap(\.groups)
            groups = Pairing(earlier: earlier).groups(of: Array(learners), using: &generator)
        }
        guard !groups.isEmpty else {
            throw DomainError.invalid(field: "groups", message: "Pairing needs at least two learners in the program.")
        }
        let round = PartnerRound(id: ids.next(at: now), programID: programID, groups: groups, startedAt: now,
                                 endsAt: now + Double(weeks) * 7 * 86_400, recurEveryWeeks: recurring ? weeks : nil, createdBy: facilitator.id)
        try await store.insertPartnerRound(round)
        for (position, group) in groups.enumerated() {
            let names = try await group.asyncCompactMap { try await store.account(id: $0) }.map { "@" + $0.username }.joined(separator: " ")
            let text = "\(names) You are accountability partners in \(program.title) until \(day(round.endsAt, for: facilitator)). "
                + "This is your private thread: reply here to talk. You see each other's commitments at "
                + "\(settings.baseURL)/programs/\(programID)/commitments"
            let post = try await posts.compose(.init(text: text, visibility: .direct).madeAutomatically(), by: facilitator, idempotencyKey: "partners-\(round.id)-\(position)", at: now)
            try await store.setPartnerGroupPost(roundID: round.id, group: position, threadPostID: post.id, checkBackPostID: nil)
        }
        try await jobs.enqueue(JobKind.partnerCheckBack, key: "partner-round:\(round.id):check-back", payload: round.id.description,
                         at: max(now, round.endsAt - Self.checkBackLead), now: now)
        if recurring {
            try await jobs.enqueue(JobKind.nextPartnerRound, key: "partner-round:\(programID):next", payload: round.id.description, at: round.endsAt, now: now)
        } else {
            try await jobs.cancel(key: "partner-round:\(programID):next")
        }
        return try await store.partnerRound(id: round.id) ?? round
    }

    /// The program's rounds, newest first: for those who look after it.
    public func rounds(in programID: ID, viewer: Account) async throws -> [PartnerRound] {
        _ = try await programs.program(programID, viewer: viewer)
        guard try await store.looksAfter(programID, viewer) else { throw DomainError.forbidden("Only the program's facilitators see all pairings.") }
        return try await store.partnerRounds(programID: programID)
    }

    /// Asks each group of a round, in its private thread, whether they met (run by the job runner).
    func checkBack(_ roundID: ID, now: Date) async throws {
        guard let round = try await store.partnerRound(id: roundID), let author = try await store.account(id: round.createdBy) else { return }
        for (position, group) in round.groups.enumerated() where round.checkBackPostIDs[position] == nil {
            let names = try await group.asyncCompactMap { try await store.account(id: $0) }.map { "@" + $0.username }.joined(separator: " ")
            let poll = PollDraft(options: ["Yes, we met", "Not yet"], expiresIn: max(PollDraft.minDuration, round.endsAt.timeIntervalSince(now) + 3 * 86_400))
            let post = try await posts.compose(.init(text: "\(names) Your round as partners ends soon. Did you meet and talk about your commitments?",
                                               visibility: .direct, inReplyToID: round.threadPostIDs[position], poll: poll).madeAutomatically(),
                                         by: author, idempotencyKey: "partners-check-back-\(round.id)-\(position)", at: now)
            try await store.setPartnerGroupPost(roundID: round.id, group: position, threadPostID: nil, checkBackPostID: post.id)
        }
    }

    /// Starts the next round of a recurring pairing, unless a newer round was made meanwhile (run by the job runner).
    func nextRound(after roundID: ID, now: Date) async throws {
        guard let round = try await store.partnerRound(id: roundID), let weeks = round.recurEveryWeeks,
              try await store.partnerRounds(programID: round.programID).first?.id == roundID,
              let facilitator = try await store.account(id: round.createdBy), try await store.facilitates(round.programID, facilitator) else { return }
        try await pair(in: round.programID, weeks: weeks, recurring: true, by: facilitator, at: now)
    }

    private func day(_ date: Date, for account: Account) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .omitted, timeZone: TimeZones.zone(of: account, settings: settings)))
    }
}
