import Foundation
import HTTPTypes
import Hummingbird

/// A web form that failed validation: where it was sent, what the person typed, and what was wrong.
/// `ErrorPageMiddleware` answers it with the page the form came from, the input put back.
struct RejectedForm: Error, Sendable {
    var action: String
    var values: FormData
    /// The form field the message concerns; a field the form does not have puts the message in the summary only.
    var field: String
    var message: String
    var status: HTTPResponse.Status

    /// A form sent back to its page to go on editing, not refused (a button such as "Add more rows"): no message.
    static func sentBack(_ request: Request, _ form: FormData) -> RejectedForm {
        RejectedForm(action: request.uri.path, values: form, field: "", message: "", status: .ok)
    }
}

/// Puts a rejected form's input back into the page it came from, in the manner of Perl's
/// HTML::FillInForm: every page renders its forms empty, and this one step refills them, so no form
/// needs code of its own to keep what people typed. It also marks the field in error
/// (`aria-invalid`, `aria-describedby` naming the message beside it), puts a summary at the top of the
/// form for screen readers, and opens any `<details>` that hides the form or the field.
///
/// It reads markup Starling generated (attributes double-quoted, values escaped), not arbitrary HTML.
enum FormRefill {
    static let summaryID = "form-errors"

    /// `html` with the rejected form refilled, or with the message above everything when the page has no such form.
    static func apply(_ rejected: RejectedForm, to html: String) -> String {
        let forms = html.matches(of: formTag).filter { Tag($0.output).attribute("action") == rejected.action }
        guard let form = forms.max(by: { hiddenMatches($0.range, html, rejected) < hiddenMatches($1.range, html, rejected) }),
              let end = html[form.range.upperBound...].range(of: "</form>") else {
            return summary(rejected, fieldID: nil) + html
        }
        var refilled = Refilling(rejected: rejected)
        let body = refilled.fill(html[form.range.upperBound..<end.lowerBound])
        let before = openingDetails(in: String(html[..<form.range.lowerBound]))
        return before + html[form.range] + summary(rejected, fieldID: refilled.fieldID) + body + html[end.lowerBound...]
    }

    /// How many of the form's hidden fields carry the values that were sent (which of several forms with
    /// one action, such as a page's reply boxes, was the one used).
    private static func hiddenMatches(_ start: Range<String.Index>, _ html: String, _ rejected: RejectedForm) -> Int {
        let rest = html[start.upperBound...]
        let body = rest[..<(rest.range(of: "</form>")?.lowerBound ?? rest.endIndex)]
        return body.matches(of: inputTag).map { Tag($0.output) }.filter {
            $0.attribute("type") == "hidden" && $0.attribute("name").map { rejected.values.values($0) }?.contains($0.attribute("value") ?? "") == true
        }.count
    }

    private static func summary(_ rejected: RejectedForm, fieldID: String?) -> String {
        guard !rejected.message.isEmpty else { return "" }
        let message = rejected.message.htmlEscaped
        let item = fieldID.map { "<a href=\"#\($0)\">\(message)</a>" } ?? message
        return "<div class=\"form-errors\" id=\"\(summaryID)\" role=\"alert\" tabindex=\"-1\"><p><strong>This was not saved.</strong> "
            + "Please check:</p><ul><li>\(item)</li></ul></div>"
    }

    /// `html` (the page before the form) with every `<details>` still open at its end marked open.
    private static func openingDetails(in html: String) -> String {
        var open: [Range<String.Index>] = []
        for match in html.matches(of: detailsTag) {
            if match.output.1.isEmpty { open.append(match.range) } else if !open.isEmpty { open.removeLast() }
        }
        var out = html
        for range in open.reversed() where !Tag(html[range]).has("open") {
            out.replaceSubrange(range, with: Tag(html[range]).setting("open", nil).markup)
        }
        return out
    }

    /// The state of refilling one form's body, tag by tag.
    private struct Refilling {
        let rejected: RejectedForm
        /// How many fields of each name were filled so far (repeated names take the sent values in order).
        var used: [String: Int] = [:]
        var selectName: String?
        var fieldID: String?
        var marked = false

        init(rejected: RejectedForm) { self.rejected = rejected }

