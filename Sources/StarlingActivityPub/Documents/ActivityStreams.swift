import Foundation
import StarlingCore

/// The fixed words of ActivityStreams as servers exchange them: media types and JSON-LD contexts.
public enum ActivityStreams {
    /// The media type of every document Starling serves and sends.
    public static let mediaType = "application/activity+json"
    /// The other media type servers ask for, with its profile.
    public static let linkedDataMediaType = #"application/ld+json; profile="https://www.w3.org/ns/activitystreams""#
    public static let context = "https://www.w3.org/ns/activitystreams"
    public static let securityContext = "https://w3id.org/security/v1"
    /// The audience "everyone", in `to` and `cc`.
    public static let publicAudience = "https://www.w3.org/ns/activitystreams#Public"
    /// What Starling's requests accept.
    public static let accept = "\(mediaType), \(linkedDataMediaType)"

    /// Whether a request's `Accept` asks for an ActivityStreams document rather than a web page.
    public static func isAskedFor(accept: String?) -> Bool {
        guard let accept = accept?.lowercased() else { return false }
        return accept.contains("application/activity+json") || accept.contains("application/ld+json")
    }

    /// Whether a response's `Content-Type` is an ActivityStreams or plain JSON document.
    static func isDocument(contentType: String?) -> Bool {
        guard let type = contentType?.lowercased() else { return false }
        return ["application/activity+json", "application/ld+json", "application/json", "application/jrd+json"].contains {
            type.hasPrefix($0)
        }
    }
}

/// Where this server's actors and their collections are, made from the base URL: a member's actor is
/// `{base}/users/{username}` with its key `#main-key`, the server's own actor is `{base}/actor`, and one
/// shared inbox takes what other servers deliver.
public struct LocalAddresses: Sendable {
    public let base: String
    /// The host as handles name it (`InstanceSettings.host`).
    public let host: String

    public init(base: String, host: String) {
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.host = host
    }

    public func actor(_ username: String) -> String { base + "/users/" + username }
    public func key(ofActor actor: String) -> String { actor + "#main-key" }
    public func inbox(_ username: String) -> String { actor(username) + "/inbox" }
    public func outbox(_ username: String) -> String { actor(username) + "/outbox" }
    public func followers(_ username: String) -> String { actor(username) + "/followers" }
    public func following(_ username: String) -> String { actor(username) + "/following" }
    /// A post's id as other servers know it (a Note).
    public func note(_ username: String, _ id: ID) -> String { actor(username) + "/statuses/" + id.description }
    /// A post's page, where a browser following the note's id goes.
    public func postPage(_ username: String, _ id: ID) -> String { profilePage(username) + "/" + id.description }
    public func hashtag(_ name: String) -> String { base + "/tags/" + name }
    /// The person's profile page, where a browser following the actor id goes.
    public func profilePage(_ username: String) -> String { base + "/@" + username }
    public var sharedInbox: String { base + "/inbox" }
    public var instanceActor: String { base + "/actor" }
    public var instanceKey: String { key(ofActor: instanceActor) }

    /// The author and post a note of this server names (`{base}/users/ada/statuses/ID`).
    public func post(ofNote id: String) -> (username: String, postID: ID)? {
        guard id.hasPrefix(base + "/users/"), let range = id.range(of: "/statuses/"), let postID = ID(id[range.upperBound...]),
              let username = username(ofActor: String(id[..<range.lowerBound])) else { return nil }
        return (username, postID)
    }

    /// The username of one of this server's member actors (`{base}/users/ada`, or its profile page `{base}/@ada`).
    public func username(ofActor id: String) -> String? {
        for prefix in [base + "/users/", base + "/@"] where id.hasPrefix(prefix) {
            let rest = id.dropFirst(prefix.count)
            let username = rest.prefix { $0 != "/" && $0 != "#" && $0 != "?" }
            if !username.isEmpty, username.count == rest.count { return String(username) }
        }
        return nil
    }
}
