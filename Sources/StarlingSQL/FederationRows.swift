import Foundation
import StarlingCore

/// Signing keys: how a row becomes one.
extension SQLStore {
    /// Reads `owner_id, public_key_pem, private_key_pem, created_at`.
    @inlinable public static func actorKey(_ row: some ColumnReader) -> ActorKey {
        ActorKey(ownerID: ID(row.int64(0)), publicKeyPEM: row.string(1), privateKeyPEM: row.string(2), createdAt: date(row.int64(3)))
    }
}

/// People on other servers and their follows: the statements both engines run.
public enum RemoteFollowQueries {
    /// Inserts an actor or, for a known `uri`, updates what its document says now. An actor whose account
    /// row outlived it (deleted there, forgotten here) gets that row's id back. Bound by `actorValues`.
    public static let upsertActor = """
        INSERT INTO remote_actors (id, uri, domain, username, display_name, inbox, shared_inbox, profile_url, avatar_url, fetched_at)
        VALUES (coalesce((SELECT id FROM accounts WHERE username_key = :key), :id), :uri, :domain, :username, :name, :inbox,
                :sharedInbox, :profile, :avatar, :at)
        ON CONFLICT (uri) DO UPDATE SET domain = excluded.domain, username = excluded.username, display_name = excluded.display_name,
            inbox = excluded.inbox, shared_inbox = excluded.shared_inbox, profile_url = excluded.profile_url, avatar_url = excluded.avatar_url,
            fetched_at = excluded.fetched_at
        """
    /// The account row an actor shows as, with the actor's id (bound by `actorValues`, `:id` the kept actor's):
    /// keyed by the actor's id, so that neither a sign-in nor a username can reach it.
    public static let upsertActorAccount = """
        INSERT INTO accounts (id, username, username_key, email, email_key, display_name, role, password_hash, created_at,
                              domain, uri, url, avatar_url)
        VALUES (:id, :username, :key, '', :key, :name, 'member', '', :at, :domain, :uri, coalesce(:profile, :uri), :avatar)
        ON CONFLICT (username_key) DO UPDATE SET username = excluded.username, display_name = excluded.display_name,
            domain = excluded.domain, url = excluded.url, avatar_url = excluded.avatar_url
        """
    /// The values `upsertActor` and `upsertActorAccount` bind.
    public static func actorValues(_ actor: RemoteActor, id: ID, fetchedAt: Int64) -> [String: any SQLBindable] {
        ["key": accountKey(actor.uri), "id": id.rawValue, "uri": actor.uri, "domain": actor.domain, "username": actor.username,
         "name": actor.displayName, "inbox": actor.inbox, "sharedInbox": actor.sharedInbox as any SQLBindable,
         "profile": actor.profileURL as any SQLBindable, "avatar": actor.avatarURL as any SQLBindable, "at": fetchedAt]
    }
    /// The `username_key` (and `email_key`) of the account row of the actor `uri`.
    public static func accountKey(_ uri: String) -> String { "actor:" + uri }
    static let actorColumns = "ra.id, ra.uri, ra.domain, ra.username, ra.display_name, ra.inbox, ra.shared_inbox, ra.profile_url, ra.avatar_url, "
        + "ra.fetched_at"
    public static let actorByURI = "SELECT \(actorColumns) FROM remote_actors ra WHERE ra.uri = ?"
    public static let upsertFollow = """
        INSERT INTO remote_follows (account_id, actor_id, activity_uri, accepted_at, created_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (account_id, actor_id) DO UPDATE SET activity_uri = excluded.activity_uri, accepted_at = excluded.accepted_at
        """
    private static let followSelect = """
        SELECT rf.account_id, rf.activity_uri, rf.accepted_at, rf.created_at, \(actorColumns)
        FROM remote_follows rf JOIN remote_actors ra ON ra.id = rf.actor_id
        """
    /// Binds the account's id, then 1 for accepted follows or 0 for waiting ones.
    public static let followsOfAccount = followSelect
        + " WHERE rf.account_id = ? AND (CASE WHEN rf.accepted_at IS NULL THEN 0 ELSE 1 END) = ? ORDER BY rf.created_at, ra.id"
    public static let followOfActor = followSelect + " WHERE rf.account_id = ? AND rf.actor_id = ?"
    public static let waitingCount = "SELECT count(*) FROM remote_follows WHERE account_id = ? AND accepted_at IS NULL"
    public static let accept = "UPDATE remote_follows SET accepted_at = ? WHERE account_id = ? AND actor_id = ? AND accepted_at IS NULL"
    public static let remove = "DELETE FROM remote_follows WHERE account_id = ? AND actor_id = ?"
    public static let removeFollowsOfActor = "DELETE FROM remote_follows WHERE actor_id IN (SELECT id FROM remote_actors WHERE uri = ?)"
    public static let removeActor = "DELETE FROM remote_actors WHERE uri = ?"
    /// Binds the member's id: see `RemoteFollowStore.inboxesKnowing`.
    public static let inboxesKnowing = """
        SELECT DISTINCT coalesce(ra.shared_inbox, ra.inbox) FROM remote_actors ra
        WHERE ra.id IN (SELECT actor_id FROM remote_follows WHERE account_id = ?1) OR ra.id IN (SELECT target_id FROM follows_out WHERE account_id = ?1)
        ORDER BY 1
        """
    /// The account row an actor shows as (binds the actor's id there).
    public static let actorAccountID = "SELECT id FROM accounts WHERE username_key = 'actor:' || ? AND deleted_at IS NULL"
}

