import Foundation

/// Someone on another server, as their actor document describes them (kept when they follow a member).
public struct RemoteActor: Sendable, Hashable, Identifiable {
    public var id: ID
    /// The actor's id (`https://social.example/users/bob`).
    public var uri: String
    /// Their server's domain, with its port when it has one (`social.example`, `127.0.0.1:8081`).
    public var domain: String
    public var username: String
    public var displayName: String
    public var inbox: String
    public var sharedInbox: String?
    /// Their profile page, when the document names one.
    public var profileURL: String?
    /// Their avatar (`icon`), linked where they are shown.
    public var avatarURL: String?
    public var fetchedAt: Date

    public init(id: ID, uri: String, domain: String, username: String, displayName: String, inbox: String, sharedInbox: String?,
                profileURL: String?, avatarURL: String?, fetchedAt: Date) {
        self.avatarURL = avatarURL
        self.id = id
        self.uri = uri
        self.domain = domain
        self.username = username
        self.displayName = displayName
        self.inbox = inbox
        self.sharedInbox = sharedInbox
        self.profileURL = profileURL
        self.fetchedAt = fetchedAt
    }

    /// `bob@social.example`, as Mastodon's `acct` names someone elsewhere.
    public var handle: String { "\(username)@\(domain)" }
    /// The display name, or the username when they set none.
    public var name: String { displayName.isEmpty ? username : displayName }
}

/// Where someone outside lives: what an account shown here needs to name and link them.
public struct RemoteIdentity: Sendable, Hashable {
    /// Their server's domain, with its port when it has one.
    public var domain: String
    /// Their actor's id.
    public var uri: String
    /// Their profile page there (the actor's id when the document names none).
    public var profileURL: String
    /// Their avatar there, when they have one.
    public var avatarURL: String?

    public init(domain: String, uri: String, profileURL: String, avatarURL: String?) {
        self.domain = domain
        self.uri = uri
        self.profileURL = profileURL
        self.avatarURL = avatarURL
    }
}

/// Someone outside following a member: waiting for the member's approval until `acceptedAt`.
public struct RemoteFollow: Sendable, Hashable {
    public var accountID: ID
    public var actor: RemoteActor
    /// The id of their `Follow` activity, which the `Accept` or `Reject` names.
    public var activityURI: String
    public var acceptedAt: Date?
    public var createdAt: Date

    public init(accountID: ID, actor: RemoteActor, activityURI: String, acceptedAt: Date?, createdAt: Date) {
        self.accountID = accountID
        self.actor = actor
        self.activityURI = activityURI
        self.acceptedAt = acceptedAt
        self.createdAt = createdAt
    }
}
