import Foundation

/// Events as an iCalendar (RFC 5545) file that calendar apps import: one VEVENT per event, at its
/// local time in its IANA zone, with a repeat rule for recurring ones.
public enum ICalendar {
    /// The calendar of `events`, each linked to its page under `baseURL`.
    public static func calendar(_ events: [Event], baseURL: String, name: String, now: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Starling//Events//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:" + escaped(name)]
        let host = URL(string: baseURL)?.host ?? "starling"
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:event-\(event.id)@\(host)", "DTSTAMP:" + utc(now),
                      "DTSTART;TZID=\(event.timeZone):" + local(event.startsAt, zone: event.timeZone),
                      "DURATION:PT\(Int(event.duration / 60))M"]
            switch event.recurrence {
            case .none: break
            case .weekly: lines.append("RRULE:FREQ=WEEKLY")
            case .everyTwoWeeks: lines.append("RRULE:FREQ=WEEKLY;INTERVAL=2")
            case .monthly: lines.append("RRULE:FREQ=MONTHLY")
            }
            let kind = event.kind == .tweetchat ? "Tweetchat" : "Ask the expert"
            lines += ["SUMMARY:" + escaped("\(event.title) (#\(event.hashtag))"),
                      "DESCRIPTION:" + escaped("\(kind) on #\(event.hashtag). \(baseURL)/events/\(event.id)"),
                      "URL:\(baseURL)/events/\(event.id)", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(folded).joined(separator: "\r\n") + "\r\n"
    }

    /// Text with the characters iCalendar gives meaning to escaped.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// A content line folded to at most 75 octets per line (continuations start with a space).
    static func folded(_ line: String) -> String {
        var out: [String] = [], current = ""
        for character in line {
            if current.utf8.count + String(character).utf8.count > (out.isEmpty ? 75 : 74) {
                out.append(current)
                current = ""
            }
            current.append(character)
        }
        out.append(current)
        return out.joined(separator: "\r\n ")
    }

    private static func utc(_ date: Date) -> String { format(date, zone: TimeZone(identifier: "UTC")!) + "Z" }

    private static func local(_ date: Date, zone: String) -> String { format(date, zone: TimeZone(identifier: zone) ?? .gmt) }

    private static func format(_ date: Date, zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}
