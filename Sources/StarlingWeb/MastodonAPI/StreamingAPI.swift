import Foundation
import Hummingbird
import StarlingCore

/// Mastodon's streaming API as server-sent events, one stream per connection: `update`,
/// `status.update`, `delete`, `notification` and `conversation` events, and a heartbeat comment every
/// 15 seconds. (`StreamingWebSocket` serves the multiplexed WebSocket form of the same streams.)
struct StreamingAPI {
    let starling: Starling
    let fanOut: StreamFanOut
    func register(on api: some RouterMethods<WebContext>) {
        api.get("/v1/streaming/health") { _, _ in "OK" }
        let paths: [(String, String)] = [
            ("user", "user"), ("user/notification", "user:notification"), ("public", "public"), ("public/local", "public:local"),
            ("hashtag", "hashtag"), ("hashtag/local", "hashtag:local"), ("list", "list"), ("direct", "direct"),
        ]
        for (path, stream) in paths {
            api.get(RouterPath(stringLiteral: "/v1/streaming/\(path)")) { request, context in
                let query = request.uri.queryParameters
                return try await events(StreamName(stream, tag: query["tag"].map(String.init), list: query["list"].map(String.init)), context)
            }
        }
        // Without a WebSocket upgrade (a bad token, or a plain GET), the streaming endpoint answers in JSON.
        api.get("/v1/streaming") { _, context -> Response in
            _ = try context.requireUser("read:statuses")
            throw DomainError.invalid(field: "Upgrade", message: "Connect with a WebSocket upgrade, or use /api/v1/streaming/user and the like.")
        }
    }

    private func events(_ name: StreamName, _ context: WebContext) async throws -> Response {
        if context.grant != nil || name.needsUser { _ = try context.requireScope("read:statuses") }
        let subscription = try await StreamSubscription(name, starling: starling, viewer: context.viewer, fanOut: fanOut)
        return try await ServerSentEvents.response(starling, viewer: context.viewer) { event in
            await subscription.messages(for: event).map { ServerSentEvents.chunk($0.event, $0.payload) }
        }
    }
}
