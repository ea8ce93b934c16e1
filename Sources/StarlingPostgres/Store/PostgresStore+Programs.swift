import Foundation
import StarlingCore
import StarlingSQL

/// Programs and their members.
extension PostgresStore {
    public func insertProgram(_ program: Program, facilitator: ID) async throws {
        try await database.write { db in
            let key = Tag.key(program.hashtag)
            if try await db.scalar("SELECT 1 FROM programs WHERE tag_key = ?", [key]) != nil {
                throw DomainError.conflict("#\(program.hashtag) is already the hashtag of another program; choose another.")
            }
            try await db.run("""
                INSERT INTO programs (id, title, hashtag, tag_key, description, agreement, agreement_version, visibility,
                                      starts_at, ends_at, archived_at, created_by, created_at, anonymous_questions)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [program.id, program.title, program.hashtag, key, program.description, program.agreement,
                       program.agreementVersion, program.visibility.rawValue, program.startsAt.map(Self.millis), program.endsAt.map(Self.millis),
                       program.archivedAt.map(Self.millis), program.createdBy?.rawValue, Self.millis(program.createdAt), program.anonymousQuestions])
            try await self.saveMembership(db, ProgramMembership(programID: program.id, accountID: facilitator, role: .facilitator, joinedAt: program.createdAt,
                                                     agreedAt: program.createdAt, agreementVersion: program.agreementVersion))
        }
    }

    public func updateProgram(_ program: Program) async throws {
        try await database.write { db in
            try await db.run("""
                UPDATE programs SET title = ?, description = ?, agreement = ?, agreement_version = ?, visibility = ?,
                                    starts_at = ?, ends_at = ?, archived_at = ?, anonymous_questions = ? WHERE id = ?
                """, [program.title, program.description, program.agreement, program.agreementVersion, program.visibility.rawValue,
                       program.startsAt.map(Self.millis), program.endsAt.map(Self.millis), program.archivedAt.map(Self.millis),
                       program.anonymousQuestions, program.id])
        }
    }

    public func program(id: ID) async throws -> Program? {
        try await database.read { db in
            try await db.first("SELECT \(Self.programColumns) FROM programs pr WHERE pr.id = ?", [id], Self.program)
        }
    }

    public func programs(tagKeys: [String]) async throws -> [Program] {
        guard !tagKeys.isEmpty else { return [] }
        return try await database.read { db in
            try await db.rows("SELECT \(Self.programColumns) FROM programs pr WHERE pr.tag_key = ANY(?)", [tagKeys], Self.program)
        }
    }

    public func programs(viewer: ID?, includingPrivate: Bool) async throws -> [Program] {
        try await database.read { db in
            try await db.rows("""
                SELECT \(Self.programColumns) FROM programs pr
                WHERE pr.visibility = 'open' OR :all
                   OR EXISTS (SELECT 1 FROM program_members m WHERE m.program_id = pr.id AND m.account_id = :viewer)
                ORDER BY pr.id DESC
                """, ["viewer": viewer, "all": includingPrivate], Self.program)
        }
    }

    public func membership(programID: ID, accountID: ID) async throws -> ProgramMembership? {
        try await database.read { db in
            try await db.first("SELECT \(Self.membershipColumns) FROM program_members m WHERE m.program_id = ? AND m.account_id = ?",
                [programID, accountID]) { Self.membership($0) }
        }
    }

    public func saveMembership(_ membership: ProgramMembership) async throws {
        try await database.write { db in try await self.saveMembership(db, membership) }
    }

    func saveMembership(_ db: SQLConnection, _ m: ProgramMembership) async throws {
        try await db.run("""
            INSERT INTO program_members (program_id, account_id, role, joined_at, agreed_at, agreement_version) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (program_id, account_id) DO UPDATE SET role = excluded.role, agreed_at = excluded.agreed_at,
                agreement_version = excluded.agreement_version
            """, [m.programID, m.accountID, m.role.rawValue, Self.millis(m.joinedAt), m.agreedAt.map(Self.millis),
                   m.agreementVersion])
    }

    public func programPeers(of accountID: ID) async throws -> Set<ID> {
        try await database.read { db in
            Set(try await db.rows("""
                SELECT DISTINCT theirs.account_id FROM program_members mine
                JOIN program_members theirs ON theirs.program_id = mine.program_id WHERE mine.account_id = ?
                """, [accountID]) { ID($0.int64(0)) })
        }
    }

    public func removeMembership(programID: ID, accountID: ID) async throws {
        try await database.write { db in
            try await db.run("DELETE FROM program_members WHERE program_id = ? AND account_id = ?", [programID, accountID])
        }
    }

    public func members(programID: ID) async throws -> [(Account, ProgramMembership)] {
        try await database.read { db in
            try await db.rows("""
                SELECT \(Self.accountColumns), \(Self.membershipColumns)
                FROM program_members m JOIN accounts a ON a.id = m.account_id
                WHERE m.program_id = ?
                ORDER BY CASE m.role WHEN 'facilitator' THEN 0 WHEN 'moderator' THEN 1 WHEN 'expert' THEN 2 ELSE 3 END, m.joined_at
                """, [programID]) { (Self.account($0), Self.membership($0, from: Self.accountColumnCount)) }
        }
    }

    public func setProgramThread(programID: ID, _ kind: ProgramThread, postID: ID) async throws {
        try await database.write { db in
            try await db.run("""
                INSERT INTO program_threads (program_id, kind, post_id) VALUES (?, ?, ?)
                ON CONFLICT (program_id, kind) DO UPDATE SET post_id = excluded.post_id
                """, [programID, kind.rawValue, postID])
        }
    }

    public func programThreads(programID: ID) async throws -> [ProgramThread: ID] {
        try await database.read { db in
            let rows = try await db.rows("SELECT kind, post_id FROM program_threads WHERE program_id = ?",
                [programID]) { (ProgramThread(rawValue: $0.string(0)), ID($0.int64(1))) }
            return Dictionary(rows.compactMap { kind, id in kind.map { ($0, id) } }, uniquingKeysWith: { first, _ in first })
        }
    }

    public func membersWithoutIntroduction(programID: ID) async throws -> [Account] {
        try await database.read { db in
            try await db.rows("""
                SELECT \(Self.accountColumns) FROM program_members m JOIN accounts a ON a.id = m.account_id
                WHERE m.program_id = :program AND m.role != 'facilitator' AND NOT EXISTS (
                    SELECT 1 FROM program_threads t JOIN posts r ON r.in_reply_to_id = t.post_id
                    WHERE t.program_id = :program AND t.kind = 'introductions' AND r.author_id = m.account_id)
                ORDER BY m.joined_at
                """, ["program": programID]) { Self.account($0) }
        }
    }

    public func programKeywords(programID: ID) async throws -> [ProgramKeyword] {
        try await database.read { db in
            try await db.rows("SELECT id, keyword, added_by FROM program_keywords WHERE program_id = ? ORDER BY keyword",
                [programID]) { ProgramKeyword(id: ID($0.int64(0)), keyword: $0.string(1), addedBy: $0.optionalInt64(2).map(ID.init)) }
        }
    }

    public func insertProgramKeyword(programID: ID, _ keyword: ProgramKeyword, at: Date) async throws -> Bool {
        try await database.write { db in
            try await db.run("""
                INSERT INTO program_keywords (id, program_id, keyword, added_by, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1
                """, [keyword.id, programID, keyword.keyword, keyword.addedBy, Self.millis(at)]) > 0
        }
    }

    public func deleteProgramKeyword(programID: ID, keywordID: ID) async throws {
        try await database.write { db in
            try await db.run("DELETE FROM program_keywords WHERE program_id = ? AND id = ?", [programID, keywordID])
        }
    }

    public func programStats(programID: ID, now: Date) async throws -> ProgramStats {
        try await database.read { db in
            let program = programID.rawValue
            let questions = try await db.first("""
                SELECT count(*) FILTER (WHERE answered_at IS NULL), count(*) FILTER (WHERE first_answer_at IS NULL),
                       min(created_at) FILTER (WHERE first_answer_at IS NULL)
                FROM posts WHERE program_id = ? AND question
                """, [program]) { ($0.int(0), $0.int(1), $0.optionalInt64(2).map(Self.date)) } ?? (0, 0, nil)
            let reports = try await db.scalar("""
                SELECT count(*) FROM reports r WHERE r.resolved_at IS NULL AND EXISTS (
                    SELECT 1 FROM posts p WHERE p.id = ANY(string_to_array(r.post_ids, ',')::bigint[]) AND p.program_id = ?)
                """, [program]) ?? 0
            func activity(days: Double) async throws -> ProgramStats.Activity {
                try await db.first("""
                    SELECT count(*), count(DISTINCT author_id) FROM posts
                    WHERE program_id = ? AND id >= ? AND repost_of_id IS NULL
                    """, [program, ID(floorOf: now - days * 86400).rawValue]) { ProgramStats.Activity(posts: $0.int(0), activeMembers: $0.int(1)) } ?? .init(posts: 0, activeMembers: 0)
            }
            return await ProgramStats(openQuestions: questions.0, unansweredQuestions: questions.1, oldestUnansweredAt: questions.2,
                                openReports: Int(reports), lastWeek: try activity(days: 7), lastMonth: try activity(days: 30))
        }
    }
}
