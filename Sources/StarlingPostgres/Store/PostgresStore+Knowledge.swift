import Foundation
import StarlingCore
import StarlingSQL

/// Knowledge base pages, their revisions, and their full-text search.
extension PostgresStore {
    public func insertKnowledgePage(_ page: KnowledgePage) async throws {
        try await database.write { db in try await self.insertKnowledgePage(db, page) }
    }

    func insertKnowledgePage(_ db: SQLConnection, _ page: KnowledgePage) async throws {
        try await db.run("""
            INSERT INTO knowledge_pages (id, program_id, title, body, source_post_id, created_by, created_at, updated_by, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [page.id, page.programID, page.title, page.body, page.sourcePostID, page.createdBy?.rawValue,
                   Self.millis(page.createdAt), page.updatedBy?.rawValue, Self.millis(page.updatedAt)])
    }

    public func updateKnowledgePage(_ page: KnowledgePage) async throws {
        try await database.write { db in
            try await db.run("""
                INSERT INTO knowledge_revisions (page_id, title, body, edited_by, edited_at)
                SELECT id, title, body, updated_by, updated_at FROM knowledge_pages WHERE id = ?
                """, [page.id])
            try await db.run("UPDATE knowledge_pages SET title = ?, body = ?, updated_by = ?, updated_at = ? WHERE id = ?",
                [page.title, page.body, page.updatedBy?.rawValue, Self.millis(page.updatedAt), page.id])
        }
    }

    public func knowledgePage(id: ID) async throws -> KnowledgePage? {
        try await database.read { db in
            try await db.first("SELECT \(Self.pageColumns) FROM knowledge_pages k WHERE k.id = ?", [id], Self.page)
        }
    }

    public func knowledgePages(programID: ID) async throws -> [KnowledgePage] {
        try await database.read { db in
            try await db.rows("SELECT \(Self.pageColumns) FROM knowledge_pages k WHERE k.program_id = ? ORDER BY k.updated_at DESC, k.id DESC",
                [programID], Self.page)
        }
    }

    public func knowledgeRevisions(pageID: ID) async throws -> [KnowledgeRevision] {
        try await database.read { db in
            try await db.rows("SELECT title, body, edited_by, edited_at FROM knowledge_revisions WHERE page_id = ? ORDER BY id DESC",
                [pageID]) { KnowledgeRevision(title: $0.string(0), body: $0.string(1), editedBy: $0.optionalInt64(2).map(ID.init), editedAt: Self.date($0.int64(3))) }
        }
    }

    public func searchKnowledge(_ text: String, viewer: ID, limit: Int) async throws -> [KnowledgePage] {
        let words = Self.searchWords(text)
        guard !words.isEmpty else { return [] }
        return try await database.read { db in
            try await db.rows("""
                SELECT \(Self.pageColumns) FROM knowledge_pages k JOIN programs pr ON pr.id = k.program_id
                WHERE k.search @@ plainto_tsquery('english', :match)
                  AND (pr.visibility = 'open'
                       OR EXISTS (SELECT 1 FROM program_members m WHERE m.program_id = pr.id AND m.account_id = :viewer))
                ORDER BY ts_rank(k.search, plainto_tsquery('english', :match)) DESC, k.id DESC LIMIT :limit
                """, ["match": words.joined(separator: " "), "viewer": viewer, "limit": limit], Self.page)
        }
    }
}
