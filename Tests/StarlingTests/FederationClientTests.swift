import Foundation
@testable import StarlingActivityPub
@testable import StarlingCore
import Testing
import _CryptoExtras

/// What Starling's requests to other servers refuse to do, and which keys it believes (issue 17).
@Suite("Requests to other servers")
struct FederationClientTests {
    static let signer = RequestSigner(keyID: "https://org.example/actor#main-key", key: try! _RSA.Signing.PrivateKey(keySize: .bits2048))

    @Test("loopback, private, link-local and unique-local addresses are internal; public ones are not", arguments: [
        ("127.0.0.1", true), ("10.2.3.4", true), ("172.20.0.1", true), ("192.168.1.1", true), ("169.254.169.254", true),
        ("100.64.0.1", true), ("0.0.0.0", true), ("224.0.0.1", true), ("::1", true), ("fd00::1", true), ("fe80::1", true),
        ("::ffff:127.0.0.1", true), ("93.184.216.34", false), ("172.32.0.1", false), ("2606:4700::1111", false),
    ])
    func internalAddresses(address: String, isInternal: Bool) throws {
        var bytes = [UInt8](repeating: 0, count: 16)
        let parsed = address.contains(":") ? inet_pton(AF_INET6, address, &bytes) : inet_pton(AF_INET, address, &bytes)
        #expect(parsed == 1)
        #expect(AddressGuard.isInternal(Array(bytes.prefix(address.contains(":") ? 16 : 4))) == isInternal)
    }

    @Test("requests to loopback or private addresses, and over plain http, are refused unless allowed for tests", arguments: [
        ("https://127.0.0.1/users/bob", FederationError.privateAddress("127.0.0.1")),
        ("https://localhost:8443/inbox", FederationError.privateAddress("localhost")),
        ("https://10.0.0.7/inbox", FederationError.privateAddress("10.0.0.7")),
        ("http://social.example/users/bob", FederationError.insecureScheme("http://social.example/users/bob")),
    ])
    func privateAddressesAreRefused(url: String, error: FederationError) async throws {
        await #expect(throws: error) { try await AddressGuard(allowsPrivateAddresses: false).check(URL(string: url)!) }
        try await AddressGuard(allowsPrivateAddresses: true).check(URL(string: url)!)
    }

    @Test("nothing is fetched from or delivered to a domain the policy does not admit")
    func policyIsAskedFirst() async throws {
        let client = FederationClient(addressGuard: AddressGuard(allowsPrivateAddresses: true), userAgent: "test")
        let policy = DomainPolicy(mode: .allowlist, rules: [DomainRule(domain: try RemoteDomain(parsing: "friends.example"), kind: .allow,
                                                                        createdAt: Date())])
        await #expect(throws: FederationError.domainNotAllowed("127.0.0.1:9")) {
            try await client.fetch("http://127.0.0.1:9/users/bob", signedBy: Self.signer, policy: policy, now: Date())
        }
        await #expect(throws: FederationError.domainNotAllowed("strangers.example")) {
            try await client.deliver(["type": "Follow"], to: "https://strangers.example/inbox", signedBy: Self.signer, policy: policy, now: Date())
        }
    }

    @Test("a key is believed only as declared at its own address, for an owner on that same host", arguments: [
        // An actor's publicKey, with the key id asked for.
        (["id": "https://s.example/users/bob", "publicKey": ["id": "https://s.example/users/bob#main-key", "owner": "https://s.example/users/bob",
                                                              "publicKeyPem": "PEM"]], true),
        // Several keys, the one asked for among them.
        (["id": "https://s.example/users/bob", "publicKey": [["id": "https://s.example/users/bob#other", "publicKeyPem": "X"],
                                                              ["id": "https://s.example/users/bob#main-key", "publicKeyPem": "PEM"]]], true),
        // A key document of its own, naming its owner.
        (["id": "https://s.example/users/bob#main-key", "owner": "https://s.example/users/bob", "publicKeyPem": "PEM"], true),
        // An owner on another host.
        (["id": "https://s.example/users/bob", "publicKey": ["id": "https://s.example/users/bob#main-key", "owner": "https://evil.example/u/x",
                                                              "publicKeyPem": "PEM"]], false),
        // Another key id than the one asked for.
        (["id": "https://s.example/users/bob", "publicKey": ["id": "https://s.example/users/eve#main-key", "publicKeyPem": "PEM"]], false),
    ] as [(JSONValue, Bool)])
    func declaredKeys(document: JSONValue, believed: Bool) {
        let key = RemoteKeys.declaredKey("https://s.example/users/bob#main-key", in: document, fetchedFrom: "https://s.example/users/bob", at: Date())
        #expect((key?.publicKeyPEM == "PEM") == believed)
        if believed { #expect(key?.ownerID == "https://s.example/users/bob") }
    }

    @Test("a JSON document is read and written exactly: integers, booleans and nulls stay what they are")
    func jsonValueRoundTrip() throws {
        let text = #"{"a":[1,2.5,true,null,"x"],"big":111111111111111111,"o":{"k":false}}"#
        let value = try #require(JSONValue(parsing: Array(text.utf8)))
        #expect(value["big"] == .number("111111111111111111"))
        #expect(value["a"]?.items.count == 5)
        #expect(String(decoding: value.encoded, as: UTF8.self) == text)
        #expect(JSONValue(parsing: Array("{not json".utf8)) == nil)
    }

    @Test("lookups of one key at the same moment (a burst of activities from a new server) fetch it once")
    func keyFetchedOnceForABurst() async throws {
        try await withTestPeer { peer in
            let client = FederationClient(addressGuard: AddressGuard(allowsPrivateAddresses: true), userAgent: "test")
            let keys = RemoteKeys(client: client, clock: SystemClock()) { Self.signer }
            let policy = DomainPolicy(mode: .allowlist, rules: [DomainRule(domain: try RemoteDomain(parsing: peer.host), kind: .allow, createdAt: Date())])
            let fetchesBefore = await peer.actorFetches
            let found = try await withThrowingTaskGroup(of: RemoteKey.self) { group in
                for _ in 0..<12 { group.addTask { try await keys.key(peer.actorID + "#main-key", policy: policy) } }
                return try await group.reduce(into: [RemoteKey]()) { $0.append($1) }
            }
            #expect(found.count == 12)
            #expect(Set(found.map(\.publicKeyPEM)).count == 1)
            #expect(await peer.actorFetches - fetchesBefore == 1)
        }
    }
}
