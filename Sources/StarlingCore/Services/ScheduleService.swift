import Foundation

/// Posts written now and published later. A draft is checked by every rule when it is scheduled,
/// and checked again when it is published (the world may have changed in between). Each waits as a
/// job (`JobKind.publishScheduledPost`), written before the post and kept in step with it, so a job
/// without its post, or due at an old time, finds out when it runs and does the right thing.
public struct ScheduleService: Sendable {
    /// The most posts one person may have waiting.
    public static let maxPending = 300

    let store: any Store
    let ids: IDGenerator
    let posts: PostService
    let jobs: JobQueue

    public init(store: any Store, ids: IDGenerator, posts: PostService, jobs: JobQueue) {
        self.store = store
        self.ids = ids
        self.posts = posts
        self.jobs = jobs
    }

    public func schedule(_ draft: PostService.Draft, at date: Date, by author: Account, app: ID? = nil, now: Date = Date()) async throws -> ScheduledPost {
        guard date > now else { throw DomainError.invalid(field: "scheduled_at", message: "scheduled_at must be in the future.") }
        _ = try await posts.check(draft, by: author)
        guard try await store.scheduledPosts(accountID: author.id, page: PageRequest(limit: Self.maxPending)).count < Self.maxPending else {
            throw DomainError.invalid(field: "scheduled_at", message: "You can have at most \(Self.maxPending) scheduled posts.")
        }
        let scheduled = ScheduledPost(id: ids.next(at: now), accountID: author.id, scheduledAt: date, draft: draft, appID: app)
        try await enqueue(scheduled.id, at: date, now: now)
        try await store.insertScheduledPost(scheduled)
        return scheduled
    }

    public func scheduled(of owner: Account, page: PageRequest) async throws -> [ScheduledPost] {
        try await store.scheduledPosts(accountID: owner.id, page: page)
    }

    /// The owner's scheduled post; anyone else is told it does not exist.
    public func scheduled(_ id: ID, owner: Account) async throws -> ScheduledPost {
        guard let post = try await store.scheduledPost(id: id), post.accountID == owner.id else { throw DomainError.notFound }
        return post
    }

    public func reschedule(_ id: ID, to date: Date, by owner: Account, now: Date = Date()) async throws -> ScheduledPost {
        var post = try await scheduled(id, owner: owner)
        guard date > now else { throw DomainError.invalid(field: "scheduled_at", message: "scheduled_at must be in the future.") }
        try await store.reschedulePost(id: id, at: date)
        try await enqueue(id, at: date, now: now)
        post.scheduledAt = date
        return post
    }

    public func cancel(_ id: ID, by owner: Account) async throws {
        _ = try await scheduled(id, owner: owner)
        try await store.deleteScheduledPost(id: id)
        try await jobs.cancel(key: Self.jobKey(id))
    }

    /// Publishes a scheduled post whose time has come (its job's handler). It is composed with an
    /// idempotency key made from its id, so running it again after a crash publishes nothing twice.
    /// Returns the post, or nil when there was nothing to publish: the post was cancelled, moved later
    /// (its job follows it), or broke a rule since it was scheduled (then it is dropped).
    @discardableResult
    public func publish(_ id: ID, now: Date) async throws -> Post? {
        guard let due = try await store.scheduledPost(id: id) else { return nil }
        guard due.scheduledAt <= now else {
            try await enqueue(id, at: due.scheduledAt, now: now)
            return nil
        }
        // Kept when publishing fails otherwise (the database went away, say): the job runs it again.
        guard let author = try await store.account(id: due.accountID) else {
            try await store.deleteScheduledPost(id: id)
            return nil
        }
        do {
            let post = try await posts.compose(due.draft.madeAutomatically(), by: author, idempotencyKey: "scheduled-\(due.id)", at: now)
            try await store.deleteScheduledPost(id: id)
            return post
        } catch is DomainError {
            try await store.deleteScheduledPost(id: id)
            return nil // its parent was deleted, say: it can no longer be published
        }
    }

    static func jobKey(_ id: ID) -> String { "scheduled-post:\(id)" }

    private func enqueue(_ id: ID, at date: Date, now: Date) async throws {
        try await jobs.enqueue(JobKind.publishScheduledPost, key: Self.jobKey(id), payload: id.description, at: date, now: now)
    }
}
