import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import StarlingCore

/// JSON responses, written by `JSONWriter` (the serializers give Mastodon's shapes).
enum APIResponse {
    static func json(status: HTTPResponse.Status = .ok, headers: HTTPFields = [:],
                     _ body: (inout JSONWriter) throws -> Void) rethrows -> Response {
        let bytes = try JSONWriter.write(capacity: 4096, body)
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// An empty JSON object, the answer to actions that return nothing.
    static func emptyObject() -> Response { json { $0.object { _ in } } }

    /// An empty JSON array (custom emojis, announcements: Starling has none).
    static func emptyArray() -> Response { json { $0.array([String]()) { $0.string($1) } } }

    /// Mastodon's error body: `{"error": "...", "error_description": "..."}`.
    static func error(_ status: HTTPResponse.Status, _ message: String, description: String? = nil) -> Response {
        json(status: status) { json in
            json.object { json in
                json.field("error", message)
                if let description { json.field("error_description", description) }
            }
        }
    }
}

/// Request parameters of an API call, from the query string and a form or JSON body alike.
/// JSON objects are flattened to Rails-style names (`poll[options][]`), as Mastodon accepts both.
struct APIParameters {
    private var form: FormData

    static func read(_ request: Request, context: WebContext) async throws -> APIParameters {
        var request = request
        var form = try FormData(urlEncoded: Array((request.uri.query ?? "").utf8))
        guard request.method == .post || request.method == .put || request.method == .patch else { return APIParameters(form: form) }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: context.maxAPIBodySize)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge)
        }
        let contentType = (request.headers[.contentType] ?? "").lowercased()
        if contentType.hasPrefix("application/json") {
            guard case .object(let object)? = JSONValue(parsing: body.readableBytesView) else {
                throw DomainError.invalid(field: "body", message: "The body is not a JSON object.")
            }
            flatten(.object(object), prefix: nil, into: &form)
        } else {
            form.merge(try FormData(body: body, contentType: contentType))
        }
        return APIParameters(form: form)
    }

    private static func flatten(_ value: JSONValue, prefix: String?, into form: inout FormData) {
        switch value {
        case .object(let object):
            for (key, inner) in object { flatten(inner, prefix: prefix.map { "\($0)[\(key)]" } ?? key, into: &form) }
        case .array(let array):
            for inner in array { flatten(inner, prefix: (prefix ?? "") + "[]", into: &form) }
        case .string(let text), .number(let text):
            if let prefix { form.append(prefix, text) }
        case .bool(let value):
            if let prefix { form.append(prefix, value ? "true" : "false") }
        case .null:
            break
        }
    }

    /// A parameter's value; an empty value counts as absent.
    subscript(_ name: String) -> String? { form[name].flatMap { $0.isEmpty ? nil : $0 } }

    /// A parameter's value as sent, empty included (for fields that can be cleared).
    func raw(_ name: String) -> String? { form[name] }

    /// A file sent in a multipart body.
    func file(_ name: String) -> UploadedFile? { form.files[name] }

    /// All values of a repeated parameter (`types[]=a&types[]=b`).
    func values(_ name: String) -> [String] { form.values(name) }

    /// A boolean the way clients send it: true/false, 1/0, on/off.
    func bool(_ name: String) throws -> Bool? {
        guard let raw = self[name]?.lowercased() else { return nil }
        switch raw {
        case "true", "1", "on", "yes": return true
        case "false", "0", "off", "no": return false
        default: throw DomainError.invalid(field: name, message: "\(name) must be true or false.")
        }
    }

    func id(_ name: String) throws -> ID? { try form.id(name) }

    /// A datetime in ISO 8601 (`2026-11-21T14:19:05Z`, fractions and offsets allowed), or nil when absent.
    func date(_ name: String) throws -> Date? {
        guard let raw = self[name] else { return nil }
        guard let date = ISO8601.parse(raw) else {
            throw DomainError.invalid(field: name, message: "\(name) must be a date and time like 2026-11-21T14:19:05Z.")
        }
        return date
    }

    /// All values of a repeated id parameter; any that is not an id is refused by name.
    func ids(_ name: String) throws -> [ID] {
        try values(name).filter { !$0.isEmpty }.map { value in
            guard let id = ID(value) else { throw DomainError.invalid(field: name, message: "\(name) must hold ids.") }
            return id
        }
    }

    /// The page cursor (`max_id`, `since_id`, `min_id`, `limit`) with Mastodon's limits.
    func page(defaultLimit: Int = 20) throws -> PageRequest {
        try form.pageRequest(defaultLimit: defaultLimit, strictLimit: true)
    }
}

extension FormData {
    mutating func merge(_ other: FormData) {
        for (name, values) in other.allFields { for value in values { append(name, value) } }
        for (name, file) in other.files { files[name] = file }
    }
}

/// The `Link` header clients follow to page: `next` (older) and `prev` (newer).
enum PageLinks {
    static func header(base: String, request: Request, newest: ID?, oldest: ID?) -> HTTPFields {
        guard let newest, let oldest else { return [:] }
        var components = URLComponents()
        components.queryItems = (URLComponents(string: request.uri.description)?.queryItems ?? [])
            .filter { !["max_id", "since_id", "min_id"].contains($0.name) }
        func link(_ item: URLQueryItem) -> String {
            var c = components
            c.queryItems = (c.queryItems ?? []) + [item]
            return "<\(base)\(request.uri.path)?\(c.percentEncodedQuery ?? "")>"
        }
        let value = "\(link(URLQueryItem(name: "max_id", value: oldest.description))); rel=\"next\", "
            + "\(link(URLQueryItem(name: "min_id", value: newest.description))); rel=\"prev\""
        return [HTTPField.Name("Link")!: value]
    }
}

/// Reads ISO 8601 datetimes as clients write them: `Z` or an offset (`+01:00`, `+0100`), with or
/// without a fraction of a second (Python writes microseconds).
enum ISO8601 {
    static func parse(_ text: String) -> Date? {
        var text = text.trimmingCharacters(in: .whitespaces)
        // An offset without a colon (+0100) gets one.
        if let match = text.firstMatch(of: /([+-]\d\d)(\d\d)$/) {
            text = String(text[..<match.range.lowerBound]) + match.1 + ":" + match.2
        }
        // Fractions beyond milliseconds are cut to milliseconds.
        if let match = text.firstMatch(of: /\.(\d{3})\d+/) {
            text.replaceSubrange(match.range, with: "." + match.1)
        }
        let withFraction = ISO8601DateFormatter(), plain = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        plain.formatOptions = [.withInternetDateTime]
        return withFraction.date(from: text) ?? plain.date(from: text)
    }
}
