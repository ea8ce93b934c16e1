import Foundation
import StarlingCore

/// An email as bytes on the wire (RFC 5322 with MIME): headers, and a multipart/alternative body with the
/// plain-text and HTML parts in base64 (so any line length and any character survive every relay).
struct MIMEMessage {
    let message: EmailMessage
    let sender: String
    let senderAddress: String
    let date: Date

    var bytes: [UInt8] {
        let boundary = "starling-" + Token.random(bytes: 12)
        var headers = [
            ("From", Self.encodedDisplayName(sender)),
            ("To", message.to),
            ("Subject", Self.encodedWord(message.subject)),
            ("Date", Self.rfc5322Date(date)),
            ("Message-ID", "<\(Token.random(bytes: 16))@\(senderAddress.split(separator: "@").last.map(String.init) ?? "starling")>"),
            ("MIME-Version", "1.0"),
            ("Auto-Submitted", "auto-generated"),
            ("Content-Type", "multipart/alternative; boundary=\"\(boundary)\""),
        ]
        if let unsubscribe = message.unsubscribeURL {
            headers.append(("List-Unsubscribe", "<\(unsubscribe)>"))
            headers.append(("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")) // RFC 8058
        }
        var out = headers.map { "\($0.0): \($0.1)\r\n" }.joined() + "\r\n"
        for (type, body) in [("text/plain", message.text), ("text/html", message.html)] {
            out += "--\(boundary)\r\nContent-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            out += Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]) + "\r\n"
        }
        out += "--\(boundary)--\r\n"
        return Array(out.utf8)
    }

    /// A header value with non-ASCII text as an RFC 2047 encoded word.
    static func encodedWord(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 32 }
        return plain ? text : "=?utf-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    /// `Name <address>` with the name encoded when it is not plain ASCII.
    static func encodedDisplayName(_ sender: String) -> String {
        guard let open = sender.lastIndex(of: "<") else { return sender }
        let name = sender[..<open].trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? String(sender[open...]) : "\(encodedWord(name)) \(sender[open...])"
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
