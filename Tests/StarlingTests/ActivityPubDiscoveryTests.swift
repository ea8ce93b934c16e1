import Foundation
@testable import StarlingActivityPub
@testable import StarlingCore
import Testing

/// How other servers find Starling's members and read their actor documents (issue 17): WebFinger,
/// NodeInfo, actors, and authorized fetch between real servers on loopback.
@Suite("Discovery and actor documents (ActivityPub)", .serialized) // several live servers each: one test at a time keeps the databases' connections few
struct ActivityPubDiscoveryTests {
    static func json(_ page: Page) throws -> JSONValue {
        guard let value = JSONValue(parsing: Array(page.body.utf8)) else { throw TestFailure("not JSON: \(page.body)") }
        return value
    }

    @Test("WebFinger finds a member who chose to be found, by handle or by actor id, and links the actor document")
    func webFingerFindsDiscoverableMember() async throws {
        try await withFederatingServers(1) { servers in
            let a = servers[0]
            _ = try await a.discoverableMember("ada")
            for resource in ["acct:ada@\(a.host)", "ada@\(a.host)", "\(a.base)/users/ada"] {
                let page = try await a.fetch("/.well-known/webfinger?resource=" + Browser.encode(resource), accept: "application/jrd+json")
                #expect(page.status == 200, "\(resource)")
                #expect(page.header("content-type")?.hasPrefix("application/jrd+json") == true)
                let document = try Self.json(page)
                #expect(document["subject"]?.string == "acct:ada@\(a.host)")
                let link = document["links"]?.items.first { $0["rel"]?.string == "self" }
                #expect(link?["type"]?.string == "application/activity+json")
                #expect(link?["href"]?.string == "\(a.base)/users/ada")
            }
        }
    }

    @Test("WebFinger and actor documents know nobody who did not choose to be found, nor anyone of another host")
    func webFingerKnowsNobodyElse() async throws {
        try await withFederatingServers(1) { servers in
            let a = servers[0]
            try await a.world.member("ben")
            let cat = try await a.discoverableMember("cat")
            let admin = try await a.world.member("root", role: .admin)
            _ = try await a.starling.moderation.suspend(cat, reason: "spam", by: admin)
            for resource in ["acct:ben@\(a.host)", "acct:cat@\(a.host)", "acct:nobody@\(a.host)", "acct:ben@elsewhere.example", "acct:"] {
                let page = try await a.fetch("/.well-known/webfinger?resource=" + Browser.encode(resource), accept: "application/jrd+json")
                #expect(page.status == 404, "\(resource)")
            }
            for username in ["ben", "cat", "nobody"] {
                #expect(try await a.fetch("/users/" + username).status == 404)
            }
            let missing = try await a.fetch("/.well-known/webfinger", accept: "application/jrd+json")
            #expect(missing.status == 400)
            #expect(try Self.json(missing)["error"]?.string?.contains("resource=") == true)
        }
    }

    @Test("with federation off, WebFinger, host-meta, NodeInfo and every actor are not found")
    func nothingExistsWhileFederationIsOff() async throws {
        try await withFederatingServers(1) { servers in
            let a = servers[0]
            _ = try await a.discoverableMember("ada")
            try await a.starling.federation.setMode(.off, by: nil)
            for path in ["/.well-known/webfinger?resource=acct:ada@\(a.host)", "/.well-known/host-meta", "/.well-known/nodeinfo",
                         "/nodeinfo/2.1", "/actor", "/users/ada"] {
                #expect(try await a.fetch(path).status == 404, "\(path)")
            }
        }
    }

    @Test("NodeInfo 2.1 names Starling and ActivityPub and tells no headcount")
    func nodeInfo() async throws {
        try await withFederatingServers(1) { servers in
            let a = servers[0]
            _ = try await a.discoverableMember("ada")
            let links = try Self.json(try await a.fetch("/.well-known/nodeinfo", accept: "application/json"))
            let href = links["links"]?.items.first?["href"]?.string
            #expect(href == a.base + "/nodeinfo/2.1")
            let page = try await a.fetch("/nodeinfo/2.1", accept: "application/json")
            let document = try Self.json(page)
            #expect(document["version"]?.string == "2.1")
            #expect(document["software"]?["name"]?.string == "starling")
            #expect(document["protocols"] == ["activitypub"])
            #expect(document["openRegistrations"]?.bool == false)
            #expect(document["usage"] == ["users": [:]])
            #expect(try await a.fetch("/.well-known/host-meta").body.contains("\(a.base)/.well-known/webfinger?resource={uri}"))
        }
    }

