import Logging
import ServiceLifecycle

/// Work repeated on a fixed interval beside the HTTP server (publishing scheduled posts, deleting
/// abandoned uploads). Run by ServiceLifecycle; a failure is logged and the next round goes on;
/// it stops on graceful shutdown. The work awaits the database (which runs on threads of its own),
/// so it never holds a thread that serves requests while the database works.
struct PeriodicJob: Service {
    let name: String
    let interval: Duration
    let logger: Logger
    /// Whether the work runs once more when the server shuts down (to write what is still held in memory).
    var finishesAtShutdown = false
    let work: @Sendable () async throws -> Void

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
            try await work()
        } catch {
            logger.error("\(name) failed", metadata: ["error": "\(error)"])
        }
    }
}
