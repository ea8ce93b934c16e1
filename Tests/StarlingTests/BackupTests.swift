import Foundation
import Synchronization
import Testing
@testable import StarlingCore
@testable import StarlingSQLite

@Suite("Backups")
struct BackupTests {
    static func scratch() -> String { NSTemporaryDirectory() + "starling-backup-" + UUID().uuidString }

    @Test("a backup made while posts are being written is one consistent moment: every author's count matches their posts")
    func consistentWhileWriting() async throws {
        let world = try await TestWorld(engine: .sqlite)
        let authors = try await (0..<4).asyncMap { try await world.member("w\($0)") }
        let maker = DataDirectoryBackups(store: try world.sqliteStore, dataDirectory: world.directory)
        // Stopped by a flag, not by cancelling: a cancelled post could end half-way through its call.
        let stop = Atomic(false)
        let writing = Task.detached {
            var written = 0
            while !stop.load(ordering: .relaxed) {
                _ = try await world.post("note \(written)", by: authors[written % authors.count])
                written += 1
            }
            return written
        }
        try await Task.sleep(for: .milliseconds(200))
        var backups: [String] = []
        for _ in 0..<3 {
            let directory = Self.scratch()
            _ = try maker.backup(into: directory, at: Date())
            backups.append(directory)
            try await Task.sleep(for: .milliseconds(100))
        }
        stop.store(true, ordering: .relaxed)
        let written = try await writing.value
        var restoredCounts: [Int] = []
        for backup in backups {
            let data = Self.scratch()
            _ = try DataDirectoryBackups.restore(from: backup, into: data)
            let restored = try SQLiteStore(dataDirectory: data, ids: IDGenerator())
            let (posts, mismatched) = try restored.database.read { db in
                (Int(try db.prepare("SELECT count(*) FROM posts").scalar() ?? 0),
                 Int(try db.prepare("""
                    SELECT count(*) FROM accounts a WHERE a.posts_count <> (SELECT count(*) FROM posts p WHERE p.author_id = a.id)
                    """).scalar() ?? 0))
            }
            #expect(mismatched == 0)
            restoredCounts.append(posts)
        }
        #expect(restoredCounts.first! > 0 && restoredCounts == restoredCounts.sorted() && restoredCounts.last! <= written)
    }

    @Test("a backup holds the media files and its manifest, and restores into a data directory that serves them")
    func mediaAndManifest() async throws {
        let world = try await TestWorld(engine: .sqlite)
        try await world.starling.files.save([1, 2, 3, 4], as: "attachments/ab/photo.png")
        let backup = Self.scratch()
        let manifest = try DataDirectoryBackups(store: try world.sqliteStore, dataDirectory: world.directory).backup(into: backup, at: Date())
        #expect(manifest.mediaFiles == 1 && manifest.mediaBytes == 4 && manifest.schemaVersion == SQLiteStore.schemaVersion)
        #expect(try BackupManifest.read(in: backup) == manifest)
        let data = Self.scratch()
        #expect(try DataDirectoryBackups.restore(from: backup, into: data) == manifest)
        #expect(try await LocalFileStore(dataDirectory: data).load("attachments/ab/photo.png") == [1, 2, 3, 4])
    }

