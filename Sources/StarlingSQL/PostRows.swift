import Foundation
import StarlingCore

/// Posts as stored and as a viewer sees them, their attachments, polls and hashtags.
extension SQLStore {
    public static var postColumns: String { postColumnsOfP }

    public static var postColumnCount: Int32 { 28 }

    @inlinable public static func post(_ row: some ColumnReader, from c: Int32 = 0) -> Post {
        var post = Post(
            id: ID(row.int64(c)), authorID: ID(row.int64(c + 1)),
            visibility: Visibility(rawValue: row.string(c + 2)) ?? .direct,
            source: row.string(c + 3), html: row.string(c + 4), contentWarning: row.string(c + 5),
            inReplyToID: row.optionalInt64(c + 6).map(ID.init), inReplyToAccountID: row.optionalInt64(c + 7).map(ID.init),
            repostOfID: row.optionalInt64(c + 8).map(ID.init), createdAt: date(row.int64(c + 9)),
            repliesCount: row.int(c + 10), repostsCount: row.int(c + 11), likesCount: row.int(c + 12),
            editedAt: row.optionalInt64(c + 13).map(date), language: row.optionalString(c + 14),
            programID: row.optionalInt64(c + 15).map(ID.init)
        )
        post.isQuestion = row.bool(c + 16)
        post.firstAnswerAt = row.optionalInt64(c + 17).map(date)
        post.answeredAt = row.optionalInt64(c + 18).map(date)
        post.acceptedAt = row.optionalInt64(c + 19).map(date)
        post.votesCount = row.int(c + 20)
        post.hiddenAt = row.optionalInt64(c + 21).map(date)
        post.hiddenReason = row.optionalString(c + 22)
        post.isAnonymous = row.bool(c + 23)
        post.guide = row.optionalString(c + 24).flatMap { try? JSONDecoder().decode(Guide.self, from: Data($0.utf8)) }
        post.onlyFor = row.optionalInt64(c + 25).map(ID.init)
        if let uri = row.optionalString(c + 26) { post.remote = RemotePost(uri: uri, url: row.optionalString(c + 27) ?? uri) }
        return post
    }

    /// Columns of post `p` (by author `a`) as the viewer bound to `:viewer` sees it: the post as anyone
    /// sees it (`sharedPostViewColumns`) then the viewer's part (`viewerPostViewColumns`). Read by `postView(_:from:)`.
    public static var postViewColumns: String {
        switch dialect {
        case .sqlite: sqlitePostViewColumns
        case .postgres: postgresPostViewColumns
        }
    }

    public static var postViewColumnCount: Int32 { sharedPostViewColumnCount + viewerPostViewColumnCount }

    /// Columns of post `p` (by author `a`) that are the same for every viewer: the post, its author,
    /// mentions, hashtags, attachments and poll (without anyone's votes). Read by `sharedPostView(_:from:)`.
    public static var sharedPostViewColumns: String {
        switch dialect {
        case .sqlite: sqliteSharedPostViewColumns
        case .postgres: postgresSharedPostViewColumns
        }
    }

    public static var sharedPostViewColumnCount: Int32 { postColumnCount + accountColumnCount + 4 }

    /// Columns of post `p` that depend on the viewer `viewer` (SQL: a parameter or a column): their like,
    /// repost, bookmark, pin, answer vote and poll votes, and whether the post's author (or its parent's)
    /// is anonymous to them. Read by `applyViewerColumns(_:from:to:)`.
    public static func viewerPostViewColumns(viewer: String = ":viewer") -> String {
        StarlingSQL.viewerPostViewColumns(dialect, viewer: viewer)
    }

    public static var viewerPostViewColumnCount: Int32 { 8 }

    @inlinable public static func postView(_ row: some ColumnReader, from start: Int32 = 0) -> PostView {
        var view = sharedPostView(row, from: start)
        applyViewerColumns(row, from: start + sharedPostViewColumnCount, to: &view)
        return view
    }

    /// A post as `sharedPostViewColumns` gave it: as anyone sees it, before a viewer's part is applied.
    @inlinable public static func sharedPostView(_ row: some ColumnReader, from start: Int32 = 0) -> PostView {
        var view = PostView(post: post(row, from: start), author: account(row, from: start + postColumnCount))
        let c = start + postColumnCount + accountColumnCount
        // Pairs of "id username", space-separated (usernames and tag names never contain spaces).
        let mentionWords = row.string(c).split(separator: " ")
        view.mentions = stride(from: 0, to: mentionWords.count - 1, by: 2).compactMap { index in
            Int64(mentionWords[index]).map { MentionedAccount(id: ID($0), username: String(mentionWords[index + 1])) }
        }
        view.tags = row.string(c + 1).split(separator: " ").map(String.init)
        view.media = attachments(row.optionalString(c + 2), postID: view.post.id)
        view.poll = poll(row.optionalString(c + 3), postID: view.post.id)
        return view
    }

