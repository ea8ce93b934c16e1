import Foundation
import Testing
import StarlingWeb
@testable import StarlingCore

/// Events in the browser: planning one for a program, its page, RSVPs, calendar files, and who may see it.
@Suite("Web: events")
struct EventPagesTests {
    @Test("a facilitator plans a weekly chat from the program's Events tab; a learner says she'll come; the calendar file repeats it in its zone")
    func planAndRSVP() async throws {
        let world = try await TestWorld()
        let fay = try await world.member("fay", role: .admin), lea = try await world.member("lea")
        try await world.member("outsider")
        let program = try await world.starling.programs.create(.init(title: "Cohort", hashtag: "cohort", visibility: "private"), by: fay)
        _ = try await world.starling.programs.setMember(program.id, account: lea, role: .learner, by: fay)
        let elsewhere = try await world.starling.programs.create(.init(title: "Elsewhere", hashtag: "elsewhere", visibility: "private"), by: fay)
        _ = try await world.guest("visitor", invitedTo: elsewhere.id, by: fay)
        try await withLiveServer(world) { server in
            let facilitator = server.browser(), learner = server.browser(), outsider = server.browser(), visitor = server.browser()
            for (browser, name) in [(facilitator, "fay"), (learner, "lea"), (outsider, "outsider"), (visitor, "visitor")] {
                try await browser.signIn(name)
            }
            #expect(try await facilitator.get("/programs/\(program.id)/events").body.contains("Plan an event"))
            #expect(!(try await learner.get("/programs/\(program.id)/events").body.contains("Plan an event")))
            let year = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
            let made = try await facilitator.post("/events", [
                ("program_id", program.id.description), ("title", "Cohort chat"), ("kind", "tweetchat"), ("hashtag", ""),
                ("starts_at", "\(year)-03-24T19:00"), ("time_zone", "Europe/Berlin"), ("duration", "60"), ("recurrence", "weekly"),
                ("reminder", "30")])
            #expect(made.status == 303)
            let path = try #require(made.location)
            let page = try await learner.get(path)
            #expect(page.body.contains("Cohort chat") && page.body.contains("Tweetchat on <a href=\"/tags/cohort\">#cohort</a>"))
            #expect(page.body.contains("Every week, 60 minutes") && page.body.contains("Count me in"))
            #expect(page.body.contains("Hosted by <a href=\"/@fay\">"))
            let eventID = try #require(path.split(separator: "/").last.flatMap { ID(String($0)) })
            let occurrence = try #require(try await world.starling.liveEvents.occurrences(of: eventID).first)
            #expect(try await learner.post("/occurrences/\(occurrence.id)/rsvp", [("on", "1")]).status == 303)
            #expect(try await world.store.rsvps(occurrenceID: occurrence.id) == [lea.id])
            #expect(try await learner.get(path).body.contains("Not coming after all"))
            let ics = try await learner.get(path + "/calendar.ics")
            #expect(ics.header("content-type")?.hasPrefix("text/calendar") == true)
            #expect(ics.body.contains("DTSTART;TZID=Europe/Berlin:\(year)0324T190000\r\n") && ics.body.contains("RRULE:FREQ=WEEKLY\r\n"))
            #expect(ics.body.contains("SUMMARY:Cohort chat (#cohort)") && ics.body.contains("DURATION:PT60M"))
            #expect(try await learner.get("/programs/\(program.id)/calendar.ics").body.contains("UID:event-\(eventID)@"))
            for stranger in [outsider, visitor] {
                #expect(try await stranger.get(path).status == 404)
                #expect(try await stranger.get(path + "/calendar.ics").status == 404)
                #expect(try await stranger.post("/occurrences/\(occurrence.id)/rsvp", [("on", "1")]).status == 404)
            }
            let bad = try await facilitator.post("/events", [
                ("program_id", program.id.description), ("title", "Nowhere"), ("kind", "tweetchat"), ("starts_at", "\(year)-03-24T19:00"),
                ("time_zone", "Mars/Olympus"), ("duration", "60"), ("recurrence", "none"), ("reminder", "30")])
            #expect(bad.status == 422)
        }
    }

