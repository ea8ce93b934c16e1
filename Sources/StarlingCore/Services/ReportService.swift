import Foundation

/// Reports: any member may tell the moderators about someone's posts or behaviour; moderators and
/// admins read the open reports and resolve them.
public struct ReportService: Sendable {
    public static let maxCommentLength = 1000

    let store: any Store
    let ids: IDGenerator

    public init(store: any Store, ids: IDGenerator) {
        self.store = store
        self.ids = ids
    }

    public func report(_ targetID: ID, posts postIDs: [ID], comment: String, category: String?, by reporter: Account,
                       at now: Date = Date()) async throws -> Report {
        // A report about anonymous questions names "a learner" (all the reporter sees): it is about their real author.
        let anonymousAuthor = targetID == Account.anonymousLearner.id
            ? try await postIDs.first.asyncFlatMap { try await store.post(id: $0, viewer: reporter.id) }.flatMap { $0.post.isAnonymous ? $0.post.authorID : nil }
            : nil
        guard let target = try await store.account(id: anonymousAuthor ?? targetID) else {
            throw DomainError.invalid(field: "account_id", message: "account_id must name a member.")
        }
        guard target.id != reporter.id else { throw DomainError.invalid(field: "account_id", message: "You cannot report yourself.") }
        let category = try category.map { raw in
            guard let category = Report.Category(rawValue: raw) else {
                throw DomainError.invalid(field: "category", message: "category must be spam, legal, violation or other.")
            }
            return category
        } ?? .other
        let comment = try PostText.field(comment, name: "comment", maxLength: Self.maxCommentLength, required: false)
        for postID in postIDs {
            guard let post = try await store.post(id: postID, viewer: reporter.id), post.post.authorID == target.id,
                  anonymousAuthor == nil || post.post.isAnonymous else {
                throw DomainError.invalid(field: "status_ids", message: "status_ids must be posts by the reported person that you can see.")
            }
        }
        let report = Report(id: ids.next(at: now), reporterID: reporter.id, target: target, postIDs: postIDs, comment: comment,
                            category: category, createdAt: now)
        try await store.insertReport(report)
        return anonymousAuthor == nil ? report : masked(report)
    }

    /// Open reports: all of them for the organization's moderators; with `programID`, those naming the
    /// program's posts, for the program's facilitators and moderators too.
    public func openReports(for moderator: Account, programID: ID? = nil, limit: Int = 100) async throws -> [Report] {
        try await requireModerator(moderator, programID)
        return try await store.openReports(limit: limit, programID: programID).asyncMap { report in
            try await store.posts(ids: report.postIDs, viewer: moderator.id).allSatisfy(\.post.isAnonymous) && !report.postIDs.isEmpty
                ? masked(report) : report
        }
    }

    /// A report about anonymous questions as moderators first see it: about "a learner" (who asked is
    /// revealed on the question itself, where each look is audited).
    private func masked(_ report: Report) -> Report {
        var report = report
        report.target = .anonymousLearner
        return report
    }

    /// Resolves a report (the organization's moderators; a program's, for reports about its posts).
    public func resolve(_ id: ID, programID: ID? = nil, by moderator: Account, at now: Date = Date()) async throws {
        try await requireModerator(moderator, programID)
        if let programID, try await !store.openReports(limit: 1_000, programID: programID).contains(where: { $0.id == id }) {
            throw DomainError.notFound
        }
        try await store.resolveReport(id: id, at: now)
    }

    private func requireModerator(_ account: Account, _ programID: ID?) async throws {
        if account.role.canModerate { return }
        guard let programID, try await store.looksAfter(programID, account) else {
            throw DomainError.forbidden("Only moderators read and resolve reports.")
        }
    }
}
