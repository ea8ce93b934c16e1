import Logging
import ServiceLifecycle

/// Work repeated on a fixed interval beside the HTTP server (publishing scheduled posts, deleting
/// abandoned uploads). Run by ServiceLifecycle; a failure is logged and the next round goes on;
/// it stops on graceful shutdown.
struct PeriodicJob: Service {
    let name: String
    let interval: Duration
    let logger: Logger
    let work: @Sendable () throws -> Void

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try work()
                } catch {
                    logger.error("\(name) failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
