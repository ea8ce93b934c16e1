import Foundation

/// Waits (up to `seconds`: long, for a busy machine) until `condition` holds, or fails the test.
func eventually(within seconds: Int = 15, _ condition: @Sendable () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(25))
    }
    throw TestFailure("a condition did not come true within \(seconds) seconds")
}
