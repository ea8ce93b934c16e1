import Foundation
import StarlingCore

extension ActivityPub {
    /// A public post on another server named by its address (its note's id, or its page when that answers with the
    /// note, as Mastodon's do), as a member looking it up finds it (`resolve=true` in search): one known here
    /// already, else fetched from its server (admitted domains only) and kept. Nil when the address is no post of
    /// another server, or the post is not public; `FederationError` when its server is not admitted or cannot be reached.
    public func resolve(postAddress text: String) async throws -> Post? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil,
              !text.hasPrefix(addresses.base + "/") else { return nil }
        if let known = try await starling.store.remotePost(uri: text) { return known }
        let policy = try await starling.federation.policy()
        let found: (note: IncomingNote, author: String)
        do {
            found = try await Inbox(self).fetchNote(text, policy: policy)
        } catch is InboxError {
            return nil
        }
        if let known = try await starling.store.remotePost(uri: found.note.remote.uri) { return known }
        guard found.note.audience == .everyone else { return nil }
        return try await starling.inbound.receiveFetched(found.note, by: try await remoteAccount(found.author, policy: policy))
    }
}
