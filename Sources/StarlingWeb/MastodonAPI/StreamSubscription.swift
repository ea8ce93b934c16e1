import Foundation
import StarlingCore

/// One of Mastodon's streams (`user`, `public:local`, `hashtag` with its tag, ...), as named in
/// a WebSocket subscribe message or by a server-sent-events path.
enum StreamName: Hashable, Sendable {
    case user, userNotification, publicTimeline(local: Bool), hashtag(String, local: Bool), list(ID), direct

    /// Parses Mastodon's stream name and its parameter (`tag` or `list`).
    init(_ name: String, tag: String?, list: String?) throws {
        switch name {
        case "user": self = .user
        case "user:notification": self = .userNotification
        case "public", "public:local", "public:remote": self = .publicTimeline(local: name != "public")
        case "hashtag", "hashtag:local":
            guard let tag, !tag.isEmpty else { throw DomainError.invalid(field: "tag", message: "tag is required for a hashtag stream.") }
            self = .hashtag(tag, local: name == "hashtag:local")
        case "list":
            guard let list, let id = ID(list) else { throw DomainError.invalid(field: "list", message: "list must be a list id.") }
            self = .list(id)
        case "direct": self = .direct
        default:
            throw DomainError.invalid(field: "stream", message: "Unknown stream type: \(name).")
        }
    }

    /// The name as Mastodon sends it in each WebSocket message's `stream` array.
    var wireName: [String] {
        switch self {
        case .user: ["user"]
        case .userNotification: ["user:notification"]
        case .publicTimeline(let local): [local ? "public:local" : "public"]
        case .hashtag(let tag, let local): [local ? "hashtag:local" : "hashtag", tag]
        case .list(let id): ["list", id.description]
        case .direct: ["direct"]
        }
    }

    /// The timeline whose entries the stream carries (none for notifications).
    var timeline: Timeline? {
        switch self {
        case .userNotification: nil
        case .user: .home
        case .publicTimeline: .organization
        case .hashtag(let tag, _): .hashtag(tag)
        case .list(let id): .list(id)
        case .direct: .direct
        }
    }

    /// Which of the viewer's filters apply to the stream's events: its timeline's, or those for notifications.
    var filterContext: ContentFilter.Context {
        timeline.flatMap(TimelinesAPI.filterContext) ?? .notifications
    }

    /// Streams about one person need a signed-in viewer; public ones may be read signed out
    /// where the instance allows it.
    var needsUser: Bool {
        switch self {
        case .publicTimeline, .hashtag: false
        default: true
        }
    }
}

/// What one stream sends one viewer: it picks the events for its timeline and renders them with
/// Mastodon's payloads. Every post is checked through the same timeline query as the REST API, so
/// a stream never carries a post its viewer may not see; a `delete` goes only where the post was
/// delivered. Used by both server-sent events and WebSocket connections.
final class StreamSubscription: @unchecked Sendable {
    /// An event to send: its Mastodon name and its payload (JSON text, or an id for `delete`); a
    /// status payload carries the key it is shared under.
    struct Message: Sendable {
        var event: String
        var payload: String
        var shared: StreamFanOut.Key?
    }

    let name: StreamName
    private let starling: Starling
    private let mapper: MastodonSerializer
    private let viewer: Account?
    let fanOut: StreamFanOut
    private var delivered: Set<ID> = []
    private var lastNotification: ID
    /// Held while one event is turned into messages, so `delivered` and `lastNotification` change in order.
    private let lock = AsyncLock()

    /// Checks that the viewer may read the stream (lists are their owner's only).
    init(_ name: StreamName, starling: Starling, viewer: Account?, fanOut: StreamFanOut) async throws {
        if name.needsUser, viewer == nil { throw DomainError.unauthorized("This stream requires an authenticated user") }
        if !name.needsUser, viewer == nil, !starling.settings.publicAccess {
            throw DomainError.unauthorized("This method requires an authenticated user")
        }
        if case .list(let id) = name, let viewer { _ = try await starling.lists.list(id, owner: viewer) }
        self.name = name
        self.starling = starling
        self.viewer = viewer
        self.fanOut = fanOut
        mapper = MastodonSerializer(settings: starling.settings)
        lastNotification = try await viewer.asyncFlatMap { try await starling.reads.notifications(of: $0, page: PageRequest(limit: 1)).first?.id } ?? ID(1)
        if StreamFanOut.isShared(name), let viewer { fanOut.join(name, subscription: ObjectIdentifier(self), viewer: viewer.id) }
    }

