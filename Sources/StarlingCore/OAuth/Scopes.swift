/// OAuth scopes as Mastodon defines them: `read`, `write`, `follow`, `push`, and granular forms such
/// as `read:statuses`. A broad scope covers its granular forms; `follow` covers the relationship parts
/// of `read` and `write`, as in Mastodon.
public struct Scopes: Sendable, Equatable, CustomStringConvertible {
    public static let known: Set<String> = Set(["read", "write", "follow", "push", "profile"])
        .union(["accounts", "blocks", "bookmarks", "favourites", "filters", "follows", "lists", "mutes", "notifications", "search", "statuses"]
            .map { "read:" + $0 })
        .union(["accounts", "blocks", "bookmarks", "conversations", "favourites", "filters", "follows", "lists", "media", "mutes",
                 "notifications", "reports", "statuses"].map { "write:" + $0 })

    public let values: [String]

    /// Parses a space-separated list; unknown scopes are an error naming them.
    public init(parsing text: String, default fallback: String = "read") throws {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "+" || $0 == "," }).map(String.init)
        let list = parts.isEmpty ? [fallback] : parts
        if let unknown = list.first(where: { !Self.known.contains($0) }) {
            throw DomainError.invalid(field: "scope", message: "Unknown scope: \(unknown).")
        }
        var seen = Set<String>()
        values = list.filter { seen.insert($0).inserted }
    }

    /// Whether these scopes allow something that needs `required` (e.g. "read:statuses").
    public func allow(_ required: String) -> Bool {
        if values.contains(required) { return true }
        let broad = String(required.split(separator: ":").first ?? "")
        if values.contains(broad) { return true }
        let followParts = ["read:follows", "read:blocks", "read:mutes", "write:follows", "write:blocks", "write:mutes"]
        return values.contains("follow") && followParts.contains(required)
    }

    /// Whether every scope in `other` is within these (a token may not exceed its app).
    public func covers(_ other: Scopes) -> Bool {
        other.values.allSatisfy { scope in scope == "profile" ? allow("read:accounts") || values.contains("profile") : allow(scope) }
    }

    public var description: String { values.joined(separator: " ") }
}
