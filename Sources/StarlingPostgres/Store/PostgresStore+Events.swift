import Foundation
import StarlingCore
import StarlingSQL

/// Live events, the times they take place, and who said they would come.
extension PostgresStore {
    public func insertEvent(_ e: Event) async throws {
        try await database.write { db in
            try await db.run("INSERT INTO events (\(Self.eventColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [e.id, e.kind.rawValue, e.title, e.hashtag, e.programID, Self.millis(e.startsAt), e.timeZone,
                       Int64(e.duration), e.recurrence.rawValue, Int64(e.reminderLead), e.createdBy.rawValue, Self.millis(e.createdAt),
                       e.requiresApproval, e.openToOutside])
        }
    }

    public func event(id: ID) async throws -> Event? {
        try await database.read { db in
            try await db.first("SELECT \(Self.eventColumns) FROM events WHERE id = ?", [id], Self.event)
        }
    }

    public func events(programID: ID?) async throws -> [Event] {
        try await database.read { db in
            try await db.rows("SELECT \(Self.eventColumns) FROM events WHERE program_id IS NOT DISTINCT FROM ? ORDER BY starts_at DESC LIMIT 200",
                [programID], Self.event)
        }
    }

    public func insertOccurrence(_ o: EventOccurrence) async throws -> Bool {
        try await database.write { db in
            try await db.run("""
                INSERT INTO event_occurrences (\(Self.occurrenceColumns)) VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL) ON CONFLICT DO NOTHING RETURNING 1
                """, [o.id, o.eventID, o.index, Self.millis(o.startsAt), Self.millis(o.endsAt)]) == 1
        }
    }

    public func occurrence(id: ID) async throws -> EventOccurrence? {
        try await database.read { db in
            try await db.first("SELECT \(Self.occurrenceColumns) FROM event_occurrences WHERE id = ?", [id], Self.occurrence)
        }
    }

    public func occurrences(eventID: ID) async throws -> [EventOccurrence] {
        try await database.read { db in
            try await db.rows("SELECT \(Self.occurrenceColumns) FROM event_occurrences WHERE event_id = ? ORDER BY idx", [eventID], Self.occurrence)
        }
    }

    public func markOccurrence(id: ID, startedAt: Date?, endedAt: Date?) async throws {
        try await database.write { db in
            try await db.run("UPDATE event_occurrences SET started_at = coalesce(started_at, ?), ended_at = coalesce(ended_at, ?) WHERE id = ?",
                [startedAt.map(Self.millis), endedAt.map(Self.millis), id])
        }
    }

    public func setRSVP(occurrenceID: ID, accountID: ID, _ on: Bool, at date: Date) async throws {
        try await database.write { db in
            if on {
                try await db.run("INSERT INTO event_rsvps (occurrence_id, account_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    [occurrenceID, accountID, Self.millis(date)])
            } else {
                try await db.run("DELETE FROM event_rsvps WHERE occurrence_id = ? AND account_id = ?", [occurrenceID, accountID])
            }
        }
    }

    public func rsvps(occurrenceID: ID) async throws -> [ID] {
        try await database.read { db in
            try await db.rows("SELECT account_id FROM event_rsvps WHERE occurrence_id = ? ORDER BY created_at", [occurrenceID]) { ID($0.int64(0)) }
        }
    }

    public func notifyOccurrence(_ occurrenceID: ID, kind: StarlingCore.Notification.Kind, recipients: [ID], actor: ID, at date: Date) async throws {
        try await database.write { db in
            for recipient in recipients {
                // Once per person, kind and occurrence, however often the job runs.
                try await db.run("""
                    INSERT INTO notifications (id, recipient_id, kind, actor_id, created_at, occurrence_id)
                    SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (
                        SELECT 1 FROM notifications WHERE recipient_id = ? AND kind = ? AND occurrence_id = ?)
                    """, [self.ids.next(at: date).rawValue, recipient, kind.rawValue, actor, Self.millis(date), occurrenceID,
                           recipient, kind.rawValue, occurrenceID])
            }
        }
    }

    public func setCalendarToken(accountID: ID, hash: String) async throws {
        try await database.write { db in
            try await db.run("UPDATE accounts SET calendar_token_hash = ? WHERE id = ?", [hash, accountID])
        }
    }

    public func account(calendarTokenHash hash: String) async throws -> Account? {
        try await database.read { db in
            try await db.first("SELECT \(Self.accountColumns) FROM accounts a WHERE a.calendar_token_hash = ? AND a.suspended_at IS NULL AND a.deactivated_at IS NULL",
                [hash]) { Self.account($0) }
        }
    }

    // MARK: Scripts and released questions

    public func script(eventID: ID) async throws -> ChatScript {
        try await database.read { db in
            let welcome = try await db.first("SELECT welcome FROM events WHERE id = ?", [eventID]) { $0.string(0) } ?? ""
            let questions = try await db.rows("SELECT text, offset_seconds FROM event_questions WHERE event_id = ? ORDER BY position",
                [eventID]) { ChatScript.Question(text: $0.string(0), offset: TimeInterval($0.int64(1))) }
            return ChatScript(welcome: welcome, questions: questions)
        }
    }

    public func saveScript(eventID: ID, _ script: ChatScript) async throws {
        try await database.write { db in
            try await db.run("UPDATE events SET welcome = ? WHERE id = ?", [script.welcome, eventID])
            try await db.run("DELETE FROM event_questions WHERE event_id = ?", [eventID])
            for (index, question) in script.questions.enumerated() {
                try await db.run("INSERT INTO event_questions (event_id, position, text, offset_seconds) VALUES (?, ?, ?, ?)",
                    [eventID, index + 1, question.text, Int64(question.offset)])
            }
        }
    }

    public func releasedQuestions(occurrenceID: ID) async throws -> [ReleasedQuestion] {
        try await database.read { db in
            try await db.rows("SELECT position, post_id, released_at FROM released_questions WHERE occurrence_id = ? ORDER BY position",
                [occurrenceID]) { ReleasedQuestion(number: $0.int(0), postID: $0.optionalInt64(1).map(ID.init), releasedAt: Self.date($0.int64(2))) }
        }
    }

    public func recordRelease(occurrenceID: ID, _ released: ReleasedQuestion) async throws {
        try await database.write { db in
            try await db.run("INSERT INTO released_questions (occurrence_id, position, post_id, released_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [occurrenceID, released.number, released.postID, Self.millis(released.releasedAt)])
        }
    }

    public func chatPosts(hashtag: String, from: Date, until: Date, viewer: ID?, fromOutside: Bool) async throws -> [PostView] {
        try await database.read { db in
            try await db.rows(Self.chatPostsQuery,
                              Self.chatPostsParameters(hashtag: hashtag, from: from, until: until, viewer: viewer, fromOutside: fromOutside)) {
                Self.postView($0)
            }
        }
    }

    public func setEventOpenToOutside(id: ID, _ on: Bool) async throws {
        try await database.write { db in try await db.run(Self.setEventOpenQuery, [on, id]) }
    }

    public func openEventHashtags() async throws -> [String] {
        try await database.read { db in try await db.rows(Self.openEventHashtagsQuery, [true]) { $0.string(0) } }
    }

    public func saveTranscript(occurrenceID: ID, markdown: String, page: KnowledgePage?) async throws {
        try await database.write { db in
            if let page { try await self.insertKnowledgePage(db, page) }
            try await db.run("UPDATE event_occurrences SET transcript = ?, transcript_page_id = ? WHERE id = ?", [markdown, page?.id, occurrenceID])
        }
    }

    public func transcript(occurrenceID: ID) async throws -> (markdown: String, pageID: ID?)? {
        try await database.read { db in
            try await db.first("SELECT transcript, transcript_page_id FROM event_occurrences WHERE id = ? AND transcript IS NOT NULL",
                [occurrenceID]) { ($0.string(0), $0.optionalInt64(1).map(ID.init)) }
        }
    }

    public func holdOccurrence(id: ID, at date: Date?) async throws {
        try await database.write { db in
            try await db.run("UPDATE event_occurrences SET held_at = ? WHERE id = ?", [date.map(Self.millis), id])
        }
    }

    public func setHighlight(occurrenceID: ID, postID: ID, _ on: Bool, at date: Date) async throws {
        try await database.write { db in
            let sql = on ? "INSERT INTO occurrence_highlights (occurrence_id, post_id, highlighted_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
                : "DELETE FROM occurrence_highlights WHERE occurrence_id = ? AND post_id = ?"
            try await db.run(sql, [occurrenceID, postID] + (on ? [Self.millis(date)] : []))
        }
    }

    public func highlights(occurrenceID: ID) async throws -> [ID] {
        try await database.read { db in
            try await db.rows("SELECT post_id FROM occurrence_highlights WHERE occurrence_id = ? ORDER BY highlighted_at, post_id",
                [occurrenceID]) { ID($0.int64(0)) }
        }
    }
}
