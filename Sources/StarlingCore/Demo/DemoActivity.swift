import Foundation

/// The demo's history of who came back: ten weeks of people using Starling (more on weekdays), and in
/// each program learners whose first week was staggered over its first three weeks and who come back
/// less as weeks go by, two of them gone quiet, so the Analytics pages have a story to tell.
extension DemoOrganization {
    func seedActivity(_ people: [Account], programs: [Program], now: Date, random: inout SeededGenerator) async throws {
        let log = starling.activity
        let days = 70
        for (index, person) in people.enumerated() {
            let keen = Double.random(in: 0.25...0.85, using: &random)
            for back in (0..<days).reversed() {
                let at = now - Double(back) * 86_400 - Double.random(in: 0...28_800, using: &random)
                let weekend = [1, 7].contains(Calendar(identifier: .gregorian).component(.weekday, from: at))
                if Double.random(in: 0...1, using: &random) < keen * (weekend ? 0.3 : 1) * (index == 0 ? 1.2 : 1) { log.record(person.id, at: at) }
            }
        }
        // In each program, week by week: a learner comes back in a week with a chance that shrinks as weeks go by,
        // on one to four days of it; the last two learners went quiet more than two weeks ago.
        for program in programs {
            let members = try await starling.store.members(programID: program.id).filter { $0.1.role == .learner }.map(\.0)
            let length = Int(now.timeIntervalSince(program.createdAt) / 86_400)
            for (index, learner) in members.enumerated() {
                let firstDay = Int.random(in: 0...min(20, length), using: &random)
                let lastDay = index >= members.count - 2 ? length - Int.random(in: 16...20, using: &random) : length
                let keen = Double.random(in: 0.55...1, using: &random)
                for week in 0...((length - firstDay) / 7) {
                    guard week == 0 || Double.random(in: 0...1, using: &random) < keen * pow(0.86, Double(week)) else { continue }
                    for _ in 0..<Int.random(in: 1...4, using: &random) {
                        let day = week == 0 ? firstDay + Int.random(in: 0...2, using: &random) : firstDay + week * 7 + Int.random(in: 0...6, using: &random)
                        guard day <= lastDay else { continue }
                        log.record(learner.id, in: program.id,
                                   at: min(now, program.createdAt + Double(day) * 86_400 + Double.random(in: 28_800...64_800, using: &random)))
                    }
                }
            }
        }
        try await log.flush()
        // This week's digest went out on Monday morning (last week's, early in the week).
        let thisWeek = starling.analytics.today(now).week
        let monday = log.calendar.date(thisWeek, hour: AnalyticsService.digestHour)
        try await starling.analytics.sendDigests(now: monday < now ? monday : log.calendar.date(thisWeek.advanced(by: -7), hour: AnalyticsService.digestHour))
    }
}
