import Foundation

/// A thread-safe dictionary that holds at most `capacity` entries: when it is full, the least
/// recently used tenth is dropped in one go, so eviction is rare and reads stay a hash lookup.
public final class RecentlyUsedCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private struct Slot {
        var value: Value
        var lastUsed: UInt64
    }

    private let capacity: Int
    private var slots: [Key: Slot] = [:]
    private var useCounter: UInt64 = 0
    private let lock = NSLock()

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The value for `key` (which then counts as used), or nil; setting nil removes it.
    public subscript(key: Key) -> Value? {
        get {
            lock.withLock {
                // One lookup: hashing and comparing a key (a whole post, for the streams' payloads) is the cost.
                guard let index = slots.index(forKey: key) else { return nil }
                useCounter += 1
                slots.values[index].lastUsed = useCounter
                return slots.values[index].value
            }
        }
        set {
            lock.withLock {
                guard let newValue else {
                    slots.removeValue(forKey: key)
                    return
                }
                useCounter += 1
                slots[key] = Slot(value: newValue, lastUsed: useCounter)
                if slots.count > capacity {
                    let oldest = slots.sorted { $0.value.lastUsed < $1.value.lastUsed }.prefix(max(1, capacity / 10))
                    for (key, _) in oldest { slots.removeValue(forKey: key) }
                }
            }
        }
    }

    /// How many entries are held.
    public var count: Int { lock.withLock { slots.count } }
}
