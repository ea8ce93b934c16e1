import Foundation
import NIOPosix
import StarlingCore
import StarlingSQL

/// Uploaded files in `DIR/media/`, written atomically. Names are made by Starling, never by users;
/// anything that could leave the folder is refused. The files are read and written on threads of
/// SwiftNIO's pool for blocking work, never on Swift's cooperative threads.
public struct LocalFileStore: FileStore {
    let root: URL

    public init(dataDirectory: String) throws {
        root = URL(fileURLWithPath: dataDirectory).appendingPathComponent("media", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    public func save(_ bytes: [UInt8], as name: String) async throws {
        let url = try location(name)
        try await NIOThreadPool.singleton.runIfActive {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
        }
    }

    public func load(_ name: String) async throws -> [UInt8]? {
        guard let url = try? location(name) else { return nil }
        return try await NIOThreadPool.singleton.runIfActive { FileManager.default.contents(atPath: url.path).map(Array.init) }
    }

    public func delete(_ name: String) async throws {
        let url = try location(name)
        try await NIOThreadPool.singleton.runIfActive { try? FileManager.default.removeItem(at: url) }
    }

    /// The names of every stored file (copying them elsewhere: `starling admin migrate`).
    public func allNames() async throws -> [String] {
        try await NIOThreadPool.singleton.runIfActive { [root] in
            let prefix = root.standardizedFileURL.path + "/"
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
            return walker.compactMap { item -> String? in
                guard let url = item as? URL, (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { return nil }
                let path = url.standardizedFileURL.path
                return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
            }.sorted()
        }
    }

    private func location(_ name: String) throws -> URL {
        let parts = name.split(separator: "/")
        guard !parts.isEmpty, parts.allSatisfy({ part in
            part != "." && part != ".." && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        }) else { throw DomainError.notFound }
        return root.appendingPathComponent(parts.joined(separator: "/"))
    }
}
