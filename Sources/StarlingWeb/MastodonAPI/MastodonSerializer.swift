import Foundation
import StarlingCore

/// The one place that writes Starling's domain values as Mastodon entities
/// (docs.joinmastodon.org/entities), straight into JSON, and reads Mastodon's words
/// (visibility names, notification types) as Starling's.
///
/// Each method writes one entity with the field names and types the docs give; fields the docs
/// promise are always present (null where the docs allow null).
struct MastodonSerializer {
    let baseURL: String
    let settings: InstanceSettings

    init(settings: InstanceSettings) {
        self.settings = settings
        baseURL = settings.baseURL
    }

    // MARK: Accounts

    /// `followRequests`: for the account's own view (a credential account), with its `source` and the number
    /// of follows from outside waiting for its approval; nil for anyone else's view.
    /// Someone on another server is shown as Mastodon shows a remote account: `acct` with their domain, their own `url` and `uri`.
    func account(_ a: Account, followRequests: Int? = nil, into json: inout JSONWriter) {
        let url = a.remote?.profileURL ?? profileURL(a.username)
        let avatar = a.remote?.avatarURL ?? baseURL + a.avatarURLPath
        let header = baseURL + "/headers/default.svg"
        json.object { json in
            json.field("id", a.id.description)
            json.field("username", a.username)
            json.field("acct", a.handle)
            json.field("url", url)
            json.field("uri", a.remote?.uri ?? "\(baseURL)/users/\(a.username)")
            json.field("display_name", a.displayName)
            json.field("note", a.bioHTML)
            json.field("avatar", avatar)
            json.field("avatar_static", avatar)
            json.field("header", header)
            json.field("header_static", header)
            json.field("locked", a.locked)
            json.field("bot", false)
            json.field("group", false)
            json.field("discoverable", a.discoverable)
            json.field("indexable", a.discoverable)
            json.field("created_at", a.createdAt)
            json.field("last_status_at", String?.none)
            json.field("statuses_count", a.postsCount)
            json.field("followers_count", a.followersCount)
            json.field("following_count", a.followingCount)
            json.field("emojis", [])
            json.field("fields", [])
            guard let followRequests else { return }
            json.field("source") { json in
                json.object { json in
                    json.field("note", a.bio)
                    json.field("privacy", visibility(.organization))
                    json.field("sensitive", false)
                    json.field("language", "")
                    json.field("fields", [])
                    json.field("follow_requests_count", followRequests)
                }
            }
            json.field("role") { json in
                json.object { json in
                    json.field("id", a.role.rawValue)
                    json.field("name", a.role.rawValue.capitalized)
                    json.field("permissions", a.role == .admin ? "1" : "0")
                    json.field("color", "")
                    json.field("highlighted", a.role != .member)
                }
            }
        }
    }

    func accounts(_ people: some Sequence<Account>, into json: inout JSONWriter) {
        json.array(people) { account($1, into: &$0) }
    }

    // MARK: Statuses

    /// A status. `source` adds the plain-text `text` (for delete-and-redraft); the viewer's
    /// `filters` that match it are named in `filtered`.
    func status(_ view: PostView, source: Bool = false, hits: [ContentFilter.Hit] = [], into json: inout JSONWriter) {
        let post = view.post
        json.object { json in
            statusFields(id: post.id, author: view.author, remote: post.remote, createdAt: post.createdAt, visibility: post.visibility,
                         into: &json)
            json.field("content", absoluteLinks(post.html))
            json.field("sensitive", !post.contentWarning.isEmpty)
            json.field("spoiler_text", post.contentWarning)
            json.field("media_attachments") { json in json.array(view.media) { media($1, into: &$0) } }
            json.field("mentions") { json in
                json.array(view.mentions) { json, mention in
                    json.object { json in
                        json.field("id", mention.id.description)
                        json.field("username", mention.username)
                        json.field("url", profileURL(mention.username))
                        json.field("acct", mention.username)
                    }
                }
            }
            json.field("tags") { json in
                json.array(view.tags) { json, name in
                    json.object { json in
                        json.field("name", name)
                        json.field("url", tagURL(name))
                    }
                }
            }
            json.field("emojis", [])
            json.field("reblogs_count", post.repostsCount)
            json.field("favourites_count", post.likesCount)
            json.field("replies_count", post.repliesCount)
            json.field("in_reply_to_id", post.inReplyToID?.description)
            json.field("in_reply_to_account_id", post.inReplyToAccountID?.description)
            json.field("reblog") { $0.null() }
            json.field("poll") { json in
                if let poll = view.poll { self.poll(poll, into: &json) } else { json.null() }
            }
            json.field("card") { $0.null() }
            json.field("language", post.language)
            json.field("edited_at", post.editedAt)
            if source { json.field("text", post.source) }
            viewerFields(view, into: &json)
            filtered(view, hits, into: &json)
        }
    }

