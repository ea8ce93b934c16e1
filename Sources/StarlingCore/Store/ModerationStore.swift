import Foundation

/// What moderation needs from persistence: hidden posts, warnings, suspensions, reports, and the audit log.
public protocol ModerationStore: Sendable {
    /// Hides a post with a reason, or shows it again (nil), and records the action in the audit log, in one step.
    func setHidden(postID: ID, reason: String?, entry: AuditEntry) async throws
    func insertAuditEntry(_ entry: AuditEntry) async throws
    /// Records a warning (its audit entry names who and why) and notifies the person warned, in one step.
    func insertWarning(_ entry: AuditEntry, notificationID: ID) async throws
    /// Suspends an account (or lifts it) and records the action in the audit log, in one step.
    func setSuspended(accountID: ID, _ on: Bool, entry: AuditEntry) async throws
    /// The audit log, newest first.
    func auditLog(page: PageRequest) async throws -> [AuditEntry]
    func insertReport(_ report: Report) async throws
    /// Open reports, newest first; with `programID`, only those naming one of that program's posts.
    func openReports(limit: Int, programID: ID?) async throws -> [Report]
    func resolveReport(id: ID, at date: Date) async throws
}