        mutating func fill(_ body: Substring) -> String {
            var out = ""
            var index = body.startIndex
            var pendingMessage: String? // placed after the closing tag of the marked textarea or select
            while let match = body[index...].firstMatch(of: fieldTag) {
                out += body[index..<match.range.lowerBound]
                index = match.range.upperBound
                var tag = Tag(match.output)
                switch tag.name {
                case "input":
                    tag = refillInput(tag)
                    let message = markIfInError(&tag)
                    out += tag.markup + (message ?? "")
                case "textarea":
                    let name = tag.attribute("name") ?? ""
                    let message = markIfInError(&tag)
                    guard let close = body[index...].range(of: "</textarea>") else { out += tag.markup; continue }
                    let kept = next(name).map(\.htmlEscaped) ?? String(body[index..<close.lowerBound])
                    out += tag.markup + kept + "</textarea>" + (message ?? "")
                    index = close.upperBound
                case "select":
                    selectName = tag.attribute("name")
                    pendingMessage = markIfInError(&tag)
                    out += tag.markup
                case "/select":
                    selectName = nil
                    out += tag.markup + (pendingMessage ?? "")
                    pendingMessage = nil
                case "option":
                    if let name = selectName, rejected.values.values(name).count > 0 {
                        let chosen = rejected.values.values(name).contains(tag.attribute("value") ?? "")
                        tag = chosen ? tag.setting("selected", nil) : tag.removing("selected")
                    }
                    out += tag.markup
                default:
                    out += tag.markup
                }
            }
            return out + body[index...]
        }

        /// The next sent value of a repeated field name, nil when fewer were sent than the form has.
        private mutating func next(_ name: String) -> String? {
            let values = rejected.values.values(name)
            let position = used[name, default: 0]
            used[name] = position + 1
            return position < values.count ? values[position] : nil
        }

        private mutating func refillInput(_ tag: Tag) -> Tag {
            guard let name = tag.attribute("name"), !name.hasPrefix("_") else { return tag }
            switch tag.attribute("type") ?? "text" {
            case "hidden", "password", "file", "submit", "button", "reset", "image":
                return tag
            case "checkbox", "radio":
                let on = rejected.values.values(name).contains(tag.attribute("value") ?? "on")
                return on ? tag.setting("checked", nil) : tag.removing("checked")
            default:
                guard let value = next(name) else { return tag }
                return tag.setting("value", value)
            }
        }

        /// Marks the first field named in the error; returns the message to place after it.
        private mutating func markIfInError(_ tag: inout Tag) -> String? {
            guard !marked, !rejected.message.isEmpty, let name = tag.attribute("name"), name == rejected.field, tag.attribute("type") != "hidden" else { return nil }
            marked = true
            let messageID = "\(name)-error"
            fieldID = tag.attribute("id")
            let described = [tag.attribute("aria-describedby"), messageID].compactMap { $0 }.joined(separator: " ")
            tag = tag.setting("aria-invalid", "true").setting("aria-describedby", described)
            return "<p class=\"field-error\" id=\"\(messageID)\">\(rejected.message.htmlEscaped)</p>"
        }
    }

    nonisolated(unsafe) private static let formTag = #/<form\b[^>]*>/#
    nonisolated(unsafe) private static let inputTag = #/<input\b[^>]*>/#
    nonisolated(unsafe) private static let detailsTag = #/<(/?)details\b[^>]*>/#
    nonisolated(unsafe) private static let fieldTag = #/<(?:input|textarea|select|/select|option)\b[^>]*>/#
}

/// One start tag as markup Starling wrote it: a name and double-quoted attributes, read and rewritten.
private struct Tag {
    var name: String
    var attributes: [(name: String, value: String?)]
    let selfClosing: Bool

    init(_ markup: Substring) {
        let inner = markup.dropFirst().dropLast()
        selfClosing = inner.hasSuffix("/")
        let text = selfClosing ? inner.dropLast() : inner
        name = String(text.prefix { !$0.isWhitespace }).lowercased()
        attributes = text.dropFirst(name.count).matches(of: #/([^\s=]+)(?:="([^"]*)")?/#).map {
            (String($0.output.1), $0.output.2.map { String($0).htmlUnescaped })
        }
    }

    func attribute(_ key: String) -> String? { attributes.first { $0.name == key }.flatMap { $0.value ?? "" } }
    func has(_ key: String) -> Bool { attributes.contains { $0.name == key } }

    /// The tag with the attribute set (`nil`: a boolean attribute such as `checked`).
    func setting(_ key: String, _ value: String?) -> Tag {
        var tag = removing(key)
        tag.attributes.append((key, value))
        return tag
    }

    func removing(_ key: String) -> Tag {
        var tag = self
        tag.attributes.removeAll { $0.name == key }
        return tag
    }

    var markup: String {
        "<" + name + attributes.map { " " + $0.name + ($0.value.map { "=\"\($0.htmlEscaped)\"" } ?? "") }.joined() + (selfClosing ? "/>" : ">")
    }
}

private extension String {
    /// The five entities `htmlEscaped` writes, read back (attribute values of Starling's own markup).
    var htmlUnescaped: String {
        guard contains("&") else { return self }
        return replacingBytes("&quot;", with: "\"").replacingBytes("&#39;", with: "'").replacingBytes("&lt;", with: "<")
            .replacingBytes("&gt;", with: ">").replacingBytes("&amp;", with: "&")
    }
}
