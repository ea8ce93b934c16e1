import Foundation

/// Personal reviews of recall checks: each learner answers each check again on their own FSRS-6
/// schedule until they master it. A due review is sent as a direct status from the plan's
/// facilitator whose poll holds the options (so it arrives once, as a mention, in the web and in
/// Mastodon apps); answering on the web page or voting in that poll records the review the same way,
/// and a direct reply tells the learner whether they were right, with the explanation. Both posts are
/// for the learner only (`Draft.onlyFor`): nobody else sees them, not even the facilitator they come from.
public struct ReviewService: Sendable {
    /// Right answers in a row that master a check.
    public static let masteryStreak = 3
    /// How many due reviews one run of the delivery job sends.
    static let deliveryBatch = 500
    static let deliveryKey = "reinforcement-reviews"

    let store: any Store
    let settings: InstanceSettings
    let posts: PostService
    let jobs: JobQueue

    // MARK: Queue

    /// The learner's due reviews, the oldest due first.
    public func queue(of learner: Account, now: Date = Date(), limit: Int = 100) async throws -> [ReviewItem] {
        try await store.dueReviews(accountID: learner.id, at: now, limit: limit)
    }

    /// How many reviews the learner has due (the count in the navigation).
    public func dueCount(of learner: Account, now: Date = Date()) async throws -> Int {
        try await store.dueReviewCount(accountID: learner.id, at: now)
    }

    /// One of the learner's own checks (another person's is not found).
    public func item(_ nuggetID: ID, of learner: Account) async throws -> ReviewItem {
        guard let item = try await store.reviewItem(nuggetID: nuggetID, accountID: learner.id) else { throw DomainError.notFound }
        return item
    }

    /// Every check the learner has, in one program or all, with its state.
    public func items(of learner: Account, programID: ID? = nil) async throws -> [ReviewItem] {
        try await store.reviewItems(accountID: learner.id, programID: programID)
    }

    /// The learner's answers to one of their checks, with the FSRS state after each: theirs only.
    public func log(_ nuggetID: ID, of learner: Account) async throws -> [ReviewLogEntry] {
        _ = try await item(nuggetID, of: learner)
        return try await store.reviewLog(nuggetID: nuggetID, accountID: learner.id)
    }

    // MARK: Answering

    /// Answers a due review with the chosen options. Wrong is rated Again; right is Good, or Hard or
    /// Easy when the learner says so. The check is mastered when its next review would fall after the
    /// plan's end, or after three right answers in a row.
    @discardableResult
    public func answer(_ nuggetID: ID, choices: [Int], rating: FSRS.Rating? = nil, by learner: Account, at now: Date = Date()) async throws -> ReviewOutcome {
        try await answer(await item(nuggetID, of: learner), choices: choices, rating: rating, by: learner, at: now, votedInPoll: false)
    }

    /// Votes in a poll. A vote in the poll a due review was sent as is that review's answer.
    public func vote(_ pollID: ID, choices: [Int], by voter: Account, at now: Date = Date()) async throws -> Poll {
        guard let item = try await store.reviewItem(deliveredPostID: pollID, accountID: voter.id) else {
            return try await posts.vote(pollID, choices: choices, by: voter, at: now)
        }
        let poll = try await posts.vote(pollID, choices: choices, by: voter, at: now)
        _ = try await answer(item, choices: choices, rating: nil, by: voter, at: now, votedInPoll: true)
        return poll
    }

    private func answer(_ item: ReviewItem, choices: [Int], rating: FSRS.Rating?, by learner: Account, at now: Date,
                        votedInPoll: Bool) async throws -> ReviewOutcome {
        guard !item.state.isMastered else { throw DomainError.conflict("You have mastered this check: it does not come back.") }
        guard item.state.isDue(at: now) else {
            throw DomainError.conflict("This check is not due yet; it comes back on \(day(item.state.dueAt, for: learner)).")
        }
        let chosen = Set(choices)
        guard !chosen.isEmpty, chosen.count == choices.count, chosen.allSatisfy(item.check.options.indices.contains) else {
            throw DomainError.invalid(field: "choices", message: "Choose one of the options (or several, when several are right).")
        }
        guard let plan = try await store.plan(id: item.state.planID) else { throw DomainError.notFound }
        let right = item.check.isRight(chosen)
        let rated: FSRS.Rating = right ? (rating == .hard || rating == .easy ? rating! : .good) : .again
        let review = FSRS(desiredRetention: plan.desiredRetention).review(item.state.memory, rated, at: now)
        var state = item.state
        state.stability = review.memory.stability
        state.difficulty = review.memory.difficulty
        state.lastReviewAt = now
        state.dueAt = review.due
        state.reviews += 1
        if !right && state.reviews > 1 { state.lapses += 1 }
        state.rightStreak = right ? state.rightStreak + 1 : 0
        let mastered = review.due > plan.endsAt || state.rightStreak >= Self.masteryStreak
        state.masteredAt = mastered ? now : nil
        state.deliveredPostID = nil
        let entry = ReviewLogEntry(nuggetID: item.nugget.id, accountID: learner.id, reviewedAt: now, choices: chosen.sorted(), right: right,
                                   rating: rated, stability: review.memory.stability, difficulty: review.memory.difficulty, dueAt: review.due,
                                   intervalDays: review.intervalDays, mastered: mastered)
        guard try await store.recordReview(entry, state: state, expectedReviews: item.state.reviews) else {
            throw DomainError.conflict("This review was answered already.")
        }
        posts.activity.record(learner.id, in: item.programID, at: now)
        if let delivered = item.state.deliveredPostID {
            // Answered on the web: the poll shows the same answer in the learner's apps.
            if !votedInPoll { _ = try await store.vote(pollID: delivered, accountID: learner.id, choices: chosen.sorted(), at: now) }
            try await replyWithOutcome(item, entry: entry, to: delivered, learner: learner, plan: plan, at: now)
        }
        try await scheduleDelivery(now: now)
        return ReviewOutcome(entry: entry, check: item.check, state: state)
    }