    @Test("a backup refuses a folder that is not empty")
    func refusesNonEmptyFolder() async throws {
        let world = try await TestWorld(engine: .sqlite)
        let backup = Self.scratch()
        try FileManager.default.createDirectory(atPath: backup, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: backup + "/keep.txt", contents: Data("mine".utf8)))
        #expect(throws: BackupError.self) { try DataDirectoryBackups(store: try world.sqliteStore, dataDirectory: world.directory).backup(into: backup, at: Date()) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: backup) == ["keep.txt"])
    }

    @Test("a restore refuses an unfinished backup, one from a newer build, and a data directory that holds data; it writes nothing then")
    func restoreRefuses() async throws {
        let world = try await TestWorld(engine: .sqlite)
        try await world.member("ada")
        let backup = Self.scratch()
        let maker = DataDirectoryBackups(store: try world.sqliteStore, dataDirectory: world.directory)
        var manifest = try maker.backup(into: backup, at: Date())

        let occupied = try await TestWorld(engine: .sqlite).directory
        #expect(throws: BackupError.self) { try DataDirectoryBackups.restore(from: backup, into: occupied) }

        let fresh = Self.scratch()
        try FileManager.default.removeItem(atPath: backup + "/" + BackupManifest.fileName)
        #expect(throws: BackupError.self) { try DataDirectoryBackups.restore(from: backup, into: fresh) }
        manifest.schemaVersion = SQLiteStore.schemaVersion + 1
        try manifest.write(in: backup)
        #expect(throws: BackupError.self) { try DataDirectoryBackups.restore(from: backup, into: fresh) }
        #expect(!FileManager.default.fileExists(atPath: fresh + "/starling.sqlite"))
    }

    @Test("a damaged database copy is refused by the restore")
    func damagedCopy() async throws {
        let world = try await TestWorld(engine: .sqlite)
        for index in 0..<200 { try await world.member("m\(index)") }
        let backup = Self.scratch()
        _ = try DataDirectoryBackups(store: try world.sqliteStore, dataDirectory: world.directory).backup(into: backup, at: Date())
        let handle = try #require(FileHandle(forUpdatingAtPath: backup + "/starling.sqlite"))
        try handle.seek(toOffset: 4096 * 3)
        handle.write(Data(repeating: 0xA5, count: 4096 * 4))
        try handle.close()
        let fresh = Self.scratch()
        #expect(throws: (any Error).self) { try DataDirectoryBackups.restore(from: backup, into: fresh) }
        #expect(!FileManager.default.fileExists(atPath: fresh + "/starling.sqlite"))
    }

    @Test("nightly backups run at the hour in the organization's zone, keep the newest few, and catch up a missed night")
    func nightly() async throws {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = berlin
        let start = calendar.date(from: DateComponents(year: 2026, month: 12, day: 3, hour: 1))!
        let clock = ManualClock(start)
        let root = Self.scratch()
        let world = try await TestWorld(engine: .sqlite, clock: clock, timeZone: "Europe/Berlin", nightlyBackups: (root: root, keep: 2))
        let nightly = try #require(world.starling.nightlyBackups)
        try await nightly.schedule(now: clock.now())
        #expect(try await world.starling.jobRunner.runDue(now: clock.now()) == 0)
        clock.advance(by: 3600) // 02:00 in Berlin
        #expect(try await world.starling.jobRunner.runDue(now: clock.now()) == 1)
        #expect(try nightly.finished() == ["starling-2026-12-03-0200"])
        for _ in 0..<3 {
            clock.advance(by: 86400)
            try await world.starling.jobRunner.runDue(now: clock.now())
        }
        #expect(try nightly.finished() == ["starling-2026-12-06-0200", "starling-2026-12-05-0200"])

        // The server was down over two nights; started at 09:00, it backs up at once.
        clock.advance(by: 2 * 86400 + 7 * 3600)
        try await nightly.schedule(now: clock.now())
        #expect(try await world.starling.jobRunner.runDue(now: clock.now()) == 1)
        #expect(try nightly.finished().first == "starling-2026-12-08-0900")
    }

    @Test("admins see where the nightly backups go and which are kept; without them, how to turn them on")
    func jobsPage() async throws {
        let root = Self.scratch()
        let world = try await TestWorld(engine: .sqlite, nightlyBackups: (root: root, keep: 3))
        try await world.member("ada", role: .admin)
        try await world.starling.nightlyBackups?.run(now: Date())
        try await withSignedInBrowser(world, as: "ada") { browser, _ in
            let page = try await browser.get("/admin/jobs").body
            #expect(page.contains(root) && page.contains("the newest 3 are kept") && page.contains("<code>starling-"))
        }
        let without = try await TestWorld(engine: .sqlite)
        try await without.member("ada", role: .admin)
        try await withSignedInBrowser(without, as: "ada") { (browser: Browser, _: LiveServer) async throws in
            #expect(try await browser.get("/admin/jobs").body.contains("Nightly backups are off"))
        }
    }
}
