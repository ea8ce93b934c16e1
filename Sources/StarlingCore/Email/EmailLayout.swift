import Foundation

/// How every email Starling sends looks: a greeting, paragraphs, one button-like link, and a footer that
/// says why the person gets it. Written once as plain text and once as HTML (escaped), from the same parts.
struct EmailLayout {
    var organization: String
    var greeting: String
    var paragraphs: [String]
    /// Lines shown as a list (posts of a digest, say), each with an optional link.
    var items: [(text: String, url: String?)] = []
    var action: (label: String, url: String)?
    var footer: String

    func message(to: String, subject: String, unsubscribeURL: String? = nil) -> EmailMessage {
        var text = greeting + "\n\n" + paragraphs.joined(separator: "\n\n")
        if !items.isEmpty { text += "\n\n" + items.map { "- " + $0.text + ($0.url.map { "\n  " + $0 } ?? "") }.joined(separator: "\n") }
        if let action { text += "\n\n\(action.label):\n\(action.url)" }
        text += "\n\n-- \n\(footer)"
        if let unsubscribeURL { text += "\nTurn these emails off: \(unsubscribeURL)" }
        var html = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>\(subject.htmlEscaped)</title></head>
            <body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2328; max-width: 36em;">
            <p>\(greeting.htmlEscaped)</p>
            """
        for paragraph in paragraphs { html += "<p>\(paragraph.htmlEscaped)</p>\n" }
        if !items.isEmpty {
            html += "<ul>" + items.map { item in
                "<li>" + (item.url.map { "<a href=\"\($0.htmlEscaped)\">\(item.text.htmlEscaped)</a>" } ?? item.text.htmlEscaped) + "</li>"
            }.joined() + "</ul>\n"
        }
        if let action {
            html += """
                <p><a href="\(action.url.htmlEscaped)" style="display: inline-block; padding: .5em 1em; background: #2f6f4f; color: #fff; \
                border-radius: 6px; text-decoration: none;">\(action.label.htmlEscaped)</a></p>
                <p style="font-size: .85em; color: #59636e;">Or open \(action.url.htmlEscaped)</p>

                """
        }
        html += "<hr><p style=\"font-size: .85em; color: #59636e;\">\(footer.htmlEscaped)"
        if let unsubscribeURL { html += " <a href=\"\(unsubscribeURL.htmlEscaped)\">Turn these emails off</a>." }
        html += "</p></body></html>\n"
        return EmailMessage(to: to, subject: subject, text: text, html: html, unsubscribeURL: unsubscribeURL)
    }
}
