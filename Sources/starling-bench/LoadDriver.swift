import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Drives the server over loopback HTTP: signed-in browser sessions, and timed runs of one kind of
/// request from many concurrent clients.
struct LoadDriver {
    let client: HTTPClient
    let base: String

    init(port: Int) {
        self.init(client: HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(
            redirectConfiguration: .disallow,
            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 128))), port: port)
    }

    private init(client: HTTPClient, port: Int) {
        self.client = client
        base = "http://127.0.0.1:\(port)"
    }

    /// A driver for another server (another node) that shares this one's client.
    func at(port: Int) -> LoadDriver { LoadDriver(client: client, port: port) }

    /// A signed-in person: their cookies and the CSRF token forms need.
    struct Session: Sendable {
        var cookie: String
        var csrf: String
    }

    /// Waits until the server answers, and returns when it did.
    func waitUntilReady() async throws -> Date {
        for _ in 0..<30_000 {
            if let response = try? await client.execute(HTTPClientRequest(url: base + "/health"), timeout: .seconds(1)),
               response.status == .ok {
                return Date()
            }
            try await Task.sleep(for: .milliseconds(1))
        }
        throw BenchError("the server never answered")
    }

    func signIn(_ username: String, password: String) async throws -> Session {
        let page = try await client.execute(HTTPClientRequest(url: base + "/signin"), timeout: .seconds(10))
        let csrf = Self.cookies(page.headers)["starling_csrf"] ?? ""
        var request = HTTPClientRequest(url: base + "/signin")
        request.method = .POST
        request.headers.add(name: "Cookie", value: "starling_csrf=\(csrf)")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: "_csrf=\(csrf)&login=\(username)&password=\(password)&next=%2F"))
        let response = try await client.execute(request, timeout: .seconds(10))
        guard let session = Self.cookies(response.headers)["starling_session"] else {
            throw BenchError("sign-in as \(username) failed: \(response.status)")
        }
        return Session(cookie: "starling_csrf=\(csrf); starling_session=\(session)", csrf: csrf)
    }

    private static func cookies(_ headers: HTTPHeaders) -> [String: String] {
        var result: [String: String] = [:]
        for header in headers["set-cookie"] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            if pair.count == 2 { result[String(pair[0])] = String(pair[1]) }
        }
        return result
    }

    /// The outcome of one timed run.
    struct Result {
        var name: String
        var latenciesMillis: [Double]
        var seconds: Double
        var errors: Int

        func percentile(_ p: Double) -> Double {
            guard !latenciesMillis.isEmpty else { return .nan }
            let sorted = latenciesMillis.sorted()
            return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
        }
        var throughput: Double { Double(latenciesMillis.count) / seconds }
    }

    /// Runs `concurrency` clients, each sending requests made by `request(worker, iteration)` for
    /// `seconds` after a short warm-up; a response with another status than `expect` counts as an error.
    func run(_ name: String, seconds: Double, concurrency: Int, expect: HTTPResponseStatus,
             request: @escaping @Sendable (Int, Int) -> HTTPClientRequest) async throws -> Result {
        let warmup = 1.0
        let start = Date()
        let measureFrom = start + warmup, end = start + warmup + seconds
        let perWorker = try await withThrowingTaskGroup(of: ([Double], Int).self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var latencies: [Double] = []
                    var errors = 0
                    var iteration = 0
                    while Date() < end {
                        let sent = Date()
                        let response = try await client.execute(request(worker, iteration), timeout: .seconds(30))
                        _ = try await response.body.collect(upTo: 16 << 20)
                        let done = Date()
                        iteration += 1
                        guard sent >= measureFrom else { continue }
                        if response.status != expect { errors += 1 }
                        latencies.append(done.timeIntervalSince(sent) * 1000)
                    }
                    return (latencies, errors)
                }
            }
            return try await group.reduce(into: [([Double], Int)]()) { $0.append($1) }
        }
        return Result(name: name, latenciesMillis: perWorker.flatMap(\.0), seconds: seconds, errors: perWorker.map(\.1).reduce(0, +))
    }

    /// One request, timed on its own (what a run's warm-up would leave out).
    func once(_ name: String, expect: HTTPResponseStatus, _ request: HTTPClientRequest) async throws -> Result {
        let sent = Date()
        let response = try await client.execute(request, timeout: .seconds(60))
        _ = try await response.body.collect(upTo: 16 << 20)
        let seconds = Date().timeIntervalSince(sent)
        return Result(name: name, latenciesMillis: [seconds * 1000], seconds: seconds, errors: response.status == expect ? 0 : 1)
    }

    func get(_ path: String, session: Session) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: base + path)
        request.headers.add(name: "Cookie", value: session.cookie)
        return request
    }

    func bearer(_ path: String, token: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: base + path)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        return request
    }

    /// Makes the server's static response as large as the response at `path`.
    func setStaticSize(from path: String, token: String) async throws {
        let sample = try await client.execute(bearer(path, token: token), timeout: .seconds(30))
        let size = try await sample.body.collect(upTo: 16 << 20).readableBytes
        var request = HTTPClientRequest(url: base + "/bench/static/\(size)")
        request.method = .PUT
        _ = try await client.execute(request, timeout: .seconds(10))
    }

    func postForm(_ path: String, _ body: String, session: Session) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: base + path)
        request.method = .POST
        request.headers.add(name: "Cookie", value: session.cookie)
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: "_csrf=\(session.csrf)&" + body))
        return request
    }
}