    /// One version of a status's text (Mastodon's StatusEdit).
    func statusEdit(_ version: PostVersion, of view: PostView, into json: inout JSONWriter) {
        json.object { json in
            json.field("content", absoluteLinks(version.html))
            json.field("spoiler_text", version.contentWarning)
            json.field("sensitive", !version.contentWarning.isEmpty)
            json.field("created_at", version.createdAt)
            json.field("account") { account(view.author, into: &$0) }
            json.field("poll") { $0.null() }
            json.field("media_attachments") { json in json.array(view.media) { media($1, into: &$0) } }
            json.field("emojis", [])
        }
    }

    /// A timeline line: a status, or a reblog wrapping one.
    func status(_ entry: TimelineEntry, hits: [ContentFilter.Hit] = [], into json: inout JSONWriter) {
        guard let reposter = entry.repostedBy else { return status(entry.post, hits: hits, into: &json) }
        json.object { json in
            statusFields(id: entry.id, author: reposter, createdAt: entry.id.date, visibility: entry.post.post.visibility, into: &json)
            json.field("content", "")
            json.field("sensitive", false)
            json.field("spoiler_text", "")
            for empty: StaticString in ["media_attachments", "mentions", "tags", "emojis"] { json.field(empty, []) }
            for zero: StaticString in ["reblogs_count", "favourites_count", "replies_count"] { json.field(zero, 0) }
            for none: StaticString in ["in_reply_to_id", "in_reply_to_account_id", "poll", "card", "language", "edited_at"] {
                json.field(none) { $0.null() }
            }
            json.field("reblog") { status(entry.post, hits: hits, into: &$0) }
            viewerFields(entry.post, into: &json)
            filtered(entry.post, hits, into: &json)
        }
    }

    /// Statuses, leaving out those a `hide` filter matches (each post is matched once).
    func statuses(_ views: some Sequence<PostView>, filters: [ContentFilter] = [], into json: inout JSONWriter) {
        json.array(Self.shown(views, filters) { $0 }) { status($1.0, hits: $1.hits, into: &$0) }
    }

    func statuses(_ entries: some Sequence<TimelineEntry>, filters: [ContentFilter] = [], into json: inout JSONWriter) {
        json.array(Self.shown(entries, filters) { $0.post }) { status($1.0, hits: $1.hits, into: &$0) }
    }

    /// The items whose post no `hide` filter matches (an item without a post stays), each with the
    /// filters that matched it.
    static func shown<Item>(_ items: some Sequence<Item>, _ filters: [ContentFilter],
                            post: (Item) -> PostView?) -> [(Item, hits: [ContentFilter.Hit])] {
        guard !filters.isEmpty else { return items.map { ($0, []) } }
        return items.compactMap { item in
            let hits = post(item).map { ContentFilter.hits(filters, $0) } ?? []
            return hits.contains { $0.filter.action == .hide } ? nil : (item, hits)
        }
    }

    /// Mastodon's `filtered`: each matching filter with the keywords (or the post id) that matched.
    private func filtered(_ view: PostView, _ hits: [ContentFilter.Hit], into json: inout JSONWriter) {
        guard !hits.isEmpty else { return }
        json.field("filtered") { json in
            json.array(hits) { json, hit in
                json.object { json in
                    json.field("filter") { filter(hit.filter, into: &$0) }
                    json.field("keyword_matches", hit.keywords)
                    json.field("status_matches", hit.byID ? [view.id.description] : [])
                }
            }
        }
    }

    // MARK: Filters

