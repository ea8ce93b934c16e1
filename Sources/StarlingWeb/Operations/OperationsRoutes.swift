import Foundation
import Hummingbird
import NIOCore
import Prometheus
import StarlingCore

/// What the people who run Starling poll: `/health` (the process answers), `/ready` (its database
/// answers and has this build's schema) and `/metrics` (Prometheus text). None of them needs a
/// session, and none changes anything.
struct OperationsRoutes {
    let starling: Starling
    /// The bearer token `/metrics` asks for; without one, only clients on this machine may read it.
    let metricsToken: String?

    func register(on router: Router<WebContext>) {
        router.get("/health") { _, _ in
            APIResponse.json(headers: [.cacheControl: "no-store"]) { $0.object { $0.field("status", "ok") } }
        }
        router.get("/ready") { _, context in await ready(context) }
        router.get("/metrics") { request, context in try await metrics(request, context) }
    }

    private func ready(_ context: WebContext) async -> Response {
        let problem: String?
        do {
            let stored = try await starling.store.storedSchemaVersion(), current = starling.store.currentSchemaVersion
            problem = stored == current ? nil : "The database has schema version \(stored); this build needs \(current)."
        } catch {
            context.logger.warning("The readiness check could not read the database", metadata: ["error": "\(error)"])
            problem = "The database does not answer."
        }
        return APIResponse.json(status: problem == nil ? .ok : .serviceUnavailable, headers: [.cacheControl: "no-store"]) { json in
            json.object { json in
                json.field("status", problem == nil ? "ready" : "unavailable")
                json.field("schema_version", starling.store.currentSchemaVersion)
                if let problem { json.field("error", problem) }
            }
        }
    }

    private func metrics(_ request: Request, _ context: WebContext) async throws -> Response {
        guard let factory = starling.metrics.factory as? PrometheusMetricsFactory else {
            return APIResponse.error(.notFound, "Metrics are off on this server.")
        }
        if let metricsToken {
            let given = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil } ?? ""
            guard Self.sameBytes(given, metricsToken) else {
                return APIResponse.error(.unauthorized, "Send the metrics token as a bearer token.")
            }
        } else if !IPAddressRange.loopback.contains(where: { $0.contains(context.clientAddress) }) {
            return APIResponse.error(.forbidden, "Metrics are served to this machine only, unless a metrics token is set.")
        }
        starling.metrics.jobQueue(try await starling.store.jobQueueDepth(at: starling.clock.now()))
        var text: [UInt8] = []
        text.reserveCapacity(16 * 1024)
        factory.registry.emit(into: &text)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: text)))
    }

    /// Compares two tokens in time that depends on their length only, not on where they differ.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
