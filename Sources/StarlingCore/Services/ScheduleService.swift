import Foundation
import Logging

/// Posts written now and published later. A draft is checked by every rule when it is scheduled,
/// and checked again when it is published (the world may have changed in between).
public struct ScheduleService: Sendable {
    /// The most posts one person may have waiting.
    public static let maxPending = 300

    let store: any Store
    let ids: IDGenerator
    let posts: PostService

    public init(store: any Store, ids: IDGenerator, posts: PostService) {
        self.store = store
        self.ids = ids
        self.posts = posts
    }

    public func schedule(_ draft: PostService.Draft, at date: Date, by author: Account, app: ID? = nil, now: Date = Date()) throws -> ScheduledPost {
        guard date > now else { throw DomainError.invalid(field: "scheduled_at", message: "scheduled_at must be in the future.") }
        _ = try posts.check(draft, by: author)
        guard try store.scheduledPosts(accountID: author.id, page: PageRequest(limit: Self.maxPending)).count < Self.maxPending else {
            throw DomainError.invalid(field: "scheduled_at", message: "You can have at most \(Self.maxPending) scheduled posts.")
        }
        let scheduled = ScheduledPost(id: ids.next(at: now), accountID: author.id, scheduledAt: date, draft: draft, appID: app)
        try store.insertScheduledPost(scheduled)
        return scheduled
    }

    public func scheduled(of owner: Account, page: PageRequest) throws -> [ScheduledPost] {
        try store.scheduledPosts(accountID: owner.id, page: page)
    }

    /// The owner's scheduled post; anyone else is told it does not exist.
    public func scheduled(_ id: ID, owner: Account) throws -> ScheduledPost {
        guard let post = try store.scheduledPost(id: id), post.accountID == owner.id else { throw DomainError.notFound }
        return post
    }

    public func reschedule(_ id: ID, to date: Date, by owner: Account, now: Date = Date()) throws -> ScheduledPost {
        var post = try scheduled(id, owner: owner)
        guard date > now else { throw DomainError.invalid(field: "scheduled_at", message: "scheduled_at must be in the future.") }
        try store.reschedulePost(id: id, at: date)
        post.scheduledAt = date
        return post
    }

    public func cancel(_ id: ID, by owner: Account) throws {
        _ = try scheduled(id, owner: owner)
        try store.deleteScheduledPost(id: id)
    }

    /// Publishes every post whose time has come. Each is composed with an idempotency key made from
    /// its id, so a crash between publishing and forgetting it cannot publish it twice.
    @discardableResult
    public func publishDue(now: Date = Date(), logger: Logger? = nil) throws -> [Post] {
        var published: [Post] = []
        for due in try store.dueScheduledPosts(at: now, limit: 100) {
            do {
                guard let author = try store.account(id: due.accountID) else { throw DomainError.notFound }
                published.append(try posts.compose(due.draft, by: author, idempotencyKey: "scheduled-\(due.id)", at: now))
            } catch let error as DomainError {
                // It broke a rule since it was scheduled (its parent was deleted, say): it cannot be published.
                logger?.warning("Dropped a scheduled post", metadata: ["id": "\(due.id)", "reason": "\(error.message)"])
            }
            try store.deleteScheduledPost(id: due.id)
        }
        return published
    }
}
