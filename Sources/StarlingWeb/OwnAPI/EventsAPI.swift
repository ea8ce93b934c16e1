import Foundation
import Hummingbird
import StarlingCore

/// `/api/starling/v1/events`: live events, their occurrences, RSVPs and calendar files.
struct EventsAPI {
    let starling: Starling
    var serializer: OwnSerializer { OwnSerializer(settings: starling.settings) }
    var events: EventService { starling.liveEvents }

    func register(on api: some RouterMethods<WebContext>) {
        let v1 = api.group("starling/v1")
        v1.post("/events") { request, context in
            let host = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            guard let kind = Event.Kind(rawValue: p["kind"] ?? "") else {
                throw DomainError.invalid(field: "kind", message: "kind is tweetchat or ask-the-expert.")
            }
            guard let recurrence = Event.Recurrence(rawValue: p["recurrence"] ?? "none") else {
                throw DomainError.invalid(field: "recurrence", message: "recurrence is none, weekly, every-two-weeks or monthly.")
            }
            guard let startsAt = try p.date("starts_at") else { throw DomainError.invalid(field: "starts_at", message: "starts_at is required.") }
            let minutes = { (name: String, fallback: Double) throws -> TimeInterval in
                guard let raw = p[name] else { return fallback * 60 }
                guard let value = Double(raw), value.isFinite else { throw DomainError.invalid(field: name, message: "\(name) is a number of minutes.") }
                return value * 60
            }
            let event = try await events.create(.init(kind: kind, title: p.raw("title") ?? "", hashtag: p["hashtag"], programID: try p.id("program_id"),
                                                startsAt: startsAt, timeZone: p["time_zone"] ?? "UTC",
                                                duration: try minutes("duration_minutes", 60), recurrence: recurrence,
                                                reminderLead: try minutes("reminder_minutes", 30),
                                                requiresApproval: try p.bool("requires_approval") ?? false,
                                                openToOutside: try p.bool("open_to_outside") ?? false),
                                          by: host, now: starling.clock.now())
            return try await eventResponse(event, viewer: host, status: .created)
        }
        v1.get("/events") { request, context in
            let viewer = try context.requireUser("read")
            let p = try await APIParameters.read(request, context: context)
            let list = try await events.events(programID: try p.id("program_id"), viewer: viewer)
            let details = try await list.asyncMap { try await events.occurrences(of: $0.id) }
            return APIResponse.json { json in
                json.array(Array(zip(list, details))) { serializer.event($1.0, occurrences: $1.1, coming: [], into: &$0) }
            }
        }
        v1.get("/events/:id") { _, context in
            let viewer = try context.requireUser("read")
            return try await eventResponse(try events.event(try WebPages.idParameter(context), viewer: viewer), viewer: viewer, status: .ok)
        }
        for on in [true, false] {
            let choose: @Sendable (Request, WebContext) async throws -> Response = { _, context in
                let host = try context.requireUser("write")
                let event = try await events.setOpenToOutside(try WebPages.idParameter(context), on, by: host)
                return try await eventResponse(event, viewer: host, status: .ok)
            }
            if on { v1.post("/events/:id/outside", use: choose) } else { v1.delete("/events/:id/outside", use: choose) }
        }
        v1.get("/events/:id/script") { _, context in
            let viewer = try context.requireUser("read")
            let script = try await events.script(try WebPages.idParameter(context), viewer: viewer)
            return APIResponse.json { serializer.script(script, into: &$0) }
        }
        v1.put("/events/:id/script") { request, context in
            let host = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            let texts = p.values("questions[][text]"), offsets = p.values("questions[][offset_minutes]")
            guard texts.count == offsets.count else {
                throw DomainError.invalid(field: "questions", message: "Each question has a text and an offset_minutes.")
            }
            let questions = try zip(texts, offsets).map { text, offset in
                guard let minutes = Double(offset), minutes.isFinite else {
                    throw DomainError.invalid(field: "questions", message: "offset_minutes is a number of minutes.")
                }
                return ChatScript.Question(text: text, offset: minutes * 60)
            }
            let saved = try await events.setScript(try WebPages.idParameter(context), ChatScript(welcome: p.raw("welcome") ?? "", questions: questions),
                                             by: host, now: starling.clock.now())
            return APIResponse.json { serializer.script(saved, into: &$0) }
        }
        v1.post("/occurrences/:id/release_next") { _, context in
            let host = try context.requireUser("write")
            let released = try await events.releaseNext(try WebPages.idParameter(context), by: host, now: starling.clock.now())
            return APIResponse.json { json in
                json.object { json in
                    json.field("number", released.number)
                    json.field("status_id", released.postID?.description)
                    json.field("released_at", released.releasedAt)
                }
            }
        }
        // Starting early and ending early (hosts); each answers with the occurrence's event.
        let actions: [(String, @Sendable (ID, Account) async throws -> Void)] = [
            ("start", { try await events.startNow($0, by: $1, now: starling.clock.now()) }),
            ("end", { try await events.endNow($0, by: $1, now: starling.clock.now()) }),
        ]
        for (name, act) in actions {
            v1.post(RouterPath("/occurrences/:id/\(name)")) { _, context in
                let host = try context.requireUser("write")
                let id = try WebPages.idParameter(context)
                try await act(id, host)
                return try await eventResponse(try events.event(try events.occurrence(id, viewer: host).eventID, viewer: host), viewer: host, status: .ok)
            }
        }
        // Switched on with POST and off with DELETE; each answers with the occurrence's event.
        let toggles: [(String, @Sendable (ID, Account, Bool) async throws -> Void)] = [
            ("rsvp", { try await events.rsvp($0, by: $1, $2, now: starling.clock.now()) }),
            ("hold", { try await events.hold($0, $2, by: $1, now: starling.clock.now()) }),
        ]
        for (name, act) in toggles {
            for (method, on) in [(HTTPRequest.Method.post, true), (.delete, false)] {
                v1.on(RouterPath("/occurrences/:id/\(name)"), method: method) { _, context in
                    let viewer = try context.requireUser("write")
                    let id = try WebPages.idParameter(context)
                    try await act(id, viewer, on)
                    let event = try await events.event(try events.occurrence(id, viewer: viewer).eventID, viewer: viewer)
                    return try await eventResponse(event, viewer: viewer, status: .ok)
                }
            }
        }
        v1.get("/occurrences/:id/transcript") { _, context in
            let viewer = try context.requireUser("read")
            let transcript = try await events.transcript(try WebPages.idParameter(context), viewer: viewer)
            return APIResponse.json { json in
                json.object { json in
                    json.field("markdown", transcript.markdown)
                    json.field("knowledge_page_id", transcript.pageID?.description)
                }
            }
        }
    }

    /// The event with its occurrences, and which of them the viewer said they would come to.
    private func eventResponse(_ event: Event, viewer: Account, status: HTTPResponse.Status) async throws -> Response {
        let occurrences = try await events.occurrences(of: event.id)
        let coming = await Set(try occurrences.asyncFilter { try await events.isComing($0.id, viewer) }.map(\.id))
        return APIResponse.json(status: status) { serializer.event(event, occurrences: occurrences, coming: coming, into: &$0) }
    }
}
