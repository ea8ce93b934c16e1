import Foundation
import StarlingCore

/// Charts drawn on the server as SVG. Each is a figure with a title and a description for screen readers,
/// labelled axes and a legend, followed by its numbers as a table (in a disclosure), so it needs no
/// JavaScript, scales to a phone's width and prints.
enum Charts {
    /// How values read: counts, shares (0…1, shown as percentages) or hours.
    enum Scale {
        case count, share, hours

        func format(_ value: Double) -> String {
            switch self {
            case .count: String(Int(value.rounded()))
            case .share: "\(Int((value * 100).rounded()))%"
            case .hours: value < 1 ? "\(Int((value * 60).rounded())) min" : String(format: "%.1f h", value)
            }
        }
    }

    /// One line of a line chart (nil values leave a gap).
    struct Series {
        var name: String
        var values: [Double?]
    }

    private static let width = 640.0, height = 220.0
    private static let left = 48.0, right = 30.0, top = 14.0, bottom = 34.0

    /// A line chart over `labels` (the x axis, oldest first). `numbers` is the table shown as its alternative
    /// (by default one made of the plotted values).
    static func line(id: String, title: String, summary: String, labels: [String], series: [Series], scale: Scale, yLabel: String,
                     column: String = "Week", numbers: HTML? = nil) -> HTML {
        let ceiling = niceMax(series.flatMap { $0.values.compactMap { $0 } }, scale: scale)
        var marks = ""
        for (index, line) in series.enumerated() {
            var segments: [[(Double, Double, Double)]] = [[]]
            for (position, value) in line.values.enumerated() {
                guard let value else { segments.append([]); continue }
                segments[segments.count - 1].append((x(position, labels.count), y(value, ceiling), value))
            }
            for segment in segments where !segment.isEmpty {
                let points = segment.map { String(format: "%.1f,%.1f", $0.0, $0.1) }.joined(separator: " ")
                marks += "<polyline class=\"series s\(index + 1)\" points=\"\(points)\"/>"
                for point in segment where labels.count <= 40 {
                    marks += String(format: "<circle class=\"dot s%d\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\">", index + 1, point.0, point.1)
                        + "<title>\(line.name.htmlEscaped): \(scale.format(point.2))</title></circle>"
                }
            }
        }
        let rows = labels.indices.map { position in [labels[position]] + series.map { $0.values[position].map(scale.format) ?? "–" } }
        return figure(id: id, title: title, summary: summary, svg: frame(ceiling: ceiling, labels: labels, scale: scale, yLabel: yLabel) + marks,
                      legend: series.count > 1 ? series.map(\.name) : [], numbers: numbers ?? table([column] + series.map(\.name), rows, label: title))
    }

    /// A bar chart of one value per label.
    static func bars(id: String, title: String, summary: String, labels: [String], values: [Double], scale: Scale, yLabel: String,
                     column: String = "Week", numbers: HTML? = nil) -> HTML {
        let ceiling = niceMax(values, scale: scale)
        let slot = (width - left - right) / Double(max(labels.count, 1))
        var marks = ""
        for (position, value) in values.enumerated() {
            let barTop = y(value, ceiling)
            marks += String(format: "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"2\">",
                            left + Double(position) * slot + slot * 0.15, barTop, slot * 0.7, height - bottom - barTop)
                + "<title>\(labels[position].htmlEscaped): \(scale.format(value))</title></rect>"
        }
        return figure(id: id, title: title, summary: summary, svg: frame(ceiling: ceiling, labels: labels, scale: scale, yLabel: yLabel, bars: true) + marks,
                      legend: [], numbers: numbers ?? table([column, yLabel], labels.indices.map { [labels[$0], scale.format(values[$0])] }, label: title))
    }

    /// A small line without axes, for a table cell; `label` says what it shows.
    static func sparkline(_ values: [Double], label: String) -> HTML {
        let top = max(values.max() ?? 0, 1)
        let points = values.enumerated().map { position, value in
            String(format: "%.1f,%.1f", Double(position) * 80 / Double(max(values.count - 1, 1)), 22 - value / top * 20)
        }.joined(separator: " ")
        return HTML(raw: "<svg class=\"sparkline\" viewBox=\"0 0 80 24\" width=\"80\" height=\"24\" role=\"img\" aria-label=\"\(label.htmlEscaped)\">"
            + "<polyline points=\"\(points)\"/></svg>")
    }

