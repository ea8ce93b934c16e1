import Logging
import ServiceLifecycle
import StarlingCore

/// Hourly housekeeping beside the HTTP server: deletes uploads that were never attached to a post.
/// Run by ServiceLifecycle; stops on graceful shutdown.
struct Housekeeping: Service {
    let media: MediaService
    let logger: Logger
    var interval: Duration = .seconds(3600)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let removed = try media.removeAbandonedUploads()
                    if removed > 0 { logger.info("Deleted abandoned uploads", metadata: ["count": "\(removed)"]) }
                } catch {
                    logger.error("Housekeeping failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