    @Test("an actor document fetched without a signature carries the key alone; a browser is sent to the profile page")
    func unsignedActorIsKeyOnly() async throws {
        try await withFederatingServers(1) { servers in
            let a = servers[0]
            _ = try await a.discoverableMember("ada")
            let document = try Self.json(try await a.fetch("/users/ada"))
            #expect(document["id"]?.string == "\(a.base)/users/ada")
            #expect(document["publicKey"]?["id"]?.string == "\(a.base)/users/ada#main-key")
            #expect(document["publicKey"]?["publicKeyPem"]?.string?.hasPrefix("-----BEGIN PUBLIC KEY-----") == true)
            #expect(document["name"] == nil && document["summary"] == nil && document["icon"] == nil)
            let browser = try await a.fetch("/users/ada", accept: "text/html")
            #expect(browser.status == 302 && browser.location == "/@ada")
        }
    }

    @Test("the server's own actor is readable without a signature, with its key, and WebFinger finds it by the host's name")
    func instanceActor() async throws {
        try await withFederatingServers(1) { servers in
            let a = servers[0]
            let document = try Self.json(try await a.fetch("/actor"))
            #expect(document["id"]?.string == a.base + "/actor")
            #expect(document["type"]?.string == "Application")
            #expect(document["publicKey"]?["owner"]?.string == a.base + "/actor")
            let finger = try Self.json(try await a.fetch("/.well-known/webfinger?resource=acct:\(a.host)@\(a.host)"))
            #expect(finger["links"]?.items.first?["href"]?.string == a.base + "/actor")
        }
    }

    @Test("a server on the allow list reads the whole actor document with a signed fetch, checked against its own actor's key")
    func allowedServerReadsWholeActor() async throws {
        try await withFederatingServers(2) { servers in
            let (a, b) = (servers[0], servers[1])
            try await a.allow(b)
            _ = try await a.discoverableMember("ada")
            let page = try await a.fetch("/users/ada", signedBy: try await b.activityPub.instanceSigner())
            #expect(page.status == 200)
            let document = try Self.json(page)
            #expect(document["name"]?.string == "Ada Outward")
            #expect(document["summary"]?.string == "<p>Learning in the open.</p>")
            #expect(document["manuallyApprovesFollowers"]?.bool == true)
            #expect(document["endpoints"]?["sharedInbox"]?.string == a.base + "/inbox")
            // B's client, as B's federation uses it, reads the same document.
            try await b.allow(a)
            let fetched = try await b.activityPub.client.fetch(a.base + "/users/ada", signedBy: try await b.activityPub.instanceSigner(),
                                                               policy: try await b.starling.federation.policy(), now: Date())
            #expect(fetched["preferredUsername"]?.string == "ada")
        }
    }

    @Test("a signed fetch from a server the allow list does not name is refused with 403, and from a blocked one too")
    func unlistedServerIsRefused() async throws {
        try await withFederatingServers(3) { servers in
            let (a, b, c) = (servers[0], servers[1], servers[2])
            try await a.allow(b)
            _ = try await a.discoverableMember("ada")
            let unlisted = try await a.fetch("/users/ada", signedBy: try await c.activityPub.instanceSigner())
            #expect(unlisted.status == 403)
            #expect(try Self.json(unlisted)["error"]?.string?.contains(c.host) == true)
            try await a.starling.federation.list(b.host, as: .block, by: nil)
            #expect(try await a.fetch("/users/ada", signedBy: try await b.activityPub.instanceSigner()).status == 403)
        }
    }

    @Test("a fetch signed with another key than the one its key id names is refused with 401")
    func wrongKeyIsRefused() async throws {
        try await withFederatingServers(2) { servers in
            let (a, b) = (servers[0], servers[1])
            try await a.allow(b)
            _ = try await a.discoverableMember("ada")
            let stranger = try await ActorKeyring(store: b.world.store, clock: SystemClock()).key(of: ID(99))
            let forged = try RequestSigner(keyID: b.base + "/actor#main-key", privateKeyPEM: stranger.privateKeyPEM)
            let page = try await a.fetch("/users/ada", signedBy: forged)
            #expect(page.status == 401)
            #expect(try Self.json(page)["error"]?.string == SignatureError.badSignature.message)
        }
    }
}
