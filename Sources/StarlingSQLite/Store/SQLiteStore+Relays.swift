import Foundation
import StarlingCore
import StarlingSQL

/// Relays and the hashtags asked for from outside.
extension SQLiteStore {
    public func relays() async throws -> [Relay] {
        try await database.readOffPool { db in try db.prepare(RelayQueries.all).rows(Self.relay) }
    }

    public func saveRelay(_ relay: Relay) async throws -> Relay {
        try await database.writeOffPool { db in
            try db.prepare(RelayQueries.insert).bind(Self.relayValues(relay)).run()
            return try db.prepare(RelayQueries.byAddress).bind([relay.address]).first(Self.relay) ?? relay
        }
    }

    public func setRelayAnswer(id: ID, actor: String, state: Relay.State) async throws {
        try await database.writeOffPool { db in try db.prepare(RelayQueries.answer).bind([actor, state.rawValue, id.rawValue]).run() }
    }

    public func removeRelay(id: ID) async throws -> Bool {
        try await database.writeOffPool { db in
            try db.prepare(RelayQueries.remove).bind([id.rawValue]).run()
            return db.changes > 0
        }
    }

    public func setTagFromOutside(accountID: ID, tag: String, on: Bool) async throws -> Bool {
        try await database.writeOffPool { db in
            try db.prepare(RelayQueries.setFromOutside).bind([on, accountID.rawValue, Tag.key(tag)]).run()
            return db.changes > 0
        }
    }

    public func tagsFromOutside(accountID: ID) async throws -> Set<String> {
        try await database.readOffPool { db in Set(try db.prepare(Self.tagsFromOutsideQuery).bind([accountID.rawValue]).rows { $0.string(0) }) }
    }

    public func tagsWantedFromOutside() async throws -> Set<String> {
        try await database.readOffPool { db in Set(try db.prepare(Self.tagsWantedFromOutsideQuery).rows { $0.string(0) }) }
    }
}
