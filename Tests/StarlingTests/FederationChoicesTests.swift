import Foundation
import Testing
@testable import StarlingCore

/// Each person decides whether people outside the organization may find and follow them (off until they
/// say so) and whether they approve followers from outside (on until they say otherwise): in their
/// settings and through the Mastodon API's `discoverable` and `locked`.
@Suite("Federation choices")
struct FederationChoicesTests {
    @Test("a new member is not findable from outside and approves followers; the API says so")
    func defaults() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let me = try await server.api("GET", "/api/v1/accounts/verify_credentials", token: token)
            #expect(me.json["discoverable"] as? Bool == false)
            #expect(me.json["locked"] as? Bool == true)
        }
    }

    @Test("update_credentials sets discoverable and locked, each alone, and refuses a value that is no boolean")
    func throughTheAPI() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "ada")
            let found = try await server.api("PATCH", "/api/v1/accounts/update_credentials", token: token, form: [("discoverable", "true")])
            #expect(found.status == 200)
            #expect(found.json["discoverable"] as? Bool == true && found.json["locked"] as? Bool == true)
            let open = try await server.api("PATCH", "/api/v1/accounts/update_credentials", token: token, form: [("locked", "false")])
            #expect(open.json["discoverable"] as? Bool == true && open.json["locked"] as? Bool == false)
            let bad = try await server.api("PATCH", "/api/v1/accounts/update_credentials", token: token, form: [("discoverable", "perhaps")])
            #expect(bad.status == 422 && bad.string("error_description") == "discoverable")
        }
        let ada = try #require(try await world.store.account(username: "ada"))
        #expect(ada.discoverable && !ada.locked)
    }

    @Test("the settings page saves both choices, and says federation is off while it is")
    func throughSettings() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withSignedInBrowser(world, as: "ada") { browser, _ in
            let page = try await browser.get("/settings/profile")
            #expect(page.body.contains("People outside the organization"))
            #expect(page.body.contains("does not connect with other servers now"))
            let saved = try await browser.post("/settings/federation", [("discoverable", "1")])
            #expect(saved.location == "/settings/profile")
        }
        let ada = try #require(try await world.store.account(username: "ada"))
        #expect(ada.discoverable && !ada.locked) // an unticked box is a no
    }

    @Test("a guest cannot be found from outside")
    func guests() async throws {
        let world = try await TestWorld()
        let guest = try await world.member("gus")
        var asGuest = guest
        asGuest.isGuest = true
        await #expect(throws: DomainError.self) {
            try await world.starling.accounts.setFederationChoices(asGuest, discoverable: true, locked: nil)
        }
        #expect(try await world.store.account(username: "gus")?.discoverable == false)
    }
}