    /// Makes `view` (as `sharedPostView` read it) the viewer's, from the columns of `viewerPostViewColumns`.
    @inlinable public static func applyViewerColumns(_ row: some ColumnReader, from c: Int32, to view: inout PostView) {
        view.likedByViewer = row.bool(c)
        view.repostedByViewer = row.bool(c + 1)
        view.bookmarkedByViewer = row.bool(c + 2)
        view.pinnedByViewer = row.bool(c + 3)
        view.votedByViewer = row.bool(c + 4)
        if let ownVotes = row.optionalString(c + 5) {
            view.poll?.ownVotes = ownVotes.split(separator: " ").compactMap { Int($0) }
        }
        // An anonymous question's author, and whom a reply to one answers, only its author sees.
        if row.bool(c + 6) { view.author = .anonymousLearner }
        if row.bool(c + 7) { view.post.inReplyToAccountID = Account.anonymousLearner.id }
    }

    public static var mediaColumns: String {
        """
            m.id, m.account_id, m.post_id, m.file_name, m.format, m.width, m.height, m.byte_count, m.description, \
            m.focus_x, m.focus_y, m.created_at
            """
    }

    @inlinable public static func media(_ row: some ColumnReader) -> MediaAttachment {
        MediaAttachment(id: ID(row.int64(0)), accountID: ID(row.int64(1)), postID: row.optionalInt64(2).map(ID.init),
                        fileName: row.string(3), format: ImageFormat(rawValue: row.string(4)) ?? .jpeg, width: row.int(5),
                        height: row.int(6), byteCount: row.int(7), description: row.string(8), focusX: row.double(9),
                        focusY: row.double(10), createdAt: date(row.int64(11)))
    }

    public static func attachments(_ json: String?, postID: ID) -> [MediaAttachment] {
        guard let json, let rows = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[Any]] else { return [] }
        return rows.compactMap { r in
            guard r.count == 11, let id = r[0] as? NSNumber, let account = r[1] as? NSNumber, let file = r[2] as? String,
                  let format = (r[3] as? String).flatMap(ImageFormat.init(rawValue:)), let width = r[4] as? NSNumber,
                  let height = r[5] as? NSNumber, let bytes = r[6] as? NSNumber, let description = r[7] as? String,
                  let x = r[8] as? NSNumber, let y = r[9] as? NSNumber, let created = r[10] as? NSNumber else { return nil }
            return MediaAttachment(id: ID(id.int64Value), accountID: ID(account.int64Value), postID: postID, fileName: file, format: format,
                                   width: width.intValue, height: height.intValue, byteCount: bytes.intValue, description: description,
                                   focusX: x.doubleValue, focusY: y.doubleValue, createdAt: date(created.int64Value))
        }
    }

    public static func poll(_ json: String?, postID: ID) -> Poll? {
        guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let expires = object["expires_at"] as? NSNumber, let options = object["options"] as? [[Any]] else { return nil }
        return Poll(id: postID,
                    options: options.compactMap { pair in
                        guard pair.count == 2, let title = pair[0] as? String, let votes = pair[1] as? NSNumber else { return nil }
                        return Poll.Option(title: title, votes: votes.intValue)
                    },
                    expiresAt: date(expires.int64Value), multiple: (object["multiple"] as? NSNumber)?.boolValue ?? false,
                    votersCount: (object["voters"] as? NSNumber)?.intValue ?? 0)
    }

    @inlinable public static func tag(_ row: some ColumnReader) -> Tag { Tag(id: ID(row.int64(0)), name: row.string(1), postsCount: row.int(2)) }
}

private let sqlitePostViewColumns = "\(sqliteSharedPostViewColumns), \(viewerPostViewColumns(.sqlite, viewer: ":viewer"))"
private let postgresPostViewColumns = "\(postgresSharedPostViewColumns), \(viewerPostViewColumns(.postgres, viewer: ":viewer"))"
private let sqliteSharedPostViewColumns = sharedPostViewColumns(.sqlite)
private let postgresSharedPostViewColumns = sharedPostViewColumns(.postgres)

