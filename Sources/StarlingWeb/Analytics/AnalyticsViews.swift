import Foundation
import StarlingCore

/// The parts of the Analytics pages other than charts: the period form, headline numbers with their
/// trend, the cohort heat map, programs side by side, a person's active days, and the quiet list.
enum AnalyticsViews {
    /// `?from=…&to=…` for links that keep the period.
    static func query(_ period: AnalyticsPeriod) -> String { "?from=\(period.from)&to=\(period.through)" }

    /// Said on top of analytics pages when the organization does not record activity.
    static func recordingOff(_ recording: Bool) -> HTML {
        HTML.when(!recording, "<p class=\"notice\" role=\"note\">Activity is not being recorded (the server runs with <code>--record-activity false</code>): these figures stop at the last day it was.</p>")
    }

    static func periodForm(_ period: AnalyticsPeriod, action: String, today: Day) -> HTML {
        func quick(_ days: Int, _ label: String) -> HTML {
            "<a href=\"\(action)?from=\(today.advanced(by: 1 - days).description)&to=\(today.description)\">\(label)</a>"
        }
        return """
            <form class="card period" method="get" action="\(action)" aria-label="Period">
              <label>From <input type="date" name="from" value="\(period.from.description)" max="\(today.description)"></label>
              <label>to <input type="date" name="to" value="\(period.through.description)" max="\(today.description)"></label>
              <button class="button secondary small-button" type="submit">Show</button>
              <span class="muted small">or the last \(quick(28, "4 weeks")) · \(quick(84, "12 weeks")) · \(quick(182, "26 weeks")) · \(quick(364, "52 weeks"))</span>
            </form>
            """
    }

    /// A headline number with its trend against the previous value (percentage points for shares).
    static func stat(_ label: String, _ value: Double?, previous: Double?, scale: Charts.Scale, note: String) -> HTML {
        var trend: HTML = .empty
        if let value, let previous {
            let change = value - previous
            let amount = scale == .share ? "\(Int((abs(change) * 100).rounded())) pts" : scale.format(abs(change))
            let (mark, word) = abs(change) < 0.005 ? ("▬", "same as") : change > 0 ? ("▲", "up \(amount) from") : ("▼", "down \(amount) from")
            trend = "<p class=\"trend \(change > 0.005 ? "up" : change < -0.005 ? "down" : "flat")\"><span aria-hidden=\"true\">\(mark)</span> \(word) \(scale.format(previous)) before</p>"
        }
        return """
            <div class="card stat"><p class="stat-label">\(label)</p><p class="stat-value">\(value.map(scale.format) ?? "–")</p>\(trend)
              <p class="muted small">\(note)</p></div>
            """
    }

    /// "From 40% in the week of 5 Oct to 55% in the week of 23 Nov."
    static func summary(_ points: [ActivityFigures.WeeklyReturn]) -> String {
        let known = points.filter { $0.active > 0 }
        guard let first = known.first, let last = known.last else { return "Nobody was active in these weeks." }
        return "The share of people active in a week who were active the next week: from \(Charts.Scale.share.format(first.rate)) in the week of "
            + "\(first.week.short) to \(Charts.Scale.share.format(last.rate)) in the week of \(last.week.short)."
    }

    /// Cohort retention as a table whose cells are shaded by their share, darker for more, in eleven steps
    /// (classes `h0`…`h10`: the page's security policy allows no inline styles; the lightness jumps between
    /// `h5` and `h6`, where the text turns white, so every cell's text keeps a 4.5:1 contrast).
    static func heatMap(_ retention: ActivityFigures.Retention, hidden: Bool, currentWeek: Day) -> HTML {
        let weeks = retention.average.count
        guard weeks > 0 else { return "<p class=\"muted\">No learner has been active in the program yet.</p>" }
        func cell(_ share: Double, _ label: String, partial: Bool) -> HTML {
            "<td class=\"h\(Int((share * 10).rounded()))\(partial ? " partial" : "")\">\(label)\(partial ? "*" : "")</td>"
        }
        let head = (0..<weeks).map { "<th scope=\"col\">Week \($0)</th>" as HTML }
        let rows = retention.cohorts.reversed().map { cohort -> HTML in
            let cells = cohort.active.indices.map { n in
                cell(cohort.rate(n), Charts.Scale.share.format(cohort.rate(n)), partial: cohort.week.advanced(by: 7 * n) == currentWeek)
            } + Array(repeating: "<td></td>" as HTML, count: weeks - cohort.active.count)
            return "<tr><th scope=\"row\">\(cohort.week.short)</th><td>\(cohort.size)</td>\(cells)</tr>"
        }
        let average = (0..<weeks).map { n in cell(retention.averageRate(n), Charts.Scale.share.format(retention.averageRate(n)), partial: false) }
        return """
            \(HTML.scrolling("""
              <table class="heatmap" aria-describedby="cohort-title">
              <thead><tr><th scope="col">Cohort</th><th scope="col">Learners</th>\(head)</tr></thead>
              <tbody>\(rows)<tr class="average"><th scope="row">Average</th><td>\(retention.cohorts.map(\.size).reduce(0, +))</td>\(average)</tr></tbody>
              </table>
              """, label: "Cohort retention"))
            \(HTML.when(hidden, "<p class=\"muted small\">The program has fewer than 5 learners: only its facilitators see each cohort.</p>"))
            """
    }

