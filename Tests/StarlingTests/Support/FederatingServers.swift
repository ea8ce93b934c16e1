import AsyncHTTPClient
import Foundation
import NIOCore
@testable import StarlingActivityPub
@testable import StarlingCore
import StarlingWeb

/// A live Starling that federates in a test: its base URL names its own loopback port (so actor ids and
/// handles are real addresses), federation is on in allowlist mode, public posts exist, and it may reach
/// other servers on loopback (`--federation-allow-private-addresses`).
struct FederatingServer: Sendable {
    let world: TestWorld
    let server: LiveServer
    /// `127.0.0.1:PORT`, as handles, allow lists and the `Host` header name it.
    let host: String
    /// This server's ActivityPub side, as a test uses it to sign and send as one of its actors.
    let activityPub: ActivityPub

    var base: String { "http://" + host }
    var starling: Starling { world.starling }

    /// Allows the other servers' domains (this server's admin doing it through the federation service).
    func allow(_ others: FederatingServer...) async throws {
        for other in others { try await starling.federation.list(other.host, as: .allow, by: nil) }
    }

    /// A member others may find and follow (discoverable), with a bio.
    func discoverableMember(_ username: String, role: Role = .member) async throws -> Account {
        let account = try await world.member(username, role: role)
        try await starling.accounts.updateProfile(account, displayName: username.capitalized + " Outward", bio: "Learning in the open.")
        try await starling.accounts.setFederationChoices(account, discoverable: true, locked: true)
        return try await starling.store.account(id: account.id)!
    }

    /// GETs `path` on this server as another server does: `Accept` for ActivityStreams, signed by `signer`
    /// when given.
    func fetch(_ path: String, signedBy signer: RequestSigner? = nil, accept: String = ActivityStreams.mediaType) async throws -> Page {
        let url = URL(string: base + path)!
        var request = HTTPClientRequest(url: url.absoluteString)
        request.headers.add(name: "Accept", value: accept)
        if let signer {
            for (name, value) in try signer.headers(method: "GET", url: url, body: nil, date: Date()) {
                request.headers.replaceOrAdd(name: name, value: value)
            }
        }
        let response = try await server.client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return Page(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: String(buffer: body))
    }
}

/// `count` federating servers, each on a database of its own, for the duration of `body`.
func withFederatingServers<T: Sendable>(_ count: Int, _ body: @Sendable ([FederatingServer]) async throws -> T) async throws -> T {
    try await startFederatingServers(count, started: [], body)
}

private func startFederatingServers<T: Sendable>(
    _ count: Int, started: [FederatingServer], _ body: @Sendable ([FederatingServer]) async throws -> T
) async throws -> T {
    guard started.count < count else { return try await body(started) }
    guard let port = freePort(host: "127.0.0.1") else { throw TestFailure("no free port") }
    let host = "127.0.0.1:\(port)"
    let world = try await TestWorld(publicAccess: true, baseURL: "http://" + host)
    try await world.starling.federation.setMode(.allowlist, by: nil)
    return try await withLiveServer(world, port: port, options: ServerOptions(federationAllowsPrivateAddresses: true)) { server in
        let federating = FederatingServer(world: world, server: server, host: host,
                                          activityPub: ActivityPub(starling: world.starling, allowsPrivateAddresses: true))
        return try await startFederatingServers(count, started: started + [federating], body)
    }
}
