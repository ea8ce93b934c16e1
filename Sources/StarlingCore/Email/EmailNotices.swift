import Foundation

/// The emails people choose in their settings: mentions, direct posts, event reminders, due recall
/// checks and a weekly digest. Each is sent only to people who may still see what it is about.
extension EmailService {
    static let digestHour = 8
    static let digestJobKey = "weekly-email-digest"

    /// After a post is stored: plans emailing the people it mentions (a job, so posting never waits on mail).
    func noticePost(_ post: Post, mentioned: [ID], now: Date) async throws {
        let recipients = Set(mentioned).subtracting([post.authorID])
        guard isEnabled, !recipients.isEmpty else { return }
        try await jobs.enqueue(JobKind.emailPostNotice, key: "post-notice:\(post.id)",
                         payload: "\(post.id):" + recipients.map(\.description).sorted().joined(separator: ","), at: now, now: now)
    }

    /// The job handler: emails a post to each person it mentions who chose that and can read it.
    func sendPostNotices(_ job: Job, now: Date) async throws {
        let parts = job.payload.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let postID = ID(String(parts[0])) else { return }
        for recipientID in parts[1].split(separator: ",").compactMap({ ID(String($0)) }) {
            guard let recipient = try await store.account(id: recipientID),
                  let view = try? await reads.post(postID, viewer: recipient) else { continue } // deleted, or no longer visible to them
            let direct = view.post.visibility == .direct
            guard let unsubscribe = try await self.recipient(recipient, for: direct ? .directPosts : .mentions) else { continue }
            let who = "\(view.author.name) (@\(view.author.username))"
            let text = view.post.contentWarning.isEmpty ? view.post.source : "Content warning: \(view.post.contentWarning)"
            let message = EmailLayout(
                organization: settings.name, greeting: "Hello \(recipient.name),",
                paragraphs: [direct ? "\(who) sent you a direct post:" : "\(who) mentioned you:", text],
                action: ("Open the post", "\(settings.baseURL)/posts/\(postID)"), footer: footer(direct ? .directPosts : .mentions))
                .message(to: recipient.email, subject: direct ? "Direct post from \(view.author.name)" : "\(view.author.name) mentioned you",
                         unsubscribeURL: unsubscribe)
            try await enqueue(message, kind: direct ? EmailKind.directPosts.rawValue : EmailKind.mentions.rawValue, now: now)
        }
    }

    /// After an occurrence's reminder went out as a notification: the same by email to those who keep reminders on.
    func sendEventReminders(occurrenceID: ID, now: Date) async throws {
        guard isEnabled, let occurrence = try await store.occurrence(id: occurrenceID), occurrence.startedAt == nil,
              let event = try await store.event(id: occurrence.eventID) else { return }
        for recipientID in try await store.rsvps(occurrenceID: occurrenceID) {
            guard let recipient = try await store.account(id: recipientID), let unsubscribe = try await self.recipient(recipient, for: .eventReminders) else { continue }
            let zone = TimeZones.zone(of: recipient, settings: settings)
            let time = occurrence.startsAt.formatted(Date.FormatStyle(date: .complete, time: .shortened, timeZone: zone))
            let message = EmailLayout(
                organization: settings.name, greeting: "Hello \(recipient.name),",
                paragraphs: ["\(event.title) (#\(event.hashtag)) starts \(time) (\(zone.identifier)). You said you would come."],
                action: ("Open the event", "\(settings.baseURL)/events/\(event.id)"), footer: footer(.eventReminders))
                .message(to: recipient.email, subject: "Reminder: \(event.title) starts soon", unsubscribeURL: unsubscribe)
            try await enqueue(message, kind: EmailKind.eventReminders.rawValue, now: now)
        }
    }