    // MARK: Drawing

    private static func x(_ position: Int, _ count: Int) -> Double {
        count <= 1 ? (left + width - right) / 2 : left + Double(position) * (width - left - right) / Double(count - 1)
    }

    /// The height of `value` on an axis running from 0 to `ceiling`.
    private static func y(_ value: Double, _ ceiling: Double) -> Double {
        height - bottom - (ceiling == 0 ? 0 : value / ceiling) * (height - bottom - top)
    }

    /// A round upper bound for the y axis.
    private static func niceMax(_ values: [Double], scale: Scale) -> Double {
        let most = values.max() ?? 0
        if scale == .share { return most <= 0.5 && most > 0 ? 0.5 : 1 }
        guard most > 0 else { return 1 }
        let magnitude = pow(10, floor(log10(most)))
        return ([1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= most }) ?? most
    }

    /// Axes, grid lines and labels; the x labels thinned to about eight.
    private static func frame(ceiling: Double, labels: [String], scale: Scale, yLabel: String, bars: Bool = false) -> String {
        var out = ""
        // Four steps, or five or two where that keeps whole numbers on a count axis (50: 10, 20, …).
        let steps = scale == .count ? ([4, 5, 2].first { (ceiling / Double($0)).rounded() == ceiling / Double($0) } ?? 4) : 4
        for step in 0...steps {
            let value = ceiling * Double(step) / Double(steps), at = y(value, ceiling)
            out += String(format: "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>", left, width - right, at, at)
            out += String(format: "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", left - 6, at + 4) + scale.format(value).htmlEscaped + "</text>"
        }
        let every = max(1, Int((Double(labels.count) / 8).rounded(.up)))
        let slot = (width - left - right) / Double(max(labels.count, 1))
        for (position, label) in labels.enumerated() where position % every == 0 {
            let at = bars ? left + (Double(position) + 0.5) * slot : x(position, labels.count)
            out += String(format: "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", at, height - bottom + 16) + label.htmlEscaped + "</text>"
        }
        out += String(format: "<text class=\"axis-label\" x=\"12\" y=\"%.1f\" transform=\"rotate(-90 12 %.1f)\" text-anchor=\"middle\">",
                      (height - bottom + top) / 2, (height - bottom + top) / 2) + yLabel.htmlEscaped + "</text>"
        return out
    }

    /// A plain table of formatted values, the first column naming each row.
    private static func table(_ headers: [String], _ rows: [[String]], label: String) -> HTML {
        let head = headers.map { "<th scope=\"col\">\($0.htmlEscaped)</th>" }.joined()
        let body = rows.map { row in
            "<tr><th scope=\"row\">\(row[0].htmlEscaped)</th>" + row.dropFirst().map { "<td>\($0.htmlEscaped)</td>" }.joined() + "</tr>"
        }.joined()
        return HTML.scrolling(HTML(raw: "<table class=\"figures\"><thead><tr>\(head)</tr></thead><tbody>\(body)</tbody></table>"), label: label)
    }

    private static func figure(id: String, title: String, summary: String, svg: String, legend: [String], numbers: HTML) -> HTML {
        let legendHTML = legend.enumerated().map { "<span class=\"key s\($0.offset + 1)\">\($0.element.htmlEscaped)</span>" }.joined()
        return HTML(raw: """
            <figure class="chart" id="\(id)">
              <figcaption><strong id="\(id)-title">\(title.htmlEscaped)</strong>\(legendHTML.isEmpty ? "" : " <span class=\"legend\">\(legendHTML)</span>")</figcaption>
              <svg viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="\(id)-svg-title \(id)-desc" preserveAspectRatio="xMidYMid meet">\
            <title id="\(id)-svg-title">\(title.htmlEscaped)</title><desc id="\(id)-desc">\(summary.htmlEscaped)</desc>\(svg)</svg>
              <details class="chart-data"><summary>The numbers as a table</summary>\(numbers.raw)</details>
            </figure>
            """)
    }
}
