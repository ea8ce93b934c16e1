import Foundation

/// The server under test, as a child process (this same binary in `serve` mode), so its memory
/// and start-up time are measured on their own.
final class ServerProcess: @unchecked Sendable { // read-only after init
    let process = Process()
    let port: Int
    let launchedAt: Date

    init(dataDirectory: String, arguments: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["serve", "--data", dataDirectory, "--port", "0"] + arguments
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

    /// CPU time the server has used so far (user and system), in seconds.
    var cpuSeconds: Double { Self.cpuSeconds(pid: process.processIdentifier) }

    /// CPU time a process has used so far (user and system), in seconds.
    static func cpuSeconds(pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let afterName = stat.range(of: ") ") else { return 0 }
        // Fields after the command name start at field 3; utime and stime are fields 14 and 15.
        let fields = stat[afterName.upperBound...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
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
