import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import Testing
@testable import StarlingCore
@testable import StarlingSQLite
@testable import StarlingWeb

/// The value of one sample in Prometheus text (`name{label="value",...} 12`), nil when absent.
func metricValue(_ text: String, _ sample: String) -> Double? {
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
        guard let space = line.lastIndex(of: " "), line[..<space] == sample else { continue }
        return Double(line[line.index(after: space)...])
    }
    return nil
}

@Suite("Health and readiness")
struct HealthTests {
    @Test("/health and /ready answer without a session, and say nothing is wrong")
    func healthy() async throws {
        let world = try await TestWorld()
        try await withLiveServer(world) { server in
            let health = try await server.api("GET", "/health")
            #expect(health.status == 200 && health.string("status") == "ok")
            let ready = try await server.api("GET", "/ready")
            #expect(ready.status == 200 && ready.string("status") == "ready")
            #expect(ready.json["schema_version"] as? Int == world.store.currentSchemaVersion)
            #expect(ready.headers.contains { $0.0.lowercased() == "cache-control" && $0.1 == "no-store" })
        }
    }

    @Test("/ready answers 503 with the reason when the database's schema is not this build's")
    func notReady() async throws {
        let world = try await TestWorld()
        try await withLiveServer(world) { server in
            try await world.markNewerSchema()
            let ready = try await server.api("GET", "/ready")
            #expect(ready.status == 503 && ready.string("status") == "unavailable")
            #expect(ready.string("error").contains("999"))
            #expect(try await server.api("GET", "/health").status == 200)
        }
    }
}

@Suite("Metrics")
struct MetricsTests {
    @Test("request counters move by route pattern and status, with a latency histogram")
    func requests() async throws {
        let world = try await TestWorld(metrics: .prometheus())
        let ada = try await world.member("ada")
        let token = try await world.starling.oauth.issueForScript(account: ada, scopes: "read").token
        try await withLiveServer(world) { server in
            for _ in 0..<3 { _ = try await server.api("GET", "/api/v1/accounts/\(ada.id)", token: token) }
            _ = try await server.api("GET", "/api/v1/accounts/12345", token: token)
            let text = try await server.api("GET", "/metrics")
            #expect(text.status == 200)
            #expect(text.headers.contains { $0.0.lowercased() == "content-type" && $0.1.hasPrefix("text/plain; version=0.0.4") })
            let route = "/api/v1/accounts/{id}"
            #expect(metricValue(text.body, #"starling_http_requests_total{route="\#(route)",method="GET",status="200"}"#) == 3)
            #expect(metricValue(text.body, #"starling_http_requests_total{route="\#(route)",method="GET",status="404"}"#) == 1)
            #expect(metricValue(text.body, #"starling_http_request_duration_seconds_count{route="\#(route)",method="GET"}"#) == 4)
            #expect(metricValue(text.body, #"starling_database_call_duration_seconds_count{kind="read"}"#) ?? 0 > 0)
        }
    }

    @Test("sign-ins are counted by method and result, and failed jobs by kind")
    func signInsAndJobs() async throws {
        // The clock stands still, so the server does not try the failed job again during the test.
        let clock = ManualClock()
        let world = try await TestWorld(clock: clock, metrics: .prometheus())
        try await world.member("ada")
        let now = clock.now()
        try await world.starling.jobs.enqueue("no_such_kind", key: "mystery:1", payload: "", at: now, now: now)
        try await world.starling.jobRunner.runDue(now: now)
        try await withLiveServer(world) { server in
            let browser = server.browser()
            _ = try await browser.post("/signin", [("login", "ada"), ("password", "wrong-password"), ("next", "/")])
            try await browser.signIn("ada")
            let text = try await server.api("GET", "/metrics").body
            #expect(metricValue(text, #"starling_sign_ins_total{method="password",result="failure"}"#) == 1)
            #expect(metricValue(text, #"starling_sign_ins_total{method="password",result="success"}"#) == 1)
            #expect(metricValue(text, #"starling_jobs_runs_total{kind="no_such_kind",result="failure"}"#) == 1)
            #expect(metricValue(text, #"starling_jobs_queued{state="scheduled"}"#) == 1)
        }
    }

