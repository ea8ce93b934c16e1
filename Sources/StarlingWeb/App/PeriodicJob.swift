import Logging
import NIOPosix
import ServiceLifecycle

/// Work repeated on a fixed interval beside the HTTP server (publishing scheduled posts, deleting
/// abandoned uploads). Run by ServiceLifecycle; a failure is logged and the next round goes on;
/// it stops on graceful shutdown. The work blocks (it reads and writes the database, for seconds
/// when thousands of reviews fall due at once), so it runs on `BackgroundThread`, never on the
/// threads that serve requests.
struct PeriodicJob: Service {
    let name: String
    let interval: Duration
    let logger: Logger
    /// Whether the work runs once more when the server shuts down (to write what is still held in memory).
    var finishesAtShutdown = false
    let work: @Sendable () throws -> Void

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await runOnce()
                try? await Task.sleep(for: interval)
            }
        }
        // After a graceful shutdown began (not when the whole service is cancelled).
        if finishesAtShutdown && !Task.isCancelled { await runOnce() }
    }

    private func runOnce() async {
        do {
            try await BackgroundThread.run(work)
        } catch {
            logger.error("\(name) failed", metadata: ["error": "\(error)"])
        }
    }
}

/// One thread for background work, beside the threads that serve requests. (Running it at a lower
/// priority was measured: it starved the job of CPU, 134 s instead of 27 s to deliver 10,000 reviews, and
/// requests gained little, as they wait on the database, not on the CPU.)
enum BackgroundThread {
    private static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()

    static func run(_ work: @escaping @Sendable () throws -> Void) async throws {
        try await pool.runIfActive(work)
    }
}
