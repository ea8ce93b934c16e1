import Foundation
import Testing
@testable import StarlingCore

@Suite("Web UI over live HTTP")
struct WebTests {
    @Test("an unknown address gets a readable 404 page")
    func notFound() async throws {
        let world = try await TestWorld()
        try await withLiveServer(world) { server in
            let page = try await server.browser().get("/no/such/page")
            #expect(page.status == 404)
            #expect(page.header("content-type")?.hasPrefix("text/html") == true)
            #expect(page.body.contains("There is no page at this address."))
        }
    }

    @Test("signing in sets an HttpOnly, SameSite=Lax session cookie")
    func sessionCookie() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withLiveServer(world) { server in
            let browser = server.browser()
            _ = try await browser.get("/signin")
            let page = try await browser.post("/signin", [("login", "ada"), ("password", "password1"), ("next", "/")])
            #expect(page.status == 303)
            let cookie = page.headers.first { $0.0.lowercased() == "set-cookie" && $0.1.hasPrefix("starling_session=") }?.1 ?? ""
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(try await browser.get("/").body.contains("Share something with your organization"))
        }
    }

    @Test("a wrong password shows the form again with a message, and repeated failures are throttled")
    func wrongPassword() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withLiveServer(world) { server in
            let browser = server.browser()
            let page = try await browser.post("/signin", [("login", "ada"), ("password", "nope"), ("next", "/")])
            #expect(page.status == 401)
            #expect(page.body.contains("That username or password is not right."))
            #expect(page.body.contains("value=\"ada\""))
            for _ in 0..<4 { _ = try await browser.post("/signin", [("login", "ada"), ("password", "nope")]) }
            let throttled = try await browser.post("/signin", [("login", "ada"), ("password", "password1")])
            #expect(throttled.status == 429)
        }
    }

    @Test("a form without the right CSRF token is refused")
    func csrf() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withSignedInBrowser(world, as: "ada") { (browser, server) async throws in
            let page = try await browser.post("/posts", [("text", "forged"), ("_csrf", "wrong")])
            #expect(page.status == 403)
            #expect(try await world.store.accountCount() == 1)
            #expect(try await world.timelineIDs(.organization, for: world.store.account(username: "ada")).isEmpty)
        }
    }

    @Test("a body over the limit gets 413")
    func oversizedBody() async throws {
        let world = try await TestWorld()
        try await withLiveServer(world) { server in
            let page = try await server.browser().post("/signin", [("login", String(repeating: "x", count: 4_000_000))])
            #expect(page.status == 413)
            #expect(page.body.contains("more than this server accepts"))
        }
    }

    @Test("a post made in the browser shows on its hashtag page and in search")
    func postHashtagSearch() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withSignedInBrowser(world, as: "ada") { (browser, server) async throws in
            let made = try await browser.post("/posts", [("text", "Pairing beats slides #Onboarding"), ("visibility", "organization")])
            #expect(made.status == 303)
            #expect(try await browser.get("/tags/onboarding").body.contains("Pairing beats slides"))
            #expect(try await browser.get("/search?q=pairing").body.contains("Pairing beats slides"))
        }
    }

    @Test("an invalid post shows the page it was written on again, the form refilled with the message beside it; nothing is stored")
    func invalidPost() async throws {
        let world = try await TestWorld(maxPostLength: 10)
        let ada = try await world.member("ada")
        try await withSignedInBrowser(world, as: "ada") { (browser, server) async throws in
            _ = try await browser.get("/tags/tips")
            let page = try await browser.post("/posts", [("text", "far too long for ten"), ("content_warning", "spoilers")])
            #expect(page.status == 422)
            #expect(page.body.contains("<h1>#tips</h1>"))
            #expect(page.body.contains("role=\"alert\"") && page.body.contains("A post has at most 10 characters"))
            #expect(page.body.contains("aria-invalid=\"true\" aria-describedby=\"text-error\">far too long for ten</textarea>"))
            #expect(page.body.contains("value=\"spoilers\""))
        }
        #expect(try await world.timelineIDs(.organization, for: ada).isEmpty)
    }

    @Test("a reply notifies the author, who can mark notifications read")
    func replyNotification() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        try await world.member("ben")
        let question = try await world.post("How do you start a retro?", by: ada)
        try await withLiveServer(world) { server in
            let ben = server.browser()
            try await ben.signIn("ben")
            let reply = try await ben.post("/posts", [("text", "@ada with a check-in round"), ("in_reply_to_id", question.id.description)])
            #expect(reply.status == 303)
            let adaBrowser = server.browser()
            try await adaBrowser.signIn("ada")
            let notifications = try await adaBrowser.get("/notifications")
            #expect(notifications.body.contains("replied to your post"))
            #expect(notifications.body.contains("aria-label=\"1 unread\""))
            let newest = try await world.starling.reads.notifications(of: ada)[0].id
            _ = try await adaBrowser.post("/notifications/read", [("up_to", newest.description)])
            #expect(!(try await adaBrowser.get("/notifications").body.contains("unread\"")))
        }
    }

    @Test("an invitation link signs a new person up and in")
    func invitationSignUp() async throws {
        let world = try await TestWorld()
        let admin = try await world.member("root", role: .admin)
        let invitation = try await world.starling.accounts.invite(role: .member, by: admin)
        try await withLiveServer(world) { server in
            let browser = server.browser()
            #expect(try await browser.get("/invite/\(invitation.code)").status == 200)
            let bad = try await browser.post("/invite/\(invitation.code)", [("username", "bad name"), ("email", "n@example.org"), ("password", "password1")])
            #expect(bad.status == 422)
            #expect(bad.body.contains("A username has 1 to 30 letters"))
            let good = try await browser.post("/invite/\(invitation.code)", [("username", "newbie"), ("email", "n@example.org"), ("password", "password1")])
            #expect(good.status == 303)
            #expect(try await browser.get("/").body.contains("@newbie"))
            #expect(try await server.browser().get("/invite/\(invitation.code)").status == 404)
        }
    }

    @Test("pages carry a strict content security policy; assets are cached forever")
    func headersAndAssets() async throws {
        let world = try await TestWorld()
        try await withLiveServer(world) { server in
            let browser = server.browser()
            let page = try await browser.get("/signin")
            #expect(page.header("content-security-policy")?.contains("script-src 'self'") == true)
            let css = page.body.firstMatch(of: /\/assets\/app-[0-9a-f]+\.css/).map { String($0.output) } ?? ""
            let asset = try await browser.get(css)
            #expect(asset.status == 200)
            #expect(asset.header("cache-control")?.contains("immutable") == true)
        }
    }

    @Test("/posts/ID leads to the post's page, and only for those who may see it")
    func postAddress() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        try await world.member("ben")
        let post = try await world.post("direct to nobody", by: ada, visibility: .direct)
        try await withSignedInBrowser(world, as: "ada") { (browser, server) async throws in
            #expect(try await browser.get("/posts/\(post.id)").location == "/@ada/\(post.id)")
            let ben = server.browser()
            try await ben.signIn("ben")
            #expect(try await ben.get("/posts/\(post.id)").status == 404)
        }
    }

    @Test("a profile links to who follows the person and whom they follow")
    func followLists() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada"), ben = try await world.member("ben")
        try await world.starling.relations.follow(ada, by: ben)
        try await withSignedInBrowser(world, as: "ada") { (browser, server) async throws in
            #expect(try await browser.get("/@ada/followers").body.contains("href=\"/@ben\""))
            #expect(try await browser.get("/@ben/following").body.contains("href=\"/@ada\""))
            #expect(!(try await browser.get("/@ada/following").body.contains("href=\"/@ben\"")))
        }
    }

    @Test("only admins reach the admin pages")
    func adminOnly() async throws {
        let world = try await TestWorld()
        try await world.member("root", role: .admin)
        try await world.member("ben")
        try await withLiveServer(world) { server in
            let ben = server.browser()
            try await ben.signIn("ben")
            #expect(try await ben.get("/admin/users").status == 403)
            let root = server.browser()
            try await root.signIn("root")
            let created = try await root.post("/admin/invitations", [("role", "member")])
            #expect(created.status == 200)
            #expect(created.body.contains("/invite/"))
        }
    }
}
