import Foundation

/// What a person may do on the instance.
public enum Role: String, Sendable, CaseIterable, Codable {
    case admin, moderator, member

    /// Moderators and admins may delete anyone's post.
    public var canModerate: Bool { self != .member }
}

/// A person in the organization.
public struct Account: Sendable, Hashable, Identifiable {
    public var id: ID
    public var username: String
    public var email: String
    public var displayName: String
    public var bio: String
    public var role: Role
    public var createdAt: Date
    public var postsCount: Int
    public var followersCount: Int
    public var followingCount: Int
    /// The uploaded avatar's file name in the file store; nil means the generated one.
    public var avatarPath: String?
    /// A guest (a guest expert, say) came in through a program's invitation: they see, search and
    /// post in the programs they are members of, and meet only the people of those programs.
    public var isGuest = false
    /// When instance moderators suspended it: it cannot sign in or use the API, and its posts are
    /// seen by instance moderators only, until it is unsuspended.
    public var suspendedAt: Date?
    /// The time zone the person reads times in (an IANA name); nil: the organization's.
    public var timeZone: String?
    /// When the person left the organization (an admin, or the identity provider through SCIM, said so):
    /// they cannot sign in, their sessions and tokens ended; their posts stay.
    public var deactivatedAt: Date?
    /// When the person asked to delete their account, while an admin has yet to approve it.
    public var deletionRequestedAt: Date?
    /// When the account was deleted: nobody sees it or anything it posted, its data is erased in the
    /// background, and only a nameless row stays for what it made for others (programs, events, plans).
    public var deletedAt: Date?
    /// Whether people outside the organization may find and follow the person (federation; off by default).
    public var discoverable = false
    /// Whether followers from outside wait for the person's approval (on by default, as Mastodon's `locked`).
    public var locked = true
    /// Set for someone on another server, shown here (their posts that came in, their follows): they never
    /// sign in, and nothing that lists the organization's people lists them. Nil for people in the organization.
    public var remote: RemoteIdentity?

    public init(
        id: ID, username: String, email: String, displayName: String, bio: String, role: Role,
        createdAt: Date, postsCount: Int = 0, followersCount: Int = 0, followingCount: Int = 0, avatarPath: String? = nil
    ) {
        self.id = id
        self.username = username
        self.email = email
        self.displayName = displayName
        self.bio = bio
        self.role = role
        self.createdAt = createdAt
        self.postsCount = postsCount
        self.followersCount = followersCount
        self.followingCount = followingCount
        self.avatarPath = avatarPath
    }

    /// The display name, or the username when none is set; "Deleted account" once it was deleted.
    public var name: String { deletedAt != nil ? "Deleted account" : displayName.isEmpty ? username : displayName }

    /// Who an anonymous question's author is to everyone but the author: "a learner". Its username
    /// cannot be registered (usernames have no hyphens), and it has no profile.
    public static let anonymousLearner = Account(id: ID(0), username: "a-learner", email: "", displayName: "A learner", bio: "",
                                                 role: .member, createdAt: Date(timeIntervalSince1970: 0))

    public var isAnonymousLearner: Bool { id == Self.anonymousLearner.id }

    /// The bio as HTML, as profiles show it: escaped text, line breaks kept.
    public var bioHTML: String { bio.isEmpty ? "" : "<p>" + bio.htmlEscaped.replacingBytes("\n", with: "<br>") + "</p>" }

    /// Where the server serves the person's avatar: the uploaded image when there is one, else the generated
    /// picture. Someone outside has a generated picture here too: pages never load images from other servers.
    public var avatarURLPath: String {
        if isRemote { return "/avatars/outside/\(id).svg" }
        return avatarPath.map { "/media/\($0)" } ?? "/avatars/\(username).svg"
    }

    /// Whether the person is on another server.
    public var isRemote: Bool { remote != nil }

    /// `ada` for a member, `bob@social.example` for someone outside, as Mastodon's `acct` names people.
    public var handle: String { remote.map { "\(username)@\($0.domain)" } ?? username }
}

/// What one person's relation to another is, as seen by the first.
public struct Relationship: Sendable, Equatable {
    public var following = false
    /// A follow of someone on another server waiting for their answer.
    public var requested = false
    public var followedBy = false
    public var muting = false
    public var blocking = false
    public var blockedBy = false
    public init() {}
}

/// An invitation link that lets one person sign up with a given role. An invitation to a program
/// makes a guest: a member of that program (as its guest expert) and of nothing else; an invitation to
/// an event makes a guest who is that event's expert and sees nothing else.
public struct Invitation: Sendable, Equatable {
    public var code: String
    public var role: Role
    /// The program a guest is invited to.
    public var programID: ID?
    /// The event a guest is invited to as its expert (they see that event only).
    public var eventID: ID?
    public var createdBy: ID?
    public var createdAt: Date
    public var expiresAt: Date
    public var usedBy: ID?

    public init(code: String, role: Role, programID: ID? = nil, eventID: ID? = nil, createdBy: ID?, createdAt: Date, expiresAt: Date,
                usedBy: ID? = nil) {
        self.code = code
        self.role = role
        self.programID = programID
        self.eventID = eventID
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedBy = usedBy
    }

    public func isUsable(at now: Date) -> Bool { usedBy == nil && expiresAt > now }

    /// How long a new invitation can be used.
    public static let lifetime: TimeInterval = 14 * 24 * 3600

    /// A new invitation with a fresh, unguessable code, usable for `lifetime` from `now`.
    static func issued(role: Role, programID: ID? = nil, eventID: ID? = nil, by inviter: ID?, at now: Date) -> Invitation {
        Invitation(code: Token.random(bytes: 18), role: role, programID: programID, eventID: eventID, createdBy: inviter, createdAt: now,
                   expiresAt: now + lifetime)
    }
}
