import Hummingbird
import NIOCore
import ServiceLifecycle
import StarlingCore

/// A `text/event-stream` response fed from the domain event bus: each domain event becomes zero or
/// more chunks (`render`), with a heartbeat comment every 15 seconds. It ends when the client leaves,
/// the server shuts down, or the viewer's access ends (they were deactivated). Used by Mastodon's streaming API and by
/// the web UI's live pages.
enum ServerSentEvents {
    static let heartbeat: Duration = .seconds(15)

    /// One server-sent event: its name and its data (a single line).
    static func chunk(_ event: String, _ data: String) -> String { "event: \(event)\ndata: \(data)\n\n" }

    /// A stream of `starling`'s events for `viewer`, counted among the open streams while it lasts.
    static func response(_ starling: Starling, viewer: Account?, render: @escaping @Sendable (DomainEvent) async -> [String]) async throws -> Response {
        let events = starling.events.subscribe()
        // Asked after subscribing, so a deactivation between the request's sign-in check and now is not missed.
        if let viewer, try await starling.store.account(id: viewer.id)?.deactivatedAt != nil {
            throw DomainError.unauthorized("This account was deactivated.")
        }
        let openStreams = starling.metrics.openStreams("sse")
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: ResponseBody { writer in
                let (outgoing, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1000))
                let producer = Task {
                    await withTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for await event in events {
                                if let viewer, event == .accessEnded(viewer.id) { return continuation.finish() }
                                for chunk in await render(event) { continuation.yield(chunk) }
                            }
                        }
                        group.addTask {
                            while (try? await Task.sleep(for: heartbeat)) != nil { continuation.yield(":thump\n\n") }
                        }
                    }
                }
                openStreams.increment()
                defer {
                    openStreams.decrement()
                    producer.cancel()
                    continuation.finish()
                }
                continuation.yield(":)\n\n")
                try await withGracefulShutdownHandler {
                    for await chunk in outgoing { try await writer.write(ByteBuffer(string: chunk)) }
                } onGracefulShutdown: {
                    continuation.finish()
                }
                try await writer.finish(nil)
            })
    }
}
