import Foundation

/// What a program's knowledge base needs from persistence: pages, their revisions, and searching them.
public protocol KnowledgeStore: Sendable {
    func insertKnowledgePage(_ page: KnowledgePage) async throws
    /// Saves a page's new title and body, keeping the version it replaces as a revision.
    func updateKnowledgePage(_ page: KnowledgePage) async throws
    func knowledgePage(id: ID) async throws -> KnowledgePage?
    /// A program's pages, most recently updated first.
    func knowledgePages(programID: ID) async throws -> [KnowledgePage]
    /// Earlier versions of a page, newest first.
    func knowledgeRevisions(pageID: ID) async throws -> [KnowledgeRevision]
    /// Pages matching the words of `text` in programs `viewer` may see (open ones, or theirs), best first.
    func searchKnowledge(_ text: String, viewer: ID, limit: Int) async throws -> [KnowledgePage]
}
