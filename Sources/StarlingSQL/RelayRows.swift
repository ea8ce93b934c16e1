import Foundation
import StarlingCore

/// Relays and the hashtags asked for from outside: the statements both engines run.
public enum RelayQueries {
    static let columns = "id, address, tag, actor, state, created_at"
    public static let all = "SELECT \(columns) FROM relays ORDER BY id"
    public static let byAddress = "SELECT \(columns) FROM relays WHERE address = ?"
    public static let insert = """
        INSERT INTO relays (id, address, tag, actor, state, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (address) DO NOTHING
        """
    /// Binds the actor, the state, then the relay.
    public static let answer = "UPDATE relays SET actor = ?, state = ? WHERE id = ?"
    public static let remove = "DELETE FROM relays WHERE id = ?"
    /// Binds the flag, the member, then the hashtag's key.
    public static let setFromOutside = """
        UPDATE tag_follows SET outside = ? WHERE account_id = ? AND tag_id = (SELECT id FROM tags WHERE name_key = ?)
        """
}

extension SQLStore {
    /// Reads `RelayQueries.columns`.
    @inlinable public static func relay(_ row: some ColumnReader) -> Relay {
        Relay(id: ID(row.int64(0)), address: row.string(1), tag: row.optionalString(2), actor: row.optionalString(3),
              state: Relay.State(rawValue: row.string(4)) ?? .requested, createdAt: date(row.int64(5)))
    }

    /// The values `RelayQueries.insert` binds.
    public static func relayValues(_ relay: Relay) -> [any SQLBindable] {
        [relay.id, relay.address, relay.tag as any SQLBindable, relay.actor as any SQLBindable, relay.state.rawValue, millis(relay.createdAt)]
    }

    /// The keys of the hashtags a member (bound) asked for from outside.
    public static var tagsFromOutsideQuery: String {
        "SELECT t.name_key FROM tag_follows tf JOIN tags t ON t.id = tf.tag_id WHERE tf.account_id = ? AND \(dialect.isSet("tf.outside"))"
    }

    /// The keys of the hashtags anyone asked for from outside.
    public static var tagsWantedFromOutsideQuery: String {
        "SELECT DISTINCT t.name_key FROM tag_follows tf JOIN tags t ON t.id = tf.tag_id WHERE \(dialect.isSet("tf.outside"))"
    }
}
