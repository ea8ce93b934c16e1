import CCurl
import Foundation
import StarlingCore

/// Sends email over SMTP with libcurl (STARTTLS or TLS, authentication, certificate checks). libcurl's
/// calls block: they run on the job queue's own thread, never on Swift's cooperative pool, and give up
/// after the configured timeout.
public struct SMTPMailer: Mailer {
    public let settings: SMTPSettings

    public init(settings: SMTPSettings) {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        self.settings = settings
    }

    public func send(_ message: EmailMessage) throws {
        guard let handle = curl_easy_init() else { throw MailError("libcurl could not start a transfer.") }
        defer { curl_easy_cleanup(handle) }
        let scheme = settings.security == .tls ? "smtps" : "smtp"
        let body = Body(MIMEMessage(message: message, sender: settings.sender, senderAddress: settings.senderAddress, date: Date()).bytes)
        let recipients: UnsafeMutablePointer<curl_slist>? = curl_slist_append(nil, "<\(message.to)>")
        defer { curl_slist_free_all(recipients) }
        let seconds = Int(settings.timeout.components.seconds)
        var status = CURLE_OK
        func set(_ result: CURLcode) { if status == CURLE_OK { status = result } }
        set(starling_curl_set_string(handle, CURLOPT_URL, "\(scheme)://\(settings.host):\(settings.port)"))
        set(starling_curl_set_string(handle, CURLOPT_MAIL_FROM, "<\(settings.senderAddress)>"))
        set(starling_curl_set_list(handle, CURLOPT_MAIL_RCPT, recipients))
        set(starling_curl_set_long(handle, CURLOPT_UPLOAD, 1))
        set(starling_curl_set_long(handle, CURLOPT_TIMEOUT, seconds))
        set(starling_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT, min(seconds, 10)))
        set(starling_curl_set_long(handle, CURLOPT_NOSIGNAL, 1))
        if settings.security == .startTLS { set(starling_curl_set_long(handle, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))) }
        if let username = settings.username {
            set(starling_curl_set_string(handle, CURLOPT_USERNAME, username))
            set(starling_curl_set_string(handle, CURLOPT_PASSWORD, settings.password))
        }
        if let caFile = settings.caFile { set(starling_curl_set_string(handle, CURLOPT_CAINFO, caFile)) }
        set(starling_curl_set_read_function(handle) { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            return Unmanaged<Body>.fromOpaque(context).takeUnretainedValue().read(into: buffer, capacity: size * count)
        })
        let unmanaged = Unmanaged.passRetained(body)
        defer { unmanaged.release() }
        set(starling_curl_set_pointer(handle, CURLOPT_READDATA, unmanaged.toOpaque()))
        guard status == CURLE_OK else { throw MailError("libcurl refused an option: \(String(cString: curl_easy_strerror(status)))") }
        let result = curl_easy_perform(handle)
        guard result == CURLE_OK else {
            throw MailError("The mail server \(settings.host):\(settings.port) did not take the email: \(String(cString: curl_easy_strerror(result)))")
        }
    }

    /// The message's bytes, handed to libcurl in pieces as it asks.
    final class Body {
        let bytes: [UInt8]
        var offset = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
            let count = min(capacity, bytes.count - offset)
            guard count > 0 else { return 0 }
            bytes.withUnsafeBufferPointer { source in
                UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + offset, byteCount: count)
            }
            offset += count
            return count
        }
    }
}

/// Why an email could not be handed to the mail server.
public struct MailError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