    func filter(_ f: ContentFilter, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", f.id.description)
            json.field("title", f.title)
            json.field("context", f.contexts.map(\.rawValue))
            json.field("expires_at", f.expiresAt)
            json.field("filter_action", f.action.rawValue)
            json.field("keywords") { json in json.array(f.keywords) { filterKeyword($1, into: &$0) } }
            json.field("statuses") { json in json.array(f.posts) { filterStatus($1, into: &$0) } }
        }
    }

    func filterKeyword(_ k: ContentFilter.Keyword, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", k.id.description)
            json.field("keyword", k.keyword)
            json.field("whole_word", k.wholeWord)
        }
    }

    func filterStatus(_ s: ContentFilter.PostEntry, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", s.id.description)
            json.field("status_id", s.postID.description)
        }
    }

    /// `uri` is the ActivityPub id, as in Mastodon (a post from outside: its Note's), `url` the page (there, for one from outside).
    private func statusFields(id: ID, author: Account, remote: RemotePost? = nil, createdAt: Date, visibility v: Visibility,
                              into json: inout JSONWriter) {
        let url = "\(profileURL(author.username))/\(id)"
        json.field("id", id.description)
        json.field("uri", remote?.uri ?? "\(baseURL)/users/\(author.username)/statuses/\(id)")
        json.field("url", remote?.url ?? url)
        json.field("created_at", createdAt)
        json.field("account") { account(author, into: &$0) }
        json.field("visibility", visibility(v))
        json.field("local_only", v != .public)
    }

    /// What the viewer did with a post (a reblog wrapper repeats its status's values).
    private func viewerFields(_ view: PostView, into json: inout JSONWriter) {
        json.field("favourited", view.likedByViewer)
        json.field("reblogged", view.repostedByViewer)
        json.field("bookmarked", view.bookmarkedByViewer)
        json.field("muted", false)
        json.field("pinned", view.pinnedByViewer)
    }

    // MARK: Media

    func media(_ m: MediaAttachment, into json: inout JSONWriter) {
        let url = baseURL + "/media/" + m.fileName
        json.object { json in
            json.field("id", m.id.description)
            json.field("type", "image")
            json.field("url", url)
            json.field("preview_url", url)
            json.field("remote_url", String?.none)
            json.field("preview_remote_url", String?.none)
            json.field("text_url", String?.none)
            json.field("meta") { json in
                json.object { json in
                    for size: StaticString in ["original", "small"] {
                        json.field(size) { json in
                            json.object { json in
                                json.field("width", m.width)
                                json.field("height", m.height)
                                json.field("size", "\(m.width)x\(m.height)")
                                json.field("aspect", Double(m.width) / Double(max(m.height, 1)))
                            }
                        }
                    }
                    json.field("focus") { json in
                        json.object { json in
                            json.field("x", m.focusX)
                            json.field("y", m.focusY)
                        }
                    }
                }
            }
            json.field("description", m.description.isEmpty ? nil : m.description)
            json.field("blurhash", String?.none)
        }
    }

    // MARK: Scheduled statuses

    func scheduledStatus(_ s: ScheduledPost, media attached: [MediaAttachment]?, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", s.id.description)
            json.field("scheduled_at", s.scheduledAt)
            json.field("params") { json in
                json.object { json in
                    json.field("text", s.draft.text)
                    json.field("poll") { json in
                        guard let poll = s.draft.poll else { return json.null() }
                        json.object { json in
                            json.field("options", poll.options)
                            json.field("expires_in", Int(poll.expiresIn))
                            json.field("multiple", poll.multiple)
                            json.field("hide_totals", false)
                        }
                    }
                    json.field("media_ids", s.draft.mediaIDs.map(\.description))
                    json.field("sensitive", !s.draft.contentWarning.isEmpty)
                    json.field("spoiler_text", s.draft.contentWarning)
                    json.field("visibility", visibility(s.draft.visibility))
                    json.field("in_reply_to_id") { json in
                        if let parent = s.draft.inReplyToID { json.int(Int(parent.rawValue)) } else { json.null() }
                    }
                    json.field("language", s.draft.language)
                    json.field("application_id", Int(s.appID?.rawValue ?? 0))
                    json.field("scheduled_at", String?.none)
                    json.field("idempotency", String?.none)
                    json.field("with_rate_limit", false)
                }
            }
            json.field("media_attachments") { json in json.array(attached ?? []) { media($1, into: &$0) } }
        }
    }

    // MARK: Polls

    /// A poll with the viewer's votes (none when signed out).
    func poll(_ poll: Poll, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", poll.id.description)
            json.field("expires_at", poll.expiresAt)
            json.field("expired", poll.isExpired())
            json.field("multiple", poll.multiple)
            json.field("votes_count", poll.votesCount)
            json.field("voters_count", poll.votersCount)
            json.field("options") { json in
                json.array(poll.options) { json, option in
                    json.object { json in
                        json.field("title", option.title)
                        json.field("votes_count", option.votes)
                    }
                }
            }
            json.field("emojis", [])
            json.field("voted", !poll.ownVotes.isEmpty)
            json.field("own_votes") { json in json.array(poll.ownVotes) { $0.int($1) } }
        }
    }

    // MARK: Notifications

    func notification(_ n: StarlingCore.Notification, hits: [ContentFilter.Hit] = [], into json: inout JSONWriter) {
        json.object { json in
            json.field("id", n.id.description)
            json.field("group_key", NotificationGroup.key(of: n))
            json.field("type", notificationType(n.kind))
            json.field("created_at", n.createdAt)
            json.field("account") { account(n.actor, into: &$0) }
            if let post = n.post { json.field("status") { status(post, hits: hits, into: &$0) } }
            if n.kind == .moderationWarning { moderationWarning(n, into: &json) }
        }
    }

    /// Mastodon's AccountWarning as a notification's field: "none" is a warning that took no other action.
    private func moderationWarning(_ n: StarlingCore.Notification, into json: inout JSONWriter) {
        json.field("moderation_warning") { json in
            json.object { json in
                json.field("id", n.id.description)
                json.field("action", "none")
                json.field("text", n.warning ?? "")
                json.field("status_ids") { json in json.array(n.post.map { [$0.id.description] } ?? []) { $0.string($1) } }
                json.field("target_account") { account(n.actor, into: &$0) }
                json.field("created_at", n.createdAt)
            }
        }
    }

    /// Mastodon's GroupedNotificationsResults: the groups, and each account and status they name once.
    /// `partialAccounts` (asked as `expand_accounts=partial_avatars`) adds the empty `partial_accounts`
    /// list: every account is given in full.
    func notificationGroups(_ groups: [(NotificationGroup, hits: [ContentFilter.Hit])], partialAccounts: Bool, into json: inout JSONWriter) {
        var accounts: [ID: Account] = [:], statuses: [(PostView, [ContentFilter.Hit])] = []
        for (group, hits) in groups {
            for actor in group.actors.prefix(8) { accounts[actor.id] = actor }
            if let post = group.latest.post, !statuses.contains(where: { $0.0.id == post.id }) { statuses.append((post, hits)) }
        }
        json.object { json in
            json.field("accounts") { json in json.array(accounts.values.sorted { $0.id < $1.id }) { account($1, into: &$0) } }
            if partialAccounts { json.field("partial_accounts") { json in json.array([Account]()) { _, _ in } } }
            json.field("statuses") { json in json.array(statuses) { status($1.0, hits: $1.1, into: &$0) } }
            json.field("notification_groups") { json in
                json.array(groups) { json, item in
                    let group = item.0
                    json.object { json in
                        json.field("group_key", group.key)
                        json.field("notifications_count", group.notifications.count)
                        json.field("type", notificationType(group.kind))
                        json.field("most_recent_notification_id", Int(group.latest.id.rawValue)) // a number, as Mastodon sends it
                        json.field("page_min_id", group.notifications.last!.id.description)
                        json.field("page_max_id", group.latest.id.description)
                        json.field("latest_page_notification_at", group.latest.createdAt)
                        json.field("sample_account_ids") { json in json.array(group.actors.prefix(8).map(\.id.description)) { $0.string($1) } }
                        if let post = group.latest.post { json.field("status_id", post.id.description) }
                        if group.kind == .moderationWarning { moderationWarning(group.latest, into: &json) }
                    }
                }
            }
        }
    }

    /// Mastodon's NotificationPolicy: everything is accepted (the organization's people are known).
    func notificationPolicy(into json: inout JSONWriter) {
        json.object { json in
            json.field("for_not_following", "accept")
            json.field("for_not_followers", "accept")
            json.field("for_new_accounts", "accept")
            json.field("for_private_mentions", "accept")
            json.field("for_limited_accounts", "accept")
            json.field("summary") { json in json.object { json in
                json.field("pending_requests_count", 0)
                json.field("pending_notifications_count", 0)
            } }
        }
    }

    // MARK: Small entities

    func relationship(_ r: StarlingCore.Relationship, with target: Account, into json: inout JSONWriter) {
        relationship(r, id: target.id, requestedBy: false, into: &json)
    }

    private func relationship(_ r: StarlingCore.Relationship, id: ID, requestedBy: Bool, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", id.description)
            json.field("following", r.following)
            json.field("showing_reblogs", true)
            json.field("notifying", false)
            json.field("languages") { $0.null() }
            json.field("followed_by", r.followedBy)
            json.field("blocking", r.blocking)
            json.field("blocked_by", r.blockedBy)
            json.field("muting", r.muting)
            json.field("muting_notifications", false)
            json.field("requested", r.requested)
            json.field("requested_by", requestedBy)
            json.field("domain_blocking", false)
            json.field("endorsed", false)
            json.field("note", "")
        }
    }

    /// The viewer's relationship with someone on another server: whether they follow the viewer or ask to.
    func remoteRelationship(_ actor: RemoteActor, follow: RemoteFollow?, into json: inout JSONWriter) {
        var relation = StarlingCore.Relationship()
        relation.followedBy = follow?.acceptedAt != nil
        relationship(relation, id: actor.id, requestedBy: follow.map { $0.acceptedAt == nil } ?? false, into: &json)
    }

    func tag(_ t: StarlingCore.Tag, following: Bool? = nil, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", t.id.description)
            json.field("name", t.name)
            json.field("url", tagURL(t.name))
            json.field("history", [])
            if let following { json.field("following", following) }
        }
    }

    func conversation(_ c: Conversation, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", c.id.description)
            json.field("unread", c.unread)
            json.field("accounts") { accounts(c.participants, into: &$0) }
            json.field("last_status") { status(c.lastPost, into: &$0) }
        }
    }

    func report(_ r: Report, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", r.id.description)
            json.field("action_taken", r.resolvedAt != nil)
            json.field("action_taken_at", r.resolvedAt)
            json.field("category", r.category.rawValue)
            json.field("comment", r.comment)
            json.field("forwarded", false)
            json.field("created_at", r.createdAt)
            json.field("status_ids", r.postIDs.map(\.description))
            json.field("rule_ids", [])
            json.field("target_account") { account(r.target, into: &$0) }
        }
    }

    func list(_ l: AccountList, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", l.id.description)
            json.field("title", l.title)
            json.field("replies_policy", l.repliesPolicy.rawValue)
            json.field("exclusive", l.exclusive)
        }
    }

    func marker(_ m: StarlingCore.Marker, into json: inout JSONWriter) {
        json.object { json in
            json.field("last_read_id", m.lastReadID.description)
            json.field("version", m.version)
            json.field("updated_at", m.updatedAt)
        }
    }

    // MARK: URLs

    func profileURL(_ username: String) -> String { "\(baseURL)/@\(username)" }
    func tagURL(_ name: String) -> String { "\(baseURL)/tags/\(name)" }

    /// Post HTML links are site-relative; clients need absolute URLs.
    private func absoluteLinks(_ html: String) -> String { PostText.withAbsoluteLinks(html, base: baseURL) }

    // MARK: Mastodon's words

    func notificationType(_ kind: StarlingCore.Notification.Kind) -> String {
        switch kind {
        case .mention, .reply: "mention"
        case .like: "favourite"
        case .repost: "reblog"
        case .follow: "follow"
        case .moderationWarning: "moderation_warning"
        case .eventReminder, .eventStarted, .expertAnswered, .answerAccepted, .partnerCheckIn, .analyticsDigest: kind.rawValue // never sent to Mastodon apps (see `mastodonKinds`)
        }
    }

    /// Mastodon's notification type names as Starling's kinds ("mention" covers replies).
    func notificationKinds(_ types: [String]) -> Set<StarlingCore.Notification.Kind> {
        Set(StarlingCore.Notification.Kind.allCases.filter { types.contains(notificationType($0)) })
    }

    /// Starling's visibility in Mastodon's words. Organization posts are "unlisted": visible to members,
    /// never public on the web; `local_only` says the same for clients that know GoToSocial's flag.
    func visibility(_ v: Visibility) -> String {
        switch v {
        case .public: "public"
        case .organization: "unlisted"
        case .followers: "private"
        case .direct: "direct"
        }
    }

    /// Mastodon's visibility word as Starling's: public and unlisted stay inside the organization
    /// unless public access is on (then public is public).
    func visibility(mastodon word: String?, localOnly: Bool) throws -> Visibility {
        switch word ?? "public" {
        case "public": settings.publicAccess && !localOnly ? .public : .organization
        case "unlisted": .organization
        case "private": .followers
        case "direct": .direct
        default: throw DomainError.invalid(field: "visibility", message: "visibility must be public, unlisted, private or direct.")
        }
    }
}
