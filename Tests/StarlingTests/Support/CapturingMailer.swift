import Foundation
@testable import StarlingCore

/// A mail server in memory: keeps what it is handed, or refuses everything while `refusing` is set.
final class CapturingMailer: Mailer, @unchecked Sendable {
    struct Refused: Error {}

    private let lock = NSLock()
    private var messages: [EmailMessage] = []
    private var isRefusing = false

    var sent: [EmailMessage] { lock.withLock { messages } }

    /// Messages to `address`, oldest first.
    func sent(to address: String) -> [EmailMessage] { sent.filter { $0.to == address } }

    var refusing: Bool {
        get { lock.withLock { isRefusing } }
        set { lock.withLock { isRefusing = newValue } }
    }

    func send(_ message: EmailMessage) throws {
        try lock.withLock {
            if isRefusing { throw Refused() }
            messages.append(message)
        }
    }
}

extension EmailMessage {
    /// The first link in the plain-text part that starts with `prefix`.
    func link(startingWith prefix: String) -> String? {
        text.split(whereSeparator: \.isWhitespace).map(String.init).first { $0.hasPrefix(prefix) }
    }
}
