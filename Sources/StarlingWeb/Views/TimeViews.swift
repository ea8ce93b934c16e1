import Foundation
import StarlingCore

/// Times as people read them: in their own time zone (their setting, or the organization's), with an
/// event's own zone beside it when it differs; and the list to choose a time zone from.
enum TimeViews {
    /// "Thu 10 Dec 2026, 17:00" in the reader's zone; an event's local time follows when its zone differs,
    /// and is in the tooltip always.
    static func eventTime(_ date: Date, eventZone: String, _ context: PageContext) -> HTML {
        let own = format(date, in: context.timeZone)
        let zone = TimeZone(identifier: eventZone) ?? .gmt
        let local = format(date, in: zone)
        let differs = zone.secondsFromGMT(for: date) != context.timeZone.secondsFromGMT(for: date)
        return """
            <time datetime="\(Layout.isoDate(date))" title="\(local) in \(eventZone), the event's time zone">\(own)</time>\
            \(HTML.when(differs, " <span class=\"muted small\">(\(local) \(eventZone))</span>"))
            """
    }

    static func format(_ date: Date, in zone: TimeZone) -> String {
        var style = Date.FormatStyle(date: .abbreviated, time: .shortened)
        style.timeZone = zone
        style.locale = Locale(identifier: "en_GB")
        return date.formatted(style)
    }

    /// A `<select>` of every IANA time zone grouped by region, the person's own zone (and the
    /// organization's) first. The page's script adds a box to filter it by typing; without it, typing
    /// on the list jumps to a name.
    static func zoneSelect(id: String, name: String, selected: String, suggested: [String], allowNone: String? = nil) -> HTML {
        func option(_ zone: String, selected isSelected: Bool) -> HTML {
            "<option value=\"\(zone)\"\(HTML.when(isSelected, " selected"))>\(zone.replacingOccurrences(of: "_", with: " "))</option>"
        }
        let firsts = suggested.reduce(into: [String]()) { if TimeZones.isKnown($1) && !$0.contains($1) { $0.append($1) } }
        var groups: [(String, [String])] = []
        for zone in TimeZones.all {
            let area = zone.split(separator: "/").first.map(String.init) ?? zone
            if groups.last?.0 == area { groups[groups.count - 1].1.append(zone) } else { groups.append((area, [zone])) }
        }
        // The selected zone is marked once, in the suggestions when it is there.
        let chosenInSuggestions = firsts.contains(selected)
        let suggestions: HTML = firsts.isEmpty ? .empty : """
            <optgroup label="Suggested">\(firsts.map { option($0, selected: $0 == selected) })</optgroup>
            """
        let rest = groups.map { area, zones -> HTML in
            "<optgroup label=\"\(area)\">\(zones.map { option($0, selected: !chosenInSuggestions && $0 == selected) })</optgroup>"
        }
        let none: HTML = allowNone.map { "<option value=\"\"\(HTML.when(selected.isEmpty, " selected"))>\($0)</option>" } ?? .empty
        return "<select id=\"\(id)\" name=\"\(name)\" data-searchable=\"time zone\">\(none)\(suggestions)\(rest)</select>"
    }
}