    @Test("an open stream counts among the open streams until it closes")
    func openStreams() async throws {
        let world = try await TestWorld(metrics: .prometheus())
        let ada = try await world.member("ada")
        let token = try await world.starling.oauth.issueForScript(account: ada, scopes: "read").token
        try await withLiveServer(world) { server in
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/api/v1/streaming/user")
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            let reading = Task {
                let response = try await server.client.execute(request, timeout: .seconds(30))
                for try await _ in response.body {}
            }
            let sample = #"starling_open_streams{transport="sse"}"#
            var open: Double?
            for _ in 0..<50 where open != 1 {
                try await Task.sleep(for: .milliseconds(50))
                open = metricValue(try await server.api("GET", "/metrics").body, sample)
            }
            #expect(open == 1)
            reading.cancel()
            // The server learns that the client left when a write to the stream fails (the first write after
            // the client closed usually still succeeds); heartbeats do this every 15 seconds, posts sooner.
            for round in 0..<20 where open != 0 {
                try await world.post("after the reader left \(round)", by: ada)
                try await Task.sleep(for: .milliseconds(150))
                open = metricValue(try await server.api("GET", "/metrics").body, sample)
            }
            #expect(open == 0)
        }
    }

    @Test("with a metrics token, /metrics asks for it; without one, it answers this machine only")
    func access() async throws {
        let world = try await TestWorld(metrics: .prometheus())
        try await withLiveServer(world, options: ServerOptions(metricsToken: "s3cret-metrics")) { (server: LiveServer) async throws in
            #expect(try await server.api("GET", "/metrics").status == 401)
            #expect(try await server.api("GET", "/metrics", token: "wrong").status == 401)
            #expect(try await server.api("GET", "/metrics", token: "s3cret-metrics").status == 200)
        }
        // Through a trusted proxy on this machine, a client elsewhere is not this machine.
        let proxied = ServerOptions(trustedProxies: try TrustedProxies(list: "127.0.0.1"))
        try await withLiveServer(world, options: proxied) { (server: LiveServer) async throws in
            #expect(try await server.api("GET", "/metrics").status == 200)
            let outside = try await server.api("GET", "/metrics", headers: [("X-Forwarded-For", "203.0.113.9")])
            #expect(outside.status == 403 && outside.string("error").contains("this machine"))
        }
    }

    @Test("without a Prometheus registry /metrics says metrics are off")
    func off() async throws {
        try await withLiveServer(try await TestWorld()) { server in
            let response = try await server.api("GET", "/metrics")
            #expect(response.status == 404 && response.string("error").contains("off"))
        }
    }
}

@Suite("Reverse proxies")
struct TrustedProxiesTests {
    @Test("HSTS goes out when a trusted proxy says the client spoke HTTPS, never on plain HTTP or on an untrusted word")
    func hsts() async throws {
        let world = try await TestWorld()
        let hsts: @Sendable (APIResult) -> String? = { result in result.headers.first { $0.0.lowercased() == "strict-transport-security" }?.1 }
        try await withLiveServer(world, options: ServerOptions(trustedProxies: try TrustedProxies(list: "127.0.0.1"))) { (server: LiveServer) async throws in
            #expect(hsts(try await server.api("GET", "/health", headers: [("X-Forwarded-Proto", "https")])) == "max-age=31536000")
            #expect(hsts(try await server.api("GET", "/health", headers: [("X-Forwarded-Proto", "http")])) == nil)
            #expect(hsts(try await server.api("GET", "/health")) == nil)
        }
        try await withLiveServer(world) { (server: LiveServer) async throws in
            #expect(hsts(try await server.api("GET", "/health", headers: [("X-Forwarded-Proto", "https")])) == nil)
        }
    }

    @Test("a certificate or key that is missing or not PEM is a readable error")
    func badCertificate() throws {
        let directory = NSTemporaryDirectory() + "starling-cert-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data("not a certificate".utf8).write(to: URL(fileURLWithPath: directory + "/junk.pem"))
        for (cert, key) in [(directory + "/missing.pem", directory + "/junk.pem"), (directory + "/junk.pem", directory + "/junk.pem")] {
            let error = #expect(throws: CertificateError.self) { try ServerCertificate(certificatePath: cert, keyPath: key) }
            #expect(error?.description.contains(cert) == true)
        }
    }

