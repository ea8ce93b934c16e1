import Foundation

/// The tweetchat runner: a script (a welcome and questions at offsets from the start) posted by the
/// host on the event's hashtag, released on time as jobs or by hand, held and resumed; and the
/// transcript written when an occurrence ends.
extension EventService {
    public func script(_ eventID: ID, viewer: Account) async throws -> ChatScript {
        _ = try await event(eventID, viewer: viewer)
        return try await store.script(eventID: eventID)
    }

    /// Sets the welcome and questions (hosts). While an occurrence is live, questions already released
    /// in it stay as they were; the others can change, and later ones are planned at their offsets.
    public func setScript(_ eventID: ID, _ script: ChatScript, by host: Account, now: Date) async throws -> ChatScript {
        let event = try await event(eventID, viewer: host)
        try await requireHost(programID: event.programID, host)
        let saved = try Self.checked(script, duration: event.duration)
        let questions = saved.questions
        let live = try await store.occurrences(eventID: eventID).first { $0.startedAt != nil && $0.endedAt == nil }
        if let live {
            let old = try await store.script(eventID: eventID).questions
            for released in try await store.releasedQuestions(occurrenceID: live.id) where old.indices.contains(released.number - 1) {
                guard questions.indices.contains(released.number - 1), questions[released.number - 1] == old[released.number - 1] else {
                    throw DomainError.invalid(field: "questions", message: "Q\(released.number) was already released; it cannot change now.")
                }
            }
        }
        try await store.saveScript(eventID: eventID, saved)
        if let live { try await planReleases(event, live, now: now) }
        return saved
    }

    /// The script as kept: its texts normalized and within their lengths, every question within the event's length.
    static func checked(_ script: ChatScript, duration: TimeInterval) throws -> ChatScript {
        let welcome = try PostText.field(script.welcome, name: "welcome", maxLength: 380, required: false)
        guard script.questions.count <= maxQuestions else {
            throw DomainError.invalid(field: "questions", message: "A script has at most \(maxQuestions) questions.")
        }
        let questions = try script.questions.enumerated().map { index, question in
            guard question.offset >= 0, question.offset <= duration else {
                throw DomainError.invalid(field: "questions", message: "Q\(index + 1) must come within the event's length.")
            }
            return ChatScript.Question(text: try PostText.field(question.text, name: "questions", maxLength: 380, required: true), offset: question.offset)
        }
        return ChatScript(welcome: welcome, questions: questions)
    }

    /// Releases the next question now, whatever its planned time (hosts).
    public func releaseNext(_ occurrenceID: ID, by host: Account, now: Date) async throws -> ReleasedQuestion {
        let (event, occurrence) = try await hosted(occurrenceID, host)
        let released = try await store.releasedQuestions(occurrenceID: occurrenceID).count
        guard released < (try await store.script(eventID: event.id)).questions.count else {
            throw DomainError.invalid(field: "id", message: "Every question has been released.")
        }
        return try await release(event, occurrence, number: released + 1, now: now)
    }

    /// Holds the script (questions wait), or lifts the hold: unreleased questions are planned again
    /// at their times, or now when their time has passed (hosts).
    public func hold(_ occurrenceID: ID, _ on: Bool = true, by host: Account, now: Date) async throws {
        let (event, occurrence) = try await hosted(occurrenceID, host)
        try await store.holdOccurrence(id: occurrenceID, at: on ? now : nil)
        if !on { try await planReleases(event, occurrence, now: now) }
    }

    /// The questions released in an occurrence so far.
    public func released(_ occurrenceID: ID, viewer: Account) async throws -> [ReleasedQuestion] {
        _ = try await occurrence(occurrenceID, viewer: viewer)
        return try await store.releasedQuestions(occurrenceID: occurrenceID)
    }

    /// An occurrence the account hosts, with its event.
    func hostedOccurrence(_ occurrenceID: ID, _ host: Account) async throws -> (Event, EventOccurrence) {
        let occurrence = try await occurrence(occurrenceID, viewer: host)
        let event = try await event(occurrence.eventID, viewer: host)
        try await requireHost(programID: event.programID, host)
        return (event, occurrence)
    }

    /// A live occurrence the account hosts, with its event.
    func hosted(_ occurrenceID: ID, _ host: Account) async throws -> (Event, EventOccurrence) {
        let (event, occurrence) = try await hostedOccurrence(occurrenceID, host)
        guard occurrence.startedAt != nil, occurrence.endedAt == nil else {
            throw DomainError.invalid(field: "id", message: "This occurrence is not live.")
        }
        return (event, occurrence)
    }

