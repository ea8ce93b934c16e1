import Foundation

/// Ask-the-expert sessions: members submit questions before and during an occurrence and upvote
/// them; hosts may approve them first; the event's experts (guests invited to the event, or members
/// hosts name) answer from a queue sorted by votes; afterwards a summary pairs questions with
/// answers and hosts hand the unanswered ones to the program as open questions.
extension EventService {
    public static let maxExpertQuestionLength = 300
    public static let maxExpertAnswerLength = 2000

    /// An invitation link that makes a new guest account this event's expert, seeing nothing else (hosts):
    /// of a session, its questions; of a chat, the posts on its hashtag while it runs.
    public func inviteExpert(_ eventID: ID, by host: Account, now: Date) async throws -> Invitation {
        let event = try await takingExperts(eventID, host: host)
        let invitation = Invitation.issued(role: .member, eventID: event.id, by: host.id, at: now)
        try await store.insertInvitation(invitation)
        return invitation
    }

    /// Names someone who can see the event as one of its experts (hosts).
    public func addExpert(_ eventID: ID, _ account: Account, by host: Account) async throws {
        let event = try await takingExperts(eventID, host: host)
        _ = try await self.event(event.id, viewer: account) // they must be able to see it
        try await store.addExpert(eventID: event.id, accountID: account.id)
    }

    public func experts(of eventID: ID, viewer: Account) async throws -> [Account] {
        try await store.experts(eventID: try event(eventID, viewer: viewer).id)
    }

    /// Experts and hosts answer.
    public func answers(_ event: Event, _ account: Account) async throws -> Bool {
        if try await store.experts(eventID: event.id).contains(where: { $0.id == account.id }) { return true }
        return try await hosts(event, account)
    }

    /// Submits a question to an occurrence, before or during it. It waits for a host's approval when
    /// the event asks for that (a host's own question does not).
    public func ask(_ occurrenceID: ID, _ text: String, by asker: Account, now: Date) async throws -> ExpertQuestion {
        let (event, occurrence) = try await session(occurrenceID, viewer: asker)
        guard occurrence.endedAt == nil else { throw DomainError.invalid(field: "id", message: "This session has ended: questions are closed.") }
        let text = try PostText.field(text, name: "text", maxLength: Self.maxExpertQuestionLength, required: true)
        let id = ids.next(at: now)
        let hosting = try await hosts(event, asker)
        let status: ExpertQuestion.Status = event.requiresApproval && !hosting ? .pending : .approved
        try await store.insertExpertQuestion(id: id, occurrenceID: occurrenceID, authorID: asker.id, text: text, status: status)
        events.publish(.expertQueueChanged(occurrence: occurrenceID))
        return try await expertQuestion(id, viewer: asker).1
    }

    /// Checks that the viewer may follow an ask-the-expert session's queue (for its live updates).
    public func requireSession(_ occurrenceID: ID, viewer: Account) async throws { _ = try await session(occurrenceID, viewer: viewer) }

    /// The questions the viewer may see, unanswered first, most upvoted first: approved ones for
    /// everyone; pending and turned-down ones for hosts and their askers.
    public func expertQueue(_ occurrenceID: ID, viewer: Account) async throws -> [ExpertQuestion] {
        let (event, _) = try await session(occurrenceID, viewer: viewer)
        let hosting = try await hosts(event, viewer)
        return try await store.expertQuestions(occurrenceID: occurrenceID, viewer: viewer.id)
            .filter { $0.status == .approved || hosting || $0.author.id == viewer.id }
    }

    /// A question the viewer may see.
    public func question(_ id: ID, viewer: Account) async throws -> ExpertQuestion { try await expertQuestion(id, viewer: viewer).1 }

    /// Upvotes an approved question (or takes the vote back) while the session is open; not one's own.
    public func vote(_ questionID: ID, _ on: Bool = true, by voter: Account) async throws {
        let (occurrence, question) = try await expertQuestion(questionID, viewer: voter)
        guard occurrence.endedAt == nil else { throw DomainError.invalid(field: "id", message: "This session has ended.") }
        guard question.status == .approved else { throw DomainError.invalid(field: "id", message: "Only approved questions can be upvoted.") }
        guard question.author.id != voter.id else { throw DomainError.invalid(field: "id", message: "You cannot upvote your own question.") }
        try await store.setExpertVote(questionID: questionID, accountID: voter.id, on)
        events.publish(.expertQueueChanged(occurrence: occurrence.id))
    }

    /// Approves a waiting question, or turns it down (hosts).
    public func moderate(_ questionID: ID, approve: Bool, by host: Account) async throws {
        let (occurrence, _) = try await expertQuestion(questionID, viewer: host)
        _ = try await hostedOccurrence(occurrence.id, host)
        try await store.setExpertQuestionStatus(id: questionID, approve ? .approved : .rejected)
        events.publish(.expertQueueChanged(occurrence: occurrence.id))
    }

