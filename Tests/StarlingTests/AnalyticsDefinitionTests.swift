import Foundation
import Testing
@testable import StarlingCore
@testable import StarlingSQLite

/// Each analytics definition of the README, computed by Starling on generated activity and compared with
/// a plain computation from the raw rows of the database file (`Naive`).
@Suite("Analytics: the definitions, against an independent computation")
struct AnalyticsDefinitionTests {
    /// Each learner's active days in the program, from the raw rows.
    private func learnerDays(_ f: AnalyticsFixture) async throws -> [ID: [Int]] {
        let learners = Set(f.learners.map(\.id))
        var days: [ID: [Int]] = [:]
        for row in try await f.rawRows() where row.program == f.program.id.rawValue && learners.contains(row.account) {
            days[row.account, default: []].append(row.day)
        }
        return days
    }

    /// A program with generated activity: Starling's figures, each learner's active days from the raw rows,
    /// and the Monday of the current week (by Foundation's calendar).
    private func generated() async throws -> (figures: ProgramAnalytics, days: [ID: [Int]], current: Date) {
        let f = try await AnalyticsFixture()
        try await f.generateActivity()
        return await (try await f.programFigures(), try learnerDays(f), Naive.monday(Int(f.clock.now().timeIntervalSince1970 / 86_400)))
    }

    @Test("cohort retention: each cohort's share active in week c + n, cohorts too young for week n left out of its average")
    func cohortRetention() async throws {
        let (figures, days, current) = try await generated()
        let expected = Naive.retention(days, current: current)
        #expect(figures.retention.cohorts.count == expected.count)
        #expect(expected.count >= 8, "the generated history spans many cohorts")
        for (cohort, naive) in zip(figures.retention.cohorts, expected) {
            #expect(Naive.date(cohort.week.ordinal) == naive.cohort)
            #expect(cohort.size == naive.size)
            #expect(cohort.active == naive.active)
        }
        let longest = expected.map(\.active.count).max()!
        for n in 0..<longest {
            let reached = expected.filter { $0.active.count > n }
            let rate = Double(reached.map { $0.active[n] }.reduce(0, +)) / Double(reached.map(\.size).reduce(0, +))
            #expect(abs(figures.retention.averageRate(n) - rate) < 1e-12, "average of week \(n) over the \(reached.count) cohorts that reached it")
        }
        #expect(expected.contains { $0.active.count < longest }, "some cohorts are too young for the last weeks")
    }

