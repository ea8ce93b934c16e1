import Foundation
import Logging
import PostgresNIO
import StarlingCore
import StarlingSQL

/// One pooled connection, lent for a read or a transaction: statements in the store's own form
/// (`SQLText`), with their values bound by name or by position.
struct SQLConnection {
    let connection: PostgresConnection
    let logger: Logger
    /// Whether statements run as prepared statements of the connection (`PreparedText`): only outside transactions.
    let prepares: Bool

    /// Runs a statement; returns how many rows it returned (with `RETURNING 1`: how many it changed).
    @discardableResult
    func run(_ sql: String, _ values: [any SQLBindable] = []) async throws -> Int {
        try await execute(query(sql, positional: values))
    }

    @discardableResult
    func run(_ sql: String, _ values: [String: any SQLBindable]) async throws -> Int {
        try await execute(query(sql, named: values))
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> T) async throws -> T {
        try await run("BEGIN")
        do {
            let result = try await body()
            try await run("COMMIT")
            return result
        } catch {
            _ = try? await run("ROLLBACK")
            throw error
        }
    }

    /// Runs several statements given as one text, with no parameters (a migration step), one after the other.
    func runScript(_ sql: String) async throws {
        for statement in Self.statements(of: sql) { _ = try await execute(Bound(query: PostgresQuery(unsafeSQL: statement))) }
    }

    /// The statements of a script: split at each `;` that ends a line outside a `$$`-quoted function body.
    static func statements(of script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var inBody = false
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            current += line + "\n"
            if line.components(separatedBy: "$$").count % 2 == 0 { inBody.toggle() }
            if !inBody, line.trimmingCharacters(in: .whitespaces).hasSuffix(";") {
                statements.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }

    /// Every row, each read by `map`.
    func rows<T>(_ sql: String, _ values: [any SQLBindable] = [], _ map: (Row) throws -> T) async throws -> [T] {
        try await collect(query(sql, positional: values), map)
    }

    func rows<T>(_ sql: String, _ values: [String: any SQLBindable], _ map: (Row) throws -> T) async throws -> [T] {
        try await collect(query(sql, named: values), map)
    }

    /// The first row, if any, read by `map`.
    func first<T>(_ sql: String, _ values: [any SQLBindable] = [], _ map: (Row) throws -> T) async throws -> T? {
        try await rows(sql, values, map).first
    }

    func first<T>(_ sql: String, _ values: [String: any SQLBindable], _ map: (Row) throws -> T) async throws -> T? {
        try await rows(sql, values, map).first
    }

    /// The first column of the first row as an integer (a count, an id).
    func scalar(_ sql: String, _ values: [any SQLBindable] = []) async throws -> Int64? {
        try await first(sql, values) { $0.optionalInt64(0) } ?? nil
    }

    func scalar(_ sql: String, _ values: [String: any SQLBindable]) async throws -> Int64? {
        try await first(sql, values) { $0.optionalInt64(0) } ?? nil
    }

    /// A statement with its values bound, and the kinds of those values (one letter each).
    private struct Bound {
        var query: PostgresQuery
        var kinds = ""
    }

    private func query(_ sql: String, positional values: [any SQLBindable]) throws -> Bound {
        let text = SQLText(sql)
        guard text.parameters.allSatisfy({ $0 == nil }), text.parameters.count == values.count else {
            throw SQLError.parameters("\(text.parameters.count) parameters, \(values.count) values in: \(sql)")
        }
        return Self.bind(text.sql, values.map(\.sqlValue))
    }

    private func query(_ sql: String, named values: [String: any SQLBindable]) throws -> Bound {
        let text = SQLText(sql)
        let ordered = try text.parameters.map { name in
            guard let name, let value = values[name] else { throw SQLError.parameters("no value for :\(name ?? "?") in: \(sql)") }
            return value.sqlValue
        }
        return Self.bind(text.sql, ordered)
    }

    private static func bind(_ sql: String, _ values: [SQLValue]) -> Bound {
        var bindings = PostgresBindings(capacity: values.count)
        var kinds = ""
        for value in values {
            value.bind(into: &bindings)
            kinds.append(value.kind)
        }
        return Bound(query: PostgresQuery(unsafeSQL: sql, binds: bindings), kinds: kinds)
    }

    private func execute(_ statement: Bound) async throws -> Int {
        var count = 0
        try await forEachRow(statement) { _ in count += 1 }
        return count
    }

    private func collect<T>(_ statement: Bound, _ map: (Row) throws -> T) async throws -> [T] {
        var result: [T] = []
        try await forEachRow(statement) { result.append(try map(Row($0))) }
        return result
    }

    /// Runs a statement, prepared on this connection when it `prepares`, and hands each row to `body`.
    private func forEachRow(_ statement: Bound, _ body: (PostgresRow) throws -> Void) async throws {
        try await explained(statement.query) {
            if prepares, let name = PreparedText.name(sql: statement.query.sql, kinds: statement.kinds) {
                let rows = try await PreparedText.$running.withValue((name, statement.query.sql)) {
                    try await connection.execute(PreparedText(bindings: statement.query.binds), logger: logger)
                }
                for try await row in rows { try body(row) }
            } else {
                for try await row in try await connection.query(statement.query, logger: logger) { try body(row) }
            }
        }
    }

    /// Whether `error` says the connection or the server went away (not that a statement was refused):
    /// SQLSTATE classes 08 (connection exception) and 57P (the server shutting down), or a closed connection.
    static func isConnectionLoss(_ error: PSQLError) -> Bool {
        if let state = error.serverInfo?[.sqlState] { return state.hasPrefix("08") || state.hasPrefix("57P") }
        return [.connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown].contains(error.code)
    }

    /// Runs `body`, turning the server's refusal of `query` into an error that says why and which statement
    /// (postgres-nio keeps both out of its errors' descriptions).
    private func explained<T>(_ query: PostgresQuery, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError {
            if Self.isConnectionLoss(error) { throw StoreError.unavailable }
            guard let info = error.serverInfo else { throw SQLError.refused(code: "", message: String(reflecting: error), sql: query.sql) }
            throw SQLError.refused(code: info[.sqlState] ?? "", message: info[.message] ?? "", sql: query.sql)
        }
    }
}

/// A statement the store could not run: its values do not fit (a mistake in the store's code, reported
/// rather than sent), or the server refused it.
enum SQLError: Error, CustomStringConvertible {
    case parameters(String)
    /// The server refused a statement (SQLSTATE `code`).
    case refused(code: String, message: String, sql: String)

    var description: String {
        switch self {
        case .parameters(let detail): "Statement parameters do not match their values: \(detail)"
        case .refused(let code, let message, let sql): "PostgreSQL refused a statement (\(code)): \(message) in: \(sql)"
        }
    }
}
