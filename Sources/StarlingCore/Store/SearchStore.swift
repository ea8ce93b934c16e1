import Foundation

/// What search needs from persistence: candidate posts under the visibility rule, people, and hashtags.
/// Async: an engine runs the work without blocking the caller's thread.
public protocol SearchStore: Sendable {
    /// The newest posts (at most `limit`) that match the words and filters and that the viewer may see,
    /// newest first. With no words, the newest posts that match the filters.
    func searchCandidates(_ query: PostSearch, viewer: ID?, limit: Int) async throws -> [SearchCandidate]
    /// People whose names have words starting with the text's words; with `guest`, only that guest and
    /// the members of their programs.
    func searchAccounts(_ text: String, limit: Int, guest: ID?) async throws -> [Account]
    /// Hashtags starting with the text, most used first; with `guest`, only the hashtags of that guest's programs.
    func searchTags(_ text: String, limit: Int, guest: ID?) async throws -> [Tag]
}
