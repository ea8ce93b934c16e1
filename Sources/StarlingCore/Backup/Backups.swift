import Foundation

/// What a backup holds. Written last, as `backup.json`, so a backup cut short is never taken for a whole one.
public struct BackupManifest: Codable, Sendable, Equatable {
    public static let fileName = "backup.json"

    public var createdAt: Date
    /// The schema version of the copied database; a restore refuses one newer than its own build's.
    public var schemaVersion: Int
    public var databaseBytes: Int64
    public var mediaFiles: Int
    public var mediaBytes: Int64

    /// `createdAt` is kept to the second, as the manifest writes it.
    public init(createdAt: Date, schemaVersion: Int, databaseBytes: Int64, mediaFiles: Int, mediaBytes: Int64) {
        self.createdAt = Date(timeIntervalSince1970: createdAt.timeIntervalSince1970.rounded(.down))
        self.schemaVersion = schemaVersion
        self.databaseBytes = databaseBytes
        self.mediaFiles = mediaFiles
        self.mediaBytes = mediaBytes
    }

    /// Reads `directory/backup.json`; nil when there is none (not a backup, or an unfinished one).
    public static func read(in directory: String) throws -> BackupManifest? {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(BackupManifest.self, from: data)
    }

    /// Writes `directory/backup.json`.
    public func write(in directory: String) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: (directory as NSString).appendingPathComponent(Self.fileName)), options: .atomic)
    }

    /// "12.3 MB database, 42 media files (8.1 MB)", for people.
    public var summary: String {
        "\(Self.megabytes(databaseBytes)) database, \(mediaFiles) media \(mediaFiles == 1 ? "file" : "files") (\(Self.megabytes(mediaBytes)))"
    }

    static func megabytes(_ bytes: Int64) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }
}

/// Makes backups of everything Starling keeps, while it runs: one implementation per storage engine
/// (the SQLite one copies the database with SQLite's online backup, and the media files).
public protocol BackupMaker: Sendable {
    /// Writes a consistent copy into `directory`, which must not exist or be empty, ending with its manifest.
    func backup(into directory: String, at now: Date) throws -> BackupManifest
}
