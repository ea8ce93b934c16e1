import Hummingbird
import NIOCore

/// The application's responder: the router, and for a web form refused by validation (a
/// `RejectedForm` from `ErrorPageMiddleware`) a second pass through it, a GET of the page the form was
/// sent from, shown with the form refilled and the refusal's status. When that page cannot be shown,
/// an error page says what was wrong.
struct FormRefillingResponder: HTTPResponder {
    let router: RouterResponder<WebContext>
    let pages: WebPages

    func respond(to request: Request, context: WebContext) async throws -> Response {
        do {
            return try await router.respond(to: request, context: context)
        } catch let rejected as RejectedForm {
            guard let back = ErrorPageMiddleware.refererPath(request) else { return await pages.errorResponse(rejected.status, rejected.message, request) }
            var again = context
            again.rejectedForm = rejected
            var head = request.head
            head.method = .get
            head.path = back
            head.headerFields[.contentType] = nil
            head.headerFields[.contentLength] = nil
            var response = try await router.respond(to: Request(head: head, body: .init(buffer: ByteBuffer())), context: again)
            guard response.status == .ok else { return await pages.errorResponse(rejected.status, rejected.message, request) }
            response.status = rejected.status
            return response
        }
    }
}
