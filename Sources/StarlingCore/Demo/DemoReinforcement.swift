import Foundation

/// The demo's reinforcement after onboarding: a plan that released a nugget every three days over
/// the past three weeks (one more is coming), learners who answered their recall checks (some
/// mastered, some wrong, one with reviews waiting), commitments (done, open, overdue, private,
/// dropped) with check-ins, and a round of accountability partners with its check-back.
extension DemoOrganization {
    static let nuggets: [(text: String, check: RecallCheck?)] = [
        ("The 15-minute rule: stuck for fifteen minutes? Ask in the program. Someone has had the same problem.",
         RecallCheck(question: "How long should you stay stuck before asking?", options: ["5 minutes", "15 minutes", "A whole day"], correct: [1],
                     explanation: "Fifteen minutes of trying is enough to ask a good question; longer mostly costs you and your team.")),
        ("Where do answers live? Each program's knowledge base keeps its best answers. Search it first, and link to it when you answer.",
         RecallCheck(question: "Where are a program's best answers kept?", options: ["In its knowledge base", "In private messages", "In your email"],
                     correct: [0], explanation: "Accepted answers are saved to the program's knowledge base, where everyone in it can search them.")),
        ("Feedback that lands: describe the Situation, the Behaviour and its Impact (SBI). Leave out guesses about intentions.",
         RecallCheck(question: "Which parts make up SBI feedback?", options: ["Situation", "Behaviour", "Impact", "Intention"], correct: [0, 1, 2],
                     explanation: "SBI is Situation, Behaviour, Impact. Guessing someone's intention is exactly what it leaves out.")),
        ("Your first 1:1: bring one question about how your work is judged, and one about what your manager needs from you.",
         RecallCheck(question: "What is worth bringing to a first 1:1?", options: ["How my work is judged", "A list of complaints", "Nothing: the manager leads"],
                     correct: [0], explanation: "Knowing how your work is judged early saves months of guessing.")),
        ("Write it down: a short note after each meeting saves a long meeting later. Share notes where others can find them.", nil),
        ("Security basics: never share your password, not even with IT. Report phishing with the Report button of your mail app.",
         RecallCheck(question: "An email from \"IT\" asks for your password. What do you do?", options: ["Send it", "Report it as phishing", "Reply asking why"],
                     correct: [1], explanation: "IT never asks for your password. A message that does is phishing: report it.")),
        ("Spaced practice beats cramming: a little review, often, with gaps. Your recall checks come back just before you would forget them.",
         RecallCheck(question: "Why do recall checks come back later and later?", options: ["Spacing makes memories last", "To save server time", "At random"],
                     correct: [0], explanation: "Each right answer strengthens the memory, so the next review can wait longer (the FSRS schedule).")),
        ("Celebrate small wins: post one thing you learned this week with #TIL.", nil),
    ]

