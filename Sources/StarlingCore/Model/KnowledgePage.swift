import Foundation

/// A page of a program's knowledge base: a title and a Markdown body, often made from a thread's
/// best answers, linking back to the posts it came from. Visible to whoever may see the program.
public struct KnowledgePage: Sendable, Hashable, Identifiable {
    public var id: ID
    public var programID: ID
    public var title: String
    /// Markdown (rendered by `Markdown`, which escapes everything the author wrote).
    public var body: String
    /// The post (a question or a thread's first post) the page was made from.
    public var sourcePostID: ID?
    public var createdBy: ID?
    public var createdAt: Date
    public var updatedBy: ID?
    public var updatedAt: Date

    public init(id: ID, programID: ID, title: String, body: String, sourcePostID: ID?, createdBy: ID?, createdAt: Date,
                updatedBy: ID? = nil, updatedAt: Date? = nil) {
        self.id = id
        self.programID = programID
        self.title = title
        self.body = body
        self.sourcePostID = sourcePostID
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedBy = updatedBy ?? createdBy
        self.updatedAt = updatedAt ?? createdAt
    }
}

/// An earlier version of a knowledge page.
public struct KnowledgeRevision: Sendable, Hashable {
    public var title: String
    public var body: String
    public var editedBy: ID?
    public var editedAt: Date

    public init(title: String, body: String, editedBy: ID?, editedAt: Date) {
        self.title = title
        self.body = body
        self.editedBy = editedBy
        self.editedAt = editedAt
    }
}
