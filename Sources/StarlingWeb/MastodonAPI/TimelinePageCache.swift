import Foundation
import Hummingbird
import StarlingCore

/// Timeline pages as they were last answered to a viewer, reused while nothing changed.
///
/// Clients poll the top of their timelines all day, and most polls find nothing new. A page is
/// answered again, as is, only when the store's change stamp is the one it was read at (nothing
/// was committed since, by any process) and nothing in it has expired since (a filter that stops
/// applying, a poll that closes). The one exception: posts from other servers may show up to
/// `outsideLag` late (only they were committed since, see `ChangeStamp`), so that a stream of them
/// does not make every page stale many times a second. Anything else renders the page afresh. Pages
/// read further back (`max_id`) are not kept: they are read once, and would push out the pages that are polled.
final class TimelinePageCache: Sendable {
    struct Key: Hashable, Sendable {
        var viewer: ID?
        var uri: String
    }

    private struct Page: Sendable {
        var stamp: ChangeStamp
        var readAt: Date
        var validUntil: Date
        var response: Response
    }

    /// How long after it was read a page may still be answered while only posts from outside were committed
    /// since: they show at most this late (they reach this server seconds after they were written anyway).
    static let outsideLag: TimeInterval = 1

    private let pages: RecentlyUsedCache<Key, Page>

    /// `capacity`: how many pages to keep (a page of 20 statuses is about 20 KB).
    init(capacity: Int = 1_000) {
        pages = RecentlyUsedCache(capacity: capacity)
    }

    /// Whether a request reads a page worth keeping.
    static func keeps(_ page: PageRequest) -> Bool { page.maxID == nil }

    /// The response kept for `key`, if it is still valid at `now` and was made at `stamp`, or at a stamp
    /// `stamp` is only posts from outside ahead of, no longer than `outsideLag` ago.
    func response(for key: Key, stamp: ChangeStamp, now: Date) -> Response? {
        guard let page = pages[key], now < page.validUntil else { return nil }
        let current = page.stamp == stamp || (page.stamp.settled == stamp.settled && now < page.readAt + Self.outsideLag)
        return current ? page.response : nil
    }

    /// Keeps `response`, made at `readAt` from data read at `stamp`, until `validUntil`.
    func keep(_ response: Response, for key: Key, stamp: ChangeStamp, readAt: Date, validUntil: Date) {
        pages[key] = Page(stamp: stamp, readAt: readAt, validUntil: validUntil, response: response)
    }

    /// When a page showing `entries` under `filters` may change without any write: the first
    /// moment a filter expires or a poll closes.
    static func validUntil(_ entries: [TimelineEntry], filters: [ContentFilter], now: Date) -> Date {
        let moments = filters.compactMap(\.expiresAt) + entries.compactMap { $0.post.poll?.expiresAt }
        return moments.filter { $0 > now }.min() ?? .distantFuture
    }
}
