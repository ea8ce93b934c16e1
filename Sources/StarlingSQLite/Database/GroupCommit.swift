import Foundation

/// Writes committed together: the first of a group waits `window`, the writes that arrive meanwhile join it,
/// and all of them run on the writer, each as a unit of its own (a savepoint: one that fails is undone alone),
/// in one transaction. Each caller resumes once that transaction is committed, so a write that returned is as
/// durable as any other.
///
/// For writes that arrive in bursts from machines rather than people (notes from other servers): 200 notes a
/// second commit a few dozen times a second rather than 200, and, as their groups do not settle the change stamp
/// (`settles: false`, see `ChangeStamp`), they leave the timeline pages kept for the API in use for a moment.
final class GroupCommit: @unchecked Sendable { // `waiting` is guarded by `lock`
    /// A write waiting for its group: runs it inside the group's transaction and returns how to resume its
    /// caller; or resumes its caller with the group's failure.
    private struct Member: Sendable {
        let run: @Sendable (Connection) -> @Sendable () -> Void
        let fail: @Sendable (any Error) -> Void
    }

    let window: Duration
    /// Whether the group's commits settle the change stamp (`Database.write(settles:)`).
    let settles: Bool
    private let database: Database
    private let lock = NSLock()
    private var waiting: [Member] = []

    init(database: Database, window: Duration, settles: Bool = true) {
        self.database = database
        self.window = window
        self.settles = settles
    }

    /// Runs `body` on the writer in the next group's transaction; returns once that is committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (caller: CheckedContinuation<T, any Error>) in
            let member = Member(
                run: { connection in
                    do {
                        let value = try connection.savepoint { try body(connection) }
                        return { caller.resume(returning: value) }
                    } catch {
                        return { caller.resume(throwing: error) }
                    }
                },
                fail: { caller.resume(throwing: $0) })
            let opensGroup = lock.withLock {
                waiting.append(member)
                return waiting.count == 1
            }
            if opensGroup {
                Task {
                    try? await Task.sleep(for: window)
                    await commit()
                }
            }
        }
    }

    /// Commits the writes waiting now as one transaction, then resumes their callers.
    private func commit() async {
        let members = lock.withLock {
            defer { waiting = [] }
            return waiting
        }
        do {
            let resumptions = try await database.writeOffPool(settles: settles) { connection in members.map { $0.run(connection) } }
            for resume in resumptions { resume() }
        } catch {
            for member in members { member.fail(error) }
        }
    }
}
