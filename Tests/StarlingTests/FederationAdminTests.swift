import Foundation
@testable import StarlingCore
import Testing

/// Admins manage federation's mode and domain lists on their page and through the own API (issue 17).
@Suite("Federation's admin page and API")
struct FederationAdminTests {
    @Test("an admin opens federation to allowed domains, allows and blocks domains and removes one, on the federation page")
    func adminPage() async throws {
        let world = try await TestWorld()
        try await world.member("root", role: .admin)
        try await withSignedInBrowser(world, as: "root") { browser, _ in
            let page = try await browser.get("/admin/federation")
            #expect(page.status == 200 && page.body.contains("No domain is allowed or blocked yet."))
            #expect(page.body.contains(#"value="off" checked"#))
            let mode = try await browser.post("/admin/federation/mode", [("mode", "allowlist")])
            #expect(mode.location == "/admin/federation")
            #expect(try await browser.get("/admin/federation").body.contains("Federation is open to the allowed domains only."))
            _ = try await browser.post("/admin/federation/domains", [("domain", "https://Social.Example/"), ("kind", "allow")])
            _ = try await browser.post("/admin/federation/domains", [("domain", "spam.example"), ("kind", "block")])
            let listed = try await browser.get("/admin/federation")
            #expect(listed.body.contains("spam.example is blocked."))
            #expect(listed.body.contains(#"value="allowlist" checked"#))
            #expect(listed.body.contains("<code>social.example</code></td><td>allowed"))
            #expect(listed.body.contains("<code>spam.example</code></td><td>blocked"))
            _ = try await browser.post("/admin/federation/domains/forget", [("domain", "spam.example")])
            let after = try await browser.get("/admin/federation")
            #expect(!after.body.contains("spam.example</code>"))
        }
        #expect(try await world.starling.federation.policy().mode == .allowlist)
        #expect(try await world.starling.federation.rules(by: nil).map(\.domain.description) == ["social.example"])
    }

    @Test("a domain that is no domain comes back on the page with its message, and nothing is listed")
    func badDomainOnPage() async throws {
        let world = try await TestWorld()
        try await world.member("root", role: .admin)
        try await withSignedInBrowser(world, as: "root") { browser, _ in
            _ = try await browser.get("/admin/federation")
            let refused = try await browser.post("/admin/federation/domains", [("domain", "not a domain!"), ("kind", "allow")])
            #expect(refused.status == 422)
            #expect(refused.body.contains("is not a domain"))
            #expect(refused.body.contains("not a domain!"))
        }
        #expect(try await world.starling.federation.rules(by: nil).isEmpty)
    }

    @Test("a member or moderator cannot open the federation page", arguments: [Role.member, .moderator])
    func pageIsForAdmins(role: Role) async throws {
        let world = try await TestWorld()
        try await world.member("pat", role: role)
        try await withSignedInBrowser(world, as: "pat") { browser, _ in
            let page = try await browser.get("/admin/federation")
            let change = try await browser.post("/admin/federation/mode", [("mode", "open")])
            #expect(page.status == 403 && change.status == 403)
        }
        #expect(try await world.starling.federation.mode() == .off)
    }

    @Test("the own API shows and changes the mode and the lists for admins, and refuses bad input and other people")
    func ownAPI() async throws {
        let world = try await TestWorld()
        let root = try await world.member("root", role: .admin), pat = try await world.member("pat", role: .moderator)
        let admin = try await world.starling.oauth.issueForScript(account: root, scopes: "read write").token
        let moderator = try await world.starling.oauth.issueForScript(account: pat, scopes: "read write").token
        try await withLiveServer(world) { server in
            let path = "/api/starling/v1/admin/federation"
            let initial = try await server.api("GET", path, token: admin)
            #expect(initial.status == 200 && initial.string("mode") == "off")
            #expect(try await server.api("PUT", path, token: admin, json: #"{"mode": "open"}"#).string("mode") == "open")
            let listed = try await server.api("POST", path + "/domains", token: admin, form: [("domain", "127.0.0.1:8081"), ("kind", "block")])
            let domains = listed.json["domains"] as? [[String: Any]]
            #expect(domains?.first?["domain"] as? String == "127.0.0.1:8081" && domains?.first?["kind"] as? String == "block")
            #expect(try await server.api("DELETE", path + "/domains/127.0.0.1:8081", token: admin).status == 200)
            #expect(try await server.api("DELETE", path + "/domains/127.0.0.1:8081", token: admin).status == 404)
            for (method, body) in [("PUT", #"{"mode": "wide"}"#), ("POST", #"{"domain": "a b", "kind": "allow"}"#),
                                   ("POST", #"{"domain": "ok.example", "kind": "maybe"}"#)] {
                let refused = try await server.api(method, method == "PUT" ? path : path + "/domains", token: admin, json: body)
                #expect(refused.status == 422 && !refused.string("error").isEmpty, "\(body)")
            }
            #expect(try await server.api("GET", path, token: moderator).status == 403)
            #expect(try await server.api("PUT", path, token: moderator, json: #"{"mode": "off"}"#).status == 403)
            #expect(try await server.api("GET", path).status == 401)
        }
        #expect(try await world.starling.federation.mode() == .open)
        let actions = try await world.store.auditLog(page: PageRequest(limit: 10)).map(\.action.rawValue)
        #expect(actions == ["forget_domain", "block_domain", "federation_mode"])
    }
}