/// People on other servers and their follows: how rows become values.
extension SQLStore {
    /// Reads `RemoteFollowQueries.actorColumns` from column `first` on.
    @inlinable public static func remoteActor(_ row: some ColumnReader, from first: Int32 = 0) -> RemoteActor {
        RemoteActor(id: ID(row.int64(first)), uri: row.string(first + 1), domain: row.string(first + 2), username: row.string(first + 3),
                    displayName: row.string(first + 4), inbox: row.string(first + 5), sharedInbox: row.optionalString(first + 6),
                    profileURL: row.optionalString(first + 7), avatarURL: row.optionalString(first + 8), fetchedAt: date(row.int64(first + 9)))
    }

    /// Reads the rows of `RemoteFollowQueries.followsOfAccount` and `followOfActor`.
    @inlinable public static func remoteFollow(_ row: some ColumnReader) -> RemoteFollow {
        RemoteFollow(accountID: ID(row.int64(0)), actor: remoteActor(row, from: 4), activityURI: row.string(1),
                     acceptedAt: row.optionalInt64(2).map(date), createdAt: date(row.int64(3)))
    }
}

/// Servers deliveries fail to reach: the statements both engines run.
public enum DeliveryTroubleQueries {
    /// Binds domain, error and the time twice (failing since, last failure) for a domain with no entry yet.
    public static let recordFailure = """
        INSERT INTO delivery_trouble (domain, failing_since, last_failure_at, last_error) VALUES (?, ?, ?, ?)
        ON CONFLICT (domain) DO UPDATE SET last_failure_at = excluded.last_failure_at, last_error = excluded.last_error
        """
    static let columns = "domain, failing_since, last_failure_at, last_error, paused_at"
    public static let byDomain = "SELECT \(columns) FROM delivery_trouble WHERE domain = ?"
    public static let all = """
        SELECT \(columns) FROM delivery_trouble ORDER BY CASE WHEN paused_at IS NULL THEN 1 ELSE 0 END, failing_since, domain
        """
    public static let pause = "UPDATE delivery_trouble SET paused_at = ? WHERE domain = ? AND paused_at IS NULL"
    public static let clear = "DELETE FROM delivery_trouble WHERE domain = ?"
}

extension SQLStore {
    /// Reads `DeliveryTroubleQueries.columns`.
    @inlinable public static func deliveryTrouble(_ row: some ColumnReader) -> DeliveryTrouble {
        DeliveryTrouble(domain: row.string(0), failingSince: date(row.int64(1)), lastFailureAt: date(row.int64(2)), lastError: row.string(3),
                        pausedAt: row.optionalInt64(4).map(date))
    }
}

/// People and posts from outside as they show here, and members' follows of them: the statements both engines run.
public enum OutsideQueries {
    public static let actorAccount = """
        SELECT \(accountColumnsOfA) FROM accounts a WHERE a.username_key = 'actor:' || ? AND a.deleted_at IS NULL
        """
    public static let remotePost = "SELECT \(postColumnsOfP) FROM posts p WHERE p.uri = ?"
    public static let saveFollow = """
        INSERT INTO follows_out (account_id, target_id, requested_at) VALUES (?, ?, ?) ON CONFLICT (account_id, target_id) DO NOTHING
        """
    public static let follow = "SELECT requested_at, accepted_at FROM follows_out WHERE account_id = ? AND target_id = ?"
    /// Binds the time, then the member and the target.
    public static let accept = "UPDATE follows_out SET accepted_at = ? WHERE account_id = ? AND target_id = ? AND accepted_at IS NULL"
    public static let removeFollow = "DELETE FROM follows_out WHERE account_id = ? AND target_id = ?"
}

extension SQLStore {
    /// Reads `OutsideQueries.follow`.
    @inlinable public static func followOut(_ row: some ColumnReader) -> FollowOut {
        FollowOut(requestedAt: date(row.int64(0)), acceptedAt: row.optionalInt64(1).map(date))
    }
}
