import Foundation

/// A post's source text split into plain text, hashtags, mentions and links.
///
/// Rendering builds HTML only from these tokens, escaping every piece of user text, so no markup,
/// script, style or event handler written by a user can ever reach a page.
public struct PostText: Sendable {
    /// One piece of the text, in order.
    public enum Token: Sendable, Equatable {
        case text(String)
        case newline
        case hashtag(String)
        case mention(String)
        case link(String)
    }

    public let tokens: [Token]

    public init(_ source: String) {
        tokens = PostText.tokenize(PostText.normalize(source))
    }

    /// Hashtags in order of first use, each once (compared without case), in the case first written.
    public var hashtags: [String] {
        var seen = Set<String>()
        return tokens.compactMap {
            guard case .hashtag(let tag) = $0, seen.insert(Tag.key(tag)).inserted else { return nil }
            return tag
        }
    }

    /// Mentioned usernames in order, each once (compared without case).
    public var mentions: [String] {
        var seen = Set<String>()
        return tokens.compactMap {
            guard case .mention(let name) = $0, seen.insert(name.lowercased()).inserted else { return nil }
            return name
        }
    }

    /// Sanitized HTML: paragraphs, line breaks, and links for tags, known mentions and URLs.
    /// - Parameter resolveMention: the canonical username for a mention, or nil when nobody has that name.
    public func html(resolveMention: (String) -> String?) -> String {
        var paragraphs: [String] = []
        var current = ""
        var pendingNewlines = 0
        func flushNewlines() {
            if pendingNewlines >= 2, !current.isEmpty {
                paragraphs.append(current)
                current = ""
            } else if pendingNewlines == 1, !current.isEmpty {
                current += "<br>"
            }
            pendingNewlines = 0
        }
        for token in tokens {
            if case .newline = token { pendingNewlines += 1; continue }
            flushNewlines()
            switch token {
            case .text(let text):
                current += text.htmlEscaped
            case .hashtag(let tag):
                let path = tag.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? tag
                current += "<a href=\"/tags/\(path.htmlEscaped)\" class=\"hashtag\" rel=\"tag\">#\(tag.htmlEscaped)</a>"
            case .mention(let name):
                if let username = resolveMention(name) {
                    current += "<a href=\"/@\(username.htmlEscaped)\" class=\"mention\">@\(username.htmlEscaped)</a>"
                } else {
                    current += "@\(name.htmlEscaped)"
                }
            case .link(let url):
                let shown = url.replacingOccurrences(of: "https://", with: "").replacingOccurrences(of: "http://", with: "")
                current += "<a href=\"\(url.htmlEscaped)\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">\(shown.htmlEscaped)</a>"
            case .newline:
                break
            }
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs.map { "<p>\($0)</p>" }.joined()
    }

    /// A short free-text field (a title, a keyword, alt text, a comment) as stored: normalized and
    /// trimmed, at most `maxLength` characters, and not empty when `required`; refused by `name`.
    static func field(_ raw: String, name: String, maxLength: Int, required: Bool) throws -> String {
        let text = normalize(raw).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !required || !text.isEmpty else { throw DomainError.invalid(field: name, message: "\(name) is required.") }
        guard text.count <= maxLength else {
            throw DomainError.invalid(field: name, message: "\(name) has at most \(maxLength) characters.")
        }
        return text
    }

    /// Line endings made `\n`; control characters other than newline and tab removed.
    static func normalize(_ source: String) -> String {
        String(source.withUnixLineEndings.unicodeScalars.filter { scalar in
            scalar == "\n" || scalar == "\t" || !(scalar.properties.generalCategory == .control)
        }.map(Character.init))
    }

    private static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    private static func tokenize(_ text: String) -> [Token] {
        let chars = Array(text)
        var tokens: [Token] = []
        var plain = ""
        var i = 0
        func emit(_ token: Token) {
            if !plain.isEmpty { tokens.append(.text(plain)); plain = "" }
            tokens.append(token)
        }
        while i < chars.count {
            let c = chars[i]
            let atWordStart = i == 0 || !(isWordCharacter(chars[i - 1]) || chars[i - 1] == "&" || chars[i - 1] == "/")
            if c == "\n" {
                emit(.newline)
                i += 1
            } else if c == "#", atWordStart, let (tag, end) = hashtag(in: chars, from: i + 1) {
                emit(.hashtag(tag))
                i = end
            } else if c == "@", atWordStart, let (name, end) = username(in: chars, from: i + 1) {
                emit(.mention(name))
                i = end
            } else if c == "h", atWordStart, let (url, end) = link(in: chars, from: i) {
                emit(.link(url))
                i = end
            } else {
                plain.append(c)
                i += 1
            }
        }
        if !plain.isEmpty { tokens.append(.text(plain)) }
        return tokens
    }

    /// A hashtag body: letters, digits and underscores, with single hyphens inside (#leadership-lab).
    /// It needs at least one letter or underscore, so "#1" is not a tag.
    private static func hashtag(in chars: [Character], from start: Int) -> (String, Int)? {
        var end = start
        while end < chars.count {
            if isWordCharacter(chars[end]) {
                end += 1
            } else if chars[end] == "-", end > start, end + 1 < chars.count, isWordCharacter(chars[end + 1]) {
                end += 1
            } else {
                break
            }
        }
        guard end > start, end - start <= Tag.maxLength else { return nil }
        let body = chars[start..<end]
        guard body.contains(where: { $0.isLetter || $0 == "_" }) else { return nil }
        return (String(body), end)
    }

    /// A username: ASCII letters, digits and underscores (the same rule as sign-up).
    private static func username(in chars: [Character], from start: Int) -> (String, Int)? {
        var end = start
        while end < chars.count, chars[end].isASCII, isWordCharacter(chars[end]) { end += 1 }
        guard end > start, end - start <= 30 else { return nil }
        if end < chars.count, chars[end] == "@" { return nil } // a remote address: not ours
        return (String(chars[start..<end]), end)
    }

    /// An http(s) URL up to the next space, without trailing punctuation.
    private static func link(in chars: [Character], from start: Int) -> (String, Int)? {
        let rest = String(chars[start..<min(chars.count, start + 8)]).lowercased()
        guard rest.hasPrefix("https://") || rest.hasPrefix("http://") else { return nil }
        var end = start
        while end < chars.count, !chars[end].isWhitespace, chars[end] != "<", chars[end] != ">", chars[end] != "\"" { end += 1 }
        while end > start, ".,;:!?)'".contains(chars[end - 1]) { end -= 1 }
        let url = String(chars[start..<end])
        guard url.count > (rest.hasPrefix("https") ? 8 : 7), URL(string: url)?.host != nil else { return nil }
        return (url, end)
    }
}

extension PostText {
    /// Rendered HTML with its site-relative links (`href="/tags/x"`) made absolute under `base`, for
    /// readers elsewhere (apps, other servers).
    public static func withAbsoluteLinks(_ html: String, base: String) -> String {
        html.replacingBytes("href=\"/", with: "href=\"\(base)/")
    }
}

extension Tag {
    public static let maxLength = 100

    /// The comparison key of a tag name: the same tag whatever its case.
    public static func key(_ name: String) -> String { name.lowercased() }

    /// `name` when it is a hashtag's name (without its `#`), else `DomainError.invalid` saying what one is.
    public static func checked(_ name: String) throws -> String {
        let parsed = PostText("#" + name).hashtags
        guard parsed.count == 1, let tag = parsed.first, tag == name else {
            throw DomainError.invalid(field: "tag", message: "A hashtag has letters, digits, underscores and inner hyphens.")
        }
        return tag
    }
}
