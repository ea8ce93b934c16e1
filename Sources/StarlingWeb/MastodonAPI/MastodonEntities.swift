import Foundation

/// Mastodon's entities as its client API returns them (docs.joinmastodon.org/entities).
/// Keys are encoded in snake_case by `APIResponse.encoder`. Made only by `MastodonMapper`.
enum Mastodon {
    struct Account: Encodable {
        var id: String
        var username: String
        var acct: String
        var url: String
        var uri: String
        var displayName: String
        var note: String
        var avatar: String
        var avatarStatic: String
        var header: String
        var headerStatic: String
        var locked = false
        var bot = false
        var group = false
        var discoverable = true
        var indexable = true
        var createdAt: Date
        var lastStatusAt: String?
        var statusesCount: Int
        var followersCount: Int
        var followingCount: Int
        var emojis: [String] = []
        var fields: [String] = []
        var source: Source?
        var role: Role?
    }

    struct Source: Encodable {
        var note: String
        var privacy: String
        var sensitive = false
        var language = ""
        var fields: [String] = []
        var followRequestsCount = 0
    }

    struct Role: Encodable {
        var id: String
        var name: String
        var permissions: String
        var color = ""
        var highlighted: Bool
    }

    final class Status: Encodable {
        var id: String
        var uri: String
        var url: String
        var createdAt: Date
        var account: Account
        var content: String
        var visibility: String
        var localOnly: Bool
        var sensitive: Bool
        var spoilerText: String
        var mediaAttachments: [String] = []
        var application: Application?
        var mentions: [Mention]
        var tags: [TagLink]
        var emojis: [String] = []
        var reblogsCount: Int
        var favouritesCount: Int
        var repliesCount: Int
        var inReplyToId: String?
        var inReplyToAccountId: String?
        var reblog: Status?
        var poll: String?
        var card: String?
        var language: String?
        var text: String?
        var editedAt: Date?
        var favourited: Bool?
        var reblogged: Bool?
        var bookmarked: Bool?
        var muted: Bool?
        var pinned: Bool?

        init(id: String, uri: String, url: String, createdAt: Date, account: Account, content: String, visibility: String,
             localOnly: Bool, sensitive: Bool, spoilerText: String, mentions: [Mention], tags: [TagLink], reblogsCount: Int,
             favouritesCount: Int, repliesCount: Int, inReplyToId: String?, inReplyToAccountId: String?) {
            self.id = id
            self.uri = uri
            self.url = url
            self.createdAt = createdAt
            self.account = account
            self.content = content
            self.visibility = visibility
            self.localOnly = localOnly
            self.sensitive = sensitive
            self.spoilerText = spoilerText
            self.mentions = mentions
            self.tags = tags
            self.reblogsCount = reblogsCount
            self.favouritesCount = favouritesCount
            self.repliesCount = repliesCount
            self.inReplyToId = inReplyToId
            self.inReplyToAccountId = inReplyToAccountId
        }
    }

    struct Mention: Encodable {
        var id: String
        var username: String
        var url: String
        var acct: String
    }

    struct TagLink: Encodable {
        var name: String
        var url: String
    }

    struct Application: Encodable {
        var id: String?
        var name: String
        var website: String?
        var scopes: [String]?
        var redirectUri: String?
        var redirectUris: [String]?
        var clientId: String?
        var clientSecret: String?
        var clientSecretExpiresAt: Int?
        var vapidKey: String?
    }

    struct Token: Encodable {
        var accessToken: String
        var tokenType = "Bearer"
        var scope: String
        var createdAt: Int
        var refreshToken: String?
    }

    struct Relationship: Encodable {
        var id: String
        var following: Bool
        var followedBy: Bool
        var blocking: Bool
        var blockedBy: Bool
        var muting: Bool
        var showingReblogs = true
        var notifying = false
        var languages: [String]? = nil
        var mutingNotifications = false
        var requested = false
        var requestedBy = false
        var domainBlocking = false
        var endorsed = false
        var note = ""
    }

    struct Tag: Encodable {
        var id: String
        var name: String
        var url: String
        var history: [String] = []
        var following: Bool?
    }

    struct SearchResults: Encodable {
        var accounts: [Account]
        var statuses: [Status]
        var hashtags: [Tag]
    }

    struct Marker: Encodable {
        var lastReadId: String
        var version: Int
        var updatedAt: Date
    }

    struct Context: Encodable {
        var ancestors: [Status]
        var descendants: [Status]
    }

    struct Notification: Encodable {
        var id: String
        var groupKey: String
        var type: String
        var createdAt: Date
        var account: Account
        var status: Status?
    }
}
