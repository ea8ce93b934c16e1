import Foundation
import Hummingbird
import NIOCore
import ServiceLifecycle
import StarlingCore

/// Mastodon's streaming API as server-sent events, one stream per connection: `update`,
/// `status.update`, `delete`, `notification` and `conversation` events, and a heartbeat comment every
/// 15 seconds. (`StreamingWebSocket` serves the multiplexed WebSocket form of the same streams.)
struct StreamingAPI {
    let starling: Starling
    static let heartbeat: Duration = .seconds(15)

    func register(on api: some RouterMethods<WebContext>) {
        api.get("/v1/streaming/health") { _, _ in "OK" }
        let paths: [(String, String)] = [
            ("user", "user"), ("user/notification", "user:notification"), ("public", "public"), ("public/local", "public:local"),
            ("hashtag", "hashtag"), ("hashtag/local", "hashtag:local"), ("list", "list"), ("direct", "direct"),
        ]
        for (path, stream) in paths {
            api.get(RouterPath(stringLiteral: "/v1/streaming/\(path)")) { request, context in
                let query = request.uri.queryParameters
                return try events(StreamName(stream, tag: query["tag"].map(String.init), list: query["list"].map(String.init)), context)
            }
        }
        // Without a WebSocket upgrade (a bad token, or a plain GET), the streaming endpoint answers in JSON.
        api.get("/v1/streaming") { _, context -> Response in
            _ = try context.requireUser("read:statuses")
            throw DomainError.invalid(field: "Upgrade", message: "Connect with a WebSocket upgrade, or use /api/v1/streaming/user and the like.")
        }
    }

    private func events(_ name: StreamName, _ context: WebContext) throws -> Response {
        if context.grant != nil || name.needsUser { _ = try context.requireScope("read:statuses") }
        let subscription = try StreamSubscription(name, starling: starling, viewer: context.viewer)
        let events = starling.events.subscribe()
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: ResponseBody { writer in
                let (outgoing, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1000))
                let producer = Task {
                    await withTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for await event in events {
                                for message in subscription.messages(for: event) {
                                    continuation.yield("event: \(message.event)\ndata: \(message.payload)\n\n")
                                }
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
}
