import Foundation

/// What a program's knowledge base needs from persistence: pages, their revisions, and searching them.
public protocol KnowledgeStore: Sendable {
    func insertKnowledgePage(_ page: KnowledgePage) throws
    /// Saves a page's new title and body, keeping the version it replaces as a revision.
    func updateKnowledgePage(_ page: KnowledgePage) throws
    func knowledgePage(id: ID) throws -> KnowledgePage?
    /// A program's pages, most recently updated first.
    func knowledgePages(programID: ID) throws -> [KnowledgePage]
    /// Earlier versions of a page, newest first.
    func knowledgeRevisions(pageID: ID) throws -> [KnowledgeRevision]
    /// Pages matching the words of `text` in programs `viewer` may see (open ones, or theirs), best first.
    func searchKnowledge(_ text: String, viewer: ID, limit: Int) throws -> [KnowledgePage]
}
