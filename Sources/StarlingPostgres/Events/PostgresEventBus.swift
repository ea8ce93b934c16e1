import Foundation
import Logging
import PostgresNIO
import StarlingCore

/// The `EventBus` of several nodes on one PostgreSQL database. An event published on any node reaches the
/// listeners of every node: it is sent with `NOTIFY` on a channel each node `LISTEN`s to on a connection of
/// its own, carrying ids only (the state is in the tables, read through the visibility rule as ever).
///
/// This node's own listeners hear its events at once; the notifications it sends come back to it too and
/// are recognised by the node id they carry. A lost connection is opened again after a second; events
/// published while it is down reach the other nodes late or not at all (streams are a convenience:
/// clients read timelines again when they reconnect).
public final class PostgresEventBus: EventBus, Sendable {
    static let channel = "starling_events"

    private let local = InProcessEventBus()
    private let node = UUID().uuidString
    private let outgoing: AsyncStream<DomainEvent>.Continuation
    private let tasks: [Task<Void, Never>]

    /// Starts listening and sending on connections to `url`.
    public init(url: DatabaseURL, logger: Logger = Logger(label: "starling.events")) throws {
        let configuration = try url.connectionConfiguration(connectTimeout: .seconds(5))
        let (queue, outgoing) = AsyncStream.makeStream(of: DomainEvent.self, bufferingPolicy: .bufferingNewest(10_000))
        self.outgoing = outgoing
        let (local, node) = (local, node)
        tasks = [
            Task { await Self.keepListening(configuration, node: node, deliver: local, logger: logger) },
            Task { await Self.keepSending(queue, configuration, node: node, logger: logger) },
        ]
    }

    deinit { close() }

    /// Stops listening and sending.
    public func close() {
        outgoing.finish()
        for task in tasks { task.cancel() }
    }

    public func publish(_ event: DomainEvent) {
        local.publish(event)
        outgoing.yield(event)
    }

    public func subscribe() -> AsyncStream<DomainEvent> { local.subscribe() }

    public var subscriberCount: Int { local.subscriberCount }

    /// Delivers the other nodes' notifications to this node's listeners, reconnecting after a failure.
    private static func keepListening(_ configuration: PostgresConnection.Configuration, node: String, deliver local: InProcessEventBus,
                                      logger: Logger) async {
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
                defer { Task { try? await connection.close() } }
                for try await notification in try await connection.listen(channel) {
                    guard let (sender, event) = DomainEvent.decode(notification.payload), sender != node else { continue }
                    local.publish(event)
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("Listening for other nodes' events failed; trying again in a second: \(String(reflecting: error))")
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// Sends this node's events, in the order published, on a connection of its own.
    private static func keepSending(_ queue: AsyncStream<DomainEvent>, _ configuration: PostgresConnection.Configuration, node: String,
                                    logger: Logger) async {
        var connection: PostgresConnection?
        for await event in queue {
            do {
                if connection == nil { connection = try await PostgresConnection.connect(configuration: configuration, id: 2, logger: logger) }
                let payload = event.encoded(sender: node)
                try await connection?.query("SELECT pg_notify(\(channel), \(payload))", logger: logger)
            } catch {
                logger.warning("Sending an event to the other nodes failed: \(String(reflecting: error))")
                try? await connection?.close()
                connection = nil
            }
        }
        try? await connection?.close()
    }
}

extension DomainEvent {
    /// The event as a notification's payload: the sending node, the kind, and an id.
    func encoded(sender: String) -> String {
        let (kind, id): (String, ID) = switch self {
        case .posted(let id): ("posted", id)
        case .deleted(let id): ("deleted", id)
        case .edited(let id): ("edited", id)
        case .notified(let id): ("notified", id)
        case .highlighted(let occurrence): ("highlighted", occurrence)
        case .expertQueueChanged(let occurrence): ("expertQueueChanged", occurrence)
        case .accessEnded(let id): ("accessEnded", id)
        }
        return "\(sender) \(kind) \(id)"
    }

    /// The sender and event a payload carries; nil for one this build does not know (from a newer node, say).
    static func decode(_ payload: String) -> (sender: String, event: DomainEvent)? {
        let parts = payload.split(separator: " ")
        guard parts.count == 3, let id = ID(parts[2]) else { return nil }
        let event: DomainEvent? = switch parts[1] {
        case "posted": .posted(id)
        case "deleted": .deleted(id)
        case "edited": .edited(id)
        case "notified": .notified(id)
        case "highlighted": .highlighted(occurrence: id)
        case "expertQueueChanged": .expertQueueChanged(occurrence: id)
        case "accessEnded": .accessEnded(id)
        default: nil
        }
        return event.map { (String(parts[0]), $0) }
    }
}
