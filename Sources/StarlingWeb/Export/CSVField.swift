/// One field of RFC 4180 CSV: quoted when it holds a comma, quote or line break; text a spreadsheet
/// would read as a formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe.
enum CSVField {
    static func escaped(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        return text.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