private func sharedPostViewColumns(_ dialect: SQLDialect) -> String {
    """
    \(postColumnsOfP), \(accountColumnsOfA),
    (SELECT \(dialect.joined("m.account_id || ' ' || ma.username", separator: "' '"))
        FROM mentions m JOIN accounts ma ON ma.id = m.account_id WHERE m.post_id = p.id),
    (SELECT \(dialect.joined("t.name", separator: "' '")) FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id),
    \(mediaJSONColumn(dialect)),
    \(pollJSONColumn(dialect))
    """
}

private func viewerPostViewColumns(_ dialect: SQLDialect, viewer: String) -> String {
    let ownVotes = switch dialect {
    case .sqlite: "group_concat(position, ' ')"
    case .postgres: "string_agg(position::text, ' ' ORDER BY position)"
    }
    return """
        EXISTS (SELECT 1 FROM likes l WHERE l.account_id = \(viewer) AND l.post_id = p.id),
        EXISTS (SELECT 1 FROM posts r WHERE r.repost_of_id = p.id AND r.author_id = \(viewer)),
        EXISTS (SELECT 1 FROM bookmarks b WHERE b.account_id = \(viewer) AND b.post_id = p.id),
        EXISTS (SELECT 1 FROM pins pin WHERE pin.account_id = \(viewer) AND pin.post_id = p.id),
        p.votes_count > 0 AND EXISTS (SELECT 1 FROM answer_votes av WHERE av.post_id = p.id AND av.account_id = \(viewer)),
        (SELECT \(ownVotes) FROM poll_votes pv WHERE pv.post_id = p.id AND pv.account_id = \(viewer)),
        p.anonymous AND p.author_id IS DISTINCT FROM \(viewer),
        p.in_reply_to_account_id IS DISTINCT FROM \(viewer) AND EXISTS (SELECT 1 FROM posts ap WHERE ap.id = p.in_reply_to_id AND ap.anonymous)
        """
}

/// SQL for the attachments of post `p` as one JSON array of arrays (NULL when it has none),
/// read back by `attachments(_:postID:)`.
private func mediaJSONColumn(_ dialect: SQLDialect) -> String {
    switch dialect {
    case .sqlite:
        """
        (SELECT json_group_array(json_array(m.id, m.account_id, m.file_name, m.format, m.width, m.height, m.byte_count,
                                            m.description, m.focus_x, m.focus_y, m.created_at))
         FROM (SELECT * FROM media WHERE post_id = p.id ORDER BY position) m HAVING count(*) > 0)
        """
    case .postgres:
        """
        (SELECT json_agg(json_build_array(m.id, m.account_id, m.file_name, m.format, m.width, m.height, m.byte_count,
                                          m.description, m.focus_x, m.focus_y, m.created_at) ORDER BY m.position)::text
         FROM media m WHERE m.post_id = p.id)
        """
    }
}

/// SQL for the poll of post `p` as one JSON object (NULL without a poll), without anyone's own votes
/// (those are the viewer's part); read back by `poll(_:postID:)`.
private func pollJSONColumn(_ dialect: SQLDialect) -> String {
    switch dialect {
    case .sqlite:
        """
        (SELECT json_object(
            'expires_at', pl.expires_at, 'multiple', pl.multiple,
            'options', (SELECT json_group_array(json_array(o.title,
                            (SELECT count(*) FROM poll_votes v WHERE v.post_id = o.post_id AND v.position = o.position)))
                        FROM (SELECT * FROM poll_options WHERE post_id = pl.post_id ORDER BY position) o),
            'voters', (SELECT count(DISTINCT account_id) FROM poll_votes WHERE post_id = pl.post_id))
         FROM polls pl WHERE pl.post_id = p.id)
        """
    case .postgres:
        """
        (SELECT json_build_object(
            'expires_at', pl.expires_at, 'multiple', pl.multiple,
            'options', (SELECT json_agg(json_build_array(o.title,
                            (SELECT count(*) FROM poll_votes v WHERE v.post_id = o.post_id AND v.position = o.position)) ORDER BY o.position)
                        FROM poll_options o WHERE o.post_id = pl.post_id),
            'voters', (SELECT count(DISTINCT account_id) FROM poll_votes WHERE post_id = pl.post_id))::text
         FROM polls pl WHERE pl.post_id = p.id)
        """
    }
}

let postColumnsOfP = """
    p.id, p.author_id, p.visibility, p.source, p.html, p.content_warning, p.in_reply_to_id, \
    p.in_reply_to_account_id, p.repost_of_id, p.created_at, p.replies_count, p.reposts_count, p.likes_count, p.edited_at, p.language, p.program_id, \
    p.question, p.first_answer_at, p.answered_at, p.accepted_at, p.votes_count, p.hidden_at, p.hidden_reason, p.anonymous, p.guide, p.only_for, \
    p.uri, p.url
    """
