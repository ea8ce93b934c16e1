import Foundation

/// The organization's mail server, as an admin configured it (flags or `STARLING_SMTP_*`).
public struct SMTPSettings: Sendable {
    /// How the connection is protected: STARTTLS after connecting (port 587), TLS from the start (465), or
    /// nothing (only for a relay on this machine).
    public enum Security: String, Sendable, CaseIterable {
        case startTLS = "starttls", tls, none
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String
    /// The From address, e.g. `Acme Learning <learning@acme.example>`.
    public var sender: String
    /// A PEM file of certificate authorities trusted for the server's certificate (default: the system's).
    public var caFile: String?
    public var timeout: Duration

    public init(host: String, port: Int, security: Security = .startTLS, username: String? = nil, password: String = "",
                sender: String, caFile: String? = nil, timeout: Duration = .seconds(20)) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.sender = sender
        self.caFile = caFile
        self.timeout = timeout
    }

    /// The bare address inside `sender` (`learning@acme.example`).
    public var senderAddress: String {
        if let open = sender.lastIndex(of: "<"), let close = sender.lastIndex(of: ">"), open < close {
            return String(sender[sender.index(after: open)..<close])
        }
        return sender.trimmingCharacters(in: .whitespaces)
    }
}
