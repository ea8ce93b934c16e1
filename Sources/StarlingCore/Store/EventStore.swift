import Foundation

/// What events need from persistence: occurrences, RSVPs, calendar links, chat scripts, transcripts and highlights.
public protocol EventStore: Sendable {
    /// Whether the account said it would come to any occurrence of an event.
    func hasRSVP(accountID: ID) throws -> Bool
    func insertEvent(_ event: Event) throws
    func event(id: ID) throws -> Event?
    /// A program's events (nil: the organization's), the latest first.
    func events(programID: ID?) throws -> [Event]
    /// Adds an occurrence unless the event already has one with its index; true when added.
    func insertOccurrence(_ occurrence: EventOccurrence) throws -> Bool
    func occurrence(id: ID) throws -> EventOccurrence?
    func occurrences(eventID: ID) throws -> [EventOccurrence]
    /// Records when an occurrence started or ended (the first time only).
    func markOccurrence(id: ID, startedAt: Date?, endedAt: Date?) throws
    func setRSVP(occurrenceID: ID, accountID: ID, _ on: Bool, at date: Date) throws
    /// Who said they would come, the earliest first.
    func rsvps(occurrenceID: ID) throws -> [ID]
    /// Replaces the hash of the person's secret calendar link (the old link stops working).
    func setCalendarToken(accountID: ID, hash: String) throws
    /// Whose calendar link this is (never a suspended account's).
    func account(calendarTokenHash hash: String) throws -> Account?
    func script(eventID: ID) throws -> ChatScript
    /// Replaces an event's welcome and questions.
    func saveScript(eventID: ID, _ script: ChatScript) throws
    /// The questions released in an occurrence, Q1 first.
    func releasedQuestions(occurrenceID: ID) throws -> [ReleasedQuestion]
    /// Records a released question (the first record of its number stays).
    func recordRelease(occurrenceID: ID, _ released: ReleasedQuestion) throws
    /// Posts on a hashtag made in [from, until), and replies made then to them (however deep), that the viewer may see, oldest first.
    func chatPosts(hashtag: String, from: Date, until: Date, viewer: ID?) throws -> [PostView]
    /// Keeps an occurrence's transcript, and adds the knowledge-base page it is published as (in one step).
    func saveTranscript(occurrenceID: ID, markdown: String, page: KnowledgePage?) throws
    func transcript(occurrenceID: ID) throws -> (markdown: String, pageID: ID?)?
    /// Holds an occurrence's script (nil lifts the hold).
    func holdOccurrence(id: ID, at date: Date?) throws
    /// Marks a post of an occurrence as highlighted by its hosts (or no longer).
    func setHighlight(occurrenceID: ID, postID: ID, _ on: Bool, at date: Date) throws
    /// The posts hosts highlighted in an occurrence, in the order they did.
    func highlights(occurrenceID: ID) throws -> [ID]
}
