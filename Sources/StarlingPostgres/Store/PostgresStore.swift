import Foundation
import Logging
import StarlingCore
import StarlingSQL

/// The store on PostgreSQL, for an organization that runs several nodes on one database.
///
/// This folder and `Database/` are the only places that know its SQL. Each `PostgresStore+*.swift`
/// file implements one concern's protocol, as the SQLite store's files do; this file holds what they
/// share: opening the database and the change stamp. Row mapping and the visibility rule are shared
/// with the SQLite store (`StarlingSQL`).
public final class PostgresStore: Store, SQLStore, Sendable {
    public static let dialect = SQLDialect.postgres
    let database: PostgresDatabase
    let ids: IDGenerator
    /// Keeps this process's ids apart from those of the other processes on the database.
    let nodeNumber: NodeNumberClaim

    /// Connects to the database at `url`, claims a node number for `ids`, applies missing migrations, and fails with a clear message
    /// when the database cannot be reached (within `connectTimeout`) or comes from a newer Starling. Once
    /// open, a call that cannot get a connection within `connectTimeout` fails as `StoreError.unavailable`.
    public init(url: DatabaseURL, ids: IDGenerator, metrics: ServerMetrics = ServerMetrics(), maximumConnections: Int = 20,
                connectTimeout: Duration = .seconds(5), logger: Logger = Logger(label: "starling.postgres")) async throws {
        nodeNumber = try await NodeNumberClaim.claim(on: try await url.connect(connectTimeout: connectTimeout, logger: logger),
                                                     database: url.description, logger: logger)
        ids.use(node: nodeNumber.number)
        database = PostgresDatabase(configuration: try url.configuration(maximumConnections: maximumConnections, connectTimeout: connectTimeout),
                                    leaseTimeout: connectTimeout, logger: logger,
                                    readTimer: metrics.databaseCalls("read"), writeTimer: metrics.databaseCalls("write"))
        self.ids = ids
        do {
            try await PostgresMigrations.migrate(database)
        } catch {
            close()
            throw error
        }
    }

    /// Closes the store's connections (giving its node number back).
    public func close() {
        database.close()
        nodeNumber.release()
    }

    /// A number that differs from the one returned before whenever a write was committed in between, on any node.
    public func changeStamp() async throws -> ChangeStamp { try await database.changeStamp() }
}
