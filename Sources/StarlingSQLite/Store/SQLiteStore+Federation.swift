import Foundation
import StarlingCore
import StarlingSQL

/// The federation lists, people's federation choices and the actors' signing keys.
extension SQLiteStore {
    public func domainRules() async throws -> [DomainRule] {
        try await database.readOffPool { db in
            try db.prepare("SELECT domain, kind, created_at FROM federation_domains ORDER BY domain").rows { row in
                try? DomainRule(domain: RemoteDomain(parsing: row.string(0)), kind: DomainRule.Kind(rawValue: row.string(1)) ?? .block,
                                createdAt: Self.date(row.int64(2)))
            }.compactMap { $0 }
        }
    }

    public func saveDomainRule(_ rule: DomainRule, entry: AuditEntry) async throws {
        try await database.writeOffPool { db in
            try db.prepare("""
                INSERT INTO federation_domains (domain, kind, created_at) VALUES (?, ?, ?)
                ON CONFLICT (domain) DO UPDATE SET kind = excluded.kind, created_at = excluded.created_at
                """).bind([rule.domain.description, rule.kind.rawValue, Self.millis(rule.createdAt)]).run()
            try self.insertAuditEntry(db, entry)
        }
    }

    public func removeDomainRule(_ domain: RemoteDomain, entry: AuditEntry) async throws -> Bool {
        try await database.writeOffPool { db in
            try db.prepare("DELETE FROM federation_domains WHERE domain = ?").bind([domain.description]).run()
            guard db.changes > 0 else { return false }
            try self.insertAuditEntry(db, entry)
            return true
        }
    }

    public func setFederationChoices(accountID: ID, discoverable: Bool, locked: Bool) async throws {
        try await database.writeOffPool { db in
            try db.prepare("UPDATE accounts SET discoverable = ?, locked = ? WHERE id = ?").bind([discoverable, locked, accountID.rawValue]).run()
        }
    }

    public func actorKey(ownerID: ID) async throws -> ActorKey? {
        try await database.readOffPool { db in
            try db.prepare("SELECT owner_id, public_key_pem, private_key_pem, created_at FROM actor_keys WHERE owner_id = ?")
                .bind([ownerID.rawValue]).first(Self.actorKey)
        }
    }

    public func removeActorKey(ownerID: ID) async throws {
        try await database.writeOffPool { db in try db.prepare("DELETE FROM actor_keys WHERE owner_id = ?").bind([ownerID.rawValue]).run() }
    }

    public func keepActorKey(_ key: ActorKey) async throws -> ActorKey {
        try await database.writeOffPool { db in
            try db.prepare("INSERT INTO actor_keys (owner_id, public_key_pem, private_key_pem, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .bind([key.ownerID.rawValue, key.publicKeyPEM, key.privateKeyPEM, Self.millis(key.createdAt)]).run()
            return try db.prepare("SELECT owner_id, public_key_pem, private_key_pem, created_at FROM actor_keys WHERE owner_id = ?")
                .bind([key.ownerID.rawValue]).first(Self.actorKey) ?? key
        }
    }
}

/// People on other servers and their follows of members.
extension SQLiteStore {
    public func keepRemoteActor(_ actor: RemoteActor) async throws -> RemoteActor {
        try await database.writeOffPool { db in
            let at = Self.millis(actor.fetchedAt)
            try db.prepare(RemoteFollowQueries.upsertActor).bind(RemoteFollowQueries.actorValues(actor, id: self.ids.next(), fetchedAt: at)).run()
            guard let kept = try db.prepare(RemoteFollowQueries.actorByURI).bind([actor.uri]).first({ Self.remoteActor($0) }) else { return actor }
            try db.prepare(RemoteFollowQueries.upsertActorAccount).bind(RemoteFollowQueries.actorValues(kept, id: kept.id, fetchedAt: at)).run()
            return kept
        }
    }

    public func remoteActor(uri: String) async throws -> RemoteActor? {
        try await database.readOffPool { db in try db.prepare(RemoteFollowQueries.actorByURI).bind([uri]).first { Self.remoteActor($0) } }
    }

