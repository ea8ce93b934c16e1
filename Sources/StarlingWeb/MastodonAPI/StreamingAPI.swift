import Foundation
import Hummingbird
import NIOCore
import ServiceLifecycle
import StarlingCore

/// Mastodon's streaming API as server-sent events: `update`, `delete` and `notification` events with
/// Mastodon's payloads, and a heartbeat comment every 15 seconds.
///
/// Every event is checked for this viewer through the same timeline queries as the REST API, so a
/// stream never carries a post its viewer may not see; a `delete` is sent only for posts this
/// connection delivered.
struct StreamingAPI {
    let starling: Starling
    var mapper: MastodonSerializer { MastodonSerializer(settings: starling.settings) }
    static let heartbeat: Duration = .seconds(15)

    /// What one stream carries.
    enum Kind {
        case user(notificationsOnly: Bool)
        case timeline(Timeline)
    }

    func register(on api: some RouterMethods<WebContext>) {
        api.get("/v1/streaming/health") { _, _ in "OK" }
        api.get("/v1/streaming/user") { _, context in try stream(.user(notificationsOnly: false), context, needsUser: true) }
        api.get("/v1/streaming/user/notification") { _, context in try stream(.user(notificationsOnly: true), context, needsUser: true) }
        for path in ["/v1/streaming/public", "/v1/streaming/public/local"] {
            api.get(RouterPath(stringLiteral: path)) { _, context in try stream(.timeline(.organization), context, needsUser: false) }
        }
        for path in ["/v1/streaming/hashtag", "/v1/streaming/hashtag/local"] {
            api.get(RouterPath(stringLiteral: path)) { request, context in
                guard let tag = request.uri.queryParameters["tag"].map(String.init), !tag.isEmpty else {
                    throw DomainError.invalid(field: "tag", message: "tag is required.")
                }
                return try stream(.timeline(.hashtag(tag)), context, needsUser: false)
            }
        }
    }

    private func stream(_ kind: Kind, _ context: WebContext, needsUser: Bool) throws -> Response {
        let viewer: Account?
        if needsUser || context.grant != nil {
            _ = try context.requireScope("read:statuses")
            viewer = context.grant?.account
            if needsUser, viewer == nil { throw DomainError.invalid(field: "token", message: "This method requires an authenticated user") }
        } else {
            guard starling.settings.publicAccess else { throw DomainError.unauthorized("This method requires an authenticated user") }
            viewer = nil
        }
        let events = starling.events.subscribe()
        let connection = Connection(starling: starling, mapper: mapper, kind: kind, viewer: viewer)
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: ResponseBody { writer in
                let (outgoing, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1000))
                let producer = Task {
                    await withTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for await event in events {
                                for chunk in connection.render(event) { continuation.yield(chunk) }
                            }
                        }
                        group.addTask {
                            while (try? await Task.sleep(for: Self.heartbeat)) != nil { continuation.yield(":thump\n\n") }
                        }
                    }
                }
                defer {
                    producer.cancel()
                    continuation.finish()
                }
                continuation.yield(":)\n\n")
                // A stream never ends by itself; it ends when the server shuts down (or the client leaves).
                try await withGracefulShutdownHandler {
                    for await chunk in outgoing { try await writer.write(ByteBuffer(string: chunk)) }
                } onGracefulShutdown: {
                    continuation.finish()
                }
            })
    }

    /// One client's stream: decides which events it gets and renders them.
    final class Connection: @unchecked Sendable {
        let starling: Starling
        let mapper: MastodonSerializer
        let kind: Kind
        let viewer: Account?
        private var delivered: Set<ID> = []
        private var lastNotification: ID
        private let lock = NSLock()

        init(starling: Starling, mapper: MastodonSerializer, kind: Kind, viewer: Account?) {
            self.starling = starling
            self.mapper = mapper
            self.kind = kind
            self.viewer = viewer
            lastNotification = (viewer.flatMap { try? starling.reads.notifications(of: $0, page: PageRequest(limit: 1)).first?.id }) ?? ID(1)
        }

        func render(_ event: DomainEvent) -> [String] {
            lock.lock()
            defer { lock.unlock() }
            do {
                switch event {
                case .posted(let id), .edited(let id):
                    let name = if case .edited = event { "status.update" } else { "update" }
                    guard let entry = try entry(at: id) else { return [] }
                    if delivered.count > 10_000 { delivered.removeAll() }
                    delivered.insert(entry.id)
                    return [Self.event(name, JSONWriter.write { mapper.status(entry, into: &$0) })]
                case .deleted(let id):
                    guard delivered.remove(id) != nil else { return [] }
                    return [Self.event("delete", id.description)]
                case .notified(let recipient):
                    guard case .user = kind, let viewer, viewer.id == recipient else { return [] }
                    let fresh = try starling.reads.notifications(of: viewer, page: PageRequest(minID: lastNotification, limit: 40))
                    if let newest = fresh.first?.id { lastNotification = newest }
                    return fresh.reversed().map { notification in
                        Self.event("notification", JSONWriter.write { mapper.notification(notification, into: &$0) })
                    }
                }
            } catch {
                return []
            }
        }

        /// The entry at one timeline position, if this stream's timeline shows it to its viewer: the
        /// same query as the timeline itself, narrowed to that position.
        private func entry(at position: ID) throws -> TimelineEntry? {
            let timeline: Timeline
            switch kind {
            case .user(let notificationsOnly):
                if notificationsOnly { return nil }
                timeline = .home
            case .timeline(let chosen):
                timeline = chosen
            }
            let page = PageRequest(maxID: ID(position.rawValue + 1), sinceID: ID(position.rawValue - 1), limit: 1)
            return try starling.reads.timeline(timeline, viewer: viewer, page: page).first
        }

        static func event(_ name: String, _ data: String) -> String { "event: \(name)\ndata: \(data)\n\n" }
        static func event(_ name: String, _ json: [UInt8]) -> String { event(name, String(decoding: json, as: UTF8.self)) }
    }
}
