import Foundation

/// Renders the Markdown of knowledge pages as HTML, safely: every piece of text is escaped, so no
/// markup a writer types ever reaches a page. Supported: headings (#, ##, ### as h2–h4: the page
/// title is the h1), paragraphs, quotes (>), bullet and numbered lists, fenced code, **bold**,
/// *italic*, `code`, [links](url) to http(s) addresses or paths on this server, and ![images](url)
/// uploaded to this server (`/media/...`, as a saved how-to guide's steps are).
enum Markdown {
    static func html(_ source: String) -> HTML {
        var out = ""
        var paragraph: [String] = [], quote: [String] = [], list: [String] = []
        var listTag = "ul", code: [String]?
        func flush() {
            if !paragraph.isEmpty { out += "<p>" + paragraph.map(inline).joined(separator: "<br>") + "</p>"; paragraph = [] }
            if !quote.isEmpty { out += "<blockquote><p>" + quote.map(inline).joined(separator: "<br>") + "</p></blockquote>"; quote = [] }
            if !list.isEmpty { out += "<\(listTag)>" + list.map { "<li>" + inline($0) + "</li>" }.joined() + "</\(listTag)>"; list = [] }
        }
        for raw in source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = String(raw)
            if let lines = code {
                if line.hasPrefix("```") { out += "<pre><code>" + lines.joined(separator: "\n").htmlEscaped + "</code></pre>"; code = nil }
                else { code = lines + [line] }
                continue
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") { flush(); code = []; continue }
            if trimmed.isEmpty { flush(); continue }
            if let level = ["### ", "## ", "# "].firstIndex(where: trimmed.hasPrefix) {
                flush()
                let size = 3 - level, tag = "h\(size + 1)"
                out += "<\(tag)>" + inline(String(trimmed.dropFirst(size + 1))) + "</\(tag)>"
            } else if trimmed.hasPrefix(">") {
                if !paragraph.isEmpty || !list.isEmpty { flush() }
                quote.append(String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces))
            } else if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") {
                if !paragraph.isEmpty || !quote.isEmpty || listTag != "ul" { flush() }
                listTag = "ul"
                list.append(String(trimmed.dropFirst(2)))
            } else if let dot = trimmed.firstIndex(of: "."), trimmed[..<dot].allSatisfy(\.isNumber), !trimmed[..<dot].isEmpty,
                      trimmed[trimmed.index(after: dot)...].hasPrefix(" ") {
                if !paragraph.isEmpty || !quote.isEmpty || listTag != "ol" { flush() }
                listTag = "ol"
                list.append(String(trimmed[trimmed.index(dot, offsetBy: 2)...]))
            } else {
                if !quote.isEmpty || !list.isEmpty { flush() }
                paragraph.append(trimmed)
            }
        }
        if let lines = code { out += "<pre><code>" + lines.joined(separator: "\n").htmlEscaped + "</code></pre>" }
        flush()
        return HTML(raw: out)
    }

    /// Inline marks within one line of text: code first (its content is literal), then links, bold and italic.
    static func inline(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let tick = rest.firstIndex(of: "`"), let end = rest[rest.index(after: tick)...].firstIndex(of: "`") {
            out += emphasis(links(String(rest[..<tick])))
            out += "<code>" + String(rest[rest.index(after: tick)..<end]).htmlEscaped + "</code>"
            rest = rest[rest.index(after: end)...]
        }
        return out + emphasis(links(String(rest)))
    }

    /// `[text](url)` as links (only http(s) and local paths) and `![alt](/media/...)` as images of this
    /// server, the rest escaped.
    private static func links(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]"),
              rest.index(after: close) < rest.endIndex, rest[rest.index(after: close)] == "(",
              let paren = rest[close...].firstIndex(of: ")") {
            let label = String(rest[rest.index(after: open)..<close])
            let url = String(rest[rest.index(close, offsetBy: 2)..<paren])
            let before = rest[..<open]
            if before.hasSuffix("!"), url.hasPrefix("/media/"), !url.contains("..") {
                pieces.append(.text(String(before.dropLast())))
                pieces.append(.image(label, url))
                rest = rest[rest.index(after: paren)...]
                continue
            }
            pieces.append(.text(String(before)))
            let safe = url.hasPrefix("https://") || url.hasPrefix("http://") || (url.hasPrefix("/") && !url.hasPrefix("//"))
            pieces.append(safe ? .link(label, url) : .text(String(rest[open...paren])))
            rest = rest[rest.index(after: paren)...]
        }
        pieces.append(.text(String(rest)))
        return pieces
    }

    private enum Piece {
        case text(String)
        case link(String, String)
        case image(String, String)
    }

    private static func emphasis(_ pieces: [Piece]) -> String {
        pieces.map { piece -> String in
            switch piece {
            case .text(let text): marks(text.htmlEscaped)
            case .link(let label, let url): "<a href=\"\(url.htmlEscaped)\" rel=\"nofollow noopener\">\(marks(label.htmlEscaped))</a>"
            case .image(let alt, let url): "<img src=\"\(url.htmlEscaped)\" alt=\"\(alt.htmlEscaped)\" loading=\"lazy\">"
            }
        }.joined()
    }

    /// `**bold**` and `*italic*` in already escaped text (asterisks are never escaped, so pairs stay pairs).
    private static func marks(_ escaped: String) -> String {
        func wrap(_ text: String, _ delimiter: String, _ tag: String) -> String {
            let parts = text.components(separatedBy: delimiter)
            guard parts.count >= 3 else { return text }
            var out = parts[0]
            for index in 1..<parts.count {
                let closing = index % 2 == 0
                if !closing && index == parts.count - 1 { out += delimiter + parts[index] } // unpaired
                else { out += (closing ? "</\(tag)>" : "<\(tag)>") + parts[index] }
            }
            return out
        }
        return wrap(wrap(escaped, "**", "strong"), "*", "em")
    }
}
