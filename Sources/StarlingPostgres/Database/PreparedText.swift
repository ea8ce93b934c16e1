import PostgresNIO
import Synchronization

/// Reads run as prepared statements of the connection they run on, so PostgreSQL parses and plans each
/// statement's text once per connection instead of at every call: planning the visibility rule took 5 of
/// the 7 ms PostgreSQL spent on a page of the home timeline, and a kept plan takes 0.1.
///
/// postgres-nio prepares a statement on a connection the first time it runs there and keeps it, named by
/// its type's static `name` and `sql`; the store's statements are texts made at run time, so the text and
/// name of the statement being run are given to `PreparedText` as a task-local value around the call, which
/// postgres-nio reads when the call starts. A statement whose preparation failed stays failed on that
/// connection (postgres-nio remembers the error), so only statements outside transactions are prepared: a
/// statement in a transaction that an earlier error aborted would fail to prepare for that reason alone.
/// PostgreSQL chooses between a plan for the values given and the kept generic one each time
/// (`plan_cache_mode = auto`).
struct PreparedText: PostgresPreparedStatement {
    /// The name and text of the statement being run (see the type's description).
    @TaskLocal static var running = (name: "", sql: "")
    static var name: String { running.name }
    static var sql: String { running.sql }

    let bindings: PostgresBindings

    func makeBindings() -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }

    /// The name of a statement text bound with values of these kinds (a text bound with other kinds is another
    /// statement: a statement's parameter types are fixed when it is prepared), or nil when the process has
    /// named `limit` texts already (the store's texts are fewer; the limit only bounds what each connection keeps).
    static func name(sql: String, kinds: String) -> String? {
        names.withLock { names in
            let key = Key(sql: sql, kinds: kinds)
            if let name = names[key] { return name }
            guard names.count < limit else { return nil }
            let name = "starling_\(names.count + 1)"
            names[key] = name
            return name
        }
    }

    static let limit = 2_000
    private static let names = Mutex<[Key: String]>([:])

    /// A statement text and the kinds of the values bound to it (no joined copy of the text at every call).
    private struct Key: Hashable {
        var sql: String
        var kinds: String
    }
}
