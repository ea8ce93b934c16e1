import ArgumentParser
import Foundation
import StarlingCore
import StarlingSQLite

/// `starling-bench timings`: how long the store calls behind one API home timeline request take,
/// in this process, without HTTP (for finding where a request's time goes; run `run` first to make
/// the dataset).
struct QueryTimings: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "timings", abstract: "Time the store calls behind an API home timeline.")
    @Option(help: "Dataset directory made by `run`.") var data = "./bench-data"
    func run() async throws {
        let ids = IDGenerator()
        let store = try SQLiteStore(dataDirectory: data, ids: ids)
        let starling = Starling(store: store, files: try LocalFileStore(dataDirectory: data), ids: ids, settings: InstanceSettings())
        let account = try store.account(username: DatasetGenerator.username(37))!
        let token = try starling.oauth.issueForScript(account: account, scopes: "read").token
        /// Mean microseconds of 2,000 calls, after 200 to warm up.
        func time(_ label: String, _ body: () throws -> Void) rethrows {
            for _ in 0..<200 { try body() }
            let start = Date()
            for _ in 0..<2000 { try body() }
            say(String(format: "%-30@ %7.1f us", label, Date().timeIntervalSince(start) / 2000 * 1e6))
        }
        try time("grant") { _ = try starling.oauth.grant(bearer: token) }
        try time("home first page") { _ = try starling.reads.timeline(.home, viewer: account, page: PageRequest(limit: 20)) }
        let positions = try store.timelinePositions(.home, viewer: account.id, page: PageRequest(limit: 20))
        try time("positions scan (20)") { _ = try store.timelinePositions(.home, viewer: account.id, page: PageRequest(limit: 20)) }
        try time("positions since now") { _ = try store.timelinePositions(.home, viewer: account.id, page: PageRequest(sinceID: ID(floorOf: Date()), limit: 60)) }
        try time("entries(positions)") { _ = try store.timeline(.home, viewer: account.id, positions: positions) }
        try time("filters") { _ = try starling.filters.active(for: account, in: .home) }
        try time("empty read") { _ = try store.accountCount() }
    }
}
