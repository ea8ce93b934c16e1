import Foundation

/// One email as Starling writes it: to one person, with a plain-text and an HTML part, and (for the
/// emails a person chose) a link that turns that kind off again.
public struct EmailMessage: Sendable, Equatable, Codable {
    public var to: String
    public var subject: String
    public var text: String
    public var html: String
    /// The one-click unsubscribe address (`List-Unsubscribe`), for emails a person can turn off.
    public var unsubscribeURL: String?

    public init(to: String, subject: String, text: String, html: String, unsubscribeURL: String? = nil) {
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.unsubscribeURL = unsubscribeURL
    }
}

/// Sends email (SMTP in the server). `send` blocks until the mail server took the message or refused it,
/// so it is called from the job queue's own thread, never while answering a request.
public protocol Mailer: Sendable {
    func send(_ message: EmailMessage) throws
}

/// The emails a person may choose to get, and whether each is on until they choose.
public enum EmailKind: String, Sendable, CaseIterable, Codable {
    case mentions, directPosts = "direct_posts", eventReminders = "event_reminders", dueReviews = "due_reviews", weeklyDigest = "weekly_digest"

    /// Reminders of events someone said they would attend are on until they turn them off; the rest off.
    public var isOnByDefault: Bool { self == .eventReminders }

    /// What the settings page calls it.
    public var label: String {
        switch self {
        case .mentions: "When someone mentions me"
        case .directPosts: "Direct posts to me"
        case .eventReminders: "Reminders of events I am going to"
        case .dueReviews: "When recall checks are due"
        case .weeklyDigest: "A weekly digest of what I missed"
        }
    }
}

/// A person's email choices: which kinds they get.
public struct EmailPreferences: Sendable, Equatable {
    public var enabled: Set<EmailKind>

    public init(enabled: Set<EmailKind> = Set(EmailKind.allCases.filter(\.isOnByDefault))) {
        self.enabled = enabled
    }

    public func wants(_ kind: EmailKind) -> Bool { enabled.contains(kind) }
}