    @Test("addresses and CIDR ranges of both families contain what they should, and nothing else")
    func ranges() throws {
        let proxies = try TrustedProxies(list: "10.0.0.0/8, 192.168.1.7, fd00::/8")
        #expect(proxies.trusts("10.200.3.4") && proxies.trusts("192.168.1.7") && proxies.trusts("fd12::1"))
        #expect(proxies.trusts("::ffff:10.1.2.3"))
        #expect(!proxies.trusts("11.0.0.1") && !proxies.trusts("192.168.1.8") && !proxies.trusts("fe80::1") && !proxies.trusts("nonsense"))
        #expect(IPAddressRange("172.16.0.0/12")?.contains("172.31.255.255") == true)
        #expect(IPAddressRange("172.16.0.0/12")?.contains("172.32.0.0") == false)
        #expect(throws: TrustedProxiesError.self) { try TrustedProxies(list: "10.0.0.0/33") }
        #expect(throws: TrustedProxiesError.self) { try TrustedProxies(list: "proxy.example") }
    }

    @Test("the client is the nearest forwarded address that is not a trusted proxy, and only a trusted peer is believed")
    func clientAddress() throws {
        let proxies = try TrustedProxies(list: "10.0.0.0/8")
        #expect(proxies.clientAddress(peer: "10.0.0.2", forwardedFor: "198.51.100.1, 203.0.113.5, 10.0.0.9") == "203.0.113.5")
        #expect(proxies.clientAddress(peer: "198.51.100.77", forwardedFor: "203.0.113.5") == "198.51.100.77")
        #expect(proxies.clientAddress(peer: "10.0.0.2", forwardedFor: nil) == "10.0.0.2")
        #expect(proxies.clientAddress(peer: "10.0.0.2", forwardedFor: "not-an-address") == "10.0.0.2")
    }
}

@Suite("Request ids and JSON logs")
struct RequestLogTests {
    /// Log lines kept in memory, as a log shipper would receive them.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [[String: Any]] = []
        func append(_ bytes: [UInt8]) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                return lock.withLock { lines.append(["unparsable": String(decoding: bytes, as: UTF8.self)]) }
            }
            lock.withLock { lines.append(object) }
        }
        var all: [[String: Any]] { lock.withLock { lines } }
    }

    @Test("every response carries X-Request-Id; a well-formed one from a proxy is kept, a malformed one replaced")
    func requestIDs() async throws {
        try await withLiveServer(try await TestWorld()) { server in
            let plain = try await server.api("GET", "/health")
            let id = plain.headers.first { $0.0.lowercased() == "x-request-id" }?.1 ?? ""
            #expect(id.count >= 16)
            let kept = try await server.api("GET", "/health", headers: [("X-Request-Id", "edge-42.a_b")])
            #expect(kept.headers.first { $0.0.lowercased() == "x-request-id" }?.1 == "edge-42.a_b")
            let replaced = try await server.api("GET", "/health", headers: [("X-Request-Id", "bad id\"}")])
            let newID = replaced.headers.first { $0.0.lowercased() == "x-request-id" }?.1 ?? ""
            #expect(newID != "bad id\"}" && !newID.isEmpty)
        }
    }

    @Test("JSON log lines parse, and each line of a request names its id")
    func jsonLines() async throws {
        let lines = Lines()
        var logger = Logger(label: "starling") { label in JSONLogHandler(label: label, write: lines.append) }
        logger.logLevel = .info
        try await withLiveServer(try await TestWorld(), logger: logger) { server in
            let response = try await server.api("GET", "/api/v1/accounts/12345?secret=query")
            let id = try #require(response.headers.first { $0.0.lowercased() == "x-request-id" }?.1)
            try await Task.sleep(for: .milliseconds(100))
            let line = try #require(lines.all.first { $0["request_id"] as? String == id })
            #expect(line["level"] as? String == "info" && line["logger"] as? String == "starling")
            #expect(line["message"] as? String == "GET /api/v1/accounts/12345 401")
            #expect(line["client"] as? String == "127.0.0.1" && line["time"] is String)
            #expect(!lines.all.contains { $0["unparsable"] != nil })
            #expect(!lines.all.contains { "\($0)".contains("secret=query") })
        }
    }

    @Test("metadata cannot overwrite the fields the handler writes, and text is escaped")
    func escaping() throws {
        let lines = Lines()
        let handler = JSONLogHandler(label: "x", write: lines.append)
        handler.log(level: .warning, message: "quote \" and\nnewline", metadata: ["level": "fake", "nested": ["a": .array(["1"])]],
                    source: "", file: "", function: "", line: 0)
        let line = try #require(lines.all.first)
        #expect(line["level"] as? String == "warning" && line["message"] as? String == "quote \" and\nnewline")
        #expect((line["nested"] as? [String: Any])?["a"] as? [String] == ["1"])
    }
}
