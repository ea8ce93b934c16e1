import Foundation
import StarlingCore
import StarlingSQL

/// The federation lists, people's federation choices and the actors' signing keys.
extension PostgresStore {
    public func domainRules() async throws -> [DomainRule] {
        try await database.read { db in
            try await db.rows("SELECT domain, kind, created_at FROM federation_domains ORDER BY domain") { row in
                try? DomainRule(domain: RemoteDomain(parsing: row.string(0)), kind: DomainRule.Kind(rawValue: row.string(1)) ?? .block,
                                createdAt: Self.date(row.int64(2)))
            }.compactMap { $0 }
        }
    }

    public func saveDomainRule(_ rule: DomainRule, entry: AuditEntry) async throws {
        try await database.write { db in
            try await db.run("""
                INSERT INTO federation_domains (domain, kind, created_at) VALUES (?, ?, ?)
                ON CONFLICT (domain) DO UPDATE SET kind = excluded.kind, created_at = excluded.created_at
                """, [rule.domain.description, rule.kind.rawValue, Self.millis(rule.createdAt)])
            try await self.insertAuditEntry(db, entry)
        }
    }

    public func removeDomainRule(_ domain: RemoteDomain, entry: AuditEntry) async throws -> Bool {
        try await database.write { db in
            guard try await db.run("DELETE FROM federation_domains WHERE domain = ? RETURNING 1", [domain.description]) > 0 else { return false }
            try await self.insertAuditEntry(db, entry)
            return true
        }
    }

    public func setFederationChoices(accountID: ID, discoverable: Bool, locked: Bool) async throws {
        try await database.write { db in
            try await db.run("UPDATE accounts SET discoverable = ?, locked = ? WHERE id = ?", [discoverable, locked, accountID])
        }
    }

    public func actorKey(ownerID: ID) async throws -> ActorKey? {
        try await database.read { db in
            try await db.first("SELECT owner_id, public_key_pem, private_key_pem, created_at FROM actor_keys WHERE owner_id = ?", [ownerID],
                               Self.actorKey)
        }
    }

    public func removeActorKey(ownerID: ID) async throws {
        try await database.write { db in try await db.run("DELETE FROM actor_keys WHERE owner_id = ?", [ownerID]) }
    }

    public func keepActorKey(_ key: ActorKey) async throws -> ActorKey {
        try await database.write { db in
            try await db.run("""
                INSERT INTO actor_keys (owner_id, public_key_pem, private_key_pem, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, [key.ownerID, key.publicKeyPEM, key.privateKeyPEM, Self.millis(key.createdAt)])
            return try await db.first("SELECT owner_id, public_key_pem, private_key_pem, created_at FROM actor_keys WHERE owner_id = ?",
                                      [key.ownerID], Self.actorKey) ?? key
        }
    }
}

/// People on other servers and their follows of members.
extension PostgresStore {
    public func keepRemoteActor(_ actor: RemoteActor) async throws -> RemoteActor {
        try await database.write { db in
            let at = Self.millis(actor.fetchedAt)
            try await db.run(RemoteFollowQueries.upsertActor, RemoteFollowQueries.actorValues(actor, id: self.ids.next(), fetchedAt: at))
            guard let kept = try await db.first(RemoteFollowQueries.actorByURI, [actor.uri], { Self.remoteActor($0) }) else { return actor }
            try await db.run(RemoteFollowQueries.upsertActorAccount, RemoteFollowQueries.actorValues(kept, id: kept.id, fetchedAt: at))
            return kept
        }
    }

    public func remoteActor(uri: String) async throws -> RemoteActor? {
        try await database.read { db in try await db.first(RemoteFollowQueries.actorByURI, [uri]) { Self.remoteActor($0) } }
    }

    public func saveRemoteFollow(accountID: ID, actorID: ID, activityURI: String, acceptedAt: Date?, createdAt: Date) async throws {
        try await database.write { db in
            try await db.run(RemoteFollowQueries.upsertFollow, [accountID, actorID, activityURI, acceptedAt.map(Self.millis), Self.millis(createdAt)])
        }
    }

    public func inboxesKnowing(accountID: ID) async throws -> [String] {
        try await database.read { db in try await db.rows(RemoteFollowQueries.inboxesKnowing, [accountID]) { $0.string(0) } }
    }

    public func remoteFollows(accountID: ID, accepted: Bool) async throws -> [RemoteFollow] {
        try await database.read { db in
            try await db.rows(RemoteFollowQueries.followsOfAccount, [accountID, accepted ? 1 : 0]) { Self.remoteFollow($0) }
        }
    }

    public func waitingRemoteFollowCount(accountID: ID) async throws -> Int {
        try await database.read { db in Int(try await db.scalar(RemoteFollowQueries.waitingCount, [accountID]) ?? 0) }
    }

    public func remoteFollow(accountID: ID, actorID: ID) async throws -> RemoteFollow? {
        try await database.read { db in
            try await db.first(RemoteFollowQueries.followOfActor, [accountID, actorID]) { Self.remoteFollow($0) }
        }
    }

    public func acceptRemoteFollow(accountID: ID, actorID: ID, at date: Date) async throws -> Bool {
        try await database.write { db in
            try await db.run(RemoteFollowQueries.accept + " RETURNING 1", [Self.millis(date), accountID, actorID]) > 0
        }
    }

    public func removeRemoteActor(uri: String) async throws -> Bool {
        try await database.write { db in
            try await db.run(RemoteFollowQueries.removeFollowsOfActor, [uri])
            return try await db.run(RemoteFollowQueries.removeActor + " RETURNING 1", [uri]) > 0
        }
    }

    public func removeRemoteFollow(accountID: ID, actorID: ID) async throws -> Bool {
        try await database.write { db in
            try await db.run(RemoteFollowQueries.remove + " RETURNING 1", [accountID, actorID]) > 0
        }
    }
}

/// Servers deliveries fail to reach.
extension PostgresStore {
    public func recordDeliveryFailure(domain: String, error: String, at date: Date) async throws -> DeliveryTrouble {
        try await database.write { db in
            try await db.run(DeliveryTroubleQueries.recordFailure, [domain, Self.millis(date), Self.millis(date), error])
            return try await db.first(DeliveryTroubleQueries.byDomain, [domain]) { Self.deliveryTrouble($0) }
                ?? DeliveryTrouble(domain: domain, failingSince: date, lastFailureAt: date, lastError: error)
        }
    }

    public func pauseDeliveries(domain: String, at date: Date) async throws {
        try await database.write { db in try await db.run(DeliveryTroubleQueries.pause, [Self.millis(date), domain]) }
    }

    @discardableResult
    public func clearDeliveryTrouble(domain: String) async throws -> Bool {
        try await database.write { db in try await db.run(DeliveryTroubleQueries.clear + " RETURNING 1", [domain]) > 0 }
    }

    public func deliveryTrouble(domain: String) async throws -> DeliveryTrouble? {
        try await database.read { db in try await db.first(DeliveryTroubleQueries.byDomain, [domain]) { Self.deliveryTrouble($0) } }
    }

    public func deliveryTroubles() async throws -> [DeliveryTrouble] {
        try await database.read { db in try await db.rows(DeliveryTroubleQueries.all, []) { Self.deliveryTrouble($0) } }
    }
}