    /// Seeds the plan, reviews, commitments and partners of the onboarding cohort, as if they happened
    /// day by day over the last three weeks (the job runner releases and delivers as it would have).
    func seedReinforcement(_ people: [Account], now: Date, random: inout SeededGenerator) async throws {
        guard let onboarding = try await starling.store.programs(tagKeys: ["onboarding"]).first else { return }
        let ada = people[0]
        let (ben, dev, elena, grace, hugo, ines, jonas, kemi, liam, maya) =
            (people[1], people[3], people[4], people[6], people[7], people[8], people[9], people[10], people[11], people[12])
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = .gmt
        let firstDay = utc.startOfDay(for: now - 20 * 86400)
        let dayFormat = Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day()
        func day(_ offset: Double) -> String { (firstDay + offset * 86400).formatted(dayFormat) }
        let plan = try await starling.reinforcement.createPlan(
            in: onboarding.id, .init(title: "After onboarding week", startDay: day(0), releaseTime: "09:00", everyDays: 3, horizonDays: 90,
                                     timeZone: "UTC"), by: ada, at: firstDay)
        for nugget in Self.nuggets {
            try await starling.reinforcement.addNugget(to: plan.id, .init(text: nugget.text, check: nugget.check), by: ada, at: firstDay)
        }
        // How often each learner answers right; Liam never answers, Grace stops three days ago.
        let accuracy: [(Account, Double)] = [(grace, 0.8), (dev, 0.55), (kemi, 0.95), (elena, 0.75), (hugo, 0.7), (ines, 0.85), (jonas, 0.6),
                                              (maya, 0.9), (ben, 0.85)]
        var commitments: [String: Commitment] = [:]
        for offset in 0...20 {
            let morning = firstDay + Double(offset) * 86400 + 9 * 3600
            guard morning <= now else { break }
            try await starling.jobRunner.runDue(now: morning)
            let noon = morning + 3 * 3600
            guard noon <= now else { break }
            for (learner, rightShare) in accuracy where !(learner.id == grace.id && offset >= 17) {
                for item in try await starling.reviews.queue(of: learner, now: noon) {
                    let right = Double.random(in: 0..<1, using: &random) < rightShare
                    let wrong = item.check.options.indices.filter { !item.check.correct.contains($0) }
                    let choices = right ? item.check.correct.sorted() : [wrong.randomElement(using: &random) ?? 0]
                    try await starling.reviews.answer(item.nugget.id, choices: choices, by: learner, at: noon + Double.random(in: 0...3600, using: &random))
                }
            }
            switch offset {
            case 6:
                try await starling.partners.pair(in: onboarding.id, groups: [[grace.id, dev.id], [kemi.id, elena.id], [hugo.id, ines.id],
                                                                       [jonas.id, liam.id, maya.id]], weeks: 2, by: ada, at: noon)
            case 8:
                for (key, author, text, due, isPrivate) in [
                    ("grace", grace, "Shadow two support calls to hear what customers really ask", day(25), false),
                    ("dev", dev, "Pair with a senior engineer on one code review a week", day(16), false),
                    ("kemi", kemi, "Turn my onboarding notes into a guide for the next cohort", day(18), false),
                    ("elena", elena, "Ask my manager for feedback after my first customer demo", day(30), true),
                    ("hugo", hugo, "Answer one question a day in the onboarding program", day(20), false),
                    ("ines", ines, "Book a coffee with someone from every team I work with", day(23), false),
                ] {
                    commitments[key] = try await starling.commitments.commit(in: onboarding.id, .init(text: text, dueOn: due, isPrivate: isPrivate),
                                                                       by: author, at: noon + 600)
                }
            case 11:
                try await starling.commitments.checkIn(commitments["grace"]!.id, text: "First call done: customers ask about invoices far more than I thought.",
                                                 by: grace, at: noon + 900)
                try await starling.commitments.checkIn(commitments["dev"]!.id, text: "One review done with Jonas; scheduling the next is the hard part.",
                                                 by: dev, at: noon + 1200)
            case 14:
                try await starling.commitments.checkIn(commitments["hugo"]!.id, text: "Support week is too busy; I will pick this up next month.",
                                                 state: .dropped, by: hugo, at: noon)
            case 16:
                try await starling.commitments.checkIn(commitments["kemi"]!.id, text: "The guide is in the program's Guides tab.", state: .done,
                                                 by: kemi, at: noon)
                try await starling.commitments.checkIn(commitments["elena"]!.id, text: "Demo is on Thursday; I told my manager I will ask.", by: elena,
                                                 at: noon + 300)
            case 19:
                // The round's check-back went out the day before: two groups say they met.
                for learner in [grace, kemi, elena] {
                    guard let round = try await starling.store.partnerRounds(programID: onboarding.id).first,
                          let group = round.groups.firstIndex(where: { $0.contains(learner.id) }),
                          let poll = round.checkBackPostIDs[group] else { continue }
                    _ = try await starling.reviews.vote(poll, choices: [0], by: learner, at: noon)
                }
            default:
                break
            }
        }
        try await starling.jobRunner.runDue(now: now)
    }
}