    /// Tells the learner, in the review's direct thread, whether they were right, why, and what comes next.
    private func replyWithOutcome(_ item: ReviewItem, entry: ReviewLogEntry, to postID: ID, learner: Account, plan: ReinforcementPlan, at now: Date) async throws {
        guard let author = try await store.account(id: plan.authorID) else { return }
        let verdict = entry.right
            ? "Right!"
            : "Not quite. Right: " + item.check.correct.sorted().map { item.check.options[$0] }.joined(separator: "; ") + "."
        let next = entry.mastered ? "You have mastered this one." : "It comes back on \(day(entry.dueAt, for: learner))."
        let head = "@\(learner.username) \(verdict) "
        let room = settings.maxPostLength - head.count - next.count - 2
        var explanation = item.check.explanation
        if explanation.count > room { explanation = String(explanation.prefix(max(room - 1, 0))) + "…" }
        let text = head + (explanation.isEmpty ? "" : explanation + " ") + next
        var reply = PostService.Draft(text: text, visibility: .direct, inReplyToID: postID)
        reply.onlyFor = learner.id
        try await posts.compose(reply.madeAutomatically(), by: author, idempotencyKey: "review-outcome-\(postID)", at: now)
    }

    // MARK: Delivering

    /// Sends due reviews (a batch per run) as direct statuses with polls, then plans the next run (run by the job runner).
    func deliverDue(now: Date) async throws {
        try await store.addMissingReviews(at: now)
        let batch = try await store.undeliveredReviews(dueBy: now, limit: Self.deliveryBatch)
        var plans: [ID: (ReinforcementPlan, Account?)] = [:]
        var delivered: [ReviewDelivery] = []
        // Marked together at the end (or when one fails): a crash between a post and its mark sends
        // nothing twice, as each delivery's idempotency key finds the post made before.
        do {
            for item in batch {
                if plans[item.state.planID] == nil, let plan = try await store.plan(id: item.state.planID) {
                    plans[plan.id] = (plan, try await store.account(id: plan.authorID))
                }
                guard let (plan, author) = plans[item.state.planID], let author, author.suspendedAt == nil,
                      let delivery = try await deliver(item, plan: plan, from: author, at: now) else { continue }
                delivered.append(delivery)
            }
        } catch {
            try? await store.markDelivered(delivered)
            throw error
        }
        try await store.markDelivered(delivered)
        if batch.count == Self.deliveryBatch {
            try await jobs.enqueue(JobKind.deliverReviews, key: Self.deliveryKey, payload: "", at: now, now: now)
        } else {
            try await scheduleDelivery(now: now)
        }
    }

    /// Sends one due review to its learner: a direct status from the plan's author with the options as a poll.
    private func deliver(_ item: ReviewItem, plan: ReinforcementPlan, from author: Account, at now: Date) async throws -> ReviewDelivery? {
        guard let learner = try await store.account(id: item.state.accountID), learner.suspendedAt == nil else { return nil }
        let text = "@\(learner.username) Recall check from \(item.programHashtag): \(item.check.question)\n\n"
            + "Vote in the poll, or answer at \(settings.baseURL)/reviews/\(item.nugget.id)"
        let poll = PollDraft(options: item.check.options, expiresIn: PollDraft.maxDuration, multiple: item.check.correct.count > 1)
        var draft = PostService.Draft(text: text, visibility: .direct, poll: poll)
        draft.onlyFor = learner.id
        let post = try await posts.compose(draft.madeAutomatically(), by: author,
                                     idempotencyKey: "review-\(item.nugget.id)-\(learner.id)-\(item.state.reviews)", at: now)
        return ReviewDelivery(nuggetID: item.nugget.id, accountID: learner.id, postID: post.id)
    }

    /// Plans the delivery job for when the next review not sent yet falls due.
    func scheduleDelivery(now: Date) async throws {
        guard let next = try await store.nextUndeliveredDue() else { return }
        try await jobs.enqueue(JobKind.deliverReviews, key: Self.deliveryKey, payload: "", at: max(now, next), now: now)
    }

    /// A date as the learner reads it ("Dec 4, 2026"), in their time zone.
    private func day(_ date: Date, for learner: Account) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .omitted, timeZone: TimeZones.zone(of: learner, settings: settings)))
    }
}
