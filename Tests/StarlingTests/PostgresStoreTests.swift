import Foundation
import NIOPosix
import PostgresNIO
import Testing
@testable import StarlingCore
@testable import StarlingPostgres

/// What is particular to PostgreSQL: its URL, reaching it, migrating it from several nodes, and the
/// change stamp nodes share.
@Suite("Store on PostgreSQL")
struct PostgresStoreTests {
    @Test("a bad database URL is a clear error naming what is wrong", arguments: [
        ("mysql://a@b/c", "postgres://"),
        ("postgres://host/db", "user name"),
        ("postgres://ada@/db", "no host"),
        ("postgres://ada@host", "names no database"),
        ("postgres://ada@host/db?sslmode=sometimes", "sslmode"),
        ("postgres://ada@host/db?pool=9", "does not know: pool"),
    ])
    func badURLs(url: String, message: String) throws {
        #expect {
            _ = try DatabaseURL(url)
        } throws: { error in
            error is DatabaseURLError && "\(error)".contains(message)
        }
    }

    @Test("a URL's parts are read, with the password kept out of its description")
    func goodURL() throws {
        let url = try DatabaseURL("postgresql://ada:s%40cret@db.example.org:6543/learning?sslmode=require")
        #expect(url.host == "db.example.org" && url.port == 6543 && url.username == "ada" && url.database == "learning")
        #expect(url.sslMode == .require && url.password == "s@cret")
        #expect("\(url)" == "postgres://ada@db.example.org:6543/learning")
        #expect(try DatabaseURL("postgres://ada@localhost/db").port == 5432)
    }

    @Test("an unreachable database is reported with a clear message, not waited for")
    func unreachable() async throws {
        let port = try await Self.closedPort()
        let started = ContinuousClock.now
        await #expect {
            _ = try await PostgresStore(url: try DatabaseURL("postgres://ada@127.0.0.1:\(port)/db?sslmode=disable"), ids: IDGenerator())
        } throws: { error in
            "\(error)".hasPrefix("Cannot reach the database postgres://ada@127.0.0.1:\(port)/db")
        }
        // Alone it takes milliseconds (the port refuses at once); the bound only tells an answer from waiting
        // or retrying, since beside the whole parallel suite on two cores a task may wait many seconds for a thread.
        #expect(ContinuousClock.now - started < .seconds(90))
    }

    @Test("a database from a newer Starling is refused with a clear message")
    func refusesNewerSchema() async throws {
        let url = try await TestPostgres.freshDatabase()
        let store = try await PostgresStore(url: url, ids: IDGenerator())
        try await store.database.write { try await $0.run("UPDATE schema_version SET version = 999") }
        store.close()
        await #expect {
            _ = try await PostgresStore(url: url, ids: IDGenerator())
        } throws: { error in
            "\(error)".contains("newer Starling") && "\(error)".contains("999")
        }
    }

    @Test("nodes starting together on a new database migrate it once")
    func concurrentMigrations() async throws {
        let url = try await TestPostgres.freshDatabase()
        let versions = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let store = try await PostgresStore(url: url, ids: IDGenerator(), maximumConnections: 2)
                    defer { store.close() }
                    return try await store.storedSchemaVersion()
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(versions == Array(repeating: PostgresMigrations.steps.count, count: 4))
        let reopened = try await PostgresStore(url: url, ids: IDGenerator())
        #expect(try await reopened.database.read { try await $0.scalar("SELECT count(*) FROM schema_version") } == 1)
    }

    @Test("each process on a database holds a node number of its own; past the sixteenth one is refused, and a closed one gives its number back")
    func nodeNumbers() async throws {
        let url = try await TestPostgres.migratedDatabase()
        var stores: [PostgresStore] = []
        for _ in 0..<IDGenerator.nodeLimit { stores.append(try await TestPostgres.store(url: url, ids: IDGenerator())) }
        defer { stores.forEach { $0.close() } }
        #expect(Set(stores.map(\.nodeNumber.number)) == Set(0..<IDGenerator.nodeLimit))
        await #expect {
            try await TestPostgres.store(url: url, ids: IDGenerator())
        } throws: { error in
            "\(error)".contains("\(IDGenerator.nodeLimit) Starling processes use it already")
        }
        let freed = stores.removeFirst()
        freed.close()
        var reopened: PostgresStore?
        for _ in 0..<100 where reopened == nil { // closing lets the connection go asynchronously
            reopened = try? await TestPostgres.store(url: url, ids: IDGenerator())
            if reopened == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(reopened?.nodeNumber.number == freed.nodeNumber.number)
        reopened?.close()
    }

    @Test("a read is prepared once on its connection and run from the kept statement after that")
    func readsArePrepared() async throws {
        let store = try await PostgresStore(url: try await TestPostgres.freshDatabase(), ids: IDGenerator(), maximumConnections: 1)
        defer { store.close() }
        for _ in 0..<3 { _ = try await store.database.read { try await $0.scalar("SELECT count(*) FROM accounts WHERE id > ?", [Int64(0)]) } }
        let kept = try await store.database.read { db in
            try await db.rows("SELECT statement FROM pg_prepared_statements") { $0.string(0) }
        }
        #expect(kept.filter { $0 == "SELECT count(*) FROM accounts WHERE id > $1" }.count == 1)
    }

    @Test("a statement refused only because its transaction was aborted runs on that connection afterwards")
    func abortedTransactionsPoisonNoStatement() async throws {
        let store = try await PostgresStore(url: try await TestPostgres.freshDatabase(), ids: IDGenerator(), maximumConnections: 1)
        defer { store.close() }
        let probe = "SELECT count(*) FROM accounts WHERE id > ?"
        await #expect(throws: SQLError.self) {
            try await store.database.write { db in
                _ = try? await db.run("SELECT 1 / 0")
                return try await db.scalar(probe, [Int64(0)]) // refused: the transaction is aborted
            }
        }
        #expect(try await store.database.read { try await $0.scalar(probe, [Int64(0)]) } == 0)
    }

    @Test("a write through one node moves the change stamp another node reads")
    func sharedChangeStamp() async throws {
        let url = try await TestPostgres.freshDatabase()
        let nodeA = try await PostgresStore(url: url, ids: IDGenerator()), nodeB = try await PostgresStore(url: url, ids: IDGenerator())
        let before = try await nodeB.changeStamp()
        #expect(try await nodeB.changeStamp() == before)
        try await nodeA.setSetting("name", value: "Acme")
        let after = try await nodeB.changeStamp()
        #expect(after != before)
        #expect(try await nodeB.setting("name") == "Acme")
    }

    @Test("a failed statement rolls back everything in the same write")
    func writesAreAtomic() async throws {
        let store = try await TestPostgres.freshStore()
        await #expect(throws: (any Error).self) {
            try await store.database.write { db in
                try await db.run("INSERT INTO settings (key, value) VALUES ('a', '1')")
                try await db.run("INSERT INTO settings (key, value) VALUES ('a', '2')") // the same key again
            }
        }
        #expect(try await store.setting("a") == nil)
    }

    /// A loopback port nothing listens on: one the system just handed out, and closed again.
    static func closedPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 1
        try await channel.close()
        return port
    }
}
