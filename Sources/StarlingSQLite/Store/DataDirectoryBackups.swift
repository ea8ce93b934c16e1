import Foundation
import StarlingCore
import StarlingSQL

/// Backups of a data directory: the database copied by SQLite's online backup (one consistent moment,
/// taken while the server goes on writing), then the media files. A backup folder is laid out as a data
/// directory (`starling.sqlite`, `media/`) plus its manifest, so restoring is copying it back.
public struct DataDirectoryBackups: BackupMaker {
    static let databaseName = "starling.sqlite"
    let store: SQLiteStore
    let dataDirectory: String

    public init(store: SQLiteStore, dataDirectory: String) {
        self.store = store
        self.dataDirectory = dataDirectory
    }

    public func backup(into directory: String, at now: Date) throws -> BackupManifest {
        let files = FileManager.default
        if files.fileExists(atPath: directory) {
            guard try files.contentsOfDirectory(atPath: directory).isEmpty else {
                throw BackupError("\(directory) is not empty: back up into a new or empty folder.")
            }
        } else {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let database = (directory as NSString).appendingPathComponent(Self.databaseName)
        // The database first: media files it names were written before their rows, so they are there to copy.
        try store.database.backup(to: database)
        let schema = try Self.check(database)
        let media = try Self.copyTree(from: Self.media(in: dataDirectory), to: Self.media(in: directory))
        let manifest = BackupManifest(createdAt: now, schemaVersion: schema, databaseBytes: try Self.size(of: database),
                                      mediaFiles: media.files, mediaBytes: media.bytes)
        try manifest.write(in: directory)
        return manifest
    }

    /// Copies a finished backup into `dataDirectory`, which must hold no database and no media yet.
    /// Nothing is left half-copied: the pieces are copied under temporary names and renamed at the end.
    public static func restore(from backup: String, into dataDirectory: String) throws -> BackupManifest {
        guard let manifest = try? BackupManifest.read(in: backup) else {
            throw BackupError("\(backup) holds no finished Starling backup (\(BackupManifest.fileName) is missing or unreadable).")
        }
        guard manifest.schemaVersion <= SQLiteStore.schemaVersion else {
            throw BackupError("This backup was made by a newer Starling (schema version \(manifest.schemaVersion); this build knows up to \(SQLiteStore.schemaVersion)).")
        }
        let files = FileManager.default
        let database = (dataDirectory as NSString).appendingPathComponent(databaseName), media = Self.media(in: dataDirectory)
        guard !files.fileExists(atPath: database), ((try? files.contentsOfDirectory(atPath: media)) ?? []).isEmpty else {
            throw BackupError("\(dataDirectory) already holds Starling data: restore into an empty data directory.")
        }
        let source = (backup as NSString).appendingPathComponent(databaseName)
        _ = try check(source)
        try files.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let stagedDatabase = database + ".restoring", stagedMedia = media + ".restoring"
        do {
            for staged in [stagedDatabase, stagedMedia] where files.fileExists(atPath: staged) { try files.removeItem(atPath: staged) }
            try files.copyItem(atPath: source, toPath: stagedDatabase)
            _ = try copyTree(from: Self.media(in: backup), to: stagedMedia)
            if files.fileExists(atPath: media) { try files.removeItem(atPath: media) }
            try files.moveItem(atPath: stagedMedia, toPath: media)
            try files.moveItem(atPath: stagedDatabase, toPath: database)
        } catch {
            try? files.removeItem(atPath: stagedDatabase)
            try? files.removeItem(atPath: stagedMedia)
            throw error
        }
        return manifest
    }

    /// Checks a database copy page by page (`PRAGMA quick_check`); returns its schema version.
    ///
    /// SQLite 3.40 (Debian 12's) reports "NULL value in T.C" for a WITHOUT ROWID table whose NOT NULL
    /// column comes before a key column, when there is no NULL (`CREATE TABLE t (a NOT NULL, p NOT NULL,
    /// b NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID` with one row shows it); those lines are not damage.
    static func check(_ path: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: path) else { throw BackupError("\(path) is missing.") }
        let connection = try Connection(path: path, readOnly: true)
        let withoutRowID = Set(try connection.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%WITHOUT ROWID%'")
            .rows { $0.string(0) })
        let problems = try connection.prepare("PRAGMA quick_check").rows { $0.string(0) }.filter { line in
            guard line != "ok" else { return false }
            guard line.hasPrefix("NULL value in "), let table = line.dropFirst(14).split(separator: ".").first else { return true }
            return !withoutRowID.contains(String(table))
        }
        guard problems.isEmpty else { throw BackupError("The database copy \(path) is damaged: \(problems.prefix(5).joined(separator: "; "))") }
        return Int(try connection.prepare("PRAGMA user_version").scalar() ?? 0)
    }

    static func media(in directory: String) -> String { (directory as NSString).appendingPathComponent("media") }

    static func size(of path: String) throws -> Int64 {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// Copies every file under `source` (when it exists) to the same place under `target`; returns how many and their bytes.
    static func copyTree(from source: String, to target: String) throws -> (files: Int, bytes: Int64) {
        let files = FileManager.default
        try files.createDirectory(atPath: target, withIntermediateDirectories: true)
        guard let walker = files.enumerator(atPath: source) else { return (0, 0) }
        var count = 0, bytes: Int64 = 0
        while let relative = walker.nextObject() as? String {
            let from = (source as NSString).appendingPathComponent(relative), to = (target as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard files.fileExists(atPath: from, isDirectory: &isDirectory) else { continue } // deleted meanwhile
            if isDirectory.boolValue {
                try files.createDirectory(atPath: to, withIntermediateDirectories: true)
            } else {
                do {
                    try files.copyItem(atPath: from, toPath: to)
                } catch where !files.fileExists(atPath: from) {
                    continue // deleted while it was copied: an abandoned upload the database no longer names
                }
                count += 1
                bytes += try size(of: to)
            }
        }
        return (count, bytes)
    }
}

/// A backup or restore that cannot be done, with the reason in words.
public struct BackupError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
