import Foundation
import StarlingCore
import StarlingSQL

/// Knowledge base pages, their revisions, and their full-text search.
extension SQLiteStore {
    public func insertKnowledgePage(_ page: KnowledgePage) async throws {
        try await database.writeOffPool { db in try self.insertKnowledgePage(db, page) }
    }

    func insertKnowledgePage(_ db: Connection, _ page: KnowledgePage) throws {
        try db.prepare("""
            INSERT INTO knowledge_pages (id, program_id, title, body, source_post_id, created_by, created_at, updated_by, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
            .bind([page.id.rawValue, page.programID.rawValue, page.title, page.body, page.sourcePostID?.rawValue, page.createdBy?.rawValue,
                   Self.millis(page.createdAt), page.updatedBy?.rawValue, Self.millis(page.updatedAt)])
            .run()
    }

    public func updateKnowledgePage(_ page: KnowledgePage) async throws {
        try await database.writeOffPool { db in
            try db.prepare("""
                INSERT INTO knowledge_revisions (page_id, title, body, edited_by, edited_at)
                SELECT id, title, body, updated_by, updated_at FROM knowledge_pages WHERE id = ?
                """)
                .bind([page.id.rawValue]).run()
            try db.prepare("UPDATE knowledge_pages SET title = ?, body = ?, updated_by = ?, updated_at = ? WHERE id = ?")
                .bind([page.title, page.body, page.updatedBy?.rawValue, Self.millis(page.updatedAt), page.id.rawValue]).run()
        }
    }

    public func knowledgePage(id: ID) async throws -> KnowledgePage? {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.pageColumns) FROM knowledge_pages k WHERE k.id = ?").bind([id.rawValue]).first(Self.page)
        }
    }

    public func knowledgePages(programID: ID) async throws -> [KnowledgePage] {
        try await database.readOffPool { db in
            try db.prepare("SELECT \(Self.pageColumns) FROM knowledge_pages k WHERE k.program_id = ? ORDER BY k.updated_at DESC, k.id DESC")
                .bind([programID.rawValue]).rows(Self.page)
        }
    }

    public func knowledgeRevisions(pageID: ID) async throws -> [KnowledgeRevision] {
        try await database.readOffPool { db in
            try db.prepare("SELECT title, body, edited_by, edited_at FROM knowledge_revisions WHERE page_id = ? ORDER BY id DESC")
                .bind([pageID.rawValue])
                .rows { KnowledgeRevision(title: $0.string(0), body: $0.string(1), editedBy: $0.optionalInt64(2).map(ID.init), editedAt: Self.date($0.int64(3))) }
        }
    }

    public func searchKnowledge(_ text: String, viewer: ID, limit: Int) async throws -> [KnowledgePage] {
        guard let match = Self.ftsQuery(text) else { return [] }
        return try await database.readOffPool { db in
            try db.prepare("""
                SELECT \(Self.pageColumns) FROM knowledge_search s JOIN knowledge_pages k ON k.id = s.rowid
                JOIN programs pr ON pr.id = k.program_id
                WHERE knowledge_search MATCH :match
                  AND (pr.visibility = 'open'
                       OR EXISTS (SELECT 1 FROM program_members m WHERE m.program_id = pr.id AND m.account_id = :viewer))
                ORDER BY bm25(knowledge_search, 3.0, 1.0) LIMIT :limit
                """)
                .bind(["match": match, "viewer": viewer.rawValue, "limit": limit]).rows(Self.page)
        }
    }
}
