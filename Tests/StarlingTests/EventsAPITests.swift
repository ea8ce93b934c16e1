import Foundation
import Testing
import StarlingWeb
@testable import StarlingCore

/// Events through the own API: planning, reading, RSVPs, and errors.
@Suite("Own API: events")
struct EventsAPITests {
    @Test("a facilitator plans a program's event with JSON; members read it and RSVP; outsiders get 404; bad input gets 422 naming the field")
    func eventsThroughTheAPI() async throws {
        let world = try await TestWorld()
        let fay = try await world.member("fay", role: .admin), lea = try await world.member("lea")
        try await world.member("outsider")
        let program = try await world.starling.programs.create(.init(title: "Cohort", hashtag: "cohort", visibility: "private"), by: fay)
        _ = try await world.starling.programs.setMember(program.id, account: lea, role: .learner, by: fay)
        let start = ISO8601DateFormatter().string(from: Date().addingTimeInterval(7 * 86400))
        try await withLiveServer(world) { server in
            let fayToken = try await MastodonAPITests.token(server, "fay"), leaToken = try await MastodonAPITests.token(server, "lea")
            let outsider = try await MastodonAPITests.token(server, "outsider")
            let made = try await server.api("POST", "/api/starling/v1/events", token: fayToken, json: """
                {"kind": "ask-the-expert", "title": "Ask the CFO", "program_id": "\(program.id)", "starts_at": "\(start)",
                 "time_zone": "Europe/Paris", "duration_minutes": 45, "recurrence": "monthly", "reminder_minutes": 60}
                """)
            #expect(made.status == 201 && made.string("hashtag") == "cohort" && made.json["duration_minutes"] as? Int == 45)
            let id = made.string("id")
            let occurrence = try #require((made.json["occurrences"] as? [[String: Any]])?.first?["id"] as? String)
            let rsvp = try await server.api("POST", "/api/starling/v1/occurrences/\(occurrence)/rsvp", token: leaToken)
            #expect(rsvp.status == 200 && (rsvp.json["occurrences"] as? [[String: Any]])?.first?["coming"] as? Bool == true)
            #expect(try await server.api("GET", "/api/starling/v1/events?program_id=\(program.id)", token: leaToken).array.count == 1)
            #expect(try await server.api("GET", "/api/starling/v1/events/\(id)", token: outsider).status == 404)
            #expect(try await server.api("POST", "/api/starling/v1/occurrences/\(occurrence)/rsvp", token: outsider).status == 404)
            let cancelled = try await server.api("DELETE", "/api/starling/v1/occurrences/\(occurrence)/rsvp", token: leaToken)
            #expect((cancelled.json["occurrences"] as? [[String: Any]])?.first?["coming"] as? Bool == false)
            for (field, body) in [("kind", #"{"kind": "party", "title": "x", "starts_at": "\#(start)", "time_zone": "UTC"}"#),
                                  ("time_zone", #"{"kind": "tweetchat", "title": "x", "hashtag": "x", "starts_at": "\#(start)", "time_zone": "Nowhere"}"#),
                                  ("starts_at", #"{"kind": "tweetchat", "title": "x", "hashtag": "x", "time_zone": "UTC"}"#),
                                  ("duration", #"{"kind": "tweetchat", "title": "x", "hashtag": "x", "starts_at": "\#(start)", "time_zone": "UTC", "duration_minutes": 5}"#)] {
                let refused = try await server.api("POST", "/api/starling/v1/events", token: fayToken, json: body)
                #expect(refused.status == 422 && refused.string("error_description") == field, "\(field): \(refused.body)")
            }
            #expect(try await server.api("POST", "/api/starling/v1/events", token: leaToken, json: """
                {"kind": "tweetchat", "title": "Mine", "program_id": "\(program.id)", "starts_at": "\(start)", "time_zone": "UTC"}
                """).status == 403)
        }
    }

    @Test("a host runs a chat through the API: script, release the next question, hold and resume; the transcript afterwards")
    func chatThroughTheAPI() async throws {
        let clock = ManualClock()
        let world = try await TestWorld(clock: clock)
        let fay = try await world.member("fay", role: .admin)
        try await world.member("lea")
        let event = try await world.starling.liveEvents.create(.init(kind: .tweetchat, title: "API chat", hashtag: "apichat", startsAt: clock.now() + 60,
                                                               timeZone: "UTC", duration: 1800, reminderLead: 0), by: fay, now: clock.now())
        try await withLiveServer(world, options: ServerOptions(runsJobs: false)) { server in
            let host = try await MastodonAPITests.token(server, "fay"), lea = try await MastodonAPITests.token(server, "lea")
            let script = """
                {"welcome": "Hello!", "questions": [{"text": "First?", "offset_minutes": 5}, {"text": "Second?", "offset_minutes": 10}]}
                """
            #expect(try await server.api("PUT", "/api/starling/v1/events/\(event.id)/script", token: lea, json: script).status == 403)
            let saved = try await server.api("PUT", "/api/starling/v1/events/\(event.id)/script", token: host, json: script)
            #expect(saved.status == 200 && (saved.json["questions"] as? [[String: Any]])?.map { $0["text"] as? String } == ["First?", "Second?"])
            let occurrence = try #require(try await world.starling.liveEvents.occurrences(of: event.id).first)
            #expect(try await server.api("POST", "/api/starling/v1/occurrences/\(occurrence.id)/release_next", token: host).status == 422) // not live yet
            clock.advance(by: 60)
            try await world.starling.jobRunner.runDue(now: clock.now())
            let released = try await server.api("POST", "/api/starling/v1/occurrences/\(occurrence.id)/release_next", token: host)
            #expect(released.status == 200 && released.json["number"] as? Int == 1)
            #expect(try await server.api("POST", "/api/starling/v1/occurrences/\(occurrence.id)/hold", token: host).status == 200)
            #expect(try await server.api("DELETE", "/api/starling/v1/occurrences/\(occurrence.id)/hold", token: host).status == 200)
            #expect(try await server.api("GET", "/api/starling/v1/occurrences/\(occurrence.id)/transcript", token: lea).status == 404)
            clock.advance(by: 1800)
            try await world.starling.jobRunner.runDue(now: clock.now())
            let transcript = try await server.api("GET", "/api/starling/v1/occurrences/\(occurrence.id)/transcript", token: lea)
            #expect(transcript.status == 200 && transcript.string("markdown").contains("## Q2: Second?"))
        }
    }
}

/// Ask-the-expert sessions through the own API.
@Suite("Own API: ask the expert")
struct ExpertsAPITests {
    @Test("a session through the API: ask (waiting for approval), approve, upvote, start, the expert answers, end, summary, hand-off; outsiders get 404")
    func sessionThroughTheAPI() async throws {
        let clock = ManualClock()
        let world = try await TestWorld(clock: clock)
        let fay = try await world.member("fay", role: .admin)
        let lea = try await world.member("lea"), leo = try await world.member("leo"), pat = try await world.member("pat")
        try await world.member("outsider")
        let program = try await world.starling.programs.create(.init(title: "Cohort", hashtag: "cohort", visibility: "private"), by: fay)
        for learner in [lea, leo, pat] { _ = try await world.starling.programs.setMember(program.id, account: learner, role: .learner, by: fay) }
        let start = ISO8601DateFormatter().string(from: clock.now().addingTimeInterval(3600))
        try await withLiveServer(world) { server in
            let host = try await MastodonAPITests.token(server, "fay"), asker = try await MastodonAPITests.token(server, "lea")
            let voter = try await MastodonAPITests.token(server, "leo"), expert = try await MastodonAPITests.token(server, "pat")
            let outsider = try await MastodonAPITests.token(server, "outsider")
            let v1 = "/api/starling/v1"
            let made = try await server.api("POST", "\(v1)/events", token: host, json: """
                {"kind": "ask-the-expert", "title": "Ask the CFO", "program_id": "\(program.id)", "starts_at": "\(start)",
                 "time_zone": "UTC", "duration_minutes": 30, "requires_approval": true}
                """)
            #expect(made.status == 201 && made.json["requires_approval"] as? Bool == true)
            let occurrence = try #require((made.json["occurrences"] as? [[String: Any]])?.first?["id"] as? String)
            let invitation = try await server.api("POST", "\(v1)/events/\(made.string("id"))/expert_invitations", token: host)
            #expect(invitation.status == 201 && invitation.string("event_id") == made.string("id") && invitation.string("url").contains("/invite/"))
            try await world.starling.liveEvents.addExpert(ID(made.string("id"))!, pat, by: fay)
            let asked = try await server.api("POST", "\(v1)/occurrences/\(occurrence)/questions", token: asker, json: #"{"text": "Budget for 2027?"}"#)
            #expect(asked.status == 201 && asked.string("status") == "pending")
            let question = asked.string("id")
            #expect(try await server.api("GET", "\(v1)/occurrences/\(occurrence)/questions", token: voter).array.isEmpty)
            #expect(try await server.api("POST", "\(v1)/expert_questions/\(question)/approve", token: voter).status == 404) // he cannot see it yet
            #expect(try await server.api("POST", "\(v1)/expert_questions/\(question)/approve", token: host).string("status") == "approved")
            let voted = try await server.api("POST", "\(v1)/expert_questions/\(question)/vote", token: voter)
            #expect(voted.json["votes_count"] as? Int == 1 && voted.json["upvoted"] as? Bool == true)
            #expect(try await server.api("POST", "\(v1)/expert_questions/\(question)/vote", token: asker).status == 422) // her own
            #expect(try await server.api("POST", "\(v1)/expert_questions/\(question)/answer", token: expert, json: #"{"text": "Later"}"#).status == 422)
            #expect(try await server.api("POST", "\(v1)/occurrences/\(occurrence)/start", token: host).status == 200)
            let answered = try await server.api("POST", "\(v1)/expert_questions/\(question)/answer", token: expert, json: #"{"text": "Flat, then up."}"#)
            #expect(answered.string("answer") == "Flat, then up." && (answered.json["answered_by"] as? [String: Any])?["username"] as? String == "pat")
            _ = try await server.api("POST", "\(v1)/occurrences/\(occurrence)/questions", token: voter, json: #"{"text": "Hiring plans?"}"#)
            #expect(try await server.api("POST", "\(v1)/occurrences/\(occurrence)/questions", token: voter, json: #"{"text": ""}"#).status == 422)
            #expect(try await server.api("POST", "\(v1)/occurrences/\(occurrence)/end", token: host).status == 200)
            let summary = try await server.api("GET", "\(v1)/occurrences/\(occurrence)/summary", token: voter)
            #expect((summary.json["answered"] as? [[String: Any]])?.count == 1 && (summary.json["unanswered"] as? [[String: Any]])?.isEmpty == true)
            let handed = try await server.api("POST", "\(v1)/occurrences/\(occurrence)/hand_off", token: host)
            #expect(handed.status == 200 && (handed.json["status_ids"] as? [String])?.isEmpty == true) // the host approved nothing else
            for path in ["/occurrences/\(occurrence)/questions", "/occurrences/\(occurrence)/summary"] {
                #expect(try await server.api("GET", v1 + path, token: outsider).status == 404)
            }
            #expect(try await server.api("POST", "\(v1)/expert_questions/\(question)/vote", token: outsider).status == 404)
        }
    }
}