    /// After due recall checks were delivered: one email a day to each person who chose it and has some due.
    func sendDueReviewNotices(reviews: ReviewService, now: Date) async throws {
        guard isEnabled else { return }
        let today = calendar.day(now).description
        for account in try await store.accounts(wantingEmail: .dueReviews) {
            let key = "due-reviews-emailed:\(account.id)"
            guard try await store.setting(key) != today, let unsubscribe = try await recipient(account, for: .dueReviews) else { continue }
            let due = try await reviews.dueCount(of: account, now: now)
            guard due > 0 else { continue }
            let message = EmailLayout(
                organization: settings.name, greeting: "Hello \(account.name),",
                paragraphs: ["\(due) recall check\(due == 1 ? " is" : "s are") waiting for you. A minute now keeps what you learned."],
                action: ("Answer them", "\(settings.baseURL)/reviews"), footer: footer(.dueReviews))
                .message(to: account.email, subject: "\(due) recall check\(due == 1 ? "" : "s") due", unsubscribeURL: unsubscribe)
            try await enqueue(message, kind: EmailKind.dueReviews.rawValue, now: now)
            try await store.setSetting(key, value: today)
        }
    }

    /// Plans the next weekly digest: Monday at 08:00 in the organization's time zone.
    public func scheduleWeeklyDigest(now: Date) async throws {
        let thisMonday = calendar.date(calendar.day(now).week, hour: Self.digestHour)
        let due = now < thisMonday ? thisMonday : calendar.date(calendar.day(now).week.advanced(by: 7), hour: Self.digestHour)
        try await jobs.enqueue(JobKind.weeklyEmailDigest, key: Self.digestJobKey, payload: "", at: due, now: now)
    }

    /// Moves the weekly digest to now, for an admin who wants it sent at once.
    public func sendWeeklyDigestNow(now: Date = Date()) async throws {
        try await jobs.enqueue(JobKind.weeklyEmailDigest, key: Self.digestJobKey, payload: "", at: now, now: now)
    }

    /// The job handler: emails each person who chose it what they missed in the past week, then plans the next.
    func sendWeeklyDigests(now: Date) async throws {
        do {
            if isEnabled { try await emailWeeklyDigests(now: now) }
        } catch {
            try? await scheduleWeeklyDigest(now: now + 3600)
            throw error
        }
        try await scheduleWeeklyDigest(now: now + 3600)
    }

    private func emailWeeklyDigests(now: Date) async throws {
        let weekAgo = now - 7 * 86_400
        for account in try await store.accounts(wantingEmail: .weeklyDigest) {
            guard let unsubscribe = try await recipient(account, for: .weeklyDigest) else { continue }
            let recent = try await reads.timeline(.home, viewer: account, page: PageRequest(limit: 200))
                .map(\.post).filter { $0.post.createdAt >= weekAgo && $0.post.authorID != account.id }
            let top = recent.sorted { ($0.post.likesCount + $0.post.repostsCount, $0.id) > ($1.post.likesCount + $1.post.repostsCount, $1.id) }.prefix(5)
            let unread = try await reads.unreadNotificationCount(of: account)
            var paragraphs = ["In the past week, \(recent.count) post\(recent.count == 1 ? "" : "s") came into your home timeline."]
            if unread > 0 { paragraphs.append("You have \(unread) unread notification\(unread == 1 ? "" : "s").") }
            if !top.isEmpty { paragraphs.append("The ones people liked and shared most:") }
            var layout = EmailLayout(organization: settings.name, greeting: "Hello \(account.name),", paragraphs: paragraphs,
                                     action: ("Open \(settings.name)", settings.baseURL + "/"), footer: footer(.weeklyDigest))
            layout.items = top.map { view in
                let words = view.post.contentWarning.isEmpty ? view.post.source : "CW: " + view.post.contentWarning
                return ("\(view.author.name): \(words.count > 140 ? String(words.prefix(139)) + "…" : words)", "\(settings.baseURL)/posts/\(view.id)")
            }
            try await enqueue(layout.message(to: account.email, subject: "Your week at \(settings.name)", unsubscribeURL: unsubscribe),
                        kind: EmailKind.weeklyDigest.rawValue, now: now)
        }
    }
}
