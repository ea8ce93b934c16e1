import Foundation
import StarlingCore

/// Threads: the queries both engines run, and how their results become a thread as the viewer sees it.
extension SQLStore {
    /// The post bound to `:id` as the viewer bound to `:viewer` sees it (no row when they may not).
    public static var postViewQuery: String {
        """
        SELECT \(postViewColumns)
        FROM posts p JOIN accounts a ON a.id = p.author_id
        WHERE p.id = :id AND p.repost_of_id IS NULL AND \(visible("p"))
        """
    }

    /// The posts in the list bound to `:ids` that the viewer bound to `:viewer` may see, in no order.
    public static var postViewsQuery: String {
        """
        SELECT \(postViewColumns)
        FROM posts p JOIN accounts a ON a.id = p.author_id
        WHERE \(dialect.isIn("p.id", list: ":ids")) AND p.repost_of_id IS NULL AND \(visible("p"))
        """
    }

    /// The posts above post `?` up its reply chain, nearest first (at most 200: a chain is never longer in practice).
    public static var threadAncestorsQuery: String {
        """
        WITH RECURSIVE chain(id, parent, depth) AS (
            SELECT id, in_reply_to_id, 0 FROM posts WHERE id = ?
            UNION ALL
            SELECT p.id, p.in_reply_to_id, chain.depth + 1 FROM posts p JOIN chain ON p.id = chain.parent WHERE chain.depth < 200
        )
        SELECT id FROM chain WHERE depth > 0 ORDER BY depth
        """
    }

    /// The first post of the reply chain post `?` belongs to (at most 1,000 up).
    public static var threadRootQuery: String {
        """
        WITH RECURSIVE chain(id, parent, depth) AS (
            SELECT id, in_reply_to_id, 0 FROM posts WHERE id = ?
            UNION ALL
            SELECT p.id, p.in_reply_to_id, chain.depth + 1 FROM posts p JOIN chain ON p.id = chain.parent WHERE chain.depth < 1000
        )
        SELECT id FROM chain ORDER BY depth DESC LIMIT 1
        """
    }

    /// Moves account `:a`'s read mark of conversation `:r` up to `:p`, and with `:hide` its hidden mark too (never down).
    public static var markConversationStatement: String {
        """
        INSERT INTO conversation_marks (account_id, root_id, read_up_to, hidden_up_to) VALUES (:a, :r, :p, CASE WHEN :hide THEN :p ELSE 0 END)
        ON CONFLICT (account_id, root_id) DO UPDATE SET read_up_to = \(dialect.greater("conversation_marks.read_up_to", ":p")),
            hidden_up_to = CASE WHEN :hide THEN \(dialect.greater("conversation_marks.hidden_up_to", ":p")) ELSE conversation_marks.hidden_up_to END
        """
    }

    /// The reply tree below post `?`: (reply, the post it replies to), at most 2,000.
    public static var threadRepliesQuery: String {
        """
        WITH RECURSIVE tree(id, parent) AS (
            SELECT id, in_reply_to_id FROM posts WHERE in_reply_to_id = ?
            UNION ALL
            SELECT p.id, p.in_reply_to_id FROM posts p JOIN tree ON p.in_reply_to_id = tree.id
        )
        SELECT id, parent FROM tree ORDER BY id LIMIT 2000
        """
    }

    /// A question's answers (the replies to post `?`) in the order shown: accepted ones first, then by upvotes, then oldest first.
    public static var answerOrderQuery: String {
        "SELECT id FROM posts WHERE in_reply_to_id = ? ORDER BY accepted_at IS NULL, votes_count DESC, id"
    }

    /// The thread around `focus` from what the queries above read and the `views` of those posts the viewer may see:
    /// ancestors oldest first; descendants depth first, oldest reply first at each level (a question's direct
    /// answers in `answerOrder`). A reply the viewer may not see hides the replies under it too.
    public static func thread(focus: PostView, ancestorIDs: [ID], replies: [(id: ID, parent: ID)], answerOrder: [ID]?,
                              views: [PostView]) -> ThreadView {
        let views = Dictionary(views.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var children: [ID: [ID]] = [:]
        for reply in replies { children[reply.parent, default: []].append(reply.id) }
        if let answerOrder { children[focus.id] = answerOrder }
        var descendants: [PostView] = []
        var stack = (children[focus.id] ?? []).reversed().map { $0 }
        while let next = stack.popLast() {
            guard let view = views[next] else { continue }
            descendants.append(view)
            stack.append(contentsOf: (children[next] ?? []).reversed())
        }
        return ThreadView(ancestors: ancestorIDs.compactMap { views[$0] }.reversed(), focus: focus, descendants: descendants)
    }
}

extension Sequence where Element == PostView {
    /// The views of `ids` among these, in that order (rows of `postViewsQuery` come in no order).
    public func inOrder(of ids: [ID]) -> [PostView] {
        let byID = Dictionary(map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }
}

