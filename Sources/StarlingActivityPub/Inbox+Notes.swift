import Foundation
import StarlingCore

/// Notes that come in: `Create`, `Update` and `Delete` of a `Note` by its author. What is kept, and
/// for whom, is the domain's decision (`InboundFederation`); here the note is read: its text from its
/// HTML (`RemoteHTML`), its audience from its addressing, the members it mentions, the post it answers.
extension Inbox {
    /// The types of object read as notes (Mastodon's and most servers' posts are `Note`s).
    static let noteTypes: Set<String> = ["Note", "Article"]

    /// A `Create` (or, with `edit`, an `Update`) of a note by `actor`: the note must be the actor's own, with
    /// an id on the actor's server. One nobody here asked for is left out.
    func receiveNote(_ activity: JSONValue, by actor: String, edit: Bool, policy: DomainPolicy) async throws {
        guard let object = activity["object"], object.object != nil else {
            throw InboxError(message: "A \(edit ? "Update" : "Create") of a note carries the note itself.")
        }
        guard Self.author(of: object) == actor else { throw InboxError(message: "A note is created and updated by its author.") }
        guard let uri = object["id"]?.string, let noteHost = try? RemoteDomain(parsing: uri), noteHost == (try? RemoteDomain(parsing: actor)) else {
            throw InboxError(message: "A note has an id on its author's server.")
        }
        let note = try await read(object, uri: uri)
        if edit {
            guard let author = try await activityPub.starling.store.actorAccount(uri: actor) else { return }
            try await activityPub.starling.inbound.receiveEdit(note, by: author)
            return
        }
        // Someone not known here yet is read (and kept) only when the note answers or mentions a member.
        let author: Account?
        if let known = try await activityPub.starling.store.actorAccount(uri: actor) {
            author = known
        } else if note.parent != nil || !note.mentioned.isEmpty {
            author = try await activityPub.remoteAccount(actor, policy: policy)
        } else {
            author = nil
        }
        guard let author else { return }
        try await activityPub.starling.inbound.receive(note, by: author)
    }

    /// A `Delete` of a note by `actor` (the note's id, or a `Tombstone` with it).
    func receiveNoteDeletion(_ activity: JSONValue, by actor: String) async throws {
        guard let uri = Self.id(of: activity["object"]), let author = try await activityPub.starling.store.actorAccount(uri: actor) else { return }
        try await activityPub.starling.inbound.receiveDeletion(of: uri, by: author)
    }

    /// The note at `address`, fetched (signed by the server's own actor) from its author's server, read, with its
    /// author's actor id: the document must be a note whose id is on the host it was fetched from, as is its author
    /// (else `InboxError`). A note's page that answers with the note (as Mastodon's do) is read as the note.
    func fetchNote(_ address: String, policy: DomainPolicy) async throws -> (note: IncomingNote, author: String) {
        let document = try await activityPub.client.fetch(address, signedBy: try await activityPub.instanceSigner(), policy: policy,
                                                          now: activityPub.starling.clock.now())
        guard Self.noteTypes.contains(document["type"]?.string ?? ""), let uri = document["id"]?.string, let actor = Self.author(of: document),
              let host = try? RemoteDomain(parsing: address), host == (try? RemoteDomain(parsing: uri)), host == (try? RemoteDomain(parsing: actor))
        else { throw InboxError(message: "not a note of its author's server") }
        return (try await read(document, uri: uri), actor)
    }

    /// A note's author: its `attributedTo`, an id or an object, or the first of a list of them (as Mastodon reads it).
    static func author(of note: JSONValue) -> String? { id(of: note["attributedTo"]?.items.first) }

    /// What this server keeps of a note.
    func read(_ note: JSONValue, uri: String) async throws -> IncomingNote {
        let audience = (note["to"]?.items ?? []) + (note["cc"]?.items ?? [])
        let addressed = audience.compactMap { $0.string }
        var mentioned: [Account] = []
        var mentionedActors = Set<String>()
        for tag in note["tag"]?.items ?? [] where tag["type"]?.string == "Mention" {
            guard let href = tag["href"]?.string else { continue }
            mentionedActors.insert(href)
            if let username = activityPub.addresses.username(ofActor: href),
               let member = try await activityPub.starling.federation.openAccount(username: username),
               !mentioned.contains(where: { $0.id == member.id }) {
                mentioned.append(member)
            }
        }
        let kind: IncomingNote.Audience =
            addressed.contains { ["https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"].contains($0) } ? .everyone
            : addressed.contains { !mentionedActors.contains($0) } ? .followers : .mentioned
        var text = RemoteHTML.plainText(note["content"]?.string ?? "")
        for attachment in note["attachment"]?.items ?? [] {
            guard let url = (attachment["url"]?.string ?? attachment["url"]?.items.first?["href"]?.string).flatMap(FollowDocuments.httpURL) else {
                continue
            }
            let description = attachment["name"]?.string.map(RemoteHTML.plainText) ?? ""
            text += "\n\n" + (description.isEmpty ? "Attachment: " : "Attachment (\(description)): ") + url
        }
        let page = note["url"]?.string ?? note["url"]?.items.first.flatMap { $0.string ?? $0["href"]?.string }
        return IncomingNote(remote: RemotePost(uri: uri, url: page.flatMap(FollowDocuments.httpURL) ?? uri), text: text,
                            contentWarning: RemoteHTML.plainText(note["summary"]?.string ?? ""), audience: kind, mentioned: mentioned,
                            parent: try await parent(named: Self.id(of: note["inReplyTo"])),
                            language: note["contentMap"]?.object?.keys.sorted().first)
    }

    /// The post here a note answers: a post of this server that left it, or a note kept from outside.
    private func parent(named uri: String?) async throws -> Post? {
        guard let uri else { return nil }
        if let ours = activityPub.addresses.post(ofNote: uri) { return try await activityPub.starling.federation.leavingPost(id: ours.postID)?.view.post }
        return try await activityPub.starling.store.remotePost(uri: uri)
    }
}