    @Test("weekly return rate: of the learners active in week w, the share active in w + 1, for the last 8 complete weeks")
    func weeklyReturnRate() async throws {
        let (figures, days, current) = try await generated()
        #expect(figures.weeklyReturn.count == 8)
        for (offset, point) in figures.weeklyReturn.enumerated() {
            let week = Naive.weeks(after: current, offset - 9), next = Naive.weeks(after: week, 1)
            let active = days.filter { $0.value.contains { Naive.monday($0) == week } }
            let returned = active.filter { $0.value.contains { Naive.monday($0) == next } }
            #expect(Naive.date(point.week.ordinal) == week)
            #expect(point.active == active.count)
            #expect(point.returned == returned.count)
        }
        #expect(Naive.weeks(after: Naive.date(figures.weeklyReturn.last!.week.ordinal), 2) == current,
                "the last pair ends with the last complete week")
    }

    @Test("stickiness: DAU/MAU per day, the period's figure the mean of the daily ratios; guests count in no organization figure")
    func stickiness() async throws {
        let f = try await AnalyticsFixture()
        try await f.generateActivity()
        let today = f.starling.analytics.today(f.clock.now())
        let period = try AnalyticsPeriod.parse(from: nil, to: nil, today: today)
        let organization = try await f.starling.analytics.organization(viewer: f.ada, period: period, now: f.clock.now())
        let rows = try await f.rawRows().filter { $0.program == 0 && $0.account != f.gus.id }.map { (day: $0.day, account: $0.account) }
        #expect(organization.daily.count == 84)
        var ratios: [Double] = []
        for point in organization.daily {
            let day = point.day.ordinal
            #expect(point.dau == Naive.distinct(rows, day, day))
            #expect(point.wau == Naive.distinct(rows, day - 6, day))
            #expect(point.mau == Naive.distinct(rows, day - 29, day))
            let mau = Naive.distinct(rows, day - 29, day)
            ratios.append(mau == 0 ? 0 : Double(Naive.distinct(rows, day, day)) / Double(mau))
        }
        #expect(abs(organization.stickiness - ratios.reduce(0, +) / Double(ratios.count)) < 1e-12)
        #expect(ratios.contains(0), "days before anyone was active count as 0")
        await #expect(try f.rawRows().contains { $0.program == 0 && $0.account == f.gus.id }, "the guest's activity is recorded, and left out")
    }

    @Test("time to first answer: earliest answer by someone else that was not deleted; median and p90 per week; waiting after 24 hours and now")
    func timeToFirstAnswer() async throws {
        let f = try await AnalyticsFixture(learners: 4)
        let (a, b, c) = (f.learners[0], f.learners[1], f.learners[2])
        let start = f.clock.now() - 20 * 86_400
        for learner in f.learners { _ = try await f.starling.programs.join(f.program.id, by: learner, agreementVersion: f.program.agreementVersion) }
        var expected: [(asked: Date, first: Date?)] = []
        func ask(_ at: Date, by asker: Account, answers: [(Account, TimeInterval, deleted: Bool)]) async throws {
            let question = try await f.starling.posts.compose(.init(text: "How do I do this? #cohort", question: true), by: asker, at: at)
            var kept: [Date] = []
            for (answerer, after, deleted) in answers {
                let answer = try await f.starling.posts.compose(.init(text: "Like this.", inReplyToID: question.id), by: answerer, at: at + after)
                if deleted { try await f.starling.posts.delete(answer.id, by: answerer) } else if answerer.id != asker.id { kept.append(at + after) }
            }
            expected.append((at, kept.min()))
        }
        try await ask(start, by: a, answers: [(b, 600, false)])
        try await ask(start + 3600, by: a, answers: [(a, 60, false), (c, 7200, false)])          // the asker's own reply does not count
        try await ask(start + 7200, by: b, answers: [(c, 300, true), (a, 90_000, false)])        // the deleted answer does not count
        try await ask(start + 8 * 86_400, by: c, answers: [(c, 100, false)])                      // only the asker replied: unanswered
        try await ask(start + 9 * 86_400, by: a, answers: [(b, 1800, false), (c, 900, false)])
        try await ask(f.clock.now() - 3600, by: b, answers: [])                                   // not 24 hours old yet
        let figures = try await f.programFigures()
        var byWeek: [Date: [(asked: Date, first: Date?)]] = [:]
        for question in expected { byWeek[Naive.calendar.dateInterval(of: .weekOfYear, for: question.asked)!.start, default: []].append(question) }
        #expect(figures.questions.map { Naive.date($0.week.ordinal) } == byWeek.keys.sorted())
        for week in figures.questions {
            let questions = byWeek[Naive.date(week.week.ordinal)]!
            let waits = questions.compactMap { question in question.first.map { $0.timeIntervalSince(question.asked) } }
            #expect(week.asked == questions.count)
            #expect(week.answered == waits.count)
            #expect(week.median == Naive.percentile(waits, 0.5))
            #expect(week.p90 == Naive.percentile(waits, 0.9))
        }
        let old = expected.filter { f.clock.now().timeIntervalSince($0.asked) >= 86_400 }
        #expect(figures.waiting.asked == expected.count)
        #expect(figures.waiting.askedOver24HoursAgo == old.count)
        #expect(figures.waiting.unansweredAfter24Hours == old.filter { q in q.first.map { $0.timeIntervalSince(q.asked) > 86_400 } ?? true }.count)
        #expect(figures.waiting.unansweredNow == expected.filter { $0.first == nil }.count)
        #expect(figures.waiting.unansweredAfter24Hours == 2 && figures.waiting.unansweredNow == 2)
    }

    @Test("tweetchats: new and returning participants per occurrence, and the share who come to the next one")
    func tweetchatReturning() throws {
        var random = SeededGenerator(seed: 3)
        let people = (1...40).map { ID(Int64($0)) }
        let inputs = (0..<6).map { index in
            TweetchatFigures.Input(occurrence: EventOccurrence(id: ID(Int64(100 + index)), eventID: ID(1), index: index, startsAt: Date(), endsAt: Date()),
                                   participants: Set(people.filter { _ in Bool.random(using: &random) }), questions: 3, answers: index * 2)
        }
        let event = Event(id: ID(1), kind: .tweetchat, title: "Chat", hashtag: "chat", programID: nil, startsAt: Date(), timeZone: "UTC",
                          duration: 3600, recurrence: .weekly, reminderLead: 0, createdBy: ID(1), createdAt: Date())
        let figures = TweetchatFigures.figures(event, inputs)
        var pairs = (stayed: 0, of: 0)
        for (index, occurrence) in figures.occurrences.enumerated() {
            let earlier = inputs[..<index].reduce(into: Set<ID>()) { $0.formUnion($1.participants) }
            let returning = inputs[index].participants.filter { earlier.contains($0) }
            #expect(occurrence.participants == inputs[index].participants.count)
            #expect(occurrence.returning == returning.count)
            #expect(occurrence.new == inputs[index].participants.count - returning.count)
            #expect(occurrence.answersPerQuestion == Double(index * 2) / 3)
            if index + 1 < inputs.count {
                let came = inputs[index].participants.filter { inputs[index + 1].participants.contains($0) }.count
                #expect(occurrence.cameToNext == Double(came) / Double(inputs[index].participants.count))
                pairs = (pairs.stayed + came, pairs.of + inputs[index].participants.count)
            } else {
                #expect(occurrence.cameToNext == nil)
            }
        }
        #expect(figures.cameToNext == Double(pairs.stayed) / Double(pairs.of))
    }

    @Test("reinforcement: nuggets released, reviews due and answered, right at the first review and later, learners who mastered every check; commitments done by their due date")
    func reinforcementFigures() async throws {
        let f = try await ReinforcementFixture()
        let plan = try await f.plan(startDay: "2026-12-01", horizon: 20)
        for text in ["Ask early", "Listen first", "Write it down"] { try await f.nugget(text, in: plan) }
        try await f.nugget("No check here", in: plan, check: false)
        var random = SeededGenerator(seed: 11)
        for _ in 0..<40 {
            try await f.advance(days: 0.5)
            for learner in f.learners {
                for item in try await f.starling.reviews.queue(of: learner, now: f.clock.now()) where Bool.random(using: &random) {
                    try await f.starling.reviews.answer(item.nugget.id, choices: [Bool.random(using: &random) ? 0 : 1], by: learner, at: f.clock.now())
                }
            }
        }
        let early = try await f.starling.commitments.commit(in: f.program.id, .init(text: "Ask for feedback", dueOn: "2026-12-30", isPrivate: false), by: f.lea,
                                                      at: f.clock.now())
        let late = try await f.starling.commitments.commit(in: f.program.id, .init(text: "Write a guide", dueOn: "2026-12-30", isPrivate: true), by: f.leo,
                                                     at: f.clock.now())
        _ = try await f.starling.commitments.commit(in: f.program.id, .init(text: "Pair up", dueOn: "2026-12-30", isPrivate: false), by: f.lia, at: f.clock.now())
        _ = try await f.starling.commitments.commit(in: f.program.id, .init(text: "Not due yet", dueOn: "2027-02-01", isPrivate: false), by: f.lia, at: f.clock.now())
        try await f.starling.commitments.checkIn(early.id, text: "", state: .done, by: f.lea, at: f.clock.now())
        try await f.advance(to: ISO8601DateFormatter().date(from: "2026-12-31T12:00:00Z")!)
        try await f.starling.commitments.checkIn(late.id, text: "", state: .done, by: f.leo, at: f.clock.now())

        let figures = try await f.starling.analytics.program(f.program.id, viewer: f.fay, period: AnalyticsPeriod.parse(
            from: nil, to: nil, today: f.starling.analytics.today(f.clock.now())), now: f.clock.now())
        let numbers = try #require(figures.plans.first)
        let log = try await f.world.rows("SELECT nugget_id, account_id, \"right\" FROM review_log ORDER BY reviewed_at, id") {
            ($0.int64(0), $0.int64(1), $0.bool(2))
        }
        let states = try await f.world.rows("SELECT account_id, mastered_at IS NOT NULL, due_at FROM review_states") { ($0.int64(0), $0.bool(1), $0.int64(2)) }
        let released = try await f.world.scalar("SELECT count(*) FROM nuggets WHERE released_at IS NOT NULL") ?? 0
        var seen = Set<[Int64]>()
        let first = log.filter { seen.insert([$0.0, $0.1]).inserted }
        let now = Int64(f.clock.now().timeIntervalSince1970 * 1000)
        #expect(numbers.nuggetsReleased == Int(released) && released == 4)
        #expect(numbers.reviewsAnswered == log.count)
        #expect(numbers.reviewsDue == log.count + states.filter { !$0.1 && $0.2 <= now }.count)
        #expect(numbers.firstReviews == first.count && numbers.firstReviewsRight == first.filter(\.2).count)
        #expect(numbers.laterReviews == log.count - first.count)
        #expect(numbers.laterReviewsRight == log.filter(\.2).count - first.filter(\.2).count)
        let byLearner = Dictionary(grouping: states, by: \.0)
        #expect(numbers.learners == byLearner.count)
        #expect(numbers.learnersMastered == byLearner.values.filter { $0.allSatisfy(\.1) }.count)
        #expect(log.count > 20 && numbers.laterReviews > 0, "the generated answers cover first and later reviews")
        #expect(figures.commitments.map(\.due) == [3])
        #expect(figures.commitments.map(\.doneByDueDate) == [1], "one was done in time, one late, one never")
    }

    @Test("tweetchats from real chats: participants of each ended occurrence from the posts, returning ones, and who came to the next")
    func tweetchatFromPosts() async throws {
        let f = try await AnalyticsFixture(learners: 3)
        let (a, b, c) = (f.learners[0], f.learners[1], f.learners[2])
        for learner in f.learners { _ = try await f.starling.programs.join(f.program.id, by: learner, agreementVersion: f.program.agreementVersion) }
        let events = f.starling.liveEvents
        let start = f.clock.now() + 600
        let event = try await events.create(.init(kind: .tweetchat, title: "Cohort chat", programID: f.program.id, startsAt: start, timeZone: "UTC",
                                            recurrence: .weekly, script: ChatScript(welcome: "", questions: [.init(text: "What did you try?", offset: 60)])),
                                      by: f.fay, now: f.clock.now())
        func hold(week: Int, _ people: [Account]) async throws {
            let begins = start + Double(week) * 7 * 86_400
            f.clock.advance(by: (begins + 120).timeIntervalSince(f.clock.now()))
            try await f.starling.jobRunner.runDue(now: f.clock.now())
            let occurrence = try #require(try await events.occurrences(of: event.id).first { $0.index == week })
            for person in people { _ = try await events.post("I tried pairing", to: occurrence.id, answering: 1, by: person, now: f.clock.now()) }
            f.clock.advance(by: (begins + 3601).timeIntervalSince(f.clock.now()))
            try await f.starling.jobRunner.runDue(now: f.clock.now())
        }
        try await hold(week: 0, [a, b])
        try await hold(week: 1, [b, c])
        try await hold(week: 2, [a, b, c])
        let figures = try #require(try await f.programFigures().tweetchats.first)
        // The raw rows: each ended occurrence's window, and who (not the host) posted on the hashtag in it.
        let held = try await f.world.rows("SELECT started_at, ended_at FROM event_occurrences WHERE event_id = ? AND ended_at IS NOT NULL ORDER BY idx",
                                          [event.id]) { ($0.int64(0), $0.int64(1)) }
        let participants = try await held.asyncMap { window in
            Set(try await f.world.rows("""
                SELECT DISTINCT p.author_id FROM posts p JOIN post_tags pt ON pt.post_id = p.id JOIN tags t ON t.id = pt.tag_id
                WHERE t.name_key = 'cohort' AND p.created_at >= ? AND p.created_at <= ? AND p.author_id != ?
                """, [window.0, window.1, f.fay.id]) { ID($0.int64(0)) })
        }
        #expect(participants == [[a.id, b.id], [b.id, c.id], [a.id, b.id, c.id]])
        #expect(figures.occurrences.map(\.participants) == participants.map(\.count))
        #expect(figures.occurrences.map(\.returning) == [0, 1, 3], "b came back in week 1; in week 2 everyone had been before")
        #expect(figures.occurrences.map(\.new) == [2, 1, 0])
        #expect(figures.occurrences.map(\.cameToNext) == [0.5, 1, nil])
        #expect(figures.cameToNext == 3.0 / 4.0)
        #expect(figures.occurrences.allSatisfy { $0.answersPerQuestion != nil })
    }
}
