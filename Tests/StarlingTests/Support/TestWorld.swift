import Foundation
@testable import StarlingCore
@testable import StarlingPostgres
import StarlingSQL
@testable import StarlingSQLite
import Testing

/// A fresh Starling on a real database of its own: an SQLite file in its own temporary directory, or a new
/// database on the test PostgreSQL server when the test run is on PostgreSQL (`Engine.current`).
final class TestWorld: Sendable {
    let engine: Engine
    /// Where, on SQLite, the database and uploads are kept.
    let directory: String
    /// The PostgreSQL database, on that engine.
    let databaseURL: DatabaseURL?
    let store: any Store
    let starling: Starling

    /// A new world, or (with `reopening`) the same data opened again, as after a restart or by another node.
    init(engine: Engine = .current, publicAccess: Bool = false, maxPostLength: Int = 500, apiRateLimit: Int = 10_000,
         clock: any Clock = SystemClock(), timeZone: String = "UTC", analyticsCacheSeconds: Int = 0, metrics: ServerMetrics = ServerMetrics(),
         nightlyBackups: (root: String, keep: Int)? = nil, signInPolicy: SignInPolicy = SignInPolicy(), mailer: (any Mailer)? = nil,
         baseURL: String = "http://127.0.0.1:8080", reopening: TestWorld? = nil) async throws {
        let engine = reopening?.engine ?? engine
        self.engine = engine
        directory = reopening?.directory ?? NSTemporaryDirectory() + "starling-test-" + UUID().uuidString
        let ids = IDGenerator()
        switch engine {
        case .sqlite:
            databaseURL = nil
            store = try SQLiteStore(dataDirectory: directory, ids: ids, metrics: metrics)
        case .postgres:
            let url = if let reused = reopening?.databaseURL { reused } else { try await TestPostgres.migratedDatabase() }
            databaseURL = url
            store = try await TestPostgres.store(url: url, ids: ids, metrics: metrics)
        }
        let plan = try nightlyBackups.map { [store, directory] in
            guard let sqlite = store as? SQLiteStore else { throw TestWorldError.sqliteOnly("nightly backups") }
            return BackupPlan(maker: DataDirectoryBackups(store: sqlite, dataDirectory: directory), root: $0.root, keep: $0.keep)
        }
        // On PostgreSQL, worlds on one database are nodes of one system: their events reach each other's streams.
        let events: any EventBus = try databaseURL.map { try PostgresEventBus(url: $0) } ?? InProcessEventBus()
        let files: any FileStore = try (store as? PostgresStore).map(PostgresFileStore.init) ?? LocalFileStore(dataDirectory: directory)
        starling = Starling(store: store, files: files, ids: ids, settings: InstanceSettings(
            name: "Test Org", publicAccess: publicAccess, maxPostLength: maxPostLength, baseURL: baseURL, passwordCost: 4, apiRateLimit: apiRateLimit, timeZone: timeZone,
            analyticsCacheSeconds: analyticsCacheSeconds),
            events: events, clock: clock, metrics: metrics, backupPlan: plan, signInPolicy: signInPolicy, mailer: mailer)
    }

    deinit {
        (store as? PostgresStore)?.close()
        (starling.events as? PostgresEventBus)?.close()
    }

    /// The SQLite store, for behaviour of that engine only (files, backups).
    var sqliteStore: SQLiteStore {
        get throws {
            guard let sqlite = store as? SQLiteStore else { throw TestWorldError.sqliteOnly("this behaviour") }
            return sqlite
        }
    }

    var databasePath: String { directory + "/starling.sqlite" }

    /// The same database opened again, as another process or node does.
    func anotherNode(ids: IDGenerator = IDGenerator()) async throws -> any Store {
        switch engine {
        case .sqlite: try SQLiteStore(path: databasePath, ids: ids)
        case .postgres: try await TestPostgres.store(url: databaseURL!, ids: ids)
        }
    }

    // MARK: The stored rows, read directly (either engine)