    deinit { fanOut.leave(name, subscription: ObjectIdentifier(self)) }

    /// The messages this stream sends for one domain event (often none).
    func messages(for event: DomainEvent) async -> [Message] {
        await lock.withLock {
            do {
                switch event {
                case .posted(let id), .edited(let id):
                    // The viewer's filters apply here as on the REST timeline the stream mirrors.
                    guard let reading = try await reading(at: id, for: event),
                          let (entry, hits) = MastodonSerializer.shown([reading.entry], reading.filters, post: { $0.post }).first else { return [] }
                    if delivered.count > 10_000 { delivered.removeAll() }
                    delivered.insert(entry.id)
                    if case .direct = name, let viewer {
                        let conversation = try await starling.reads.conversation(containing: entry.post, viewer: viewer)
                        return [Message(event: "conversation", payload: text { mapper.conversation(conversation, into: &$0) })]
                    }
                    let kind = if case .edited = event { "status.update" } else { "update" }
                    // Filter hits are the viewer's own: such a payload is not shared.
                    guard hits.isEmpty else { return [Message(event: kind, payload: text { mapper.status(entry, hits: hits, into: &$0) })] }
                    let key = StreamFanOut.Key(event: kind, entry: entry)
                    return [Message(event: kind, payload: fanOut.payload(key) { text { mapper.status(entry, hits: [], into: &$0) } }, shared: key)]
                case .deleted(let id):
                    guard delivered.remove(id) != nil else { return [] }
                    return [Message(event: "delete", payload: id.description)]
                case .notified(let recipient):
                    guard [.user, .userNotification].contains(name), let viewer, viewer.id == recipient else { return [] }
                    let fresh = try await starling.reads.notifications(of: viewer, page: PageRequest(minID: lastNotification, limit: 40),
                                                                 kinds: StarlingCore.Notification.Kind.mastodonKinds)
                    if let newest = fresh.first?.id { lastNotification = newest }
                    let filters = try await starling.filters.active(for: viewer, in: .notifications)
                    return MastodonSerializer.shown(fresh.reversed(), filters) { $0.post }.map { notification, hits in
                        Message(event: "notification", payload: text { mapper.notification(notification, hits: hits, into: &$0) })
                    }
                case .highlighted, .expertQueueChanged, .accessEnded:
                    return []
                }
            } catch {
                return []
            }
        }
    }

    /// The entry at one timeline position, if this stream's timeline shows it to its viewer, with the
    /// viewer's filters for the stream: the same query as the timeline itself, narrowed to that position
    /// (read with the stream's other viewers' where many watch it).
    private func reading(at position: ID, for event: DomainEvent) async throws -> StreamFanOut.Reading? {
        guard let timeline = name.timeline else { return nil }
        let page = PageRequest(maxID: ID(position.rawValue + 1), sinceID: ID(position.rawValue - 1), limit: 1)
        let single = { @Sendable () async throws -> StreamFanOut.Reading? in
            guard let entry = try await self.starling.reads.timeline(timeline, viewer: self.viewer, page: page).first else { return nil }
            let filters = try await self.starling.filters.active(for: self.viewer, in: self.name.filterContext)
            return StreamFanOut.Reading(entry: entry, filters: filters)
        }
        guard StreamFanOut.isShared(name), let viewer else { return try await single() }
        return try await fanOut.reading(for: event, at: position, on: name, viewer: viewer.id, subscription: ObjectIdentifier(self), single: single)
    }

    private func text(_ body: (inout JSONWriter) -> Void) -> String {
        String(decoding: JSONWriter.write(body), as: UTF8.self)
    }
}
