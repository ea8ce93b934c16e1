import Foundation
import StarlingCore

/// The work the streams of one application share when a post goes out to many of them (a chat's
/// hashtag watched by hundreds): which viewers of a stream see the entry and their content filters,
/// read for all of them at once, and its JSON, written once for each distinct view of it.
///
/// Sharing changes nothing a viewer receives: the query applies the timeline's own rule to each
/// viewer, and a rendering is reused only for an entry equal in every field (the viewer's like, an
/// anonymous author shown to themselves: a viewer whose view differs gets their own).
final class StreamFanOut: @unchecked Sendable {
    /// A status payload: the event and the entry exactly as one viewer sees it.
    struct Key: Hashable, Sendable {
        var event: String
        var entry: TimelineEntry

        /// Hashes what tells entries apart cheaply (equality still compares them whole): hashing
        /// every string of a post for each viewer would cost about as much as writing it.
        func hash(into hasher: inout Hasher) {
            hasher.combine(event)
            hasher.combine(entry.id)
            hasher.combine(entry.post.post.editedAt)
            hasher.combine(entry.post.author.id)
            hasher.combine(entry.post.likedByViewer)
            hasher.combine(entry.post.repostedByViewer)
            hasher.combine(entry.post.bookmarkedByViewer)
        }
    }

    /// An entry as one viewer sees it on a stream, with their filters for the stream's context.
    struct Reading: Sendable {
        var entry: TimelineEntry
        var filters: [ContentFilter]
    }

    private struct FrameKey: Hashable, Sendable {
        var stream: [String]
        var key: Key
    }

    private struct AudienceKey: Hashable, Sendable {
        var event: DomainEvent
        var stream: StreamName
    }

    /// One reading of an entry for the viewers a stream had then (`asked`). Each subscription takes
    /// it once (`taken`, kept under the fan-out's lock): the same event again (a second edit) is read afresh.
    private final class Audience: @unchecked Sendable {
        let asked: Set<ID>
        var taken: Set<ObjectIdentifier> = []
        /// Held by the subscription reading `entries`; the others wait for its reading.
        let lock = AsyncLock()
        var entries: [ID: TimelineEntry]?
        var filters: [ID: [ContentFilter]] = [:]

        init(asked: Set<ID>) { self.asked = asked }
    }

    private let payloads = RecentlyUsedCache<Key, String>(capacity: 256)
    private let frames = RecentlyUsedCache<FrameKey, String>(capacity: 256)
    /// Readings are kept while the streams catch up with an event; one a lagging stream finds gone
    /// (`seen`, but no longer kept) is read for that stream alone. Room for 64 events (three seconds
    /// of a busy chat's posts): with less, a burst put streams behind the kept readings, and each
    /// of hundreds of streams then read every post on its own, which put them further behind.
    private let audiences = RecentlyUsedCache<AudienceKey, Audience>(capacity: 64)
    private let seen = RecentlyUsedCache<AudienceKey, Bool>(capacity: 1024)
    private var viewers: [StreamName: [ObjectIdentifier: ID]] = [:]
    private let lock = NSLock()

    /// Streams many people watch at once, whose fan-out is shared.
    static func isShared(_ stream: StreamName) -> Bool {
        switch stream {
        case .hashtag, .publicTimeline: true
        default: false
        }
    }

    func join(_ stream: StreamName, subscription: ObjectIdentifier, viewer: ID) {
        lock.withLock { viewers[stream, default: [:]][subscription] = viewer }
    }

    func leave(_ stream: StreamName, subscription: ObjectIdentifier) {
        lock.withLock {
            viewers[stream]?[subscription] = nil
            if viewers[stream]?.isEmpty == true { viewers[stream] = nil }
        }
    }

    /// The entry an event is about, as `viewer` sees it on `stream`'s timeline (nil: not shown to
    /// them), with their filters in `context`, read once for every viewer the stream has; `single` reads
    /// it for one viewer alone (one who joined after that reading).
    func reading(for event: DomainEvent, at position: ID, on stream: StreamName, timeline: Timeline, context: ContentFilter.Context,
                 viewer: ID, subscription: ObjectIdentifier, starling: Starling,
                 single: @Sendable () async throws -> Reading?) async throws -> Reading? {
        let key = AudienceKey(event: event, stream: stream)
        let audience = lock.withLock { () -> Audience? in
            if let audience = audiences[key] {
                if audience.taken.insert(subscription).inserted { return audience }
            } else if seen[key] != nil {
                return nil
            }
            let fresh = Audience(asked: Set(viewers[stream]?.values.map { $0 } ?? []))
            fresh.taken.insert(subscription)
            audiences[key] = fresh
            seen[key] = true
            return fresh
        }
        guard let audience, audience.asked.contains(viewer) else { return try await single() }
        return try await audience.lock.withLock {
            if audience.entries == nil {
                let entries = try await starling.store.timeline(timeline, position: position, viewers: Array(audience.asked))
                audience.filters = try await starling.filters.active(for: Array(entries.keys), in: context)
                audience.entries = entries
            }
            return audience.entries?[viewer].map { Reading(entry: $0, filters: audience.filters[viewer] ?? []) }
        }
    }

    /// The payload of an event about `entry`, rendered by `render` the first time.
    func payload(_ key: Key, render: () -> String) -> String {
        if let payload = payloads[key] { return payload }
        let payload = render()
        payloads[key] = payload
        return payload
    }

    /// The WebSocket text frame for a message on a stream, written by `write` the first time.
    func frame(stream: [String], key: Key, write: () -> String) -> String {
        let frameKey = FrameKey(stream: stream, key: key)
        if let frame = frames[frameKey] { return frame }
        let frame = write()
        frames[frameKey] = frame
        return frame
    }
}
