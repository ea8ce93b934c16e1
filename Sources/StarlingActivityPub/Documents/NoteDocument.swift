import Foundation
import StarlingCore

/// A post that leaves the organization, as ActivityPub carries it: a `Note` (and the `Create` that
/// delivers it), with its content warning as `summary`, its hashtags and mentions as `tag`, and its images
/// with their alt text. Only posts `FederationService.leavingPost` lets out are ever made into one.
public enum NoteDocument {
    static let context: JSONValue = [
        .string(ActivityStreams.context),
        ["sensitive": "as:sensitive", "Hashtag": "as:Hashtag"],
    ]

    /// The note; `inReplyTo` names the answered post's note (it leaves too, by the rule).
    public static func note(_ leaving: LeavingPost, at addresses: LocalAddresses, withContext: Bool = true) -> JSONValue {
        let view = leaving.view, post = view.post, author = view.author.username
        let answeredOutside = leaving.answers?.author.remote
        let content = PostText.withAbsoluteLinks(post.html, base: addresses.base)
        var note: [String: JSONValue] = [
            "id": .string(addresses.note(author, post.id)),
            "type": "Note",
            "attributedTo": .string(addresses.actor(author)),
            "content": .string(content),
            "url": .string(addresses.postPage(author, post.id)),
            "published": .string(post.createdAt.formatted(.iso8601)),
            // A post for followers is addressed to them alone; a public one to everyone, copied to them.
            "to": post.visibility == .followers ? [.string(addresses.followers(author))] : [.string(ActivityStreams.publicAudience)],
            "cc": .array((post.visibility == .followers ? [] : [.string(addresses.followers(author))])
                + view.mentions.map { .string(addresses.actor($0.username)) } + (answeredOutside.map { [.string($0.uri)] } ?? [])),
            "sensitive": .bool(!post.contentWarning.isEmpty),
            "summary": post.contentWarning.isEmpty ? .null : .string(post.contentWarning),
            "tag": .array(view.tags.map { name in ["type": "Hashtag", "href": .string(addresses.hashtag(name)), "name": .string("#" + name)] }
                + view.mentions.map { mention in
                    ["type": "Mention", "href": .string(addresses.actor(mention.username)), "name": .string("@\(mention.username)@\(addresses.host)")]
                }
                + (leaving.answers.flatMap { answered in
                    answered.author.remote.map { [["type": "Mention", "href": .string($0.uri), "name": .string("@" + answered.author.handle)]] }
                } ?? [])),
            "attachment": .array(view.media.map { media in
                [
                    "type": "Document", "mediaType": .string(media.format.mimeType),
                    "url": .string(addresses.base + "/media/" + media.fileName), "name": media.description.isEmpty ? .null : .string(media.description),
                    "width": .number(String(media.width)), "height": .number(String(media.height)),
                ]
            }),
        ]
        if let language = post.language { note["contentMap"] = [language: .string(content)] }
        if let edited = post.editedAt { note["updated"] = .string(edited.formatted(.iso8601)) }
        if let answered = leaving.answers {
            note["inReplyTo"] = .string(answered.post.remote?.uri ?? addresses.note(answered.author.username, answered.id))
        }
        if withContext { note["@context"] = context }
        return .object(note)
    }

    /// The `Create` of the note, as an outbox lists it and a delivery carries it.
    public static func create(_ leaving: LeavingPost, at addresses: LocalAddresses) -> JSONValue {
        activity("Create", id: addresses.note(leaving.view.author.username, leaving.view.id) + "/activity", of: leaving, at: addresses)
    }

    /// The `Update` of an edited note, one id per version.
    public static func update(_ leaving: LeavingPost, at addresses: LocalAddresses) -> JSONValue {
        let version = Int64(((leaving.view.post.editedAt ?? leaving.view.post.createdAt).timeIntervalSince1970 * 1000).rounded())
        return activity("Update", id: addresses.note(leaving.view.author.username, leaving.view.id) + "#updates/\(version)", of: leaving, at: addresses)
    }

    /// The `Delete` of a note that had left (by its id alone: the post is gone, or has gone back inside).
    public static func delete(_ postID: ID, author username: String, at addresses: LocalAddresses) -> JSONValue {
        let note = addresses.note(username, postID)
        return [
            "@context": .string(ActivityStreams.context),
            "id": .string(note + "#delete"),
            "type": "Delete",
            "actor": .string(addresses.actor(username)),
            "to": [.string(ActivityStreams.publicAudience)],
            "object": ["id": .string(note), "type": "Tombstone"],
        ]
    }

    private static func activity(_ type: String, id: String, of leaving: LeavingPost, at addresses: LocalAddresses) -> JSONValue {
        let note = note(leaving, at: addresses, withContext: false)
        return [
            "@context": context,
            "id": .string(id),
            "type": .string(type),
            "actor": note["attributedTo"] ?? .null,
            "published": note["published"] ?? .null,
            "to": note["to"] ?? .null,
            "cc": note["cc"] ?? .null,
            "object": note,
        ]
    }
}
