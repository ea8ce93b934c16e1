import Foundation

/// The server under test, as a child process (this same binary in `serve` mode), so its memory
/// and start-up time are measured on their own.
final class ServerProcess: @unchecked Sendable { // read-only after init
    let process = Process()
    let port: Int
    let launchedAt: Date

    init(dataDirectory: String) throws {
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["serve", "--data", dataDirectory, "--port", "0"]
        let output = Pipe()
        process.standardOutput = output
        launchedAt = Date()
        try process.run()
        var buffer = Data()
        var port: Int?
        while port == nil {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw BenchError("the server exited before it was ready") }
            buffer.append(chunk)
            if let text = String(data: buffer, encoding: .utf8), let line = text.split(separator: "\n").first(where: { $0.hasPrefix("READY ") }) {
                port = Int(line.dropFirst(6))
            }
        }
        self.port = port!
    }

    /// Resident memory of the server, in MiB.
    var residentMiB: Double {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kib = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kib / 1024
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
