import Foundation
import StarlingCore
import StarlingSQL

/// Live events, the times they take place, and who said they would come.
extension SQLiteStore {
    public func insertEvent(_ e: Event) async throws {
        try await database.writeOffPool { db in
            try db.prepare("INSERT INTO events (\(Self.eventColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind([e.id.rawValue, e.kind.rawValue, e.title, e.hashtag, e.programID?.rawValue, Self.millis(e.startsAt), e.timeZone,
                       Int64(e.duration), e.recurrence.rawValue, Int64(e.reminderLead), e.createdBy.rawValue, Self.millis(e.createdAt),
                       e.requiresApproval ? 1 : 0, e.openToOutside])
                .run()
        }
    }

    public func event(id: ID) async throws -> Event? {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.eventColumns) FROM events WHERE id = ?").bind([id.rawValue]).first(Self.event)
        }
    }

    public func events(programID: ID?) async throws -> [Event] {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.eventColumns) FROM events WHERE program_id IS ? ORDER BY starts_at DESC LIMIT 200")
                .bind([programID?.rawValue]).rows(Self.event)
        }
    }

    public func insertOccurrence(_ o: EventOccurrence) async throws -> Bool {
        try await database.writeOffPool { db in
            try db.prepare("INSERT INTO event_occurrences (\(Self.occurrenceColumns)) VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL) ON CONFLICT DO NOTHING")
                .bind([o.id.rawValue, o.eventID.rawValue, o.index, Self.millis(o.startsAt), Self.millis(o.endsAt)]).run()
            return db.changes == 1
        }
    }

    public func occurrence(id: ID) async throws -> EventOccurrence? {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.occurrenceColumns) FROM event_occurrences WHERE id = ?").bind([id.rawValue]).first(Self.occurrence)
        }
    }

    public func occurrences(eventID: ID) async throws -> [EventOccurrence] {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.occurrenceColumns) FROM event_occurrences WHERE event_id = ? ORDER BY idx")
                .bind([eventID.rawValue]).rows(Self.occurrence)
        }
    }

    public func markOccurrence(id: ID, startedAt: Date?, endedAt: Date?) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE event_occurrences SET started_at = coalesce(started_at, ?), ended_at = coalesce(ended_at, ?) WHERE id = ?")
                .bind([startedAt.map(Self.millis), endedAt.map(Self.millis), id.rawValue]).run()
        }
    }

    public func setRSVP(occurrenceID: ID, accountID: ID, _ on: Bool, at date: Date) async throws {
        try await database.writeOffPool { db in
            if on {
                try db.prepare("INSERT INTO event_rsvps (occurrence_id, account_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .bind([occurrenceID.rawValue, accountID.rawValue, Self.millis(date)]).run()
            } else {
                try db.prepare("DELETE FROM event_rsvps WHERE occurrence_id = ? AND account_id = ?")
                    .bind([occurrenceID.rawValue, accountID.rawValue]).run()
            }
        }
    }

    public func rsvps(occurrenceID: ID) async throws -> [ID] {
        try await database.readOffPool { db in
            try db.prepare("SELECT account_id FROM event_rsvps WHERE occurrence_id = ? ORDER BY created_at")
                .bind([occurrenceID.rawValue]).rows { ID($0.int64(0)) }
        }
    }

    public func notifyOccurrence(_ occurrenceID: ID, kind: StarlingCore.Notification.Kind, recipients: [ID], actor: ID, at date: Date) async throws {
        try await database.writeOffPool { db in
            for recipient in recipients {
                // Once per person, kind and occurrence, however often the job runs.
                try db.prepare("""
                    INSERT INTO notifications (id, recipient_id, kind, actor_id, created_at, occurrence_id)
                    SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (
                        SELECT 1 FROM notifications WHERE recipient_id = ? AND kind = ? AND occurrence_id = ?)
                    """)
                    .bind([self.ids.next(at: date).rawValue, recipient.rawValue, kind.rawValue, actor.rawValue, Self.millis(date), occurrenceID.rawValue,
                           recipient.rawValue, kind.rawValue, occurrenceID.rawValue])
                    .run()
            }
        }
    }

    public func setCalendarToken(accountID: ID, hash: String) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE accounts SET calendar_token_hash = ? WHERE id = ?").bind([hash, accountID.rawValue]).run()
        }
    }

    public func account(calendarTokenHash hash: String) async throws -> Account? {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.accountColumns) FROM accounts a WHERE a.calendar_token_hash = ? AND a.suspended_at IS NULL AND a.deactivated_at IS NULL")
                .bind([hash]).first { Self.account($0) }
        }
    }

    // MARK: Scripts and released questions

    public func script(eventID: ID) async throws -> ChatScript {
        try await database.readOffPool { db in
            let welcome = try db.prepare("SELECT welcome FROM events WHERE id = ?").bind([eventID.rawValue]).first { $0.string(0) } ?? ""
            let questions = try db.prepare("SELECT text, offset_seconds FROM event_questions WHERE event_id = ? ORDER BY position")
                .bind([eventID.rawValue]).rows { ChatScript.Question(text: $0.string(0), offset: TimeInterval($0.int64(1))) }
            return ChatScript(welcome: welcome, questions: questions)
        }
    }

    public func saveScript(eventID: ID, _ script: ChatScript) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE events SET welcome = ? WHERE id = ?").bind([script.welcome, eventID.rawValue]).run()
            try db.prepare("DELETE FROM event_questions WHERE event_id = ?").bind([eventID.rawValue]).run()
            for (index, question) in script.questions.enumerated() {
                try db.prepare("INSERT INTO event_questions (event_id, position, text, offset_seconds) VALUES (?, ?, ?, ?)")
                    .bind([eventID.rawValue, index + 1, question.text, Int64(question.offset)]).run()
            }
        }
    }

    public func releasedQuestions(occurrenceID: ID) async throws -> [ReleasedQuestion] {
        try await database.readOffPool { db in
            try db.prepare("SELECT position, post_id, released_at FROM released_questions WHERE occurrence_id = ? ORDER BY position")
                .bind([occurrenceID.rawValue])
                .rows { ReleasedQuestion(number: $0.int(0), postID: $0.optionalInt64(1).map(ID.init), releasedAt: Self.date($0.int64(2))) }
        }
    }

    public func recordRelease(occurrenceID: ID, _ released: ReleasedQuestion) async throws {
        try await database.writeOffPool { db in
            try db.prepare("INSERT INTO released_questions (occurrence_id, position, post_id, released_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .bind([occurrenceID.rawValue, released.number, released.postID?.rawValue, Self.millis(released.releasedAt)]).run()
        }
    }

    public func chatPosts(hashtag: String, from: Date, until: Date, viewer: ID?, fromOutside: Bool) async throws -> [PostView] {
        try await database.readOffPool { db in
            try db.prepare(Self.chatPostsQuery)
                .bind(Self.chatPostsParameters(hashtag: hashtag, from: from, until: until, viewer: viewer, fromOutside: fromOutside))
                .rows { Self.postView($0) }
        }
    }

    public func setEventOpenToOutside(id: ID, _ on: Bool) async throws {
        try await database.writeOffPool { db in try db.prepare(Self.setEventOpenQuery).bind([on, id.rawValue]).run() }
    }

    public func openEventHashtags() async throws -> [String] {
        try await database.readOffPool { db in try db.prepare(Self.openEventHashtagsQuery).bind([true]).rows { $0.string(0) } }
    }

    public func saveTranscript(occurrenceID: ID, markdown: String, page: KnowledgePage?) async throws {
        try await database.writeOffPool { db in
            if let page { try self.insertKnowledgePage(db, page) }
            try db.prepare("UPDATE event_occurrences SET transcript = ?, transcript_page_id = ? WHERE id = ?")
                .bind([markdown, page?.id.rawValue, occurrenceID.rawValue]).run()
        }
    }

    public func transcript(occurrenceID: ID) async throws -> (markdown: String, pageID: ID?)? {
        try await database.readOffPool { db in
            try db.prepare("SELECT transcript, transcript_page_id FROM event_occurrences WHERE id = ? AND transcript IS NOT NULL")
                .bind([occurrenceID.rawValue]).first { ($0.string(0), $0.optionalInt64(1).map(ID.init)) }
        }
    }

    public func holdOccurrence(id: ID, at date: Date?) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE event_occurrences SET held_at = ? WHERE id = ?").bind([date.map(Self.millis), id.rawValue]).run()
        }
    }

    public func setHighlight(occurrenceID: ID, postID: ID, _ on: Bool, at date: Date) async throws {
        try await database.writeOffPool { db in
            let sql = on ? "INSERT OR IGNORE INTO occurrence_highlights (occurrence_id, post_id, highlighted_at) VALUES (?, ?, ?)"
                : "DELETE FROM occurrence_highlights WHERE occurrence_id = ? AND post_id = ?"
            try db.prepare(sql).bind([occurrenceID.rawValue, postID.rawValue] + (on ? [Self.millis(date)] : [])).run()
        }
    }

    public func highlights(occurrenceID: ID) async throws -> [ID] {
        try await database.readOffPool { db in
            try db.prepare("SELECT post_id FROM occurrence_highlights WHERE occurrence_id = ? ORDER BY highlighted_at, post_id")
                .bind([occurrenceID.rawValue]).rows { ID($0.int64(0)) }
        }
    }
}
