import Foundation
import StarlingCore

/// Jobs, scheduled posts and lists.
extension SQLStore {
    public static var jobColumns: String { "id, kind, key, payload, run_at, attempts, last_error, failed_at, created_at" }

    @inlinable public static func job(_ row: some ColumnReader) -> Job {
        Job(id: ID(row.int64(0)), kind: row.string(1), key: row.string(2), payload: row.string(3), runAt: date(row.int64(4)),
            attempts: row.int(5), lastError: row.optionalString(6), failedAt: row.optionalInt64(7).map(date), createdAt: date(row.int64(8)))
    }

    public static var scheduledColumns: String {
        "id, account_id, scheduled_at, text, content_warning, visibility, in_reply_to_id, media_ids, poll, app_id, language"
    }

    @inlinable public static func scheduled(_ row: some ColumnReader) -> ScheduledPost {
        let poll = row.optionalString(8).flatMap { try? JSONDecoder().decode(PollDraft.self, from: Data($0.utf8)) }
        let draft = PostService.Draft(
            text: row.string(3), contentWarning: row.string(4), visibility: Visibility(rawValue: row.string(5)) ?? .direct,
            inReplyToID: row.optionalInt64(6).map(ID.init), mediaIDs: row.string(7).split(separator: ",").compactMap { ID($0) }, poll: poll,
            language: row.optionalString(10))
        return ScheduledPost(id: ID(row.int64(0)), accountID: ID(row.int64(1)), scheduledAt: date(row.int64(2)), draft: draft,
                             appID: row.optionalInt64(9).map(ID.init))
    }

    @inlinable public static func list(_ row: some ColumnReader) -> AccountList {
        AccountList(id: ID(row.int64(0)), ownerID: ID(row.int64(1)), title: row.string(2),
                    repliesPolicy: AccountList.RepliesPolicy(rawValue: row.string(3)) ?? .list, exclusive: row.bool(4))
    }
}
