import Foundation

/// Where timed work reads the time: the system clock when serving, a clock the test moves by hand
/// so schedules run without waiting.
public protocol Clock: Sendable {
    func now() -> Date
}

public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}
