import Foundation
import StarlingCore
import StarlingSQL

/// The audit log, written inside the write whose change it records.
extension PostgresStore {
    func insertAuditEntry(_ db: SQLConnection, _ e: AuditEntry) async throws {
        try await db.run("""
            INSERT INTO audit_log (id, actor_id, action, program_id, target_account_id, target_post_id, reason, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [e.id, e.actorID, e.action.rawValue, e.programID, e.targetAccountID, e.targetPostID, e.reason, Self.millis(e.createdAt)])
    }
}
