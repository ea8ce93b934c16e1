import Foundation
import Hummingbird
import StarlingCore

/// Notes that the signed-in person (web session or API token) was active today, and active in a program
/// when what they opened or did succeeded under its path (`/programs/ID/…`, `/api/starling/v1/programs/ID/…`).
/// Noting is a set lookup; the records are written in batches beside the server (`ActivityLog.flush`).
/// Threads, events and reviews, whose paths do not name their program, note it where they are served.
struct ActivityMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let activity: ActivityLog

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        guard let viewer = context.viewer else { return try await next(request, context) }
        activity.record(viewer.id)
        let response = try await next(request, context)
        if response.status.code < 400, let programID = Self.programID(in: request.uri.path) {
            activity.record(viewer.id, in: programID)
        }
        return response
    }

    /// The program a path is under, if any.
    static func programID(in path: String) -> ID? {
        var rest = Substring(path)
        if rest.hasPrefix("/api/starling/v1") { rest = rest.dropFirst("/api/starling/v1".count) }
        guard rest.hasPrefix("/programs/") else { return nil }
        return ID(String(rest.dropFirst("/programs/".count).prefix { $0 != "/" }))
    }
}
