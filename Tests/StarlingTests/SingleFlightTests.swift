import Testing
import StarlingCore

/// Work shared by the callers who ask for the same key while it runs.
@Suite("Work done once at a time")
struct SingleFlightTests {
    /// How many times the work ran.
    actor Runs {
        var count = 0
        func add() -> Int { count += 1; return count }
    }

    struct Failure: Error {}

    @Test("callers asking for a key while its work is under way share its one result")
    func sharedWhileUnderWay() async throws {
        let flight = SingleFlight<String, Int>(), runs = Runs()
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<10 {
                group.addTask { try await flight.run("key") { try await Task.sleep(for: .milliseconds(100)); return await runs.add() } }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: 1, count: 10))
        #expect(await runs.count == 1)
    }

    @Test("different keys run side by side, and a key asked for again after its work ended runs again")
    func separateKeysAndLaterCalls() async throws {
        let flight = SingleFlight<String, Int>(), runs = Runs()
        async let first = flight.run("a") { try await Task.sleep(for: .milliseconds(50)); return await runs.add() }
        async let second = flight.run("b") { try await Task.sleep(for: .milliseconds(50)); return await runs.add() }
        #expect(Set([try await first, try await second]) == [1, 2])
        #expect(try await flight.run("a") { await runs.add() } == 3)
    }

    @Test("a failure reaches every caller who waited for it")
    func failureShared() async throws {
        let flight = SingleFlight<String, Int>(), runs = Runs()
        let failures = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<5 {
                group.addTask {
                    do {
                        _ = try await flight.run("key") { try await Task.sleep(for: .milliseconds(100)); _ = await runs.add(); throw Failure() }
                        return false
                    } catch { return error is Failure }
                }
            }
            return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(failures == 5)
        #expect(await runs.count == 1)
    }
}
