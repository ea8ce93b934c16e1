import Foundation

/// A program's knowledge base: facilitators promote an accepted answer or a whole thread into a
/// page (Markdown, linking back to its source posts); facilitators and moderators edit pages, and
/// every earlier version is kept. Pages are seen by whoever may see the program.
public struct KnowledgeService: Sendable {
    let store: any Store
    let ids: IDGenerator
    let programs: ProgramService

    public init(store: any Store, ids: IDGenerator, programs: ProgramService) {
        self.store = store
        self.ids = ids
        self.programs = programs
    }

    /// Makes a page from a post: a question with its accepted answers (or all its answers when none is
    /// accepted yet), one answer with its question, or any other thread from that post down.
    public func promote(_ postID: ID, title: String? = nil, by actor: Account, at now: Date = Date()) async throws -> KnowledgePage {
        guard let post = try await store.post(id: postID, viewer: actor.id) else { throw DomainError.notFound }
        guard let programID = post.post.programID else {
            throw DomainError.invalid(field: "status_id", message: "Only posts in a program can go into its knowledge base.")
        }
        try await requireFacilitator(programID, actor)
        var parts: [PostView]
        if let parentID = post.post.inReplyToID, let question = try await store.post(id: parentID, viewer: actor.id), question.post.isQuestion {
            parts = [question, post]
        } else if post.post.isQuestion {
            let answers = try await store.thread(of: postID, viewer: actor.id)?.descendants.filter { $0.post.inReplyToID == postID } ?? []
            let accepted = answers.filter { $0.post.acceptedAt != nil }
            parts = [post] + (accepted.isEmpty ? answers : accepted)
        } else {
            parts = [post] + (try await store.thread(of: postID, viewer: actor.id)?.descendants ?? [])
        }
        let root = parts[0]
        let heading = try PostText.field(title ?? Self.defaultTitle(root.post.source), name: "title", maxLength: 200, required: true)
        let page = KnowledgePage(id: ids.next(at: now), programID: programID, title: heading, body: Self.markdown(parts), sourcePostID: root.id,
                                 createdBy: actor.id, createdAt: now)
        try await store.insertKnowledgePage(page)
        return page
    }

    /// Changes a page's title and body (the program's facilitators and moderators); the old version is kept.
    public func edit(_ pageID: ID, title: String, body: String, by editor: Account, at now: Date = Date()) async throws -> KnowledgePage {
        var page = try await page(pageID, viewer: editor)
        guard try await store.looksAfter(page.programID, editor) else {
            throw DomainError.forbidden("Only the program's facilitators and moderators edit its knowledge base.")
        }
        page.title = try PostText.field(title, name: "title", maxLength: 200, required: true)
        page.body = try PostText.field(body, name: "body", maxLength: 100_000, required: true)
        page.updatedBy = editor.id
        page.updatedAt = now
        try await store.updateKnowledgePage(page)
        return page
    }

    public func page(_ id: ID, viewer: Account) async throws -> KnowledgePage {
        guard let page = try await store.knowledgePage(id: id) else { throw DomainError.notFound }
        _ = try await programs.program(page.programID, viewer: viewer)
        return page
    }

    public func pages(programID: ID, viewer: Account) async throws -> [KnowledgePage] {
        _ = try await programs.program(programID, viewer: viewer)
        return try await store.knowledgePages(programID: programID)
    }

    public func revisions(_ pageID: ID, viewer: Account) async throws -> [KnowledgeRevision] {
        _ = try await page(pageID, viewer: viewer)
        return try await store.knowledgeRevisions(pageID: pageID)
    }

    /// Pages matching `text` in the programs the viewer may see.
    public func search(_ text: String, viewer: Account, limit: Int = 5) async throws -> [KnowledgePage] {
        try await store.searchKnowledge(text, viewer: viewer.id, limit: limit)
    }

    private func requireFacilitator(_ programID: ID, _ account: Account) async throws {
        guard try await store.facilitates(programID, account) else {
            throw DomainError.forbidden("Only the program's facilitators add to its knowledge base.")
        }
    }

    /// A title from a post's first line: without a leading "Q:", hashtags and mentions.
    static func defaultTitle(_ source: String) -> String {
        var line = String(source.split(whereSeparator: \.isNewline).first ?? "").trimmingCharacters(in: .whitespaces)
        if line.lowercased().hasPrefix("q:") { line = String(line.dropFirst(2)) }
        let words = line.split(separator: " ").filter { !$0.hasPrefix("#") && !$0.hasPrefix("@") }
        let title = words.joined(separator: " ")
        return title.isEmpty ? "Untitled" : String(title.prefix(120))
    }

    /// Text for inside a Markdown image's brackets: one line, without brackets.
    private static func oneLine(_ text: String) -> String {
        String(text.map { "\n[]".contains($0) ? " " : $0 })
    }

    /// The posts as Markdown (a guide as its numbered steps with their photos): the first as a quote, the others as sections, each linking to its source.
    /// An anonymous question stays anonymous there, even when its asker saves it.
    static func markdown(_ parts: [PostView]) -> String {
        var lines: [String] = []
        for (index, part) in parts.enumerated() {
            let source = "[original post](/posts/\(part.id))"
            let author = part.post.isAnonymous ? "a learner (asked anonymously)" : "@\(part.author.username)"
            if index == 0, let guide = part.post.guide {
                lines += ["How-to guide by \(author), \(source)", ""]
                for (number, (caption, photo)) in zip(guide.captions, part.media).enumerated() {
                    lines += ["\(number + 1). \(caption)", "", "![\(Self.oneLine(photo.description))](/media/\(photo.fileName))", ""]
                }
            } else if index == 0 {
                lines += part.post.source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { "> " + $0 }
                lines += [">", "> — \(author), \(source)", ""]
            } else {
                let accepted = part.post.acceptedAt != nil ? " (accepted)" : ""
                let kind = parts[0].post.isQuestion ? "Answer" : "Reply"
                lines += ["## \(kind)\(accepted) by \(author)", "", part.post.source, "", source, ""]
            }
        }
        return lines.joined(separator: "\n")
    }
}
