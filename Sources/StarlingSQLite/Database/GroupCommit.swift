import Foundation

/// Writes committed together: the first of a group waits `window`, the writes that arrive meanwhile join it,
/// and all of them run on the writer, each as a unit of its own (a savepoint: one that fails is undone alone),
/// in one transaction. Each caller resumes once that transaction is committed, so a write that returned is as
/// durable as any other.
///
/// For writes that arrive in bursts from machines rather than people (notes from other servers): each commit
/// makes every timeline page kept for the API stale (see `Database.changeStamp`), so 200 notes a second
/// committed one by one leave no page to reuse; in groups they commit a few dozen times a second.
final class GroupCommit: @unchecked Sendable { // `waiting` is guarded by `lock`
    /// A write waiting for its group: runs it inside the group's transaction and returns how to resume its
    /// caller; or resumes its caller with the group's failure.
    private struct Member: Sendable {
        let run: @Sendable (Connection) -> @Sendable () -> Void
        let fail: @Sendable (any Error) -> Void
    }

    let window: Duration
    private let database: Database
    private let lock = NSLock()
    private var waiting: [Member] = []

    init(database: Database, window: Duration) {
        self.database = database
        self.window = window
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
            let resumptions = try await database.writeOffPool { connection in members.map { $0.run(connection) } }
            for resume in resumptions { resume() }
        } catch {
            for member in members { member.fail(error) }
        }
    }
}
