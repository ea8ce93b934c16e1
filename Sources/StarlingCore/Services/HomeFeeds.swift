import Foundation

/// The top of each recently active member's home timeline, remembered as timeline positions, like
/// Mastodon's per-member feeds.
///
/// Home timelines are assembled on read: a newest-first scan over everything posted, filtered by
/// follows, followed hashtags and the visibility rule. The first page is what clients poll all day,
/// so this remembers its positions and, on the next read, scans only what was posted since (with
/// an overlap for posts that committed late), then reads the remembered entries by id.
///
/// A remembered position is never trusted: the store re-applies every rule of the home timeline
/// (follows, visibility, blocks, mutes) when it reads the entries. If anything was filtered out
/// (a deletion, a block, an unfollow), the page is read by the full scan instead and the feed is
/// rebuilt. A stale feed can therefore only miss posts, and a member's own follow, mute or block
/// changes forget their feed at once.
public final class HomeFeeds: @unchecked Sendable {
    private struct Feed {
        var positions: [ID]
        var refreshedAt: Date
    }

    /// Positions remembered per member (a few pages).
    static let depth = 60
    /// How far back a refresh rescans, for posts whose ids were made before an earlier refresh but
    /// committed after it.
    static let overlap: TimeInterval = 10
    /// A feed older than this is rebuilt from scratch (bounds staleness from other processes).
    static let maximumAge: TimeInterval = 15 * 60

    private let feeds: RecentlyUsedCache<ID, Feed>

    /// `capacity`: how many members' feeds to keep (the least recently read are dropped).
    public init(capacity: Int = 5_000) {
        feeds = RecentlyUsedCache(capacity: capacity)
    }

    /// The first page (newest `limit` entries) of `viewer`'s home timeline.
    func firstPage(viewer: ID, limit: Int, store: any Store, now: Date = Date()) async throws -> [TimelineEntry] {
        guard limit <= Self.depth else { return try await store.timeline(.home, viewer: viewer, page: PageRequest(limit: limit)) }
        let positions = try await refreshedPositions(viewer: viewer, store: store, now: now)
        let wanted = Array(positions.prefix(limit))
        let entries = try await store.timeline(.home, viewer: viewer, positions: wanted)
        guard entries.count == wanted.count else {
            // Something remembered is no longer shown: read the page the full way and start over.
            forget(viewer)
            return try await store.timeline(.home, viewer: viewer, page: PageRequest(limit: limit))
        }
        return entries
    }

    /// Drops a member's feed (after their follows, hashtags, mutes or blocks changed).
    public func forget(_ viewer: ID) {
        feeds[viewer] = nil
    }

    private func refreshedPositions(viewer: ID, store: any Store, now: Date) async throws -> [ID] {
        let remembered = feeds[viewer]
        var positions: [ID]
        if let remembered, now.timeIntervalSince(remembered.refreshedAt) < Self.maximumAge {
            let since = ID(floorOf: remembered.refreshedAt.addingTimeInterval(-Self.overlap))
            let fresh = try await store.timelinePositions(.home, viewer: viewer, page: PageRequest(sinceID: since, limit: Self.depth))
            positions = fresh.count == Self.depth ? fresh : Self.merge(fresh, remembered.positions)
        } else {
            positions = try await store.timelinePositions(.home, viewer: viewer, page: PageRequest(limit: Self.depth))
        }
        feeds[viewer] = Feed(positions: positions, refreshedAt: now)
        return positions
    }

    /// Two newest-first position lists as one, without duplicates, cut to `depth`.
    static func merge(_ newer: [ID], _ older: [ID]) -> [ID] {
        var seen = Set(newer)
        var merged = newer
        for id in older where seen.insert(id).inserted { merged.append(id) }
        merged.sort(by: >)
        return Array(merged.prefix(depth))
    }
}
