import Foundation
import Logging
import StarlingCore

/// The store on PostgreSQL, for an organization that runs several nodes on one database.
///
/// This folder and `Database/` are the only places that know its SQL. Each `PostgresStore+*.swift`
/// file implements one concern's protocol, as the SQLite store's files do; this file holds what they
/// share: opening the database, the change stamp, and row mapping.
public final class PostgresStore: Sendable {
    let database: PostgresDatabase
    let ids: IDGenerator

    /// Connects to the database at `url`, applies missing migrations, and fails with a clear message
    /// when the database cannot be reached (within a few seconds) or comes from a newer Starling.
    public init(url: DatabaseURL, ids: IDGenerator, metrics: ServerMetrics = ServerMetrics(), maximumConnections: Int = 20,
                logger: Logger = Logger(label: "starling.postgres")) async throws {
        try await url.probe(logger: logger)
        database = PostgresDatabase(configuration: try url.configuration(maximumConnections: maximumConnections), logger: logger,
                                    readTimer: metrics.databaseCalls("read"), writeTimer: metrics.databaseCalls("write"))
        self.ids = ids
        do {
            try await PostgresMigrations.migrate(database)
        } catch {
            database.close()
            throw error
        }
    }

    /// Closes the store's connections.
    public func close() { database.close() }

    /// A number that differs from the one returned before whenever a write was committed in between, on any node.
    public func changeStamp() async throws -> Int64 { try await database.changeStamp() }
}

// MARK: - Row mapping

extension PostgresStore {
    static let accountColumns = accountColumns("a")

    /// The columns `account(_:from:)` reads, in its order.
    private static let accountColumnNames = [
        "id", "username", "email", "display_name", "bio", "role", "created_at", "posts_count", "followers_count",
        "following_count", "avatar_path", "guest", "suspended_at", "time_zone", "deactivated_at", "deletion_requested_at", "deleted_at",
    ]
    static let accountColumnCount = Int32(accountColumnNames.count)

    /// The columns `account(_:from:)` reads, of the accounts row named `alias`.
    static func accountColumns(_ alias: String) -> String {
        accountColumnNames.map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    static func account(_ row: Row, from c: Int32 = 0) -> Account {
        var account = Account(
            id: ID(row.int64(c)), username: row.string(c + 1), email: row.string(c + 2),
            displayName: row.string(c + 3), bio: row.string(c + 4), role: Role(rawValue: row.string(c + 5)) ?? .member,
            createdAt: date(row.int64(c + 6)), postsCount: row.int(c + 7), followersCount: row.int(c + 8),
            followingCount: row.int(c + 9), avatarPath: row.optionalString(c + 10)
        )
        account.isGuest = row.bool(c + 11)
        account.suspendedAt = row.optionalInt64(c + 12).map(date)
        account.timeZone = row.optionalString(c + 13)
        account.deactivatedAt = row.optionalInt64(c + 14).map(date)
        account.deletionRequestedAt = row.optionalInt64(c + 15).map(date)
        account.deletedAt = row.optionalInt64(c + 16).map(date)
        return account
    }

    /// A time as stored: milliseconds, cut like the time in an id (`ID(floorOf:)`), as the SQLite store keeps it
    /// (so that `admin migrate` copies times unchanged).
    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
}
