import Foundation

/// Something that happened, announced to live listeners (streaming clients).
/// Events carry ids only: each listener reads what it may see through the store's visibility rule.
public enum DomainEvent: Sendable, Hashable {
    /// A post or repost was made (the id is the timeline position: the repost's own id for a repost).
    case posted(ID)
    case deleted(ID)
    /// A post's text was edited.
    case edited(ID)
    /// Someone got one or more new notifications.
    case notified(ID)
    /// The hosts of an occurrence highlighted a post of its chat, or took a highlight back.
    case highlighted(occurrence: ID)
    /// An ask-the-expert session's questions changed: one was asked, upvoted, approved or answered.
    case expertQueueChanged(occurrence: ID)
    /// An account may no longer use the server (it was deactivated): its open streams end.
    case accessEnded(ID)
}

/// Publish/subscribe for domain events. In one process it is `InProcessEventBus`; a multi-node
/// deployment can put PostgreSQL LISTEN/NOTIFY behind the same two calls.
public protocol EventBus: Sendable {
    func publish(_ event: DomainEvent)
    /// A stream of every event published after the call, until the consumer stops iterating.
    func subscribe() -> AsyncStream<DomainEvent>
    /// How many listeners on this node are subscribed (for tests and health checks).
    var subscriberCount: Int { get }
}

/// An `EventBus` inside one server process. Slow consumers drop their oldest events rather than
/// grow memory without bound.
public final class InProcessEventBus: EventBus, @unchecked Sendable {
    private var subscribers: [UUID: AsyncStream<DomainEvent>.Continuation] = [:]
    private let lock = NSLock()

    public init() {}

    public func publish(_ event: DomainEvent) {
        lock.lock()
        let targets = Array(subscribers.values)
        lock.unlock()
        for continuation in targets { continuation.yield(event) }
    }

    public func subscribe() -> AsyncStream<DomainEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: DomainEvent.self, bufferingPolicy: .bufferingNewest(1000))
        let id = UUID()
        lock.lock()
        subscribers[id] = continuation
        lock.unlock()
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            self.lock.lock()
            self.subscribers[id] = nil
            self.lock.unlock()
        }
        return stream
    }

    public var subscriberCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return subscribers.count
    }
}
