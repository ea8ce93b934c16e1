import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import StarlingCore

/// The live-event case: many people watch one chat's hashtag over Mastodon's WebSocket streaming
/// while posts arrive at a steady rate. Each viewer records, for every post it receives, the time
/// from the post's acceptance (the time in its id, taken when the server accepted it) to receipt.
/// With several nodes, the viewers alternate between them and the posts go through the first.
struct LiveEventBench {
    static let hashtag = "benchchat"

    let driver: LoadDriver
    let servers: [ServerProcess]
    /// One read token per viewer.
    let viewerTokens: [String]
    /// The people who post into the chat.
    let posters: [LoadDriver.Session]
    let postsPerSecond: Int
    let seconds: Double

    struct Result {
        var latenciesMillis: [Double]
        var delivered: Int
        var expected: Int
        /// Server CPU over the posting window (all nodes), in percent of one core.
        var serverCPU: Double
        /// The benchmark's own CPU (the viewers and the poster) over the same window.
        var viewersCPU: Double
        var serverPeakRSS: Double
        /// Time to open every viewer's connection.
        var connectSeconds: Double

        func percentile(_ p: Double) -> Double {
            LoadDriver.Result(name: "", latenciesMillis: latenciesMillis, seconds: 1, errors: 0).percentile(p)
        }
    }

    func run() async throws -> Result {
        let received = Deliveries()
        let connected = Deliveries()
        let started = Date()
        let viewers = viewerTokens.enumerated().map { index, token in
            Task {
                try await WebSocketClient.connect(
                    url: "ws://127.0.0.1:\(servers[index % servers.count].port)/api/v1/streaming?stream=hashtag&tag=\(Self.hashtag)",
                    configuration: .init(additionalHeaders: [.authorization: "Bearer \(token)"]), logger: Logger(label: "bench-viewer")
                ) { inbound, _, _ in
                    connected.record(0)
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        guard case .text(let text) = message, let accepted = Self.acceptanceMillis(text) else { continue }
                        received.record(Date().timeIntervalSince1970 * 1000 - accepted)
                    }
                }
            }
        }
        while connected.count < viewerTokens.count {
            try await Task.sleep(for: .milliseconds(50))
            if Date().timeIntervalSince(started) > 60 { throw BenchError("only \(connected.count) viewers connected in 60 s") }
        }
        let connectSeconds = Date().timeIntervalSince(started)
        try await Task.sleep(for: .seconds(1)) // every server-side subscription is in place

        var serversCPU: Double { servers.map(\.cpuSeconds).reduce(0, +) }
        var serversRSS: Double { servers.map(\.residentMiB).max() ?? 0 }
        let cpuBefore = serversCPU, ownBefore = ServerProcess.cpuSeconds(pid: getpid()), windowStart = Date()
        var peakRSS = serversRSS
        var posted = 0
        while Date().timeIntervalSince(windowStart) < seconds {
            posted += 1
            let form = "text=A1+live+answer+\(posted)+%23\(Self.hashtag)&visibility=organization"
            let poster = posters[posted % posters.count]
            Task { _ = try? await driver.client.execute(driver.postForm("/posts", form, session: poster), timeout: .seconds(10)) }
            if posted % postsPerSecond == 0 { peakRSS = max(peakRSS, serversRSS) }
            let due = windowStart.addingTimeInterval(Double(posted) / Double(postsPerSecond))
            try await Task.sleep(for: .seconds(max(0, due.timeIntervalSinceNow)))
        }
        let window = Date().timeIntervalSince(windowStart)
        let cpu = (serversCPU - cpuBefore) / window * 100, ownCPU = (ServerProcess.cpuSeconds(pid: getpid()) - ownBefore) / window * 100
        try await Task.sleep(for: .seconds(2)) // the last deliveries
        peakRSS = max(peakRSS, serversRSS)
        for viewer in viewers { viewer.cancel() }
        return Result(latenciesMillis: received.values, delivered: received.count, expected: posted * viewerTokens.count,
                      serverCPU: cpu, viewersCPU: ownCPU, serverPeakRSS: peakRSS, connectSeconds: connectSeconds)
    }

    /// The acceptance time of the status in an `update` message: the milliseconds in its id. Only the
    /// start of the message is read (`{"stream":[...],"event":"update","payload":"{\"id\":\"123...`), by
    /// a plain byte scan: the viewers share the server's two cores, and the standard library's generic
    /// `firstRange(of:)` here took 40% of a core, as much CPU as a fifth of the server's.
    static func acceptanceMillis(_ message: String) -> Double? {
        var message = message
        return message.withUTF8 { bytes in
            let head = UnsafeBufferPointer(rebasing: bytes.prefix(160))
            guard let event = end(of: eventMarker, in: head), head[event...].starts(with: updateMarker),
                  let id = end(of: idMarker, in: head) else { return nil }
            var value: Int64 = 0
            for byte in head[id...] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { break }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return Double(value >> 16)
        }
    }

    private static let eventMarker = Array(#""event":""#.utf8), updateMarker = Array("update".utf8), idMarker = Array(#"{\"id\":\""#.utf8)

    /// The index just past the first occurrence of `pattern` in `bytes`.
    private static func end(of pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        for start in bytes.startIndex...(bytes.endIndex - pattern.count) where bytes[start] == pattern[0] {
            if pattern.indices.allSatisfy({ bytes[start + $0] == pattern[$0] }) { return start + pattern.count }
        }
        return nil
    }
}

/// Values recorded from many connections at once.
final class Deliveries: @unchecked Sendable {
    private var recorded: [Double] = []
    private let lock = NSLock()

    func record(_ value: Double) { lock.withLock { recorded.append(value) } }
    var values: [Double] { lock.withLock { recorded } }
    var count: Int { lock.withLock { recorded.count } }
}
