import Foundation
import HTTPTypes
import Hummingbird
import StarlingCore

/// Sets who the client is: the connection's peer, or (when the peer is a trusted reverse proxy)
/// the client named in `X-Forwarded-For`; and whether it spoke HTTPS: to this server, or (by
/// `X-Forwarded-Proto`) to the trusted proxy.
struct ForwardedHeadersMiddleware: RouterMiddleware {
    let proxies: TrustedProxies
    /// Whether this server itself speaks TLS.
    let servesTLS: Bool

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        let peer = context.clientAddress
        context.clientAddress = proxies.clientAddress(peer: peer, forwardedFor: request.headers[.xForwardedFor])
        let forwardedProto = proxies.trusts(peer) ? request.headers[.xForwardedProto]?.split(separator: ",").first : nil
        context.isHTTPS = servesTLS || forwardedProto?.trimmingCharacters(in: .whitespaces).lowercased() == "https"
        return try await next(request, context)
    }
}

/// Gives every request an id (the `X-Request-Id` a proxy sent, when it is well formed, or a new one),
/// puts it on every log line of the request and in the response header; logs one line per request
/// (method, path without the query, status, time) and counts it in the metrics by its route pattern.
struct RequestTelemetryMiddleware: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        var context = context
        if let given = request.headers[.xRequestID], Self.isWellFormed(given) {
            context.logger[metadataKey: "hb.request.id"] = .string(given)
        }
        let id = context.id
        let status: HTTPResponse.Status
        do {
            var response = try await next(request, context)
            response.headers[.xRequestID] = id
            status = response.status
            finish(request, context, status: status, started: started)
            return response
        } catch {
            finish(request, context, status: (error as? any HTTPResponseError)?.status ?? .internalServerError, started: started)
            throw error
        }
    }

    private func finish(_ request: Request, _ context: WebContext, status: HTTPResponse.Status, started: UInt64) {
        let elapsed = DispatchTime.now().uptimeNanoseconds - started
        metrics.request(route: context.endpointPath ?? "unmatched", method: request.method.rawValue, status: status.code,
                        nanoseconds: Int64(elapsed))
        context.logger.info("\(request.method) \(request.uri.path) \(status.code)", metadata: [
            "duration_ms": .stringConvertible((Double(elapsed) / 1e6 * 10).rounded() / 10),
            "client": .string(context.clientAddress),
        ])
    }

    /// Ids a proxy may hand on: 1 to 128 letters, digits, `-`, `_`, `.`, so nothing odd reaches the logs.
    static func isWellFormed(_ id: String) -> Bool {
        (1...128).contains(id.utf8.count) && id.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let xForwardedProto = HTTPField.Name("X-Forwarded-Proto")!
    static let xRequestID = HTTPField.Name("X-Request-Id")!
}
