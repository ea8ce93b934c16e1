import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
@testable import StarlingCore

@Suite("Streaming (server-sent events)")
struct StreamingTests {
    /// Reads a stream for `seconds` while `act` runs, and returns the events received; with `until`, reads
    /// until an event containing that text arrived (one the test sends after those it waits for: a stream
    /// sends its events in order), within 30 seconds.
    static func events(_ server: LiveServer, path: String, token: String, seconds: Double, until: String? = nil,
                       while act: @Sendable () async throws -> Void) async throws -> [(name: String, data: String)] {
        try await events(server, path: path, headers: [("Authorization", "Bearer \(token)")], seconds: seconds, until: until, while: act)
    }

    /// The same, with the given request headers (a browser's cookies, say).
    static func events(_ server: LiveServer, path: String, headers: [(String, String)], seconds: Double, until: String? = nil,
                       while act: @Sendable () async throws -> Void) async throws -> [(name: String, data: String)] {
        try await events(server, path: path, headers: headers, seconds: seconds, until: until) { _ in try await act() }
    }

    /// The same, with `act` given what has arrived so far (to wait for one event before the next step).
    static func events(_ server: LiveServer, path: String, headers: [(String, String)], seconds: Double, until: String? = nil,
                       receiving act: @Sendable (Received) async throws -> Void) async throws -> [(name: String, data: String)] {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)\(path)")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await server.client.execute(request, timeout: .seconds(30))
        #expect(response.status == .ok)
        #expect(response.headers["content-type"].first == "text/event-stream")
        let received = Received()
        let collected = Task {
            for try await chunk in response.body { received.append(String(buffer: chunk)) }
        }
        try await Task.sleep(for: .milliseconds(200))
        try await act(received)
        if let until {
            try await received.wait(for: until)
        } else {
            try await Task.sleep(for: .seconds(seconds))
        }
        collected.cancel()
        let text = received.text
        return text.components(separatedBy: "\n\n").compactMap { block in
            let lines = block.split(separator: "\n")
            guard let name = lines.first(where: { $0.hasPrefix("event: ") })?.dropFirst(7),
                  let data = lines.first(where: { $0.hasPrefix("data: ") })?.dropFirst(6) else { return nil }
            return (String(name), String(data))
        }
    }

    @Test("a follower's stream gets a followers-only post; another member's public stream does not")
    func visibility() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        try await world.member("cy")
        try await world.starling.relations.follow(ben, by: ada)
        let adaToken = try await world.starling.oauth.issueForScript(account: ada, scopes: "read").token
        let cy = try #require(try await world.store.account(username: "cy"))
        let cyToken = try await world.starling.oauth.issueForScript(account: cy, scopes: "read").token
        let listening = Listening()
        try await withLiveServer(world) { server in
            // Both streams listen before anything is posted.
            // Each stream is read until ben's last post, which both see, arrived after the others.
            async let adaEvents = Self.events(server, path: "/api/v1/streaming/user", token: adaToken, seconds: 1.5, until: "ben signs off") {
                await listening.add()
            }
            async let cyEvents = Self.events(server, path: "/api/v1/streaming/public", token: cyToken, seconds: 1.5, until: "ben signs off") {
                await listening.add()
            }
            try await listening.wait(for: 2)
            try await world.post("for my followers", by: ben, visibility: .followers)
            try await world.post("public-ish for everyone", by: ben)
            try await world.post("ben signs off", by: ben)
            let adaSaw = try await adaEvents.filter { $0.name == "update" && !$0.data.contains("ben signs off") }.map(\.data)
            #expect(adaSaw.count == 2)
            #expect(adaSaw.contains { $0.contains("for my followers") })
            let cySaw = try await cyEvents.filter { $0.name == "update" && !$0.data.contains("ben signs off") }.map(\.data)
            #expect(cySaw.count == 1)
            #expect(!cySaw.contains { $0.contains("for my followers") })
        }
    }

    @Test("notifications arrive on the user stream, and deletes only for delivered posts")
    func notificationsAndDeletes() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        let token = try await world.starling.oauth.issueForScript(account: ada, scopes: "read").token
        try await withLiveServer(world) { server in
            let events = try await Self.events(server, path: "/api/v1/streaming/user", headers: [("Authorization", "Bearer \(token)")],
                                               seconds: 0.8, until: "my last word") { received in
                let mine = try await world.post("my question", by: ada)
                try await world.starling.posts.like(mine.id, by: ben)
                try await received.wait(for: "favourite") // the stream rendered the like before the post goes
                let unseen = try await world.post("ben alone", by: ben, visibility: .direct)
                try await world.starling.posts.delete(unseen.id, by: ben)
                try await world.starling.posts.delete(mine.id, by: ada)
                try await world.post("my last word", by: ada)
            }
            try #require(events.map(\.name) == ["update", "notification", "delete", "update"])
            #expect(events[1].data.contains("\"type\":\"favourite\""))
        }
    }

    @Test("streams need a token with read scope")
    func needsToken() async throws {
        let world = try await TestWorld()
        try await withLiveServer(world) { (server) async throws in
            #expect(try await server.api("GET", "/api/v1/streaming/user").status == 401)
            #expect(try await server.api("GET", "/api/v1/streaming/health").body == "OK")
        }
    }
}

/// Text received so far on a stream, readable after the reading task is cancelled.
final class Received: @unchecked Sendable {
    private var buffer = ""
    private let lock = NSLock()
    func append(_ chunk: String) { lock.lock(); buffer += chunk; lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return buffer }

    /// Returns once `text` has arrived (`times` times), or after 30 seconds (the test's expectations then tell what is missing).
    func wait(for text: String, times: Int = 1) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while self.text.components(separatedBy: text).count <= times, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
    }
}
