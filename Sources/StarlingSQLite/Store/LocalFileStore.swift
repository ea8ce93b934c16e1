import Foundation
import StarlingCore
import StarlingSQL

/// Uploaded files in `DIR/media/`, written atomically. Names are made by Starling, never by users;
/// anything that could leave the folder is refused.
public struct LocalFileStore: FileStore {
    let root: URL

    public init(dataDirectory: String) throws {
        root = URL(fileURLWithPath: dataDirectory).appendingPathComponent("media", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    public func save(_ bytes: [UInt8], as name: String) throws {
        let url = try location(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url, options: .atomic)
    }

    public func load(_ name: String) throws -> [UInt8]? {
        guard let url = try? location(name), let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return Array(data)
    }

    public func delete(_ name: String) throws {
        try? FileManager.default.removeItem(at: try location(name))
    }

    private func location(_ name: String) throws -> URL {
        let parts = name.split(separator: "/")
        guard !parts.isEmpty, parts.allSatisfy({ part in
            part != "." && part != ".." && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        }) else { throw DomainError.notFound }
        return root.appendingPathComponent(parts.joined(separator: "/"))
    }
}
