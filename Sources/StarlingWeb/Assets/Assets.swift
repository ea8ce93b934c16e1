import Hummingbird
import StarlingCore

/// Static files compiled into the binary, served under names that change with their content,
/// so browsers may cache them forever.
enum Assets {
    static let stylesheetPath = "/assets/app-\(SHA256.hex(Stylesheet.css).prefix(12)).css"
    static let scriptPath = "/assets/app-\(SHA256.hex(Script.js).prefix(12)).js"

    /// The site icon: the brand mark, a four-pointed star on the accent gradient. Served at
    /// `/favicon.svg` (linked from every page) and at `/favicon.ico`, where browsers look by default.
    static let faviconSVG = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">\
        <stop offset="0" stop-color="#3a5bd9"/><stop offset="1" stop-color="#7b5cff"/></linearGradient></defs>\
        <rect width="64" height="64" rx="16" fill="url(#g)"/>\
        <path d="M32 10 C34 26 38 30 54 32 C38 34 34 38 32 54 C30 38 26 34 10 32 C26 30 30 26 32 10Z" fill="#fff"/></svg>
        """

    /// The response for an asset path, or nil when there is no such asset.
    static func response(for path: String) -> Response? {
        let (body, type): (String, String)
        let hashedName = path.hasPrefix("/assets/")
        switch path {
        case stylesheetPath: (body, type) = (Stylesheet.css, "text/css; charset=utf-8")
        case scriptPath: (body, type) = (Script.js, "text/javascript; charset=utf-8")
        case "/favicon.svg", "/favicon.ico": (body, type) = (faviconSVG, "image/svg+xml")
        default: return nil
        }
        let buffer = ByteBuffer(string: body)
        return Response(status: .ok, headers: [
            .contentType: type, .contentLength: String(buffer.readableBytes),
            .cacheControl: hashedName ? "public, max-age=31536000, immutable" : "public, max-age=86400",
        ], body: .init(byteBuffer: buffer))
    }
}

/// The default avatar: the person's initials on a color derived from their username.
enum Avatar {
    /// The profile header image every account has (clients expect one).
    static let defaultHeaderSVG = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1500 500"><defs><linearGradient id="g" x1="0" x2="1">\
        <stop offset="0" stop-color="#3a5bd9"/><stop offset="1" stop-color="#7b5cff"/></linearGradient></defs>\
        <rect width="1500" height="500" fill="url(#g)"/></svg>
        """

    static func svg(for account: Account) -> String {
        let digest = SHA256.digest(Array(account.username.lowercased().utf8))
        let hue = (Int(digest[0]) << 8 | Int(digest[1])) % 360
        let initials = account.name.split(separator: " ").prefix(2).compactMap(\.first).map(String.init).joined().uppercased()
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" role="img" aria-label="\(account.name.htmlEscaped)">\
            <rect width="96" height="96" rx="24" fill="hsl(\(hue),62%,46%)"/>\
            <text x="48" y="50" dy=".35em" text-anchor="middle" font-family="system-ui,sans-serif" font-size="38" \
            font-weight="700" fill="#fff">\((initials.isEmpty ? "?" : initials).htmlEscaped)</text></svg>
            """
    }
}
