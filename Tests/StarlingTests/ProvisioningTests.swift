import AsyncHTTPClient
import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import Testing
@testable import StarlingCore
@testable import StarlingWeb

/// A live server with an admin and a provisioning token, for SCIM requests.
private struct SCIMWorld {
    let world: TestWorld
    let admin: Account
    let token: String

    init() async throws {
        world = try await TestWorld()
        admin = try await world.member("root", role: .admin)
        token = try await world.starling.provisioning.createToken(name: "Test IdP", by: admin).secret
    }

    func call(_ server: LiveServer, _ method: String, _ path: String, _ json: String? = nil, token: String? = nil) async throws -> APIResult {
        try await server.api(method, "/scim/v2" + path, token: token ?? self.token, json: json)
    }
}

@Suite("Provisioning (SCIM 2.0)")
struct ProvisioningTests {
    static let adaUser = """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ada.okafor@example.org","externalId":"e-101",
         "name":{"givenName":"Ada","familyName":"Okafor"},"emails":[{"value":"ada.okafor@example.org","type":"work","primary":true}],
         "active":true,"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Learning"}}
        """

    @Test("create, read, find by userName, deactivate by PATCH, reactivate, and delete a person")
    func lifecycle() async throws {
        let scim = try await SCIMWorld()
        try await withLiveServer(scim.world) { server in
            let created = try await scim.call(server, "POST", "/Users", Self.adaUser)
            #expect(created.status == 201)
            #expect(created.headers.contains { $0.0.lowercased() == "content-type" && $0.1.hasPrefix("application/scim+json") })
            let id = created.string("id")
            #expect(created.headers.first { $0.0.lowercased() == "location" }?.1.hasSuffix("/scim/v2/Users/\(id)") == true)
            #expect(created.string("userName") == "ada.okafor@example.org" && created.json["active"] as? Bool == true)
            let accountID = try #require(ID(id))
            let account = try #require(try await scim.world.store.account(id: accountID))
            #expect(account.username == "ada_okafor" && account.displayName == "Ada Okafor" && account.role == .member)

            let found = try await scim.call(server, "GET", "/Users?filter=" + "userName eq \"ADA.OKAFOR@example.org\"".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(found.json["totalResults"] as? Int == 1)
            #expect((found.json["Resources"] as? [[String: Any]])?.first?["id"] as? String == id)

            let patch = """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}
                """
            let deactivated = try await scim.call(server, "PATCH", "/Users/\(id)", patch)
            #expect(deactivated.status == 200 && deactivated.json["active"] as? Bool == false)
            #expect(try await scim.world.store.account(id: account.id)?.deactivatedAt != nil)
            // Azure's form: no path, a value object, the boolean as a string.
            let back = try await scim.call(server, "PATCH", "/Users/\(id)", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","value":{"active":"True","displayName":"Ada O."}}]}
                """)
            #expect(back.json["active"] as? Bool == true && back.string("displayName") == "Ada O.")

            #expect(try await scim.call(server, "DELETE", "/Users/\(id)").status == 204)
            #expect(try await scim.call(server, "GET", "/Users/\(id)").status == 404)
            #expect(try await scim.world.store.account(id: account.id)?.deactivatedAt != nil)
            // The provider creates the person again: the same account comes back.
            let again = try await scim.call(server, "POST", "/Users", Self.adaUser)
            #expect(again.status == 201 && again.string("id") == id && again.json["active"] as? Bool == true)
            let audit = try await scim.world.store.auditLog(page: PageRequest(limit: 20)).map(\.action)
            #expect(audit.contains(.provisionAccount) && audit.contains(.deactivateAccount) && audit.contains(.reactivateAccount))
        }
    }

    @Test("a deactivated person loses access at once: the open stream ends, the token and session are refused, sign-in says why")
    func deactivationEndsAccess() async throws {
        let scim = try await SCIMWorld()
        let lea = try await scim.world.member("lea")
        let token = try await scim.world.starling.oauth.issueForScript(account: lea, scopes: "read").token
        try await withLiveServer(scim.world) { server in
            let browser = server.browser()
            try await browser.signIn("lea")
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/api/v1/streaming/user")
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            let response = try await server.client.execute(request, timeout: .seconds(30))
            let ended = Flag()
            let reading = Task {
                for try await _ in response.body {}
                ended.set()
            }
            try await Task.sleep(for: .milliseconds(200))
            let patch = #"{"Operations":[{"op":"replace","path":"active","value":false}]}"#
            #expect(try await scim.call(server, "PATCH", "/Users/\(lea.id)", patch).status == 200)
            for _ in 0..<30 where !ended.value { try await Task.sleep(for: .milliseconds(100)) }
            #expect(ended.value)
            reading.cancel()
            #expect(try await server.api("GET", "/api/v1/accounts/verify_credentials", token: token).status == 401)
            #expect(try await browser.get("/notifications").location?.hasPrefix("/signin") == true)
            let again = try await server.browser().post("/signin", [("login", "lea"), ("password", "password1"), ("next", "/")])
            #expect(again.status == 403 && again.body.contains("deactivated"))
        }
    }

    @Test("a deactivated person's WebSocket stream is closed by the server")
    func deactivationClosesWebSocket() async throws {
        let scim = try await SCIMWorld()
        let lea = try await scim.world.member("lea")
        let token = try await scim.world.starling.oauth.issueForScript(account: lea, scopes: "read").token
        let bus = scim.world.starling.events
        try await withLiveServer(scim.world) { server in
            let closed = Flag()
            let listeners = bus.subscriberCount
            let connection = Task {
                try await WebSocketClient.connect(url: "ws://127.0.0.1:\(server.port)/api/v1/streaming?stream=user",
                                                  configuration: .init(additionalHeaders: [.authorization: "Bearer \(token)"]),
                                                  logger: Logger(label: "ws-test")) { inbound, _, _ in
                    for try await _ in inbound.messages(maxSize: 1 << 20) {}
                    closed.set()
                }
            }
            // Deactivate once the connection listens to the server's events.
            for _ in 0..<100 where bus.subscriberCount == listeners { try await Task.sleep(for: .milliseconds(50)) }
            #expect(!closed.value && bus.subscriberCount == listeners + 1)
            _ = try await scim.world.starling.provisioning.setActive(lea, false, by: scim.admin)
            for _ in 0..<50 where !closed.value { try await Task.sleep(for: .milliseconds(100)) }
            #expect(closed.value)
            connection.cancel()
        }
    }

    @Test("groups are the roles: adding someone to Admins makes them an admin, removing them a member")
    func groups() async throws {
        let scim = try await SCIMWorld()
        let lea = try await scim.world.member("lea")
        try await withLiveServer(scim.world) { server in
            let list = try await scim.call(server, "GET", "/Groups")
            #expect((list.json["Resources"] as? [[String: Any]])?.compactMap { $0["displayName"] as? String } == ["Admins", "Moderators"])
            let add = #"{"Operations":[{"op":"add","path":"members","value":[{"value":"\#(lea.id)"}]}]}"#
            let admins = try await scim.call(server, "PATCH", "/Groups/admins", add)
            #expect((admins.json["members"] as? [[String: Any]])?.contains { $0["value"] as? String == lea.id.description } == true)
            #expect(try await scim.world.store.account(id: lea.id)?.role == .admin)
            let remove = #"{"Operations":[{"op":"remove","path":"members[value eq \"\#(lea.id)\"]"}]}"#
            #expect(try await scim.call(server, "PATCH", "/Groups/admins", remove).status == 200)
            #expect(try await scim.world.store.account(id: lea.id)?.role == .member)
            #expect(try await scim.call(server, "POST", "/Groups", #"{"displayName":"Other"}"#).status == 403)
        }
    }

    @Test("bad requests get SCIM errors: no or a wrong token, a malformed filter, a taken userName, an unknown path, broken JSON")
    func badInput() async throws {
        let scim = try await SCIMWorld()
        try await scim.world.member("ben")
        try await withLiveServer(scim.world) { server in
            let none = try await server.api("GET", "/scim/v2/Users")
            #expect(none.status == 401 && (none.json["schemas"] as? [String]) == ["urn:ietf:params:scim:api:messages:2.0:Error"])
            #expect(none.string("error").contains("token"))
            #expect(try await scim.call(server, "GET", "/Users", token: "scim_wrong").status == 401)
            let filter = try await scim.call(server, "GET", "/Users?filter=" + "userName co \"a\"".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(filter.status == 400 && filter.string("scimType") == "invalidFilter")
            let unquoted = try await scim.call(server, "GET", "/Users?filter=userName%20eq%20ada")
            #expect(unquoted.status == 400 && unquoted.string("scimType") == "invalidFilter")
            #expect(try await scim.call(server, "POST", "/Users", Self.adaUser).status == 201)
            let taken = try await scim.call(server, "POST", "/Users", Self.adaUser)
            #expect(taken.status == 409 && taken.string("scimType") == "uniqueness")
            let sameEmail = try await scim.call(server, "POST", "/Users", #"{"userName":"ben.other","emails":[{"value":"ben@example.org"}]}"#)
            #expect(sameEmail.status == 409)
            let noEmail = try await scim.call(server, "POST", "/Users", #"{"userName":"no-address"}"#)
            #expect(noEmail.status == 400 && noEmail.string("detail").contains("email"))
            let id = try #require(try await scim.world.store.account(username: "ada_okafor")?.id)
            let path = try await scim.call(server, "PATCH", "/Users/\(id)", #"{"Operations":[{"op":"replace","path":"nickName","value":"x"}]}"#)
            #expect(path.status == 400 && path.string("scimType") == "invalidPath")
            let broken = try await scim.call(server, "POST", "/Users", "{not json")
            #expect(broken.status == 400 && broken.string("scimType") == "invalidSyntax")
            #expect(try await scim.call(server, "GET", "/Users/12345").status == 404)
            #expect(try await scim.world.store.accountCount() == 3)
        }
    }

    @Test("admins deactivate and reactivate people on the People page; nobody else can, and nobody deactivates themselves")
    func adminPages() async throws {
        let scim = try await SCIMWorld()
        let lea = try await scim.world.member("lea")
        try await scim.world.member("ben")
        try await withLiveServer(scim.world) { server in
            let admin = server.browser(), ben = server.browser()
            try await admin.signIn("root")
            try await ben.signIn("ben")
            #expect(try await ben.post("/admin/users/\(lea.id)/deactivate", []).status == 403)
            #expect(try await admin.post("/admin/users/\(scim.admin.id)/deactivate", []).status == 422)
            #expect(try await admin.post("/admin/users/\(lea.id)/deactivate", []).status == 303)
            #expect(try await admin.get("/admin/users").body.contains("deactivated"))
            #expect(try await admin.post("/admin/users/\(lea.id)/reactivate", []).status == 303)
            #expect(try await scim.world.store.account(id: lea.id)?.deactivatedAt == nil)
            let page = try await admin.get("/admin/provisioning")
            #expect(page.status == 200 && page.body.contains("/scim/v2") && page.body.contains("Test IdP"))
            #expect(try await ben.get("/admin/provisioning").status == 403)
        }
    }
}

/// A flag one task sets and another reads.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false
    func set() { lock.withLock { isSet = true } }
    var value: Bool { lock.withLock { isSet } }
}
