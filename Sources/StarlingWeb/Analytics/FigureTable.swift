import Foundation
import StarlingCore

/// A table of analytics figures, defined once and written three ways: as an HTML table on the
/// Analytics pages, as CSV to download, and as JSON in the own API (one object per row, keyed by the
/// columns' keys). So the three never disagree.
struct FigureTable {
    enum Cell {
        case text(String)
        case count(Int)
        /// A share from 0 to 1 (nil: no value, as for a week with nobody active).
        case share(Double?)
        /// A duration in hours.
        case hours(Double?)
        case ratio(Double?)
        case day(Day)
    }

    struct Column {
        var key: String
        var title: String
    }

    /// The name in URLs and file names (`weekly-return`), and the key in the API.
    var name: String
    var title: String
    var columns: [Column]
    var rows: [[Cell]]

    init(_ name: String, _ title: String, _ columns: [(String, String)], _ rows: [[Cell]]) {
        self.name = name
        self.title = title
        self.columns = columns.map { Column(key: $0.0, title: $0.1) }
        self.rows = rows
    }

    // MARK: HTML

    func html(csvLink: String?) -> HTML {
        let head = columns.map { "<th scope=\"col\">\($0.title.htmlEscaped)</th>" }.joined()
        let body = rows.map { row in
            "<tr>" + row.enumerated().map { index, cell in
                index == 0 ? "<th scope=\"row\">\(Self.display(cell).htmlEscaped)</th>" : "<td>\(Self.display(cell).htmlEscaped)</td>"
            }.joined() + "</tr>"
        }.joined()
        let download = csvLink.map { " <a class=\"csv\" href=\"\($0.htmlEscaped)\" download>Download CSV</a>" } ?? ""
        let table = HTML(raw: """
            <table class="figures"><caption>\(title.htmlEscaped)\(download)</caption>
            <thead><tr>\(head)</tr></thead><tbody>\(body)</tbody></table>
            """)
        return """
            \(HTML.scrolling(table, label: title))
            \(HTML.when(rows.isEmpty, "<p class=\"muted small\">Nothing to show for this period yet.</p>"))
            """
    }

    static func display(_ cell: Cell) -> String {
        switch cell {
        case .text(let text): text
        case .count(let count): String(count)
        case .share(let share): share.map(Charts.Scale.share.format) ?? "–"
        case .hours(let hours): hours.map(Charts.Scale.hours.format) ?? "–"
        case .ratio(let ratio): ratio.map { String(format: "%.1f", $0) } ?? "–"
        case .day(let day): day.short
        }
    }

    // MARK: CSV

    /// RFC 4180 CSV with the columns' keys as its header (text fields formula-safe, `CSVField`).
    func csv() -> String {
        func field(_ cell: Cell) -> String {
            switch cell {
            case .text(let text): return CSVField.escaped(text)
            case .count(let count): return String(count)
            case .share(let value), .hours(let value), .ratio(let value): return value.map { String(format: "%.4f", $0) } ?? ""
            case .day(let day): return day.description
            }
        }
        return ([columns.map(\.key).joined(separator: ",")] + rows.map { $0.map(field).joined(separator: ",") }).joined(separator: "\r\n") + "\r\n"
    }

    // MARK: JSON

    func json(into json: inout JSONWriter) {
        json.array(rows) { json, row in
            json.object { json in
                for (column, cell) in zip(columns, row) {
                    json.dynamicKey(column.key)
                    switch cell {
                    case .text(let text): json.string(text)
                    case .count(let count): json.int(count)
                    case .share(let value), .hours(let value), .ratio(let value):
                        if let value { json.double((value * 10_000).rounded() / 10_000) } else { json.null() }
                    case .day(let day): json.string(day.description)
                    }
                }
            }
        }
    }
}
