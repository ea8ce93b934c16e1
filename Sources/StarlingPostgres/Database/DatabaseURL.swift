import Foundation
import Logging
import NIOSSL
import PostgresNIO
import StarlingCore
import StarlingSQL

/// Where the PostgreSQL database is, as `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE]`
/// (`postgresql://` too; MODE is `disable`, `prefer`, the default, or `require`, as libpq reads it).
public struct DatabaseURL: Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let username: String
    let password: String?
    public let database: String
    public let sslMode: SSLMode

    public enum SSLMode: String, Sendable {
        case disable, prefer, require
    }

    /// Whether `text` names a PostgreSQL database at all (rather than, say, a typo of one).
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Reads a URL; a clear `DatabaseURLError` says what is wrong with a bad one.
    public init(_ text: String) throws {
        guard Self.isPostgres(text), let components = URLComponents(string: text) else {
            throw DatabaseURLError("A database URL looks like postgres://USER:PASSWORD@HOST:5432/DATABASE, not “\(text)”.")
        }
        guard let host = components.host, !host.isEmpty else { throw DatabaseURLError("The database URL has no host.") }
        guard let user = components.user, !user.isEmpty else { throw DatabaseURLError("The database URL has no user name (postgres://USER@HOST/DATABASE).") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw DatabaseURLError("The database URL names no database (postgres://USER@HOST/DATABASE).")
        }
        if let port = components.port, !(1...65535).contains(port) { throw DatabaseURLError("The database URL's port \(port) is not a port.") }
        var sslMode = SSLMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(SSLMode.init(rawValue:)) else {
                    throw DatabaseURLError("sslmode must be disable, prefer or require, not “\(item.value ?? "")”.")
                }
                sslMode = mode
            default:
                throw DatabaseURLError("The database URL has an option Starling does not know: \(item.name).")
            }
        }
        self.host = host
        self.port = components.port ?? 5432
        self.username = user.removingPercentEncoding ?? user
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database.removingPercentEncoding ?? database
        self.sslMode = sslMode
    }

    /// The URL without its password, for messages and logs.
    public var description: String { "postgres://\(username)@\(host):\(port)/\(database)" }

    /// A connection of its own, outside the pool, opened with a short timeout so that a server does not start
    /// (and wait) on a database it cannot reach. Throws `StoreError.unreachable` saying why.
    func connect(connectTimeout: Duration, logger: Logger) async throws -> PostgresConnection {
        let configuration = try connectionConfiguration(connectTimeout: connectTimeout)
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        } catch let error as PSQLError {
            throw StoreError.unreachable(database: description, reason: error.serverInfo?[.message] ?? error.underlying.map { "\($0)" } ?? "\(error.code)")
        } catch {
            throw StoreError.unreachable(database: description, reason: "\(error)")
        }
    }

    /// The configuration of one connection to this URL, outside the pool (the probe, the event bus).
    func connectionConfiguration(connectTimeout: Duration) throws -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: username, password: password, database: database,
                                                             tls: sslMode == .disable ? .disable : .prefer(try NIOSSLContext(configuration: .makeClientConfiguration())))
        if sslMode == .require { configuration.tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration())) }
        configuration.options.connectTimeout = .init(connectTimeout)
        return configuration
    }

    /// The client configuration for this URL.
    func configuration(maximumConnections: Int, connectTimeout: Duration) throws -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS = switch sslMode {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: username, password: password, database: database, tls: tls)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = connectTimeout
        return configuration
    }
}

/// A database URL Starling cannot use, and why.
public struct DatabaseURLError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
