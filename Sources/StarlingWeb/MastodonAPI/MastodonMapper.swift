import Foundation
import StarlingCore

/// The one place that turns Starling's domain values into Mastodon entities, and Mastodon's
/// words (visibility names, notification types) into Starling's.
struct MastodonMapper {
    let baseURL: String
    let settings: InstanceSettings

    init(settings: InstanceSettings) {
        self.settings = settings
        baseURL = settings.baseURL
    }

    func account(_ a: Account, withSource: Bool = false) -> Mastodon.Account {
        let url = "\(baseURL)/@\(a.username)"
        let avatar = baseURL + Avatar.path(for: a)
        var entity = Mastodon.Account(
            id: a.id.description, username: a.username, acct: a.username, url: url, uri: url, displayName: a.displayName,
            note: PostText(a.bio).html { _ in nil }, avatar: avatar, avatarStatic: avatar,
            header: baseURL + "/headers/default.svg", headerStatic: baseURL + "/headers/default.svg",
            createdAt: a.createdAt, statusesCount: a.postsCount, followersCount: a.followersCount, followingCount: a.followingCount)
        if withSource {
            entity.source = Mastodon.Source(note: a.bio, privacy: visibility(.organization))
            entity.role = Mastodon.Role(id: a.role.rawValue, name: a.role.rawValue.capitalized,
                                        permissions: a.role == .admin ? "1" : "0", highlighted: a.role != .member)
        }
        return entity
    }

    func status(_ view: PostView) -> Mastodon.Status {
        let post = view.post
        let parsed = PostText(post.source)
        let url = "\(baseURL)/@\(view.author.username)/\(post.id)"
        let entity = Mastodon.Status(
            id: post.id.description, uri: url, url: url, createdAt: post.createdAt, account: account(view.author),
            content: absoluteLinks(post.html), visibility: visibility(post.visibility), localOnly: post.visibility != .public,
            sensitive: !post.contentWarning.isEmpty, spoilerText: post.contentWarning,
            mentions: parsed.mentions.map { name in
                Mastodon.Mention(id: "", username: name, url: "\(baseURL)/@\(name)", acct: name)
            },
            tags: parsed.hashtags.map { Mastodon.TagLink(name: $0, url: "\(baseURL)/tags/\($0)") },
            reblogsCount: post.repostsCount, favouritesCount: post.likesCount, repliesCount: post.repliesCount,
            inReplyToId: post.inReplyToID?.description, inReplyToAccountId: post.inReplyToAccountID?.description)
        entity.favourited = view.likedByViewer
        entity.reblogged = view.repostedByViewer
        entity.bookmarked = view.bookmarkedByViewer
        entity.muted = false
        entity.pinned = false
        entity.language = "en"
        return entity
    }

    /// A timeline line: a status, or a reblog wrapping one.
    func status(_ entry: TimelineEntry) -> Mastodon.Status {
        let inner = status(entry.post)
        guard let reposter = entry.repostedBy else { return inner }
        let url = "\(baseURL)/@\(reposter.username)/\(entry.id)"
        let wrapper = Mastodon.Status(
            id: entry.id.description, uri: url, url: url, createdAt: entry.id.date, account: account(reposter), content: "",
            visibility: inner.visibility, localOnly: inner.localOnly, sensitive: false, spoilerText: "", mentions: [], tags: [],
            reblogsCount: 0, favouritesCount: 0, repliesCount: 0, inReplyToId: nil, inReplyToAccountId: nil)
        wrapper.reblog = inner
        wrapper.favourited = inner.favourited
        wrapper.reblogged = inner.reblogged
        wrapper.bookmarked = inner.bookmarked
        return wrapper
    }

    func notification(_ n: StarlingCore.Notification) -> Mastodon.Notification {
        let type = switch n.kind {
        case .mention, .reply: "mention"
        case .like: "favourite"
        case .repost: "reblog"
        case .follow: "follow"
        }
        return Mastodon.Notification(id: n.id.description, groupKey: "ungrouped-\(n.id)", type: type, createdAt: n.createdAt, account: account(n.actor),
                                     status: n.post.map(status))
    }

    func relationship(_ r: StarlingCore.Relationship, with target: Account) -> Mastodon.Relationship {
        Mastodon.Relationship(id: target.id.description, following: r.following, followedBy: r.followedBy, blocking: r.blocking,
                              blockedBy: r.blockedBy, muting: r.muting)
    }

    func tag(_ t: StarlingCore.Tag, following: Bool? = nil) -> Mastodon.Tag {
        Mastodon.Tag(id: t.id.description, name: t.name, url: "\(baseURL)/tags/\(t.name)", following: following)
    }

    func marker(_ m: StarlingCore.Marker) -> Mastodon.Marker {
        Mastodon.Marker(lastReadId: m.lastReadID.description, version: m.version, updatedAt: m.updatedAt)
    }

    /// Mastodon's notification type names as Starling's kinds ("mention" covers replies).
    func notificationKinds(_ types: [String]) -> Set<StarlingCore.Notification.Kind> {
        Set(types.flatMap { type -> [StarlingCore.Notification.Kind] in
            switch type {
            case "mention": [.mention, .reply]
            case "favourite": [.like]
            case "reblog": [.repost]
            case "follow": [.follow]
            default: []
            }
        })
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

    /// Post HTML links are site-relative; clients need absolute URLs.
    private func absoluteLinks(_ html: String) -> String {
        html.replacingOccurrences(of: "href=\"/", with: "href=\"\(baseURL)/")
    }
}
