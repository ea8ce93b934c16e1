import Foundation

/// What events need from persistence: occurrences, RSVPs, calendar links, chat scripts, transcripts and highlights.
public protocol EventStore: Sendable {
    /// Whether the account said it would come to any occurrence of an event.
    func hasRSVP(accountID: ID) async throws -> Bool
    func insertEvent(_ event: Event) async throws
    func event(id: ID) async throws -> Event?
    /// A program's events (nil: the organization's), the latest first.
    func events(programID: ID?) async throws -> [Event]
    /// Adds an occurrence unless the event already has one with its index; true when added.
    func insertOccurrence(_ occurrence: EventOccurrence) async throws -> Bool
    func occurrence(id: ID) async throws -> EventOccurrence?
    func occurrences(eventID: ID) async throws -> [EventOccurrence]
    /// Records when an occurrence started or ended (the first time only).
    func markOccurrence(id: ID, startedAt: Date?, endedAt: Date?) async throws
    func setRSVP(occurrenceID: ID, accountID: ID, _ on: Bool, at date: Date) async throws
    /// Who said they would come, the earliest first.
    func rsvps(occurrenceID: ID) async throws -> [ID]
    /// Replaces the hash of the person's secret calendar link (the old link stops working).
    func setCalendarToken(accountID: ID, hash: String) async throws
    /// Whose calendar link this is (never a suspended account's).
    func account(calendarTokenHash hash: String) async throws -> Account?
    func script(eventID: ID) async throws -> ChatScript
    /// Replaces an event's welcome and questions.
    func saveScript(eventID: ID, _ script: ChatScript) async throws
    /// The questions released in an occurrence, Q1 first.
    func releasedQuestions(occurrenceID: ID) async throws -> [ReleasedQuestion]
    /// Records a released question (the first record of its number stays).
    func recordRelease(occurrenceID: ID, _ released: ReleasedQuestion) async throws
    /// Posts on a hashtag made in [from, until), and replies made then to them (however deep), that the viewer may see, oldest first;
    /// those that came from other servers only `fromOutside`.
    func chatPosts(hashtag: String, from: Date, until: Date, viewer: ID?, fromOutside: Bool) async throws -> [PostView]
    /// Opens an event to the outside, or closes it.
    func setEventOpenToOutside(id: ID, _ on: Bool) async throws
    /// The hashtags of the events open to the outside.
    func openEventHashtags() async throws -> [String]
    /// Keeps an occurrence's transcript, and adds the knowledge-base page it is published as (in one step).
    func saveTranscript(occurrenceID: ID, markdown: String, page: KnowledgePage?) async throws
    func transcript(occurrenceID: ID) async throws -> (markdown: String, pageID: ID?)?
    /// Holds an occurrence's script (nil lifts the hold).
    func holdOccurrence(id: ID, at date: Date?) async throws
    /// Marks a post of an occurrence as highlighted by its hosts (or no longer).
    func setHighlight(occurrenceID: ID, postID: ID, _ on: Bool, at date: Date) async throws
    /// The posts hosts highlighted in an occurrence, in the order they did.
    func highlights(occurrenceID: ID) async throws -> [ID]
}