    /// Answers an approved question (the event's experts and hosts), any time from the start to the
    /// end of the session; answering again replaces the answer.
    public func answer(_ questionID: ID, _ text: String, by expert: Account, now: Date) async throws -> ExpertQuestion {
        let (occurrence, question) = try await expertQuestion(questionID, viewer: expert)
        guard try await answers(try event(occurrence.eventID, viewer: expert), expert) else {
            throw DomainError.forbidden("Only the session's experts and hosts answer its questions.")
        }
        guard question.status == .approved else { throw DomainError.invalid(field: "id", message: "Approve the question before answering it.") }
        guard occurrence.startedAt != nil, occurrence.endedAt == nil else {
            throw DomainError.invalid(field: "id", message: "Answers are given while the session is open.")
        }
        let text = try PostText.field(text, name: "text", maxLength: Self.maxExpertAnswerLength, required: true)
        try await store.answerExpertQuestion(id: questionID, answer: text, by: expert.id, at: now)
        events.publish(.expertQueueChanged(occurrence: occurrence.id))
        if question.author.id != expert.id {
            try await store.notifyOccurrence(occurrence.id, kind: .expertAnswered, recipients: [question.author.id], actor: expert.id, at: now)
            events.publish(.notified(question.author.id))
        }
        return try await expertQuestion(questionID, viewer: expert).1
    }

    /// The approved questions of a session: those answered (most upvoted first) and those not.
    public func summary(_ occurrenceID: ID, viewer: Account) async throws -> (answered: [ExpertQuestion], unanswered: [ExpertQuestion]) {
        let approved = try await expertQueue(occurrenceID, viewer: viewer).filter { $0.status == .approved }
        return (approved.filter(\.isAnswered), approved.filter { !$0.isAnswered })
    }

    /// After a program's session, asks each approved, unanswered question in the program as an open
    /// question (as the host, naming the asker, who is notified), once; returns the new posts.
    public func handOff(_ occurrenceID: ID, by host: Account, now: Date) async throws -> [Post] {
        let (event, occurrence) = try await session(occurrenceID, viewer: host)
        try await requireHost(programID: event.programID, host)
        guard let programID = event.programID, let program = try await store.program(id: programID) else {
            throw DomainError.invalid(field: "id", message: "Only a program's sessions hand questions on, to its facilitators.")
        }
        guard occurrence.endedAt != nil else { throw DomainError.invalid(field: "id", message: "Hand questions on once the session has ended.") }
        return try await summary(occurrenceID, viewer: host).unanswered.filter { $0.openQuestionID == nil }.asyncMap { question in
            let title = event.title.count > 80 ? event.title.prefix(79) + "…" : event.title
            let text = "Open question from “\(title)”, asked by @\(question.author.username): \(question.text) #\(program.hashtag)"
            let post = try await posts.compose(.init(text: text, question: true), by: host, idempotencyKey: "hand-off-\(question.id)", at: now)
            try await store.setOpenQuestion(expertQuestionID: question.id, postID: post.id)
            return post
        }
    }

    /// An event its host runs that takes experts: an ask-the-expert session, or an organization's chat
    /// (a program's chat takes guests through the program's own guest invitation).
    private func takingExperts(_ eventID: ID, host: Account) async throws -> Event {
        let event = try await event(eventID, viewer: host)
        try await requireHost(programID: event.programID, host)
        guard Self.takesExperts(event) else {
            throw DomainError.invalid(field: "id", message: "A program's chat takes guests through the program's guest invitation.")
        }
        return event
    }

    /// Whether an event has experts of its own: ask-the-expert sessions, and the organization's chats.
    public static func takesExperts(_ event: Event) -> Bool { event.kind == .askTheExpert || event.programID == nil }

    /// An occurrence of an ask-the-expert event the viewer may see.
    private func session(_ occurrenceID: ID, viewer: Account) async throws -> (Event, EventOccurrence) {
        let occurrence = try await occurrence(occurrenceID, viewer: viewer)
        let event = try await event(occurrence.eventID, viewer: viewer)
        guard event.kind == .askTheExpert else { throw DomainError.notFound }
        return (event, occurrence)
    }

    /// A question the viewer may see, with its occurrence.
    private func expertQuestion(_ id: ID, viewer: Account) async throws -> (EventOccurrence, ExpertQuestion) {
        guard let question = try await store.expertQuestion(id: id, viewer: viewer.id) else { throw DomainError.notFound }
        let (event, occurrence) = try await session(question.occurrenceID, viewer: viewer)
        let hosting = try await hosts(event, viewer)
        guard question.status == .approved || question.author.id == viewer.id || hosting else { throw DomainError.notFound }
        return (occurrence, question)
    }
}
