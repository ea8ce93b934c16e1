import Foundation
import StarlingCore

/// WebFinger (RFC 7033) as the fediverse uses it: `acct:ada@host` leads to ada's actor document.
public enum WebFinger {
    /// Whom a `resource` names on this server.
    public enum Subject: Equatable, Sendable {
        case member(username: String)
        case instanceActor
    }

    /// The subject of a `resource` parameter: `acct:ada@host` (with or without `acct:`), or an actor id or
    /// profile page of this server; nil for anything else (another host, a malformed handle).
    public static func subject(of resource: String, at addresses: LocalAddresses) -> Subject? {
        let host = addresses.host
        let resource = resource.trimmingCharacters(in: .whitespaces)
        if resource == addresses.instanceActor { return .instanceActor }
        if let username = addresses.username(ofActor: resource) { return .member(username: username) }
        var handle = Substring(resource)
        if handle.lowercased().hasPrefix("acct:") { handle = handle.dropFirst(5) }
        if handle.hasPrefix("@") { handle = handle.dropFirst() }
        guard let at = handle.lastIndex(of: "@") else { return nil }
        let user = handle[..<at], domain = handle[handle.index(after: at)...]
        guard !user.isEmpty, domain.lowercased() == host.lowercased() else { return nil }
        return user.lowercased() == host.lowercased() ? .instanceActor : .member(username: String(user))
    }

    /// The answer for an actor: its `acct:` subject, its id and page as aliases, and the `self` link
    /// servers follow to the actor document.
    public static func document(username: String, host: String, actor: String, profilePage: String) -> JSONValue {
        [
            "subject": .string("acct:\(username)@\(host)"),
            "aliases": [.string(actor), .string(profilePage)],
            "links": [
                ["rel": "self", "type": .string(ActivityStreams.mediaType), "href": .string(actor)],
                ["rel": "http://webfinger.net/rel/profile-page", "type": "text/html", "href": .string(profilePage)],
            ],
        ]
    }

    /// The handle someone elsewhere is named by (`name@domain`, `@name@domain`, `acct:name@domain`), as
    /// (name, domain); nil for anything else.
    public static func handle(_ text: String) -> (name: String, domain: RemoteDomain)? {
        var handle = Substring(text.trimmingCharacters(in: .whitespaces))
        if handle.lowercased().hasPrefix("acct:") { handle = handle.dropFirst(5) }
        if handle.hasPrefix("@") { handle = handle.dropFirst() }
        let pieces = handle.split(separator: "@", omittingEmptySubsequences: false)
        guard pieces.count == 2, !pieces[0].isEmpty, pieces[0].allSatisfy({ $0.isLetter || $0.isNumber || "_.-".contains($0) }),
              let domain = try? RemoteDomain(parsing: String(pieces[1])) else { return nil }
        return (String(pieces[0]), domain)
    }

    /// The actor id a WebFinger answer links to (its `self` link of an ActivityStreams type).
    public static func actorID(in document: JSONValue) -> String? {
        document["links"]?.items.first { link in
            link["rel"]?.string == "self" && ActivityStreams.isDocument(contentType: link["type"]?.string ?? ActivityStreams.mediaType)
        }?["href"]?.string
    }

    /// `/.well-known/host-meta`: where WebFinger is, for the servers and apps that look there first.
    public static func hostMeta(base: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">
          <Link rel="lrdd" template="\(base)/.well-known/webfinger?resource={uri}"/>
        </XRD>

        """
    }
}
