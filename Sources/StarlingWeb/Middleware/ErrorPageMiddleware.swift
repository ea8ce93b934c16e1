import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import StarlingCore

/// Turns every error into a readable page with the right status, or a Mastodon-style JSON error on
/// API paths; never lets one escape as a crash. A web page that needs a signed-in person sends the
/// browser to the sign-in page instead. A web form refused by validation is passed on to
/// `FormRefillingResponder`, which shows the page it came from refilled. Error pages show the menu and
/// search of whoever is signed in; when the database is away, a 503 that asks it nothing.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let pages: WebPages

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        let api = APIPaths.contains(request.uri.path)
        do {
            return try await next(request, context)
        } catch let rejected as RejectedForm {
            // The application's responder shows the page the form came from; without one, the message.
            if context.rejectedForm == nil, Self.refererPath(request) != nil { throw rejected }
            return await pages.errorResponse(rejected.status, rejected.message, request)
        } catch let error as DomainError {
            if case .unauthorized = error, context.viewer == nil, !api {
                let next = request.method == .get ? request.uri.description : "/"
                return Response.redirect(to: "/signin?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
            }
            let status: HTTPResponse.Status = switch error {
            case .invalid: .unprocessableContent
            case .notFound: .notFound
            case .forbidden: .forbidden
            case .unauthorized: .unauthorized
            case .throttled: .tooManyRequests
            case .tooLarge: .contentTooLarge
            case .conflict: .conflict
            }
            if api {
                if case .invalid(let field, let message) = error {
                    return APIResponse.error(status, "Validation failed: \(message)", description: field)
                }
                return APIResponse.error(status, error.message)
            }
            return await page(status, error.message, request)
        } catch StoreError.unavailable {
            // The database went away (several nodes on PostgreSQL): say so, without asking the database anything more.
            let message = StoreError.unavailable.description
            var response = api ? APIResponse.error(.serviceUnavailable, message) : pages.databaseUnavailableResponse(message, request)
            response.headers[.retryAfter] = "5"
            return response
        } catch let error as HTTPError {
            let message = switch error.status {
            case .notFound: "There is no page at this address."
            case .contentTooLarge: "That was more than this server accepts in one request."
            case .methodNotAllowed: "This address does not take that kind of request."
            default: error.body ?? "The request could not be handled."
            }
            return await api ? APIResponse.error(error.status, error.status == .notFound ? "Record not found" : message) : page(error.status, message, request)
        } catch {
            context.logger.error("Unhandled error", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            let message = "Something went wrong on our side. It has been logged."
            return await api ? APIResponse.error(.internalServerError, message) : page(.internalServerError, message, request)
        }
    }

    private func page(_ status: HTTPResponse.Status, _ message: String, _ request: Request) async -> Response {
        await pages.errorResponse(status, message, request)
    }

    /// The path (and query) of the page a form was sent from, when the browser said so.
    static func refererPath(_ request: Request) -> String? {
        guard let referer = request.headers[.referer], let url = URLComponents(string: referer), !url.path.isEmpty else { return nil }
        let path = url.percentEncodedPath + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
        let safe = WebPages.safeReturnPath(path, fallback: "")
        return safe.isEmpty ? nil : safe
    }
}

/// Turns a web form's validation failure (or a conflict, such as a hashtag already taken) into a
/// `RejectedForm` carrying what was typed, for `ErrorPageMiddleware` to send back refilled.
/// Sits after `CSRFMiddleware`, which parsed the form.
struct FormRejectionMiddleware: RouterMiddleware {
    typealias Context = WebContext

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as DomainError where request.method == .post {
            switch error {
            case .invalid(let field, let message):
                throw RejectedForm(action: request.uri.path, values: context.form, field: field, message: message, status: .unprocessableContent)
            case .conflict(let message):
                throw RejectedForm(action: request.uri.path, values: context.form, field: "", message: message, status: .conflict)
            default:
                throw error
            }
        }
    }
}

/// Headers that keep pages safe even if something slipped through: no inline script, no framing; and
/// over HTTPS, HSTS (browsers then refuse plain HTTP to this host for a year).
struct SecurityHeadersMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if context.isHTTPS { response.headers[.strictTransportSecurity] = "max-age=31536000" }
        response.headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        return response
    }
}
