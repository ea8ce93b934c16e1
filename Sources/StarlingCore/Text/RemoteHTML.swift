import Foundation

/// The text of HTML another server sent (a Note's `content`), as a post's source here: every tag is
/// dropped, paragraphs and line breaks become line breaks, character references are decoded, and what
/// scripts, styles and other non-text elements hold is left out. The post is then rendered from this text
/// by the same rules as a member's post (`PostText`), so no markup from outside ever reaches a page as it came.
/// A link keeps its whole address: Mastodon splits long ones into hidden and shown parts, whose text together is the address.
public enum RemoteHTML {
    /// At most this many characters of text are kept (a post here has far fewer).
    public static let maximumLength = 20_000

    /// Elements whose content is not text to read.
    private static let hiddenElements: Set<String> = ["script", "style", "template", "noscript", "iframe", "object", "svg", "math", "head", "title"]
    /// Elements that stand on lines of their own.
    private static let blockElements: Set<String> = [
        "p", "div", "blockquote", "pre", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "tr",
    ]

    public static func plainText(_ html: String) -> String {
        var text = ""
        var hiddenUntil: String?
        var rest = Substring(html)
        while let first = rest.first, text.count < maximumLength {
            if first == "<", let tag = tag(at: rest) {
                rest = rest[tag.end...]
                if let hidden = hiddenUntil {
                    if tag.isClosing, tag.name == hidden { hiddenUntil = nil }
                    continue
                }
                if !tag.isClosing, !tag.isSelfClosing, hiddenElements.contains(tag.name) {
                    hiddenUntil = tag.name
                } else if tag.name == "br" {
                    text += "\n"
                } else if blockElements.contains(tag.name) {
                    breakParagraph(&text)
                }
                continue
            }
            rest = rest.dropFirst()
            if hiddenUntil != nil { continue }
            switch first {
            case "&":
                let (decoded, length) = reference(at: rest)
                text += decoded
                rest = rest.dropFirst(length)
            case "\n", "\r", "\t", "\r\n":
                if !text.isEmpty, !text.hasSuffix(" "), !text.hasSuffix("\n") { text += " " }
            default:
                text.append(first)
            }
        }
        return tidied(text)
    }

    /// `text` as a browser shows it: runs of spaces as one, lines without spaces at either end, at most one blank
    /// line in a row, none first or last.
    private static func tidied(_ text: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let tidy = line.split(separator: " ").joined(separator: " ").trimmingCharacters(in: .whitespaces)
            if tidy.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(tidy)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Ends the paragraph written so far (a blank line), once.
    private static func breakParagraph(_ text: inout String) {
        guard !text.isEmpty else { return }
        while text.hasSuffix(" ") { text.removeLast() }
        if text.hasSuffix("\n\n") { return }
        text += text.hasSuffix("\n") ? "\n" : "\n\n"
    }

    /// A tag (or comment, or declaration) starting at `text`: its lowercased name and where it ends; nil
    /// when the `<` starts no tag (`a < b`), which then stays text.
    private static func tag(at text: Substring) -> (name: String, isClosing: Bool, isSelfClosing: Bool, end: Substring.Index)? {
        let afterBracket = text.dropFirst()
        if afterBracket.hasPrefix("!--") {
            let end = afterBracket.range(of: "-->")?.upperBound ?? text.endIndex
            return ("!--", false, true, end)
        }
        guard let next = afterBracket.first, next.isLetter || next == "/" || next == "!" || next == "?" else { return nil }
        // A `>` inside a quoted attribute value does not end the tag.
        var quote: Character?
        var index = afterBracket.startIndex
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == ">" {
                let inside = text[afterBracket.startIndex..<index]
                let isClosing = inside.hasPrefix("/")
                let name = inside.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
                return (name, isClosing, inside.hasSuffix("/"), text.index(after: index))
            }
            index = text.index(after: index)
        }
        return ("", false, true, text.endIndex)  // an unterminated tag takes the rest
    }

    private static let namedReferences: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "hellip": "…", "mdash": "—", "ndash": "–",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "shy": "",
    ]

    /// The character reference after an `&` (`amp;`, `#39;`, `#x1F600;`): its text and how many characters it
    /// took; an `&` that starts none stays itself.
    private static func reference(at text: Substring) -> (String, Int) {
        guard let semicolon = text.prefix(12).firstIndex(of: ";") else { return ("&", 0) }
        let name = text[text.startIndex..<semicolon]
        let length = name.count + 1
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return ("&", 0) }
            return (String(Character(scalar)), length)
        }
        guard let decoded = namedReferences[name.lowercased()] else { return ("&", 0) }
        return (decoded, length)
    }
}
