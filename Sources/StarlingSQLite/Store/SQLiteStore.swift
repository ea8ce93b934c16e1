import Foundation
import StarlingCore
import StarlingSQL

/// The `Store` on an embedded SQLite file (WAL mode, foreign keys on).
///
/// This folder is the only place that knows its SQL. Each `SQLiteStore+*.swift` file implements one
/// part of the `Store` protocol; what it shares with the PostgreSQL store (row mapping, the visibility
/// rule) is in `StarlingSQL`.
public final class SQLiteStore: Store, SQLStore {
    public static let dialect = SQLDialect.sqlite
    let database: Database
    /// Where posts from other servers are committed in groups (`insertPostFromOutside`).
    let postsFromOutside: GroupCommit
    let ids: IDGenerator
    /// How long the first post from outside of a group waits for others: at most this many milliseconds are added to
    /// an inbox's answer, and posts from outside commit at most about 20 times a second.
    static let outsideCommitWindow = Duration.milliseconds(50)

    /// Opens (creating if needed) the database at `path` and applies missing migrations; `metrics` times every call.
    public init(path: String, ids: IDGenerator, metrics: ServerMetrics = ServerMetrics()) throws {
        database = try Database(path: path, readTimer: metrics.databaseCalls("read"), writeTimer: metrics.databaseCalls("write"))
        postsFromOutside = GroupCommit(database: database, window: Self.outsideCommitWindow, settles: false)
        self.ids = ids
        try database.withWriter { try Migrations.migrate($0) }
    }

    /// Opens `DIR/starling.sqlite`, creating the directory when needed.
    public convenience init(dataDirectory: String, ids: IDGenerator, metrics: ServerMetrics = ServerMetrics()) throws {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        try self.init(path: (dataDirectory as NSString).appendingPathComponent("starling.sqlite"), ids: ids, metrics: metrics)
    }

    public func changeStamp() async throws -> ChangeStamp { try await database.changeStampOffPool() }

    /// The schema version this build writes.
    public static var schemaVersion: Int { Migrations.steps.count }

    public var currentSchemaVersion: Int { Self.schemaVersion }

    public func storedSchemaVersion() async throws -> Int {
        try await database.readOffPool { db in Int(try db.prepare("PRAGMA user_version").scalar() ?? 0) }
    }
}

/// Posts read as a viewer sees them.
extension SQLiteStore {
    /// The viewer's view of one post, or nil when it does not exist or the viewer may not see it.
    func postView(_ db: Connection, id: ID, viewer: ID?) throws -> PostView? {
        try db.prepare(Self.postViewQuery).bind(["id": id, "viewer": viewer]).first { Self.postView($0) }
    }

    /// The views of the posts among `ids` the viewer may see, in no order.
    func postViews(_ db: Connection, ids: [ID], viewer: ID?) throws -> [PostView] {
        guard !ids.isEmpty else { return [] }
        return try db.prepare(Self.postViewsQuery).bind(["ids": ids, "viewer": viewer]).rows { Self.postView($0) }
    }

    public func posts(ids: [ID], viewer: ID?) async throws -> [PostView] {
        try await database.readOffPool { db in try self.postViews(db, ids: ids, viewer: viewer).inOrder(of: ids) }
    }

    public func post(id: ID, viewer: ID?) async throws -> PostView? {
        try await database.readOffPool { try self.postView($0, id: id, viewer: viewer) }
    }
}