    @Test("a host writes the chat's script on the event page and, once live, releases the next question and holds the rest")
    func hostTheChat() async throws {
        let clock = ManualClock()
        let world = try await TestWorld(clock: clock)
        let fay = try await world.member("fay", role: .admin)
        try await world.member("lea")
        let event = try await world.starling.liveEvents.create(.init(kind: .tweetchat, title: "Org chat", hashtag: "lrnchat", startsAt: clock.now() + 600,
                                                               timeZone: "UTC"), by: fay, now: clock.now())
        try await withLiveServer(world, options: ServerOptions(runsJobs: false)) { server in
            let host = server.browser(), learner = server.browser()
            try await host.signIn("fay")
            try await learner.signIn("lea")
            #expect(try await host.get("/events/\(event.id)").body.contains("Save the script"))
            #expect(!(try await learner.get("/events/\(event.id)").body.contains("Save the script")))
            let bad = try await host.post("/events/\(event.id)/script", [("welcome", "Hi"), ("questions", "soon: what?")])
            #expect(bad.status == 422 && bad.body.contains("write it as"))
            // A textarea's lines arrive with CRLF (and old systems send CR alone): each is a question.
            #expect(try await host.post("/events/\(event.id)/script", [("welcome", "Welcome, all!\r\nGlad you are here."),
                                                                       ("questions", "5 | What did you learn?\r\n20 | What next?\r30 | And then?")]).status == 303)
            let script = try await world.starling.liveEvents.script(event.id, viewer: fay)
            #expect(script.questions.map(\.offset) == [300, 1200, 1800] && script.questions[0].text == "What did you learn?")
            #expect(script.welcome == "Welcome, all!\nGlad you are here.")
            #expect(try await host.post("/events/\(event.id)/script", [("welcome", ""), ("questions", "5 | What did you learn?\r\n20 | What next?")]).status == 303)
            clock.advance(by: 600)
            try await world.starling.jobRunner.runDue(now: clock.now())
            let live = try await host.get("/events/\(event.id)")
            #expect(live.body.contains("live now") && live.body.contains("Release the next question now"))
            #expect(!(try await learner.get("/events/\(event.id)").body.contains("Release the next question now")))
            let occurrence = try #require(try await world.starling.liveEvents.occurrences(of: event.id).first)
            #expect(try await learner.post("/occurrences/\(occurrence.id)/release-next", []).status == 403)
            #expect(try await host.post("/occurrences/\(occurrence.id)/release-next", []).status == 303)
            #expect(try await host.post("/occurrences/\(occurrence.id)/hold", [("on", "1")]).status == 303)
            #expect(try await host.get("/events/\(event.id)").body.contains("Resume the questions"))
            clock.advance(by: 1200)
            try await world.starling.jobRunner.runDue(now: clock.now())
            #expect(try await world.starling.liveEvents.released(occurrence.id, viewer: fay).map(\.number) == [1]) // Q2 held
        }
    }

    @Test("a chat is planned with its script in rows; a row without its minute, or any refusal, stores nothing and keeps the rows")
    func planWithScriptRows() async throws {
        let world = try await TestWorld()
        let fay = try await world.member("fay", role: .admin)
        try await withSignedInBrowser(world, as: "fay") { (browser, _) async throws in
            _ = try await browser.get("/events")
            let year = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
            let fields: [(String, String)] = [("title", "Rows chat"), ("kind", "tweetchat"), ("hashtag", "rowschat"), ("starts_at", "\(year)-05-04T17:00"),
                                              ("time_zone", "Europe/Berlin"), ("duration", "60"), ("recurrence", "none"), ("reminder", "30")]
            // A zone that is not on the list ("Berlin", from an old bookmark or a script) is named beside the list.
            let badZone = try await browser.post("/events", fields.map { $0.0 == "time_zone" ? ("time_zone", "Berlin") : $0 })
            #expect(badZone.status == 422 && badZone.body.contains("aria-describedby=\"time_zone-error\"><optgroup"))
            #expect(badZone.body.contains("Choose a time zone from the list.") && badZone.body.contains("value=\"Rows chat\""))
            let missingMinute = try await browser.post("/events", fields + [("question_minute", "5"), ("question_text", "First?"),
                                                                            ("question_minute", ""), ("question_text", "Second?")])
            #expect(missingMinute.status == 422 && missingMinute.body.contains("Q2: give the minute"))
            #expect(missingMinute.body.contains("value=\"Second?\"") && missingMinute.body.contains("value=\"Rows chat\""))
            #expect(try await world.starling.liveEvents.visibleEvents(viewer: fay).isEmpty)
            let moreRows = try await browser.post("/events", fields + [("question_minute", "5"), ("question_text", "First?"), ("add_rows", "1")])
            #expect(moreRows.status == 200 && moreRows.body.matches(of: /name="question_text"/).count == 4 && !moreRows.body.contains("form-errors"))
            let made = try await browser.post("/events", fields + [("question_minute", "5"), ("question_text", "First?"), ("question_minute", "25"),
                                                                   ("question_text", "Second?"), ("question_minute", ""), ("question_text", "")])
            #expect(made.status == 303)
            let event = try #require(try await world.starling.liveEvents.visibleEvents(viewer: fay).first)
            #expect(try await world.starling.liveEvents.script(event.id, viewer: fay).questions.map(\.offset) == [300, 1500])
            #expect(try await browser.get(try #require(made.location)).body.contains("is planned, with 2 questions in its script."))
        }
    }

    @Test("a secret calendar link lists, without signing in, the organization's events and those of the person's programs; a new link turns the old one off")
    func calendarLink() async throws {
        let world = try await TestWorld()
        let fay = try await world.member("fay", role: .admin)
        let lea = try await world.member("lea")
        let mine = try await world.starling.programs.create(.init(title: "Mine", hashtag: "mine", visibility: "private"), by: fay)
        _ = try await world.starling.programs.setMember(mine.id, account: lea, role: .learner, by: fay)
        let other = try await world.starling.programs.create(.init(title: "Other", hashtag: "other", visibility: "private"), by: fay)
        let start = Date().addingTimeInterval(86400)
        for (title, programID, hashtag) in [("Org chat", nil, "lrnchat"), ("Mine chat", mine.id, nil), ("Other chat", other.id, nil)] as [(String, ID?, String?)] {
            _ = try await world.starling.liveEvents.create(.init(kind: .tweetchat, title: title, hashtag: hashtag, programID: programID, startsAt: start,
                                                           timeZone: "UTC"), by: fay, now: Date())
        }
        try await withLiveServer(world) { server in
            let browser = server.browser()
            try await browser.signIn("lea")
            let made = try await browser.post("/events/calendar-link", [])
            let link = try #require(made.body.firstMatch(of: /value="http[^"]*(\/calendar\/[^"]+\.ics)"/).map { String($0.1) })
            let feed = try await server.browser().get(link) // no session
            #expect(feed.status == 200 && feed.body.contains("SUMMARY:Org chat") && feed.body.contains("SUMMARY:Mine chat"))
            #expect(!feed.body.contains("Other chat"))
            _ = try await browser.post("/events/calendar-link", [])
            #expect(try await server.browser().get(link).status == 404)
            #expect(try await server.browser().get("/calendar/nonsense.ics").status == 404)
            #expect(try await world.starling.liveEvents.calendar(of: lea).count == 2)
        }
    }

    @Test("the calendar view puts each occurrence of a weekly event on its day in the reader's zone, month by month; strangers get 404")
    func calendarView() async throws {
        let world = try await TestWorld()
        let fay = try await world.member("fay", role: .admin)
        try await world.member("outsider")
        let program = try await world.starling.programs.create(.init(title: "Cohort", hashtag: "cohort", visibility: "private"), by: fay)
        let year = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
        // 00:30 in Tokyo is the day before in UTC: the calendar shows the Tokyo day.
        var tokyo = Calendar(identifier: .gregorian)
        tokyo.timeZone = try #require(TimeZone(identifier: "Asia/Tokyo"))
        let start = try #require(tokyo.date(from: DateComponents(year: year, month: 3, day: 3, hour: 0, minute: 30)))
        _ = try await world.starling.liveEvents.create(.init(kind: .tweetchat, title: "Tokyo chat", programID: program.id, startsAt: start,
                                                       timeZone: "Asia/Tokyo", recurrence: .weekly), by: fay, now: Date())
        try await withLiveServer(world) { server in
            let host = server.browser(), outsider = server.browser()
            try await host.signIn("fay")
            try await outsider.signIn("outsider")
            let path = "/programs/\(program.id)/events/calendar"
            func days(_ page: Page, at time: String) -> [Int] {
                page.body.matches(of: /<span class="day">(\d+)<\/span><ul><li><a href="\/events\/\d+" title="Tokyo chat[^"]*"><time datetime="[^"]+">([0-9:]+)<\/time>/)
                    .filter { $0.2 == time }.map { Int($0.1)! }
            }
            // Fay reads times in the organization's zone (UTC): the day before, 15:30.
            let march = try await host.get(path + "?month=\(year)-03")
            #expect(march.status == 200 && march.body.contains("March \(year)"))
            #expect(days(march, at: "15:30") == [2, 9, 16, 23, 30])
            // In her own zone, Tokyo, it is the Tokyo day.
            try await world.starling.accounts.updateProfile(fay, displayName: "", bio: "", timeZone: "Asia/Tokyo")
            let inTokyo = try await host.get(path + "?month=\(year)-03")
            #expect(days(inTokyo, at: "0:30") == [3, 10, 17, 24, 31])
            #expect(try await host.get(path + "?month=\(year)-02").body.contains("Tokyo chat") == false)
            #expect(try await host.get(path + "?month=\(year)-04").body.contains("Tokyo chat"))
            #expect(try await host.get(path + "?month=13-2026").status == 422)
            #expect(try await outsider.get(path).status == 404)
            #expect(try await host.get("/events/calendar").status == 200)
        }
    }

    @Test("calendar text escapes what iCalendar gives meaning to and folds long lines at 75 octets")
    func icalendarText() {
        let event = Event(id: ID(7), kind: .askTheExpert, title: "Pricing; margins, and \\ more " + String(repeating: "é", count: 60),
                          hashtag: "ask", programID: nil, startsAt: Date(timeIntervalSince1970: 1_800_000_000), timeZone: "UTC",
                          duration: 1800, recurrence: .everyTwoWeeks, reminderLead: 0, createdBy: ID(1), createdAt: Date())
        let text = ICalendar.calendar([event], baseURL: "https://starling.example", name: "Org", now: Date(timeIntervalSince1970: 0))
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(text.contains("SUMMARY:Pricing\\; margins\\, and \\\\ more"))
        #expect(text.contains("RRULE:FREQ=WEEKLY;INTERVAL=2") && text.contains("DTSTAMP:19700101T000000Z"))
        #expect(lines.contains { $0.hasPrefix(" ") }) // a folded continuation
    }
}
