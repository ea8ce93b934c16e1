import CoreMetrics
import Foundation

/// What Starling counts and times for the people who run it, under the names `/metrics` shows.
///
/// Recorded through swift-metrics with an explicit factory (Prometheus in the server, nothing by
/// default), so each assembled `Starling` has metrics of its own, also when tests run several in one
/// process. Every metric name is written here, once.
public struct ServerMetrics: Sendable {
    public let factory: any MetricsFactory

    public init(factory: any MetricsFactory = NOOPMetricsHandler.instance) {
        self.factory = factory
    }

    /// Counts a sign-in attempt by how it was made and whether it succeeded.
    public func signIn(_ method: SignInMethod, succeeded: Bool) {
        Counter(label: "starling_sign_ins_total",
                dimensions: [("method", method.rawValue), ("result", succeeded ? "success" : "failure")], factory: factory).increment()
    }

    /// Counts an email handed to the mail server (or refused by it), by kind.
    func email(_ kind: String, sent: Bool) {
        Counter(label: "starling_emails_total", dimensions: [("kind", kind), ("result", sent ? "sent" : "failed")], factory: factory).increment()
    }

    /// Counts a durable job's run by its kind: finished, or failed (to be retried, or for good).
    func jobRun(kind: String, failed: Bool) {
        Counter(label: "starling_jobs_runs_total",
                dimensions: [("kind", kind), ("result", failed ? "failure" : "success")], factory: factory).increment()
    }

    /// Sets the job queue's depth: jobs due now and waiting, jobs planned for later, jobs failed for good.
    public func jobQueue(_ depth: JobQueueDepth) {
        for (state, count) in [("due", depth.due), ("scheduled", depth.scheduled), ("failed", depth.failed)] {
            Gauge(label: "starling_jobs_queued", dimensions: [("state", state)], factory: factory).record(count)
        }
    }

    /// The gauge of open event streams (server-sent events or WebSocket connections).
    public func openStreams(_ transport: String) -> Meter {
        Meter(label: "starling_open_streams", dimensions: [("transport", transport)], factory: factory)
    }

    /// The timer of the database calls of one kind (`read` or `write`).
    public func databaseCalls(_ kind: String) -> CoreMetrics.Timer {
        CoreMetrics.Timer(label: "starling_database_call_duration_seconds", dimensions: [("kind", kind)], factory: factory)
    }

    /// Counts an HTTP request by the route that answered it (its pattern, not the path), method and status,
    /// and records how long it took.
    public func request(route: String, method: String, status: Int, nanoseconds: Int64) {
        Counter(label: "starling_http_requests_total",
                dimensions: [("route", route), ("method", method), ("status", String(status))], factory: factory).increment()
        CoreMetrics.Timer(label: "starling_http_request_duration_seconds",
              dimensions: [("route", route), ("method", method)], factory: factory).recordNanoseconds(nanoseconds)
    }
}

/// How many durable jobs are waiting, by state.
public struct JobQueueDepth: Sendable, Equatable {
    public var due: Int
    public var scheduled: Int
    public var failed: Int

    public init(due: Int, scheduled: Int, failed: Int) {
        self.due = due
        self.scheduled = scheduled
        self.failed = failed
    }
}