    /// Programs as rows: learners, a sparkline of weekly active learners, and the latest return rate.
    static func programs(_ programs: [OrganizationAnalytics.ProgramSummary]) -> HTML {
        let rows = programs.map { p -> HTML in
            let weekly = p.weeklyActive.map { Double($0.learners) }
            return """
                <tr><th scope="row"><a href="/programs/\(p.program.id)/analytics">\(p.program.title)</a></th><td>\(p.learners)</td>
                <td>\(Charts.sparkline(weekly, label: "Active learners in the last 8 weeks: \(p.weeklyActive.map { String($0.learners) }.joined(separator: ", "))"))</td>
                <td>\(p.weeklyReturn.knownRate.map(Charts.Scale.share.format) ?? "–")</td></tr>
                """
        }
        return HTML.scrolling("""
            <table class="admin"><thead><tr><th scope="col">Program</th><th scope="col">Learners</th>
            <th scope="col">Active, last 8 weeks</th><th scope="col">Came back (latest week)</th></tr></thead><tbody>\(rows)</tbody></table>
            """, label: "Programs")
    }

    /// A person's active days as a strip of squares, one per day of the period, weeks in columns.
    static func calendarStrip(_ days: [Day], period: AnalyticsPeriod, label: String) -> HTML {
        let active = Set(days)
        let weeks = period.weeks
        var squares = ""
        for (column, week) in weeks.enumerated() {
            for row in 0..<7 {
                let day = week.advanced(by: row)
                guard day >= period.from, day <= period.through else { continue }
                squares += "<rect x=\"\(column * 14)\" y=\"\(row * 14)\" width=\"12\" height=\"12\" rx=\"2\" class=\"\(active.contains(day) ? "on" : "off")\">"
                    + "<title>\(day.description)\(active.contains(day) ? ": active" : "")</title></rect>"
            }
        }
        return HTML(raw: """
            <p>\(active.count) active \(active.count == 1 ? "day" : "days") of \(period.length).</p>
            <svg class="days" viewBox="0 0 \(weeks.count * 14) 98" role="img" aria-label="\(label.htmlEscaped): \(active.count) of \(period.length) days">\(squares)</svg>
            """)
    }

    /// The learners gone quiet, with a form to write each of them a direct post.
    static func quiet(_ quiet: [QuietLearner], program: Program, csv: HTML, csrf: String) -> HTML {
        guard !quiet.isEmpty else {
            return "<section class=\"card\" id=\"quiet\"><h2>Gone quiet</h2><p>Every learner has been active in the program in the last 14 days.</p>\(csv)</section>"
        }
        let boxes = quiet.map { learner -> HTML in
            let last: HTML = learner.lastActive.map { "last active \($0.short)" } ?? "never active in the program"
            return "<li><label class=\"check\"><input type=\"checkbox\" name=\"learner\" value=\"\(learner.account.id)\" checked> \(learner.account.name) <span class=\"muted\">@\(learner.account.username) · \(last)</span></label></li>"
        }
        return """
            <section class="card form" id="quiet" aria-labelledby="quiet-title"><h2 id="quiet-title">Gone quiet: \(quiet.count) \(quiet.count == 1 ? "learner" : "learners")</h2>
              <p class="muted small">Learners with no activity in the program for 14 days. Only the program's facilitators see this list.</p>
              <form method="post" action="/programs/\(program.id)/analytics/nudge">\(Layout.csrfField(csrf))
                <ul class="plain">\(boxes)</ul>
                <label for="nudge-message">Message (each person gets their own direct post)</label>
                <textarea id="nudge-message" name="message" rows="3">We miss you in #\(program.hashtag)! What are you working on? Drop in and share one thing you tried.</textarea>
                <div class="actions-row"><button class="button" type="submit">Write to them</button></div>
              </form>
              \(csv)
            </section>
            """
    }
}
