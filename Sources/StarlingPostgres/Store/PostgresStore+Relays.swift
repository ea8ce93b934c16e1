import Foundation
import StarlingCore
import StarlingSQL

/// Relays and the hashtags asked for from outside.
extension PostgresStore {
    public func relays() async throws -> [Relay] {
        try await database.read { db in try await db.rows(RelayQueries.all, [], Self.relay) }
    }

    public func saveRelay(_ relay: Relay) async throws -> Relay {
        try await database.write { db in
            try await db.run(RelayQueries.insert, Self.relayValues(relay))
            return try await db.first(RelayQueries.byAddress, [relay.address]) { Self.relay($0) } ?? relay
        }
    }

    public func setRelayAnswer(id: ID, actor: String, state: Relay.State) async throws {
        try await database.write { db in try await db.run(RelayQueries.answer, [actor, state.rawValue, id]) }
    }

    public func removeRelay(id: ID) async throws -> Bool {
        try await database.write { db in try await db.run(RelayQueries.remove + " RETURNING 1", [id]) > 0 }
    }

    public func setTagFromOutside(accountID: ID, tag: String, on: Bool) async throws -> Bool {
        try await database.write { db in
            try await db.run(RelayQueries.setFromOutside + " RETURNING 1", [on, accountID, Tag.key(tag)]) > 0
        }
    }

    public func tagsFromOutside(accountID: ID) async throws -> Set<String> {
        try await database.read { db in Set(try await db.rows(Self.tagsFromOutsideQuery, [accountID]) { $0.string(0) }) }
    }

    public func tagsWantedFromOutside() async throws -> Set<String> {
        try await database.read { db in Set(try await db.rows(Self.tagsWantedFromOutsideQuery, []) { $0.string(0) }) }
    }
}
