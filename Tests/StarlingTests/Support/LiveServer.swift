import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
@testable import StarlingCore
import StarlingWeb

/// A real Starling server on 127.0.0.1 (at `port`, or a free one) over a `TestWorld`, for the duration of `body`.
/// `options` may list trusted proxies or a metrics token (host and port are the test's); `logger` receives the server's log.
func withLiveServer<T: Sendable>(
    _ world: TestWorld, port: Int = 0, options: ServerOptions = ServerOptions(), logger: Logger? = nil,
    _ body: @Sendable (LiveServer) async throws -> T
) async throws -> T {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    var options = options
    (options.host, options.port) = ("127.0.0.1", port)
    let logger = logger ?? {
        var quiet = Logger(label: "test-server")
        quiet.logLevel = .error
        return quiet
    }()
    let app = buildApplication(starling: world.starling, options: options, logger: logger, onServerRunning: { continuation.yield($0) })
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
            try await app.runService(gracefulShutdownSignals: [])
            return nil
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        let server = LiveServer(port: port)
        do {
            let result = try await body(server)
            try await server.client.shutdown()
            group.cancelAll()
            return result
        } catch {
            try? await server.client.shutdown()
            group.cancelAll()
            throw error
        }
    }
}

/// A live server and a browser already signed in as `login` (password "password1").
func withSignedInBrowser<T: Sendable>(
    _ world: TestWorld, as login: String, _ body: @Sendable (Browser, LiveServer) async throws -> T
) async throws -> T {
    try await withLiveServer(world) { server in
        let browser = server.browser()
        try await browser.signIn(login)
        return try await body(browser, server)
    }
}

/// The address of a live server, and a way to make browsers for it.
struct LiveServer: Sendable {
    let port: Int
    /// Enough connections for a test that holds many streams open at once.
    let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    func browser() -> Browser { Browser(server: self) }
}

/// A response as a test sees it.
struct Page: Sendable {
    let status: Int
    let headers: [(String, String)]
    let body: String

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    var location: String? { header("location") }
}

/// A minimal browser: keeps cookies, fills in the CSRF field of forms it posts, and, as browsers do,
/// names the page it last loaded as the `Referer` of what it sends.
actor Browser {
    let server: LiveServer
    private(set) var cookies: [String: String] = [:]
    private var lastPage: String?

    init(server: LiveServer) { self.server = server }

    func get(_ path: String) async throws -> Page {
        try await send(path, method: .GET, body: nil)
    }

    /// Posts a form; `_csrf` is added from the cookie unless the test gives its own.
    func post(_ path: String, _ fields: [(String, String)], contentType: String = "application/x-www-form-urlencoded") async throws -> Page {
        var fields = fields
        if !fields.contains(where: { $0.0 == "_csrf" }) {
            if cookies["starling_csrf"] == nil { _ = try await get("/signin") }
            fields.append(("_csrf", cookies["starling_csrf"] ?? ""))
        }
        let body = fields.map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }.joined(separator: "&")
        return try await send(path, method: .POST, body: Array(body.utf8), contentType: contentType)
    }

    /// Posts raw bytes as a form body (for malformed input).
    func postRaw(_ path: String, _ bytes: [UInt8]) async throws -> Page {
        try await send(path, method: .POST, body: bytes, contentType: "application/x-www-form-urlencoded")
    }

    typealias FilePart = (field: String, filename: String, bytes: [UInt8])

    /// Posts a multipart form with text fields and one file.
    func postMultipart(_ path: String, fields: [(String, String)], file: FilePart) async throws -> Page {
        try await postMultipart(path, fields: fields, files: [file])
    }

    /// Posts a multipart form with text fields and files.
    func postMultipart(_ path: String, fields: [(String, String)], files: [FilePart]) async throws -> Page {
        let (body, contentType) = Self.multipart(fields: fields, files: files)
        return try await send(path, method: .POST, body: body, contentType: contentType)
    }

    /// A multipart form body with text fields and files, and its content type.
    static func multipart(fields: [(String, String)], files: [FilePart]) -> ([UInt8], String) {
        let boundary = "----starling-test-boundary"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    func signIn(_ login: String, password: String = "password1") async throws {
        let page = try await post("/signin", [("login", login), ("password", password), ("next", "/")])
        guard page.status == 303, cookies["starling_session"] != nil else {
            throw TestFailure("sign-in as \(login) failed with \(page.status)")
        }
    }

    var csrf: String { cookies["starling_csrf"] ?? "" }

    /// The `Cookie` header this browser sends (for tests that open a stream themselves).
    var cookieHeader: (String, String) { ("Cookie", cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }

    private func send(_ path: String, method: HTTPMethod, body: [UInt8]?, contentType: String? = nil) async throws -> Page {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)\(path)")
        request.method = method
        if !cookies.isEmpty {
            request.headers.add(name: "Cookie", value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if let lastPage { request.headers.add(name: "Referer", value: "http://127.0.0.1:\(server.port)\(lastPage)") }
        if method == .GET { lastPage = path }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType ?? "application/octet-stream")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await server.client.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 16 << 20)
        for cookie in response.headers["set-cookie"] {
            let pair = cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || cookie.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return Page(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                    body: String(buffer: buffer))
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Counts streams that are connected, so a test posts only when every one of them listens.
actor Listening {
    private(set) var count = 0
    func add() { count += 1 }

    /// Returns once `expected` streams listen.
    func wait(for expected: Int) async throws {
        while count < expected { try await Task.sleep(for: .milliseconds(20)) }
    }
}
