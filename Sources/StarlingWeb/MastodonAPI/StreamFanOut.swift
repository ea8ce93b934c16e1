import Foundation
import NIOCore
import ServiceLifecycle
import StarlingCore

/// The work the streams of one application share when a post goes out to many of them (a chat's
/// hashtag watched by hundreds): which viewers of a stream see the entry and their content filters,
/// read for all of them at once, and its JSON, written once for each distinct view of it.
///
/// Sharing changes nothing a viewer receives: the query applies the timeline's own rule to each
/// viewer, and a rendering is reused only for an entry equal in every field (the viewer's like, an
/// anonymous author shown to themselves: a viewer whose view differs gets their own).
///
/// As a service it listens to the event bus itself and starts each post's reading as soon as the post is
/// announced, so the reading of one post overlaps the streams' writing of the one before: read in turn by
/// the streams, each post's reading (10 ms for 500 viewers) left the event loops idle, and a chat of
/// 20 posts a second fell further behind with every post.
final class StreamFanOut: Service, @unchecked Sendable {
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
        /// The timeline position the event is about.
        var position: ID
    }

    /// One reading of an entry for the viewers a stream had then (`asked`), started when the audience is
    /// made; its subscriptions await it together. Each subscription takes it once (`taken`, kept under the
    /// fan-out's lock): the same event again (a second edit) is read afresh.
    private final class Audience: @unchecked Sendable {
        typealias Entries = (entries: [ID: TimelineEntry], filters: [ID: [ContentFilter]])
        let asked: Set<ID>
        var taken: Set<ObjectIdentifier> = []
        let reading: Task<Entries, any Error>

        init(asked: Set<ID>, reading: Task<Entries, any Error>) {
            self.asked = asked
            self.reading = reading
        }
    }

    private let starling: Starling

    private let payloads = RecentlyUsedCache<Key, String>(capacity: 256)
    private let frames = RecentlyUsedCache<FrameKey, ByteBuffer>(capacity: 256)
    /// Readings are kept while the streams catch up with an event; one a lagging stream finds gone
    /// (`seen`, but no longer kept) is read for that stream alone. Room for 64 events (three seconds
    /// of a busy chat's posts): with less, a burst put streams behind the kept readings, and each
    /// of hundreds of streams then read every post on its own, which put them further behind.
    private let audiences = RecentlyUsedCache<AudienceKey, Audience>(capacity: 64)
    private let seen = RecentlyUsedCache<AudienceKey, Bool>(capacity: 1024)
    private var viewers: [StreamName: [ObjectIdentifier: ID]] = [:]
    private let lock = NSLock()

    init(starling: Starling) { self.starling = starling }

    /// Starts the reading of every post announced, for each shared stream someone watches, until shutdown.
    func run() async throws {
        let events = starling.events.subscribe()
        await cancelWhenGracefulShutdown {
            for await event in events {
                guard case .posted(let position) = event else { continue }
                self.lock.withLock {
                    for stream in self.viewers.keys {
                        let key = AudienceKey(event: event, stream: stream, position: position)
                        if self.audiences[key] == nil, self.seen[key] == nil { _ = self.makeAudience(key) }
                    }
                }
            }
        }
    }

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
    /// them), with their filters for the stream, read once for every viewer the stream has; `single` reads
    /// it for one viewer alone (one who joined after that reading, or a stream lagging behind the kept readings).
    func reading(for event: DomainEvent, at position: ID, on stream: StreamName, viewer: ID, subscription: ObjectIdentifier,
                 single: @Sendable () async throws -> Reading?) async throws -> Reading? {
        let key = AudienceKey(event: event, stream: stream, position: position)
        let audience = lock.withLock { () -> Audience? in
            if let kept = audiences[key], kept.taken.insert(subscription).inserted { return kept }
            if audiences[key] == nil, seen[key] != nil { return nil } // read before and no longer kept
            let fresh = makeAudience(key) // the first to take it, or the same event again (a second edit)
            fresh.taken.insert(subscription)
            return fresh
        }
        guard let audience, audience.asked.contains(viewer) else { return try await single() }
        let shared = try await audience.reading.value
        return shared.entries[viewer].map { Reading(entry: $0, filters: shared.filters[viewer] ?? []) }
    }

    /// A new audience for the stream's viewers, its reading started; kept under `key`. Called under `lock`.
    private func makeAudience(_ key: AudienceKey) -> Audience {
        let asked = Array(viewers[key.stream]?.values.map { $0 } ?? [])
        let (starling, stream, position) = (starling, key.stream, key.position)
        let audience = Audience(asked: Set(asked), reading: Task {
            guard let timeline = stream.timeline, !asked.isEmpty else { return ([:], [:]) }
            let entries = try await starling.store.timeline(timeline, position: position, viewers: asked)
            return (entries, try await starling.filters.active(for: Array(entries.keys), in: stream.filterContext))
        })
        audiences[key] = audience
        seen[key] = true
        return audience
    }

    /// The payload of an event about `entry`, rendered by `render` the first time.
    func payload(_ key: Key, render: () -> String) -> String {
        if let payload = payloads[key] { return payload }
        let payload = render()
        payloads[key] = payload
        return payload
    }

    /// The WebSocket text frame's data for a message on a stream, written by `write` the first time.
    func frame(stream: [String], key: Key, write: () -> ByteBuffer) -> ByteBuffer {
        let frameKey = FrameKey(stream: stream, key: key)
        if let frame = frames[frameKey] { return frame }
        let frame = write()
        frames[frameKey] = frame
        return frame
    }
}
