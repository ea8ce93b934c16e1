import Logging
import PostgresNIO
import StarlingCore

/// This process's node number on the database (see `IDGenerator.use(node:)`): the first of
/// 0 ..< `IDGenerator.nodeLimit` whose advisory lock it could take. The lock belongs to a connection the claim
/// keeps open for the store's lifetime, so no two live processes hold the same number; a process that
/// dies, or whose connection drops, gives its number back.
final class NodeNumberClaim: Sendable {
    /// The advisory lock keys are this plus the number ("Starlin" in ASCII, then the number).
    static let lockBase: Int64 = 0x5374_6172_6C69_6E00

    let number: Int
    private let connection: PostgresConnection

    private init(number: Int, connection: PostgresConnection) {
        self.number = number
        self.connection = connection
    }

    /// Takes the first free number on `connection`, or closes it and throws when every number is held.
    static func claim(on connection: PostgresConnection, database: String, logger: Logger) async throws -> NodeNumberClaim {
        for number in 0..<IDGenerator.nodeLimit {
            let key = lockBase + Int64(number)
            for try await taken in try await connection.query("SELECT pg_try_advisory_lock(\(key))", logger: logger).decode(Bool.self) where taken {
                return NodeNumberClaim(number: number, connection: connection)
            }
        }
        try? await connection.close()
        throw StoreError.unreachable(database: database, reason: "\(IDGenerator.nodeLimit) Starling processes use it already, the most there can be at once")
    }

    /// A store that is not closed gives its number back when it goes (postgres-nio wants every connection closed).
    deinit { release() }

    /// Gives the number back.
    func release() {
        let connection = connection
        Task { try? await connection.close() }
    }
}
