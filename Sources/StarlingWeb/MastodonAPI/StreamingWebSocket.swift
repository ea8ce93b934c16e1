import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket
import ServiceLifecycle
import StarlingCore

/// Mastodon's multiplexed WebSocket streaming at `/api/v1/streaming`: one connection carries any
/// number of streams, chosen with `{"type":"subscribe","stream":"hashtag","tag":"..."}` messages (or
/// `?stream=` on the URL); every event arrives as `{"stream":[...],"event":"update","payload":"..."}`.
///
/// The token may come in the `Authorization` header, as the `Sec-WebSocket-Protocol` (echoed back,
/// as browsers require) or as `access_token`. A request that cannot be upgraded (no or a bad token,
/// no upgrade headers) falls through to the HTTP route, which answers with a JSON error.
struct StreamingWebSocket {
    let starling: Starling
    let fanOut: StreamFanOut
    static let paths: Set<String> = ["/api/v1/streaming", "/api/v1/streaming/"]

    typealias Handler = WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>

    func shouldUpgrade(_ request: HTTPRequest) async -> ShouldUpgradeResult<Handler> {
        guard let components = URLComponents(string: request.path ?? ""), Self.paths.contains(components.path) else { return .dontUpgrade }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
        var headers: HTTPFields = [:]
        var token = query["access_token"]
        if let header = request.headerFields[.authorization], header.lowercased().hasPrefix("bearer ") {
            token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        } else if let offered = request.headerFields[.secWebSocketProtocol], !offered.isEmpty {
            token = offered
            headers[.secWebSocketProtocol] = offered
        }
        let viewer: Account?
        if let token {
            guard let grant = try? await starling.oauth.grant(bearer: token), grant.scopes.allow("read:statuses") else { return .dontUpgrade }
            viewer = grant.account
        } else {
            guard starling.settings.publicAccess else { return .dontUpgrade }
            viewer = nil
        }
        let initial = query["stream"].map { (name: $0, tag: query["tag"], list: query["list"]) }
        return .upgrade(headers) { inbound, outbound, _ in
            let session = Session(starling: starling, viewer: viewer, outbound: outbound, fanOut: fanOut)
            let openStreams = starling.metrics.openStreams("websocket")
            openStreams.increment()
            defer { openStreams.decrement() }
            try await cancelWhenGracefulShutdown {
                if let initial { try await session.subscribe(initial.name, tag: initial.tag, list: initial.list) }
                try await session.run(inbound)
            }
        }
    }

    /// One WebSocket connection: its subscriptions, fed from the event bus.
    final class Session: @unchecked Sendable {
        private let starling: Starling
        private let viewer: Account?
        private let outbound: WebSocketOutboundWriter
        private let fanOut: StreamFanOut
        private var subscriptions: [StreamName: StreamSubscription] = [:]
        private let lock = NSLock()

        init(starling: Starling, viewer: Account?, outbound: WebSocketOutboundWriter, fanOut: StreamFanOut) {
            self.starling = starling
            self.viewer = viewer
            self.outbound = outbound
            self.fanOut = fanOut
        }

        /// Forwards events until the client leaves, the server shuts down, or the viewer's access ends.
        func run(_ inbound: WebSocketInboundStream) async throws {
            let events = starling.events.subscribe()
            // Asked after subscribing, so a deactivation since the upgrade's token check is not missed.
            if let viewer, try await starling.store.account(id: viewer.id)?.deactivatedAt != nil { return }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await event in events {
                        if let viewer = self.viewer, event == .accessEnded(viewer.id) { return }
                        for subscription in self.lock.withLock({ Array(self.subscriptions.values) }) {
                            for message in await subscription.messages(for: event) {
                                try await self.send(stream: subscription.name, message)
                            }
                        }
                    }
                }
                group.addTask {
                    for try await message in inbound.messages(maxSize: 1 << 16) {
                        guard case .text(let text) = message else { continue }
                        try await self.handle(text)
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        }

        /// `{"type": "subscribe" | "unsubscribe", "stream": ..., "tag": ..., "list": ...}`.
        private func handle(_ text: String) async throws {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
                  let type = object["type"] as? String, let stream = object["stream"] as? String else {
                return try await sendError("Expected a JSON object with type and stream", status: 400)
            }
            let tag = object["tag"] as? String, list = (object["list"] as? String) ?? (object["list"] as? NSNumber)?.stringValue
            switch type {
            case "subscribe":
                try await subscribe(stream, tag: tag, list: list)
            case "unsubscribe":
                guard let name = try? StreamName(stream, tag: tag, list: list) else { return try await sendError("Unknown stream type", status: 400) }
                _ = lock.withLock { subscriptions.removeValue(forKey: name) }
            default:
                try await sendError("Unknown message type: \(type)", status: 400)
            }
        }

        func subscribe(_ stream: String, tag: String?, list: String?) async throws {
            do {
                let name = try StreamName(stream, tag: tag, list: list)
                let subscription = try await StreamSubscription(name, starling: starling, viewer: viewer, fanOut: fanOut)
                lock.withLock { subscriptions[name] = subscription }
            } catch let error as DomainError {
                let status = switch error {
                case .unauthorized: 401
                case .notFound: 404
                default: 400
                }
                try await sendError(error.message, status: status)
            }
        }

        /// A shared message's frame is the same buffer for every viewer it goes to (written out as it is,
        /// without a copy per connection).
        private func send(stream: StreamName, _ message: StreamSubscription.Message) async throws {
            func frame() -> ByteBuffer {
                ByteBuffer(bytes: JSONWriter.write { json in
                    json.object { json in
                        json.field("stream", stream.wireName)
                        json.field("event", message.event)
                        json.field("payload", message.payload)
                    }
                })
            }
            let data = message.shared.map { fanOut.frame(stream: stream.wireName, key: $0, write: frame) } ?? frame()
            try await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: data)))
        }

        private func sendError(_ message: String, status: Int) async throws {
            let bytes = JSONWriter.write { json in
                json.object { json in
                    json.field("error", message)
                    json.field("status", status)
                }
            }
            try await outbound.write(.text(String(decoding: bytes, as: UTF8.self)))
        }
    }
}
