import Prometheus
import StarlingCore

extension ServerMetrics {
    /// Metrics kept in a Prometheus registry of their own, which `/metrics` writes out. Database calls
    /// take tens of microseconds on SQLite, so their histogram starts far below the default's 5 ms.
    public static func prometheus() -> ServerMetrics {
        var factory = PrometheusMetricsFactory(registry: PrometheusCollectorRegistry())
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        factory.durationHistogramBuckets["starling_database_call_duration_seconds"] = [
            .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2),
        ]
        return ServerMetrics(factory: factory)
    }
}
