import Foundation
import StarlingCore

/// Signing keys: how a row becomes one.
extension SQLStore {
    /// Reads `owner_id, public_key_pem, private_key_pem, created_at`.
    @inlinable public static func actorKey(_ row: some ColumnReader) -> ActorKey {
        ActorKey(ownerID: ID(row.int64(0)), publicKeyPEM: row.string(1), privateKeyPEM: row.string(2), createdAt: date(row.int64(3)))
    }
}