    public func saveRemoteFollow(accountID: ID, actorID: ID, activityURI: String, acceptedAt: Date?, createdAt: Date) async throws {
        try await database.writeOffPool { db in
            try db.prepare(RemoteFollowQueries.upsertFollow).bind([accountID.rawValue, actorID.rawValue, activityURI, acceptedAt.map(Self.millis),
                                                          Self.millis(createdAt)]).run()
        }
    }

    public func inboxesKnowing(accountID: ID) async throws -> [String] {
        try await database.readOffPool { db in try db.prepare(RemoteFollowQueries.inboxesKnowing).bind([accountID.rawValue]).rows { $0.string(0) } }
    }

    public func remoteFollows(accountID: ID, accepted: Bool) async throws -> [RemoteFollow] {
        try await database.readOffPool { db in
            try db.prepare(RemoteFollowQueries.followsOfAccount).bind([accountID.rawValue, accepted ? 1 : 0]).rows { Self.remoteFollow($0) }
        }
    }

    public func waitingRemoteFollowCount(accountID: ID) async throws -> Int {
        try await database.readOffPool { db in Int(try db.prepare(RemoteFollowQueries.waitingCount).bind([accountID.rawValue]).scalar() ?? 0) }
    }

    public func remoteFollow(accountID: ID, actorID: ID) async throws -> RemoteFollow? {
        try await database.readOffPool { db in
            try db.prepare(RemoteFollowQueries.followOfActor).bind([accountID.rawValue, actorID.rawValue]).first { Self.remoteFollow($0) }
        }
    }

    public func acceptRemoteFollow(accountID: ID, actorID: ID, at date: Date) async throws -> Bool {
        try await database.writeOffPool { db in
            try db.prepare(RemoteFollowQueries.accept).bind([Self.millis(date), accountID.rawValue, actorID.rawValue]).run()
            return db.changes > 0
        }
    }

    public func removeRemoteActor(uri: String) async throws -> Bool {
        try await database.writeOffPool { db in
            try db.prepare(RemoteFollowQueries.removeFollowsOfActor).bind([uri]).run()
            try db.prepare(RemoteFollowQueries.removeActor).bind([uri]).run()
            return db.changes > 0
        }
    }

    public func removeRemoteFollow(accountID: ID, actorID: ID) async throws -> Bool {
        try await database.writeOffPool { db in
            try db.prepare(RemoteFollowQueries.remove).bind([accountID.rawValue, actorID.rawValue]).run()
            return db.changes > 0
        }
    }
}

/// Servers deliveries fail to reach.
extension SQLiteStore {
    public func recordDeliveryFailure(domain: String, error: String, at date: Date) async throws -> DeliveryTrouble {
        try await database.writeOffPool { db in
            try db.prepare(DeliveryTroubleQueries.recordFailure).bind([domain, Self.millis(date), Self.millis(date), error]).run()
            return try db.prepare(DeliveryTroubleQueries.byDomain).bind([domain]).first { Self.deliveryTrouble($0) }
                ?? DeliveryTrouble(domain: domain, failingSince: date, lastFailureAt: date, lastError: error)
        }
    }

    public func pauseDeliveries(domain: String, at date: Date) async throws {
        try await database.writeOffPool { db in try db.prepare(DeliveryTroubleQueries.pause).bind([Self.millis(date), domain]).run() }
    }

    @discardableResult
    public func clearDeliveryTrouble(domain: String) async throws -> Bool {
        try await database.writeOffPool { db in
            try db.prepare(DeliveryTroubleQueries.clear).bind([domain]).run()
            return db.changes > 0
        }
    }

    public func deliveryTrouble(domain: String) async throws -> DeliveryTrouble? {
        try await database.readOffPool { db in try db.prepare(DeliveryTroubleQueries.byDomain).bind([domain]).first { Self.deliveryTrouble($0) } }
    }

    public func deliveryTroubles() async throws -> [DeliveryTrouble] {
        try await database.readOffPool { db in try db.prepare(DeliveryTroubleQueries.all).rows { Self.deliveryTrouble($0) } }
    }
}
