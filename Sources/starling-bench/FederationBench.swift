import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import StarlingActivityPub
import StarlingCore
import StarlingWeb
import _CryptoExtras

/// The federation case (issue 17), against a peer the benchmark serves on loopback. Member 0 is open to
/// the outside and followed by 1,000 people on the peer, over 50 shared inboxes. Out: the time from
/// posting a public status over the API until every inbox has its `Create`. In: the peer sends 200
/// signed `Create`s a second to the shared inbox (signed beforehand, so signing costs the benchmark
/// nothing while it measures) while the clients, who follow the peer's actor, read the API home timeline: each
/// note is kept and reaches their homes; measured: what the inbox accepted and how fast, and the timeline's
/// throughput against its figure at rest.
struct FederationBench {
    static let followers = 1_000, inboxes = 50, inboundPerSecond = 200

    let driver: LoadDriver
    let peer: Peer
    let authorToken: String
    let readerTokens: [String]
    let seconds: Double

    struct Result {
        var fanOutSeconds: Double
        var inboxesReached: Int
        var inbound: LoadDriver.Result
        var inboundSent: Int
        var homeAtRest: LoadDriver.Result
        var homeWithInbound: LoadDriver.Result
    }

    /// The other server: one actor, which signs the inbound activities, and shared inboxes that note
    /// when the post awaited first arrives in each.
    final class Peer: @unchecked Sendable { // arrivals are read and written under `lock`
        let port: Int
        let key: _RSA.Signing.PrivateKey
        private let lock = NSLock()
        private var awaited = ""
        private var arrivals: [Int: Date] = [:]

        var host: String { "127.0.0.1:\(port)" }
        var actorID: String { "http://\(host)/actor" }
        func inbox(_ number: Int) -> String { "http://\(host)/inbox/\(number)" }

        init(port: Int) throws {
            self.port = port
            key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        }

        /// From now on, notes the arrivals of the activity whose body contains `marker`.
        func await(_ marker: String) { lock.withLock { awaited = marker; arrivals = [:] } }

        func arrived(at inbox: Int, body: String) {
            lock.withLock { if !awaited.isEmpty, body.contains(awaited), arrivals[inbox] == nil { arrivals[inbox] = Date() } }
        }

        /// How many inboxes have the awaited activity, and when the last of them got it.
        var reached: (count: Int, last: Date?) { lock.withLock { (arrivals.count, arrivals.values.max()) } }

        var actorDocument: JSONValue {
            [
                "@context": [.string(ActivityStreams.context), .string(ActivityStreams.securityContext)],
                "id": .string(actorID), "type": "Person", "preferredUsername": "benchpeer", "inbox": .string(inbox(0)),
                "publicKey": ["id": .string(actorID + "#main-key"), "owner": .string(actorID), "publicKeyPem": .string(key.publicKey.pemRepresentation)],
            ]
        }

        /// Serves the peer until the task is cancelled; returns once it answers.
        func start() async throws -> Task<Void, any Error> {
            let router = Router()
            let document = actorDocument.encoded
            router.get("/actor") { _, _ in
                Response(status: .ok, headers: [.contentType: ActivityStreams.mediaType], body: .init(byteBuffer: ByteBuffer(bytes: document)))
            }
            router.post("/inbox/{number}") { request, context in
                var request = request
                let body = try await request.collectBody(upTo: 1 << 20)
                self.arrived(at: Int(context.parameters.get("number") ?? "") ?? -1, body: String(buffer: body))
                return Response(status: .accepted)
            }
            var logger = Logger(label: "bench-peer")
            logger.logLevel = .warning
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
            let task = Task { try await app.runService(gracefulShutdownSignals: []) }
            for _ in 0..<200 {
                if (try? await HTTPClient.shared.execute(HTTPClientRequest(url: actorID), timeout: .seconds(1))) != nil { return task }
                try await Task.sleep(for: .milliseconds(20))
            }
            task.cancel()
            throw BenchError("the federation peer did not start")
        }
    }

    /// Before the server starts: federation in allowlist mode naming the peer, member 0 open to the outside
    /// (approving followers without asking) and followed by `followers` people on the peer, spread evenly
    /// over `inboxes` shared inboxes; the `readers` (usernames) follow the peer's actor, so that the notes it
    /// sends are kept and reach the homes being read, as a followed person's posts do. Returns member 0's write token.
    static func prepare(_ starling: Starling, peer: Peer, readers: [String]) async throws -> String {
        try await starling.federation.setMode(.allowlist, by: nil)
        try await starling.federation.list(peer.host, as: .allow, by: nil)
        guard let author = try await starling.store.account(username: DatasetGenerator.username(0)) else {
            throw BenchError("the dataset has no member 0")
        }
        try await starling.accounts.setFederationChoices(author, discoverable: true, locked: false)
        let now = Date()
        for index in 0..<followers {
            let uri = "http://\(peer.host)/users/follower\(index)"
            let actor = try await starling.store.keepRemoteActor(RemoteActor(
                id: starling.ids.next(), uri: uri, domain: peer.host, username: "follower\(index)", displayName: "Follower \(index)",
                inbox: uri + "/inbox", sharedInbox: peer.inbox(index % inboxes), profileURL: nil, avatarURL: nil, fetchedAt: now))
            try await starling.store.saveRemoteFollow(accountID: author.id, actorID: actor.id, activityURI: uri + "#follow", acceptedAt: now, createdAt: now)
        }
        let sender = try await starling.store.keepRemoteActor(RemoteActor(
            id: starling.ids.next(), uri: peer.actorID, domain: peer.host, username: "benchpeer", displayName: "Bench peer",
            inbox: peer.inbox(0), sharedInbox: peer.inbox(0), profileURL: nil, avatarURL: nil, fetchedAt: now))
        for username in Set(readers) {
            guard let reader = try await starling.store.account(username: username) else { throw BenchError("the dataset has no \(username)") }
            try await starling.store.setFollow(followerID: reader.id, followeeID: sender.id, on: true)
        }
        return try await starling.oauth.issueForScript(account: author, scopes: "read write").token
    }

