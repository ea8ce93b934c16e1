import Foundation
import StarlingCore

/// Visibility: the one rule every read path of both engines applies.
extension SQLStore {
    /// SQL that is true when post `p` may be seen by the account bound to `:viewer` (NULL: signed out).
    ///
    /// public: everyone; organization: every signed-in member; followers: the author, followers and
    /// mentioned people; direct: the author and mentioned people. Never across a block, either way.
    /// A post in a private program is, on top of that, for the program's members (and its author) only.
    /// A guest sees only posts in the programs they are members of (and their own), and, as the expert
    /// of an organization's chat, the posts on its hashtag during its occurrences. A suspended
    /// account's posts are seen by instance moderators only; a deleted account's by nobody (while they are erased).
    /// A post moderators hid is seen only by its author, instance moderators and those who look after its program.
    /// A post sent for one person only (`only_for`: a review, a reminder) is seen by that person alone.
    public static func visible(_ p: String) -> String { visibility(p) }

    /// `visible` for timeline rows `p` that may be reposts of `o` (LEFT JOINed): both must be visible.
    public static var visibleEntry: String { visibleEntryOfP }

    /// SQL that is true unless the viewer muted the author of `p` or of the post it reposts.
    public static var notMuted: String {
        """
            NOT EXISTS (SELECT 1 FROM mutes mu WHERE mu.account_id = :viewer AND mu.target_id IN (p.author_id, o.author_id))
            """
    }
}

private let visibleEntryOfP = "\(visibility("p")) AND (p.repost_of_id IS NULL OR (\(visibility("o"))))"

func visibility(_ p: String) -> String {
    """
    (\(p).only_for IS NULL OR \(p).only_for = :viewer) AND
    (\(p).visibility = 'public' OR (:viewer IS NOT NULL AND (
        \(p).visibility = 'organization' OR \(p).author_id = :viewer
        OR (\(p).visibility = 'followers' AND EXISTS (
            SELECT 1 FROM follows vf WHERE vf.follower_id = :viewer AND vf.followee_id = \(p).author_id))
        OR (\(p).visibility IN ('followers', 'direct') AND EXISTS (
            SELECT 1 FROM mentions vm WHERE vm.post_id = \(p).id AND vm.account_id = :viewer)))))
    AND (:viewer IS NULL OR NOT EXISTS (
        SELECT 1 FROM blocks vb WHERE (vb.account_id = :viewer AND vb.target_id = \(p).author_id)
            OR (vb.account_id = \(p).author_id AND vb.target_id = :viewer)))
    AND (\(p).program_id IS NULL OR \(p).author_id = :viewer
         OR (SELECT vpr.visibility FROM programs vpr WHERE vpr.id = \(p).program_id) = 'open'
         OR EXISTS (SELECT 1 FROM program_members vpm WHERE vpm.program_id = \(p).program_id AND vpm.account_id = :viewer))
    AND (:viewer IS NULL OR \(p).author_id = :viewer
         OR NOT (SELECT vg.guest FROM accounts vg WHERE vg.id = :viewer)
         OR EXISTS (SELECT 1 FROM program_members vgm WHERE vgm.program_id = \(p).program_id AND vgm.account_id = :viewer)
         OR EXISTS (SELECT 1 FROM event_experts vgx JOIN events vge ON vge.id = vgx.event_id
                    JOIN event_occurrences vgo ON vgo.event_id = vge.id AND vgo.started_at IS NOT NULL
                    JOIN post_tags vgp ON vgp.post_id = \(p).id JOIN tags vgt ON vgt.id = vgp.tag_id AND vgt.name_key = lower(vge.hashtag)
                    WHERE vgx.account_id = :viewer AND vge.program_id IS NULL AND \(p).id >= vgo.started_at << 16
                      AND (vgo.ended_at IS NULL OR \(p).id < (vgo.ended_at + 1) << 16)))
    AND \(p).author_id NOT IN (SELECT vd.id FROM accounts vd WHERE vd.deleted_at IS NOT NULL)
    AND (\(p).author_id NOT IN (SELECT vs.id FROM accounts vs WHERE vs.suspended_at IS NOT NULL) OR \(p).author_id = :viewer
         OR (SELECT vsm.role FROM accounts vsm WHERE vsm.id = :viewer) IN ('admin', 'moderator'))
    AND (\(p).hidden_at IS NULL OR \(p).author_id = :viewer
         OR (SELECT vma.role FROM accounts vma WHERE vma.id = :viewer) IN ('admin', 'moderator')
         OR EXISTS (SELECT 1 FROM program_members vmm WHERE vmm.program_id = \(p).program_id AND vmm.account_id = :viewer
                    AND vmm.role IN ('facilitator', 'moderator')))
    """
}
