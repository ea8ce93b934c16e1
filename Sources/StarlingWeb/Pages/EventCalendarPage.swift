import Foundation
import Hummingbird
import StarlingCore

/// A month of events as a calendar (weeks from Monday): every event the person can see, or a
/// program's, each occurrence on its day in the reader's time zone (the event's own in its tooltip),
/// and the months before and after.
struct EventCalendarPage {
    let pages: WebPages
    var events: EventService { pages.starling.liveEvents }

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/events/calendar") { request, context in try await page(request, context, programID: nil) }
        router.get("/programs/:id/events/calendar") { request, context in try await page(request, context, programID: try WebPages.idParameter(context)) }
    }

    private func page(_ request: Request, _ context: WebContext, programID: ID?) async throws -> Response {
        let viewer = try context.requireViewer()
        let program = try await programID.asyncMap { try await pages.starling.programs.program($0, viewer: viewer) }
        let page = try await pages.pageContext(request, context)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = page.timeZone
        calendar.firstWeekday = 2
        let now = pages.starling.clock.now()
        let month = try Self.month(try pages.query(request)["month"], calendar: calendar, now: now)
        let next = calendar.date(byAdding: .month, value: 1, to: month)!
        // A day's events: each occurrence falls on the day it has for the reader.
        var days: [DateComponents: [(Event, Date)]] = [:]
        let shown = if let programID { try await events.events(programID: programID, viewer: viewer) } else { try await events.visibleEvents(viewer: viewer) }
        for event in shown {
            for start in event.starts(from: month, to: next) {
                days[calendar.dateComponents([.year, .month, .day], from: start), default: []].append((event, start))
            }
        }
        let base = program.map { "/programs/\($0.id)/events" } ?? "/events"
        let title = (program.map { "\($0.title): " } ?? "") + "Calendar"
        let header = try await program.asyncMap { "\(try await ProgramPages.header($0, current: .events, viewer: viewer, pages: pages, context: context))<h2>Calendar</h2>" as HTML }
            ?? "<h1>Calendar</h1>"
        let html = Layout.page(title, page, """
            \(header)
            <nav class="calendar-nav" aria-label="Months">
              <a href="\(base)/calendar?month=\(Self.key(calendar.date(byAdding: .month, value: -1, to: month)!, calendar))">← Previous</a>
              <strong>\(month.formatted(Date.FormatStyle(timeZone: page.timeZone).month(.wide).year()))</strong>
              <a href="\(base)/calendar?month=\(Self.key(next, calendar))">Next →</a>
              · <a href="\(base)">List</a>
            </nav>
            <p class="muted small">Times in \(page.timeZone.identifier) (your time zone; change it in Settings).</p>
            \(Self.grid(month: month, next: next, days: days, calendar: calendar))
            """)
        return HTMLPage(status: .ok, body: html).response()
    }

    /// The month's weeks, Monday first, as a table; days outside the month are blank.
    private static func grid(month: Date, next: Date, days: [DateComponents: [(Event, Date)]], calendar: Calendar) -> HTML {
        let lead = (calendar.component(.weekday, from: month) + 5) % 7 // days before the 1st in its week
        let count = calendar.range(of: .day, in: .month, for: month)!.count
        let cells = (0..<((lead + count + 6) / 7 * 7)).map { index -> HTML in
            let dayNumber = index - lead + 1
            guard (1...count).contains(dayNumber) else { return "<td class=\"outside\"></td>" }
            var day = calendar.dateComponents([.year, .month], from: month)
            day.day = dayNumber
            let items = (days[day] ?? []).sorted { $0.1 < $1.1 }.map { event, start -> HTML in
                var style = Date.FormatStyle(date: .omitted, time: .shortened)
                style.timeZone = calendar.timeZone
                style.locale = Locale(identifier: "en_GB")
                let local = TimeViews.format(start, in: TimeZone(identifier: event.timeZone) ?? .gmt)
                return """
                    <li><a href="/events/\(event.id)" title="\(event.title): \(local) in \(event.timeZone)"><time datetime="\(Layout.isoDate(start))">\(start.formatted(style))</time>
                    <span class="event-title">\(event.title)</span></a></li>
                    """
            }
            return "<td><span class=\"day\">\(dayNumber)</span>\(HTML.when(!items.isEmpty, "<ul>\(items)</ul>"))</td>"
        }
        let weeks = stride(from: 0, to: cells.count, by: 7).map { "<tr>\(Array(cells[$0..<$0 + 7]))</tr>" as HTML }
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map { "<th scope=\"col\">\($0)</th>" as HTML }
        return "<table class=\"calendar card\"><thead><tr>\(names)</tr></thead><tbody>\(weeks)</tbody></table>"
    }

    /// The first instant of the month `2026-12` names, or of the current month.
    static func month(_ text: String?, calendar: Calendar, now: Date) throws -> Date {
        guard let text, !text.isEmpty else { return calendar.dateInterval(of: .month, for: now)!.start }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, (1...12).contains(parts[1]), (1970...9999).contains(parts[0]),
              let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: 1)) else {
            throw DomainError.invalid(field: "month", message: "Give the month as year and month, like 2026-12.")
        }
        return date
    }

    static func key(_ month: Date, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month], from: month)
        return String(format: "%04d-%02d", parts.year!, parts.month!)
    }
}
