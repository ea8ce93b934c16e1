import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import Testing
@testable import StarlingCore

/// Mastodon's multiplexed WebSocket streaming over a real connection.
@Suite("Streaming (WebSocket)")
struct WebSocketStreamingTests {
    /// Connects to `/api/v1/streaming` + `query`, sends `messages`, runs `act` once the server has
    /// handled them, and returns what arrived within `seconds` as JSON objects; with `until`, what arrived
    /// until a message containing that text did (a later event than any the test waits for: the server
    /// sends each connection's events in order), within 30 seconds.
    ///
    /// The server answers messages in order, so a last message of an unknown type is a barrier: its
    /// error reply means every subscription before it is in place (a fixed pause raced busy machines).
    static func session(_ server: LiveServer, query: String = "", headers: HTTPFields = [:], messages: [String] = [],
                        seconds: Double = 1, until: String? = nil,
                        while act: @escaping @Sendable () async throws -> Void = {}) async throws -> [[String: Any]] {
        let received = Received()
        try await WebSocketClient.connect(url: "ws://127.0.0.1:\(server.port)/api/v1/streaming\(query)",
                                          configuration: .init(additionalHeaders: headers), logger: Logger(label: "ws-test")) { inbound, outbound, _ in
            for message in messages + [barrierMessage] { try await outbound.write(.text(message)) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        if case .text(let text) = message { received.append(text + "\n") }
                    }
                }
                group.addTask {
                    let deadline = ContinuousClock.now + .seconds(10)
                    while !received.text.contains(barrierReply), ContinuousClock.now < deadline {
                        try await Task.sleep(for: .milliseconds(10))
                    }
                    try await act()
                    if let until {
                        let deadline = ContinuousClock.now + .seconds(30)
                        while !received.text.contains(until), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
                    } else {
                        try await Task.sleep(for: .seconds(seconds))
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        }
        return received.text.split(separator: "\n").filter { !$0.contains(barrierReply) }.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }

    private static let barrierMessage = #"{"type":"test-barrier","stream":"user"}"#
    private static let barrierReply = "Unknown message type: test-barrier"

    private static func payload(_ message: [String: Any]) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data((message["payload"] as? String ?? "").utf8))) as? [String: Any] ?? [:]
    }

    @Test("one connection carries several streams, each message naming its stream; unsubscribing stops one")
    func multiplexed() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben"), cy = try await world.member("cy")
        try await world.starling.relations.follow(ben, by: ada)
        let token = try await world.starling.oauth.issueForScript(account: ada, scopes: "read").token
        try await withLiveServer(world) { server in
            let messages = try await Self.session(
                server, query: "?stream=user", headers: [.secWebSocketProtocol: token],
                messages: [#"{"type":"subscribe","stream":"hashtag","tag":"mentoring"}"#,
                           #"{"type":"subscribe","stream":"hashtag","tag":"quiet"}"#,
                           #"{"type":"unsubscribe","stream":"hashtag","tag":"quiet"}"#]
            ) {
                try await world.post("ben writes", by: ben)
                try await world.post("cy on #mentoring", by: cy)
                try await world.post("cy on #quiet", by: cy)
            }
            let updates = messages.filter { $0["event"] as? String == "update" }
            let streams = updates.map { ($0["stream"] as? [String] ?? []).joined(separator: ":") }
            #expect(streams.sorted() == ["hashtag:mentoring", "user"])
            #expect(updates.contains { (Self.payload($0)["content"] as? String ?? "").contains("ben writes") })
            #expect(!updates.contains { (Self.payload($0)["content"] as? String ?? "").contains("quiet") })
        }
    }

    @Test("edits arrive as status.update; a token in the Authorization header works too")
    func edits() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        let token = try await world.starling.oauth.issueForScript(account: ada, scopes: "read").token
        let post = try await world.post("first words", by: ada)
        try await withLiveServer(world) { server in
            let messages = try await Self.session(server, query: "?stream=public:local", headers: [.authorization: "Bearer \(token)"]) {
                try await world.starling.posts.edit(post.id, text: "better words", contentWarning: "", by: ada)
            }
            let update = messages.first { $0["event"] as? String == "status.update" }
            #expect((Self.payload(update ?? [:])["content"] as? String ?? "").contains("better words"))
        }
    }

    @Test("a stream never carries a post its viewer may not see, and another member's list is refused")
    func visibilityAndLists() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben"), cy = try await world.member("cy")
        try await world.starling.relations.follow(cy, by: ada)
        let list = try await world.starling.lists.create(title: "Ada's", repliesPolicy: nil, exclusive: nil, by: ada)
        let token = try await world.starling.oauth.issueForScript(account: ben, scopes: "read").token
        try await withLiveServer(world) { server in
            let messages = try await Self.session(
                server, query: "?access_token=\(token)&stream=public",
                messages: [#"{"type":"subscribe","stream":"list","list":"\#(list.id)"}"#, #"{"type":"subscribe","stream":"nonsense"}"#]
            ) {
                try await world.post("@ada for ada only", by: cy, visibility: .direct)
                try await world.post("for cy's followers", by: cy, visibility: .followers)
                try await world.post("for everyone here", by: cy)
            }
            let contents = messages.filter { $0["event"] as? String == "update" }.map { Self.payload($0)["content"] as? String ?? "" }
            #expect(contents.count == 1 && contents[0].contains("for everyone here"))
            let errors = messages.compactMap { $0["status"] as? Int }
            #expect(errors.sorted() == [400, 404])
        }
    }

    @Test("a bad token is refused before the upgrade, with a JSON 401")
    func badToken() async throws {
        let world = try await TestWorld()
        try await withLiveServer(world) { server in
            await #expect(throws: (any Error).self) {
                _ = try await Self.session(server, query: "?access_token=nope&stream=user", seconds: 0.1)
            }
            let plain = try await server.api("GET", "/api/v1/streaming?access_token=nope")
            #expect(plain.status == 401 && plain.string("error") == "The access token is invalid")
        }
    }
}

@Suite("Streaming (WebSocket): filters")
struct StreamingFilterTests {
    @Test("streams leave out what a hide filter matches and mark what a warn filter matches")
    func filtersApply() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        try await world.starling.relations.follow(ben, by: ada)
        _ = try await world.starling.filters.create(.init(title: "Spoilers", contexts: ["home"], action: "hide", keywords: [("finale", true)]), by: ada)
        _ = try await world.starling.filters.create(.init(title: "Sport", contexts: ["home"], action: "warn", keywords: [("match", true)]), by: ada)
        let token = try await world.starling.oauth.issueForScript(account: ada, scopes: "read").token
        try await withLiveServer(world) { server in
            let messages = try await WebSocketStreamingTests.session(server, query: "?stream=user&access_token=\(token)") {
                try await world.post("the finale was great", by: ben)
                try await world.post("match report", by: ben)
            }
            let payloads = messages.filter { $0["event"] as? String == "update" }.compactMap { $0["payload"] as? String }
            #expect(payloads.count == 1)
            #expect(payloads.first?.contains("match report") == true && payloads.first?.contains("\"filtered\"") == true)
        }
    }
}
