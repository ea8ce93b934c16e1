import Foundation
import Testing
@testable import StarlingCore
@testable import StarlingSQLite

/// How the SQLite database keeps reads going while writes wait, and its log short.
@Suite("SQLite's writer, readers and log")
struct SQLiteDatabaseTests {
    @Test("reads go on while many writes wait for a slow one")
    func readsDoNotWaitForQueuedWrites() async throws {
        let world = try await TestWorld(engine: .sqlite)
        let database = try world.sqliteStore.database
        let slow = Task { try await database.writeOffPool { _ in Thread.sleep(forTimeInterval: 2) } }
        try await Task.sleep(for: .milliseconds(200))
        // More writes than the read threads: before, each of them held a read thread while it waited.
        let queued = (0..<20).map { _ in Task { try await database.writeOffPool { _ in } } }
        try await Task.sleep(for: .milliseconds(200))
        let started = ContinuousClock.now
        let one = try await database.readOffPool { try $0.prepare("SELECT 1").scalar() }
        #expect(one == 1)
        #expect(ContinuousClock.now - started < .seconds(1))
        try await slow.value
        for write in queued { try await write.value }
    }

    @Test("the log is copied into the database file beside the writer, every hundred writes")
    func logIsCheckpointed() async throws {
        let world = try await TestWorld(engine: .sqlite)
        let database = try world.sqliteStore.database
        try await database.withWriterOffPool { try $0.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)") }
        let writes = Database.restartEvery + Database.checkpointEvery
        for index in 0..<writes {
            try await database.writeOffPool { try $0.execute("INSERT INTO notes (text) VALUES ('note \(index)')") }
        }
        // What the database file alone holds, without its log: a copy of the file opened on its own (not
        // a checkpoint, which would copy the log itself). Nil while a checkpoint is writing the file.
        func notesInFile() -> Int64? {
            let copy = world.directory + "/file-alone.sqlite"
            try? FileManager.default.removeItem(atPath: copy)
            guard (try? FileManager.default.copyItem(atPath: database.path, toPath: copy)) != nil,
                  let alone = try? Connection(path: copy, readOnly: false) else { return nil }
            return try? alone.prepare("SELECT count(*) FROM notes").scalar()
        }
        let deadline = ContinuousClock.now + .seconds(10)
        var inFile = notesInFile()
        while (inFile ?? 0) < Int64(writes - Database.checkpointEvery), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            inFile = notesInFile()
        }
        #expect((inFile ?? 0) >= Int64(writes - Database.checkpointEvery))
    }

    @Test("writes committed together are seen together, once the group's transaction is committed, and only then do their callers go on")
    func groupCommittedAtOnce() async throws {
        let world = try await TestWorld(engine: .sqlite)
        let database = try world.sqliteStore.database
        try await database.withWriterOffPool { try $0.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)") }
        let group = GroupCommit(database: database, window: .milliseconds(50))
        let started = ContinuousClock.now
        // Both join one group; the first's row is written 350 ms in, the second's about 950 ms in.
        let first = Task { try await group.write { try $0.execute("INSERT INTO notes (text) VALUES ('first')"); Thread.sleep(forTimeInterval: 0.3) } }
        let second = Task { try await group.write { Thread.sleep(forTimeInterval: 0.6); try $0.execute("INSERT INTO notes (text) VALUES ('second')") } }
        try await Task.sleep(for: .milliseconds(650))
        // Committed one by one, the first would be seen by now.
        #expect(try await database.readOffPool { try $0.prepare("SELECT count(*) FROM notes").scalar() } == 0)
        try await first.value
        #expect(ContinuousClock.now - started >= .milliseconds(900))
        try await second.value
        #expect(try await database.readOffPool { try $0.prepare("SELECT count(*) FROM notes").scalar() } == 2)
    }

    @Test("a write that fails in a group is undone alone: its caller gets the error, the others are committed")
    func failedWriteUndoneAlone() async throws {
        struct Refused: Error {}
        let world = try await TestWorld(engine: .sqlite)
        let database = try world.sqliteStore.database
        try await database.withWriterOffPool { try $0.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)") }
        let group = GroupCommit(database: database, window: .milliseconds(100))
        let writes = (0..<3).map { index in
            Task {
                try await group.write { connection in
                    try connection.execute("INSERT INTO notes (text) VALUES ('note \(index)')")
                    if index == 1 { throw Refused() }
                }
            }
        }
        try await writes[0].value
        await #expect(throws: Refused.self) { try await writes[1].value }
        try await writes[2].value
        let kept = try await database.readOffPool { try $0.prepare("SELECT text FROM notes ORDER BY text").rows { $0.string(0) } }
        #expect(kept == ["note 0", "note 2"])
    }
}
