import Foundation
import Logging

/// Writes each log entry as one JSON object on one line (`--log-format json`), for log shippers:
/// `time`, `level`, `logger`, `message`, then the entry's metadata as fields; a request's id, which
/// Hummingbird keeps as `hb.request.id`, is written as `request_id`.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private let write: @Sendable ([UInt8]) -> Void

    /// A handler for `label` that hands each finished line to `write` (standard output by default).
    public init(label: String, write: @escaping @Sendable ([UInt8]) -> Void = JSONLogHandler.standardOutput) {
        self.label = label
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
                    file: String, function: String, line: UInt) {
        let fields = metadata.merging(explicit ?? [:]) { _, new in new }
        var line = JSONWriter.write(capacity: 256) { json in
            json.object { json in
                json.field("time", Date())
                json.field("level", level.rawValue)
                json.field("logger", label)
                json.field("message", message.description)
                for (key, value) in fields.sorted(by: { $0.key < $1.key }) where !Self.reserved.contains(key) {
                    json.dynamicKey(key == "hb.request.id" ? "request_id" : key)
                    Self.write(value, into: &json)
                }
            }
        }
        line.append(UInt8(ascii: "\n"))
        write(line)
    }

    /// Names the handler writes itself, which metadata may not replace.
    private static let reserved: Set<String> = ["time", "level", "logger", "message"]

    private static func write(_ value: Logger.Metadata.Value, into json: inout JSONWriter) {
        switch value {
        case .string(let text): json.string(text)
        case .stringConvertible(let convertible): json.string(convertible.description)
        case .array(let items): json.array(items) { write($1, into: &$0) }
        case .dictionary(let entries):
            json.object { json in
                for (key, item) in entries.sorted(by: { $0.key < $1.key }) {
                    json.dynamicKey(key)
                    write(item, into: &json)
                }
            }
        }
    }

    private static let outputLock = NSLock()

    /// Writes a line to standard output whole, never interleaved with another thread's line.
    public static let standardOutput: @Sendable ([UInt8]) -> Void = { line in
        outputLock.withLock { FileHandle.standardOutput.write(Data(line)) }
    }
}