    /// Posts question `number` as the host on the event's hashtag, once (an idempotency key keeps a
    /// second run from posting it again), and records it.
    @discardableResult
    func release(_ event: Event, _ occurrence: EventOccurrence, number: Int, now: Date) async throws -> ReleasedQuestion {
        if let done = try await store.releasedQuestions(occurrenceID: occurrence.id).first(where: { $0.number == number }) { return done }
        let script = try await store.script(eventID: event.id)
        guard script.questions.indices.contains(number - 1), let host = try await store.account(id: event.createdBy) else { throw DomainError.notFound }
        var released = ReleasedQuestion(number: number, postID: nil, releasedAt: now)
        let question = PostService.Draft(text: "Q\(number): \(script.questions[number - 1].text) #\(event.hashtag)", visibility: event.postVisibility)
        let post = try await posts.compose(question.madeAutomatically(), by: host,
                                     idempotencyKey: "release-\(occurrence.id)-\(number)", at: now) { post in
            // Recorded before the post is announced, so live pages know it as the question.
            released.postID = post.id
            try await store.recordRelease(occurrenceID: occurrence.id, released)
        }
        if released.postID == nil { // made by an earlier, interrupted run
            released.postID = post.id
            try await store.recordRelease(occurrenceID: occurrence.id, released)
        }
        return released
    }

    /// Plans a job for each question not yet released, at its offset from the start (the planned one, or an
    /// earlier one when hosts started early), or now when that has passed.
    func planReleases(_ event: Event, _ occurrence: EventOccurrence, now: Date) async throws {
        let released = Set(try await store.releasedQuestions(occurrenceID: occurrence.id).map(\.number))
        for (index, question) in try await store.script(eventID: event.id).questions.enumerated() where !released.contains(index + 1) {
            try await jobs.enqueue(JobKind.releaseQuestion, key: "occurrence:\(occurrence.id):q\(index + 1)", payload: "\(occurrence.id):\(index + 1)",
                             at: max(now, min(occurrence.startedAt ?? occurrence.startsAt, occurrence.startsAt) + question.offset), now: now)
        }
    }

    /// A planned release (job handler): skipped while the script is held or after the end.
    func releaseDue(_ payload: String, now: Date) async throws {
        let parts = payload.split(separator: ":")
        guard parts.count == 2, let id = ID(String(parts[0])), let number = Int(parts[1]),
              let (event, occurrence) = try await load(id), occurrence.heldAt == nil, occurrence.endedAt == nil else { return }
        try await release(event, occurrence, number: number, now: now)
    }

    /// The transcript of an occurrence as it stands (for a running one, so far). `earlier` are the people who
    /// took part in the event's earlier occurrences, when the caller knows them already.
    func transcript(_ event: Event, _ occurrence: EventOccurrence, until: Date, earlier known: Set<ID>? = nil) async throws -> Transcript {
        let released = try await store.releasedQuestions(occurrenceID: occurrence.id)
        let script = try await store.script(eventID: event.id)
        let posts = try await chatPosts(event, occurrence, until: until)
        // The host's script posts: the questions, and the welcome (their first post that starts with it).
        let welcome = script.welcome.isEmpty ? nil : posts.first { $0.author.id == event.createdBy && $0.post.source.hasPrefix(script.welcome) }
        let scriptPosts = Set(released.compactMap(\.postID) + [welcome?.id].compactMap { $0 })
        var earlier = known ?? []
        if known == nil {
            for previous in try await store.occurrences(eventID: event.id) where previous.index < occurrence.index && previous.endedAt != nil {
                await earlier.formUnion(try chatPosts(event, previous, until: previous.endedAt!).map(\.author.id))
            }
        }
        return Transcript(event: event, occurrence: occurrence, script: script, released: released,
                          posts: posts, scriptPosts: scriptPosts, earlierParticipants: earlier)
    }

    /// An occurrence's posts as `viewer` (by default its host) sees them, up to and including `until`.
    func chatPosts(_ event: Event, _ occurrence: EventOccurrence, until: Date, viewer: ID? = nil) async throws -> [PostView] {
        try await store.chatPosts(hashtag: event.hashtag, from: occurrence.startedAt ?? occurrence.startsAt,
                                  until: max(until, occurrence.startsAt) + 0.001, viewer: viewer ?? event.createdBy, fromOutside: event.openToOutside)
    }

    /// An ended occurrence's transcript (Markdown) and its knowledge-base page, if any.
    public func transcript(_ occurrenceID: ID, viewer: Account) async throws -> (markdown: String, pageID: ID?) {
        _ = try await occurrence(occurrenceID, viewer: viewer)
        guard let transcript = try await store.transcript(occurrenceID: occurrenceID) else { throw DomainError.notFound }
        return transcript
    }

    /// The figures of each tweetchat of a program, from the transcripts of its ended occurrences.
    public func tweetchatFigures(programID: ID) async throws -> [TweetchatFigures.EventFigures] {
        try await store.events(programID: programID).filter { $0.kind == .tweetchat }.asyncMap { event in
            var earlier = Set<ID>()
            let held = try await store.occurrences(eventID: event.id).filter { $0.endedAt != nil }.sorted { $0.index < $1.index }.asyncMap { occurrence in
                let transcript = try await transcript(event, occurrence, until: occurrence.endedAt!, earlier: earlier)
                earlier.formUnion(transcript.participants)
                return TweetchatFigures.Input(occurrence: occurrence, participants: transcript.participants,
                                              questions: transcript.counts.questions, answers: transcript.counts.answers)
            }
            return TweetchatFigures.figures(event, held)
        }
    }
}