    func run() async throws -> Result {
        // Out: one public post, to every follower's server.
        let marker = "fan-out \(UUID().uuidString)"
        peer.await(marker)
        var post = HTTPClientRequest(url: driver.base + "/api/v1/statuses")
        post.method = .POST
        post.headers.add(name: "Authorization", value: "Bearer \(authorToken)")
        post.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        post.body = .bytes(ByteBuffer(string: "visibility=public&status=" + marker.replacingOccurrences(of: " ", with: "+")))
        let posted = Date()
        let answer = try await driver.client.execute(post, timeout: .seconds(30))
        guard answer.status == .ok else { throw BenchError("posting the public status answered \(answer.status)") }
        while peer.reached.count < Self.inboxes, Date().timeIntervalSince(posted) < 60 { try await Task.sleep(for: .milliseconds(5)) }
        let reached = peer.reached
        let fanOut = reached.last.map { $0.timeIntervalSince(posted) } ?? .infinity

        // In: the timeline at rest, then again while signed activities arrive.
        let home = "/api/v1/timelines/home?limit=20"
        let readers = readerTokens
        let atRest = try await driver.run("API home timeline at rest", seconds: seconds, concurrency: readers.count, expect: .ok) { w, _ in
            driver.bearer(home, token: readers[w])
        }
        let creates = try signedCreates(count: Int((seconds + 1) * Double(Self.inboundPerSecond)))
        let sending = Task { try await send(creates) }
        let busy = try await driver.run("API home timeline, \(Self.inboundPerSecond) inbound activities/s", seconds: seconds,
                                        concurrency: readers.count, expect: .ok) { w, _ in driver.bearer(home, token: readers[w]) }
        let inbound = try await sending.value
        return Result(fanOutSeconds: fanOut, inboxesReached: reached.count, inbound: inbound, inboundSent: creates.count, homeAtRest: atRest,
                      homeWithInbound: busy)
    }

    /// `count` distinct `Create`s of public notes by the peer's actor, each signed (with its Digest) for the shared inbox.
    private func signedCreates(count: Int) throws -> [HTTPClientRequest] {
        let signer = try RequestSigner(keyID: peer.actorID + "#main-key", privateKeyPEM: peer.key.pemRepresentation)
        let inbox = URL(string: driver.base + "/inbox")!
        let run = UUID().uuidString
        return try (0..<count).map { number in
            let note = "http://\(peer.host)/notes/\(run)/\(number)"
            let activity: JSONValue = [
                "@context": .string(ActivityStreams.context), "id": .string(note + "/activity"), "type": "Create", "actor": .string(peer.actorID),
                "to": [.string(ActivityStreams.publicAudience)],
                "object": ["id": .string(note), "type": "Note", "attributedTo": .string(peer.actorID), "content": .string("<p>Inbound \(number)</p>"),
                           "to": [.string(ActivityStreams.publicAudience)], "published": .string(Date().formatted(.iso8601))],
            ]
            let body = activity.encoded
            var request = HTTPClientRequest(url: inbox.absoluteString)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: ActivityStreams.linkedDataMediaType)
            for (name, value) in try signer.headers(method: "POST", url: inbox, body: body, date: Date()) { request.headers.add(name: name, value: value) }
            request.body = .bytes(ByteBuffer(bytes: body))
            return request
        }
    }

    /// Sends the requests at `inboundPerSecond`, each on time whatever the earlier ones are waiting for
    /// (an open loop, as independent servers deliver); the first second is warm-up and not counted.
    private func send(_ requests: [HTTPClientRequest]) async throws -> LoadDriver.Result {
        let start = Date()
        let timed = try await withThrowingTaskGroup(of: (Double, Bool)?.self) { group in
            for (number, request) in requests.enumerated() {
                let due = start + Double(number) / Double(Self.inboundPerSecond)
                try await Task.sleep(for: .seconds(max(0, due.timeIntervalSinceNow)))
                group.addTask {
                    let sent = Date()
                    let response = try await driver.client.execute(request, timeout: .seconds(30))
                    _ = try await response.body.collect(upTo: 1 << 16)
                    guard sent >= start + 1 else { return nil }
                    return (Date().timeIntervalSince(sent) * 1000, response.status == .accepted)
                }
            }
            return try await group.reduce(into: [(Double, Bool)]()) { timed, result in if let result { timed.append(result) } }
        }
        return LoadDriver.Result(name: "inbound activities", latenciesMillis: timed.map(\.0), seconds: Double(requests.count) / Double(Self.inboundPerSecond) - 1,
                                 errors: timed.filter { !$0.1 }.count)
    }
}
