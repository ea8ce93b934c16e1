import Logging
import ServiceLifecycle
import StarlingCore

/// Publishes scheduled posts on time: checks once a second for posts whose time has come.
/// Run by ServiceLifecycle beside the HTTP server; stops on graceful shutdown.
struct ScheduledPublisher: Service {
    let schedule: ScheduleService
    let logger: Logger
    var interval: Duration = .seconds(1)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try schedule.publishDue(logger: logger)
                } catch {
                    logger.error("Publishing scheduled posts failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
