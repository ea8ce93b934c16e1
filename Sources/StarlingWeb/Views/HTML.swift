import Hummingbird
import StarlingCore

/// A fragment of HTML. Interpolated strings are escaped; only other `HTML` values (and
/// `trusted:` post HTML that the domain sanitized) are inserted as markup. Safe by default.
public struct HTML: Sendable, ExpressibleByStringInterpolation, ResponseGenerator {
    public private(set) var raw: String

    public init(stringLiteral value: String) { raw = value }
    public init(stringInterpolation: Interpolation) { raw = stringInterpolation.out }
    init(raw: String) { self.raw = raw }

    public struct Interpolation: StringInterpolationProtocol {
        var out = ""
        public init(literalCapacity: Int, interpolationCount: Int) { out.reserveCapacity(literalCapacity * 2) }
        public mutating func appendLiteral(_ literal: String) { out += literal }
        public mutating func appendInterpolation(_ text: String) { out += text.htmlEscaped }
        public mutating func appendInterpolation(_ number: Int) { out += String(number) }
        public mutating func appendInterpolation(_ id: ID) { out += id.description }
        public mutating func appendInterpolation(_ html: HTML) { out += html.raw }
        public mutating func appendInterpolation(_ parts: [HTML]) { for part in parts { out += part.raw } }
        public mutating func appendInterpolation(_ html: HTML?) { if let html { out += html.raw } }
        /// HTML that the domain produced and sanitized (a post's rendered content).
        public mutating func appendInterpolation(trusted html: String) { out += html }
    }

    public static let empty: HTML = ""

    /// The fragment when `condition` holds, nothing otherwise.
    static func when(_ condition: Bool, _ html: @autoclosure () -> HTML) -> HTML { condition ? html() : .empty }

    /// A wide table in a box that scrolls sideways on narrow screens. The box is a named region
    /// people can focus with the keyboard, so they can scroll it without a mouse.
    static func scrolling(_ table: HTML, label: String, class extraClass: String? = nil) -> HTML {
        let classes = ["table-scroll", extraClass].compactMap { $0 }.joined(separator: " ")
        return "<div class=\"\(classes)\" role=\"region\" tabindex=\"0\" aria-label=\"\(label)\">\(table)</div>"
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        HTMLPage(status: .ok, body: self).response()
    }
}

/// A complete HTML response with a status.
struct HTMLPage {
    var status: HTTPResponse.Status
    var body: HTML

    func response() -> Response {
        let buffer = ByteBuffer(string: body.raw)
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .contentLength: String(buffer.readableBytes)],
            body: .init(byteBuffer: buffer)
        )
    }
}
