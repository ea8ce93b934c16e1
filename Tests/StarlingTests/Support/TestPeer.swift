import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
@testable import StarlingActivityPub
@testable import StarlingCore
import StarlingWeb
import _CryptoExtras

/// A minimal ActivityPub server on loopback for tests: one actor, `peer`, with an RSA key, whose inbox
/// (and the server's shared inbox, `/inbox`, and a tag relay's address, `/tag/NAME`) keeps what it receives, which
/// serves the notes it publishes, and which signs what it sends as Mastodon does (or as a relay does).
actor TestPeer {
    let port: Int
    let key: _RSA.Signing.PrivateKey
    private(set) var received: [JSONValue] = []
    /// The path of each delivery that reached an inbox (the peer's own, or the shared `/inbox`), whatever it answered.
    private(set) var deliveries: [String] = []
    /// What the inbox answers: 202, unless a test makes it fail.
    private(set) var inboxStatus = 202
    /// Whether the actor was deleted: its document (and key) then answer 410 Gone.
    private(set) var isGone = false
    /// The notes the peer serves, by id (`publish`).
    private(set) var notes: [String: JSONValue] = [:]
    /// How many times the actor's document (and so its key) was asked for.
    private(set) var actorFetches = 0

    nonisolated var host: String { "127.0.0.1:\(port)" }
    nonisolated var actorID: String { "http://\(host)/users/peer" }
    nonisolated var inbox: String { actorID + "/inbox" }
    nonisolated var signer: RequestSigner { RequestSigner(keyID: actorID + "#main-key", key: key) }

    init(port: Int, key: _RSA.Signing.PrivateKey) {
        self.port = port
        self.key = key
    }

    /// Counts a delivery and, when the inbox is answering 2xx, keeps it; returns the status to answer.
    func receive(_ activity: JSONValue?, at path: String) -> Int {
        deliveries.append(path)
        if let activity, (200..<300).contains(inboxStatus) { received.append(activity) }
        return inboxStatus
    }

    func countActorFetch() { actorFetches += 1 }

    /// Makes the inbox answer `status` from now on (503 for a server in trouble, 410 for one gone).
    func answer(with status: Int) { inboxStatus = status }

    /// Deletes the actor: its document answers 410 Gone from now on.
    func leave() { isGone = true }

    /// Serves a note by the peer at `{actor}/statuses/{id}` (public unless `to` says otherwise), and returns its id.
    @discardableResult
    func publish(_ id: String, content: String, to: [String] = [ActivityStreams.publicAudience]) -> String {
        let uri = actorID + "/statuses/" + id
        notes[uri] = [
            "@context": .string(ActivityStreams.context), "id": .string(uri), "type": "Note", "attributedTo": .string(actorID),
            "content": .string(content), "to": .array(to.map { .string($0) }), "url": .string("http://\(host)/@peer/\(id)"),
        ]
        return uri
    }

    /// The activities of `type` received so far, waiting up to `seconds` for the first (long by default, for
    /// a busy machine: it returns as soon as one is there).
    func waitFor(_ type: String, seconds: Double = 15) async throws -> [JSONValue] {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            let found = received.filter { $0["type"]?.string == type }
            if !found.isEmpty { return found }
            try await Task.sleep(for: .milliseconds(20))
        }
        return []
    }

    /// The actor document the peer serves.
    nonisolated var actorDocument: JSONValue {
        [
            "@context": [.string(ActivityStreams.context), .string(ActivityStreams.securityContext)],
            "id": .string(actorID), "type": "Person", "preferredUsername": "peer", "name": "Peer Outside",
            "inbox": .string(inbox), "url": .string("http://\(host)/@peer"),
            "icon": ["type": "Image", "url": .string("http://\(host)/avatar.png")],
            "publicKey": ["id": .string(actorID + "#main-key"), "owner": .string(actorID), "publicKeyPem": .string(key.publicKey.pemRepresentation)],
        ]
    }

    /// POSTs `activity` to `inbox`, signed by the peer (or `signer`), with a Digest of `body` (the activity, unless given).
    nonisolated func deliver(_ activity: JSONValue, to inbox: String, signer: RequestSigner? = nil, body: [UInt8]? = nil,
                             via server: LiveServer) async throws -> Page {
        let url = URL(string: inbox)!
        let signed = activity.encoded
        var request = HTTPClientRequest(url: inbox)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: ActivityStreams.mediaType)
        for (name, value) in try (signer ?? self.signer).headers(method: "POST", url: url, body: signed, date: Date()) {
            request.headers.replaceOrAdd(name: name, value: value)
        }
        request.body = .bytes(ByteBuffer(bytes: body ?? signed))
        let response = try await server.client.execute(request, timeout: .seconds(30))
        let text = try await response.body.collect(upTo: 1 << 20)
        return Page(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: String(buffer: text))
    }
}

/// A test peer served on loopback (on `port`, or a free one) for the duration of `body`.
func withTestPeer<T: Sendable>(port: Int? = nil, _ body: @Sendable (TestPeer) async throws -> T) async throws -> T {
    guard let port = port ?? freePort(host: "127.0.0.1") else { throw TestFailure("no free port") }
    let peer = TestPeer(port: port, key: try _RSA.Signing.PrivateKey(keySize: .bits2048))
    let router = Router()
    router.get("/users/peer") { _, _ in
        await peer.countActorFetch()
        guard await !peer.isGone else { return Response(status: .gone) }
        return Response(status: .ok, headers: [.contentType: ActivityStreams.mediaType],
                        body: .init(byteBuffer: ByteBuffer(bytes: peer.actorDocument.encoded)))
    }
    router.get("/users/peer/statuses/:id") { request, _ in
        guard let note = await peer.notes["http://\(peer.host)\(request.uri.path)"] else { return Response(status: .notFound) }
        return Response(status: .ok, headers: [.contentType: ActivityStreams.mediaType], body: .init(byteBuffer: ByteBuffer(bytes: note.encoded)))
    }
    // A tag relay's address (`/tag/NAME`, as FediBuzz's), where servers send their follows, is an inbox too.
    for inbox in ["/users/peer/inbox", "/inbox", "/tag/:name"] {
        router.post(RouterPath(inbox)) { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            let status = await peer.receive(JSONValue(parsing: body.readableBytesView), at: request.uri.path)
            return Response(status: .init(code: status))
        }
    }
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
            try await app.runService(gracefulShutdownSignals: [])
            return nil
        }
        defer { group.cancelAll() }
        // Served once the actor document answers.
        for _ in 0..<100 {
            if (try? await HTTPClient.shared.execute(HTTPClientRequest(url: peer.actorID), timeout: .seconds(1))) != nil { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try await body(peer)
    }
}
