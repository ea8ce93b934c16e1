import Foundation

/// Email: what Starling sends (invitations, password resets, and the notices each person chose), each
/// through the durable job queue, so a mail server that is down delays mail instead of losing it or
/// slowing a page. Without a mail server (`mailer` nil) nothing is queued and the pages say email is off.
public struct EmailService: Sendable {
    let store: any Store
    let ids: IDGenerator
    let settings: InstanceSettings
    let jobs: JobQueue
    let mailer: (any Mailer)?
    let metrics: ServerMetrics
    let reads: ReadService
    let calendar: DayCalendar

    public init(store: any Store, ids: IDGenerator, settings: InstanceSettings, jobs: JobQueue, mailer: (any Mailer)?,
                metrics: ServerMetrics, reads: ReadService, calendar: DayCalendar) {
        self.store = store
        self.ids = ids
        self.settings = settings
        self.jobs = jobs
        self.mailer = mailer
        self.metrics = metrics
        self.reads = reads
        self.calendar = calendar
    }

    /// Whether a mail server is configured.
    public var isEnabled: Bool { mailer != nil }

    /// A queued email: the message and what kind it is (for the metrics).
    struct Queued: Codable {
        var kind: String
        var message: EmailMessage
    }

    /// Queues `message` for sending now (retried with growing delays when the mail server refuses or is away).
    func enqueue(_ message: EmailMessage, kind: String, now: Date) async throws {
        guard isEnabled else { return }
        let payload = String(decoding: try JSONEncoder().encode(Queued(kind: kind, message: message)), as: UTF8.self)
        try await jobs.enqueue(JobKind.sendEmail, key: "email:\(ids.next(at: now))", payload: payload, at: now, now: now)
    }

    /// The job handler: hands one queued message to the mail server.
    func deliver(_ job: Job) async throws {
        guard let mailer else { return } // email was turned off since: drop it
        let queued = try JSONDecoder().decode(Queued.self, from: Data(job.payload.utf8))
        // A notice someone chose is not sent once they have left or deleted their account while it waited.
        if EmailKind(rawValue: queued.kind) != nil {
            guard let recipient = try await store.account(email: queued.message.to), recipient.deactivatedAt == nil else { return }
        }
        do {
            try mailer.send(queued.message)
            metrics.email(queued.kind, sent: true)
        } catch {
            metrics.email(queued.kind, sent: false)
            throw error
        }
    }

    // MARK: Choices

    public func preferences(of account: Account) async throws -> EmailPreferences {
        try await store.emailPreferences(accountID: account.id, newToken: Token.random()).0 ?? EmailPreferences()
    }

    public func setPreferences(_ preferences: EmailPreferences, for account: Account) async throws {
        try await store.saveEmailPreferences(accountID: account.id, preferences, newToken: Token.random())
    }

    /// Turns one kind of email off for the person whose unsubscribe link this is (one click, no sign-in).
    @discardableResult
    public func unsubscribe(token: String, kind: EmailKind) async throws -> Account {
        guard !token.isEmpty, let account = try await store.account(unsubscribeToken: token) else { throw DomainError.notFound }
        var preferences = try await preferences(of: account)
        preferences.enabled.remove(kind)
        try await setPreferences(preferences, for: account)
        return account
    }

    /// The person's choices and the link that turns `kind` off, when they want `kind` and may get email.
    func recipient(_ account: Account, for kind: EmailKind) async throws -> String? {
        guard isEnabled, account.deactivatedAt == nil, account.suspendedAt == nil, AccountService.isEmail(account.email) else { return nil }
        let (preferences, token) = try await store.emailPreferences(accountID: account.id, newToken: Token.random())
        guard (preferences ?? EmailPreferences()).wants(kind) else { return nil }
        return "\(settings.baseURL)/email/unsubscribe?token=\(token)&kind=\(kind.rawValue)"
    }

    func footer(_ kind: EmailKind) -> String {
        "You get this because you chose \"\(kind.label.lowercased())\" in your email settings at \(settings.baseURL)/settings/email."
    }

    // MARK: Invitations

    /// Sends an invitation link to `email`, from `inviter`.
    public func sendInvitation(_ invitation: Invitation, link: String, to email: String, by inviter: Account, now: Date = Date()) async throws {
        guard isEnabled else { throw DomainError.forbidden("Email is off on this server: copy the link and send it yourself.") }
        let address = email.trimmingCharacters(in: .whitespaces)
        try AccountService.checkEmail(address)
        let message = EmailLayout(
            organization: settings.name, greeting: "Hello,",
            paragraphs: ["\(inviter.name) invited you to \(settings.name), the organization's place to learn together: ask, answer, follow programs and events."],
            action: ("Accept the invitation", link),
            footer: "The link works until it is used. If you did not expect it, ignore this email.")
            .message(to: address, subject: "\(inviter.name) invited you to \(settings.name)")
        try await enqueue(message, kind: "invitation", now: now)
    }
}