    /// The rows of a query on this world's database, each read by `map`.
    func rows<T: Sendable>(_ sql: String, _ values: [any SQLBindable] = [], _ map: @escaping @Sendable (any ColumnReader) -> T) async throws -> [T] {
        switch store {
        case let sqlite as SQLiteStore: try await sqlite.database.readOffPool { try $0.prepare(sql).bind(values).rows { map($0) } }
        case let postgres as PostgresStore: try await postgres.database.read { try await $0.rows(sql, values) { map($0) } }
        default: throw TestWorldError.sqliteOnly("raw rows")
        }
    }

    /// The first column of the first row, as an integer.
    func scalar(_ sql: String, _ values: [any SQLBindable] = []) async throws -> Int64? {
        try await rows(sql, values) { $0.isNull(0) ? nil : $0.int64(0) }.first ?? nil
    }

    /// Marks the database as written by a newer Starling (schema version 999).
    func markNewerSchema() async throws {
        switch store {
        case let sqlite as SQLiteStore: try await sqlite.database.withWriterOffPool { try $0.execute("PRAGMA user_version = 999") }
        case let postgres as PostgresStore: try await postgres.database.write { try await $0.run("UPDATE schema_version SET version = 999") }
        default: throw TestWorldError.sqliteOnly("schema version")
        }
    }

    /// Every (table, column) that refers to an account through a foreign key.
    func accountReferences() async throws -> [(table: String, column: String)] {
        switch engine {
        case .sqlite:
            let tables = try await rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE '%VIRTUAL%'") {
                $0.string(0)
            }
            return try await tables.asyncFlatMap { table in
                try await self.rows("SELECT \"from\" FROM pragma_foreign_key_list(?) WHERE \"table\" = 'accounts'", [table]) {
                    (table: table, column: $0.string(0))
                }
            }
        case .postgres:
            return try await rows("""
                SELECT c.conrelid::regclass::text, a.attname FROM pg_constraint c
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
                WHERE c.contype = 'f' AND c.confrelid = 'accounts'::regclass
                """) { (table: $0.string(0), column: $0.string(1)) }
        }
    }

    /// Creates a member (password "password1") and returns the account.
    @discardableResult
    func member(_ username: String, role: Role = .member) async throws -> Account {
        // Joined at the world's time: a world on a hand-moved clock has its members joined by then.
        try await starling.accounts.create(.init(username: username, email: "\(username)@example.org", password: "password1",
                                           displayName: username.capitalized, role: role), at: starling.clock.now())
    }

    /// Signs someone up (password "password1") through a facilitator's guest invitation to a program.
    func guest(_ username: String, invitedTo programID: ID, by facilitator: Account) async throws -> Account {
        let invitation = try await starling.programs.inviteGuest(programID, by: facilitator)
        return try await starling.accounts.signUp(invitationCode: invitation.code, .init(
            username: username, email: "\(username)@example.org", password: "password1", displayName: username.capitalized))
    }

    @discardableResult
    func post(_ text: String, by author: Account, visibility: Visibility = .organization, replyTo: ID? = nil,
              at date: Date = Date()) async throws -> Post {
        try await starling.posts.compose(.init(text: text, visibility: visibility, inReplyToID: replyTo), by: author, at: date)
    }

    /// Expects `username`'s sign-in to be refused as throttled after five wrong passwords, tried through
    /// `nodes` in turn (one world, or several on one database).
    static func expectThrottledAfterFiveFailures(_ username: String, through nodes: [TestWorld]) async {
        for attempt in 0..<5 {
            await #expect(throws: DomainError.unauthorized("That username or password is not right.")) {
                try await nodes[attempt % nodes.count].starling.accounts.signIn(login: username, password: "wrong")
            }
        }
        await #expect {
            try await nodes[5 % nodes.count].starling.accounts.signIn(login: username, password: "password1")
        } throws: { error in
            if case DomainError.throttled = error { return true } else { return false }
        }
    }

    /// The ids of the posts a timeline shows the viewer.
    func timelineIDs(_ timeline: Timeline, for viewer: Account?, page: PageRequest = PageRequest()) async throws -> [ID] {
        try await starling.reads.timeline(timeline, viewer: viewer, page: page).map(\.post.id)
    }
}

/// A test asked a world for what only one engine has.
enum TestWorldError: Error {
    case sqliteOnly(String)
}

/// A clock a test moves by hand, so schedules run without waiting.
final class ManualClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date()) { current = start }

    func now() -> Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}
