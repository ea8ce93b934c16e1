import Foundation
import Testing
@testable import StarlingCore
@testable import StarlingSQLite

@Suite("Store on a real SQLite file")
struct StoreTests {
    @Test("a new data directory is created, migrated and uses WAL")
    func createsAndMigrates() async throws {
        let world = try await TestWorld(engine: .sqlite)
        #expect(FileManager.default.fileExists(atPath: world.databasePath))
        let mode = try world.sqliteStore.database.read { try $0.prepare("PRAGMA journal_mode").first { $0.string(0) } }
        #expect(mode == "wal")
        let version = try world.sqliteStore.database.read { try $0.prepare("PRAGMA user_version").scalar() }
        #expect(version == Int64(SQLiteStore.schemaVersion))
    }

    @Test("reopening an existing database keeps its data")
    func reopenKeepsData() async throws {
        let world = try await TestWorld(engine: .sqlite)
        try await world.member("ada")
        let reopened = try SQLiteStore(path: world.databasePath, ids: IDGenerator())
        #expect(try await reopened.account(username: "ADA")?.username == "ada")
    }

    @Test("a database from a newer Starling is refused with a clear message")
    func refusesNewerSchema() async throws {
        let world = try await TestWorld(engine: .sqlite)
        try world.sqliteStore.database.withWriter { try $0.execute("PRAGMA user_version = 999") }
        #expect {
            _ = try SQLiteStore(path: world.databasePath, ids: IDGenerator())
        } throws: { error in
            "\(error)".contains("newer Starling") && "\(error)".contains("999")
        }
    }

    @Test("a second opener of the same file (an admin command) writes while the server reads and serves")
    func concurrentOpeners() async throws {
        let world = try await TestWorld(engine: .sqlite)
        try await withLiveServer(world) { server in
            let ids = IDGenerator()
            let admin = Starling(store: try SQLiteStore(path: world.databasePath, ids: ids),
                                 files: try LocalFileStore(dataDirectory: world.directory), ids: ids, settings: world.starling.settings)
            _ = try await admin.accounts.create(.init(username: "late", email: "late@example.org", password: "password1"))
            let browser = server.browser()
            try await browser.signIn("late")
            #expect(try await browser.get("/").status == 200)
        }
    }

    @Test("usernames and emails are unique without regard to case")
    func uniqueAccounts() async throws {
        let world = try await TestWorld(engine: .sqlite)
        try await world.member("ada")
        await #expect(throws: DomainError.invalid(field: "username", message: "That username is taken.")) {
            try await world.starling.accounts.create(.init(username: "ADA", email: "other@example.org", password: "password1"))
        }
        await #expect(throws: DomainError.invalid(field: "email", message: "An account with that email already exists.")) {
            try await world.starling.accounts.create(.init(username: "other", email: "Ada@Example.org", password: "password1"))
        }
    }

    @Test("a failed step rolls back everything in the same write")
    func writesAreAtomic() async throws {
        let world = try await TestWorld(engine: .sqlite)
        let ada = try await world.member("ada", role: .admin)
        let invitation = try await world.starling.accounts.invite(role: .member, by: ada)
        // Redeeming with a taken username fails inside the transaction: the invitation stays unused.
        await #expect(throws: DomainError.self) {
            try await world.starling.accounts.signUp(invitationCode: invitation.code,
                                               .init(username: "ada", email: "new@example.org", password: "password1"))
        }
        #expect(try await world.store.invitation(code: invitation.code)?.usedBy == nil)
        #expect(try await world.store.accountCount() == 1)
    }

    @Test("posting updates counters and deleting a post undoes them")
    func counters() async throws {
        let world = try await TestWorld(engine: .sqlite)
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        let root = try await world.post("Question #help", by: ada)
        let reply = try await world.post("@ada answer", by: ben, replyTo: root.id)
        try await world.starling.posts.like(root.id, by: ben)
        try await world.starling.posts.repost(root.id, by: ben)
        var view = try #require(try await world.store.post(id: root.id, viewer: ada.id))
        #expect((view.post.repliesCount, view.post.likesCount, view.post.repostsCount) == (1, 1, 1))
        #expect(try await world.store.tag(name: "HELP")?.postsCount == 1)
        try await world.starling.posts.delete(reply.id, by: ben)
        view = try #require(try await world.store.post(id: root.id, viewer: ada.id))
        #expect(view.post.repliesCount == 0)
        try await world.starling.posts.delete(root.id, by: ada)
        #expect(try await world.store.tag(name: "help")?.postsCount == 0)
        #expect(try await world.store.account(id: ada.id)?.postsCount == 0)
        #expect(try await world.timelineIDs(.profile(ben.id), for: ben).isEmpty) // the repost went with the post
    }
}
