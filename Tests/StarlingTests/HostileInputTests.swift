import Foundation
import Testing
@testable import StarlingCore

/// Hostile input in every form field: it comes back as a clean error or as harmless escaped text,
/// never as a 500, a running script, or a half-written record.
@Suite("Hostile input")
struct HostileInputTests {
    static let payloads = [
        "<script>alert('xss')</script>",
        "\"><img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "'; DROP TABLE posts; --",
        "\" OR 1=1 --",
        "%00%27%22",
        String(repeating: "Ω", count: 20_000),
        "\u{202E}reversed\u{0}null",
    ]

    /// Every form of the web UI, with its fields.
    static let forms: [(path: String, fields: [String])] = [
        ("/signin", ["login", "password", "next"]),
        ("/posts", ["text", "content_warning", "visibility", "in_reply_to_id", "idempotency_key"]),
        ("/settings/profile", ["display_name", "bio"]),
        ("/settings/password", ["current_password", "new_password"]),
        ("/notifications/read", ["up_to"]),
        ("/admin/invitations", ["role"]),
        ("/admin/settings", ["open_sign_up", "password_grant"]),
        ("/oauth/authorize", ["client_id", "redirect_uri", "scope", "state", "code_challenge", "decision"]),
        ("/tags/x/follow", ["on"]),
        ("/@ben/follow", ["on"]),
        ("/posts/1/like", ["on", "return"]),
        ("/invite/{code}", ["username", "email", "password", "display_name"]),
        ("/signup", ["username", "email", "password", "display_name"]),
    ]

    /// Creates the server-side things the forms refer to; returns the forms with real paths.
    static func prepare(_ world: TestWorld) async throws -> [(path: String, fields: [String])] {
        let admin = try await world.member("root", role: .admin)
        try await world.member("ben")
        let code = try await world.starling.accounts.invite(role: .member, by: admin).code
        return forms.map { (path: $0.path.replacingOccurrences(of: "{code}", with: code), fields: $0.fields) }
    }

    @Test("no payload in any form field causes a server error or unescaped output")
    func formsSurviveHostileInput() async throws {
        let world = try await TestWorld()
        let forms = try await Self.prepare(world)
        try await withSignedInBrowser(world, as: "root") { (browser, server) async throws in
            for form in forms {
                for field in form.fields {
                    for payload in Self.payloads {
                        let page = try await browser.post(form.path, [(field, payload)])
                        #expect(page.status < 500, "\(form.path) \(field)")
                        #expect(!page.body.contains("<script>alert"), "\(form.path) \(field)")
                        #expect(!page.body.contains("<img src=x"), "\(form.path) \(field)")
                        #expect(page.location.map { $0.hasPrefix("/") && !$0.hasPrefix("//") } ?? true, "\(form.path) \(field)")
                    }
                }
            }
            for payload in Self.payloads.prefix(6) {
                let encoded = Browser.encode(payload)
                for path in ["/search?q=\(encoded)", "/search?author=\(encoded)", "/search?from=\(encoded)", "/tags/\(encoded)", "/@\(encoded)", "/@ben/\(encoded)"] {
                    let page = try await browser.get(path)
                    #expect(page.status < 500, "\(path)")
                    #expect(!page.body.contains("<script>alert"), "\(path)")
                }
            }
        }
    }

    @Test("invalid UTF-8 in any form field or query parameter gets a clear 4xx, never a 500")
    func invalidUTF8Everywhere() async throws {
        let world = try await TestWorld()
        let forms = try await Self.prepare(world)
        try await withSignedInBrowser(world, as: "root") { (browser, server) async throws in
            let csrf = await browser.csrf
            for form in forms {
                for field in form.fields {
                    let page = try await browser.postRaw(form.path, Array("_csrf=\(csrf)&\(field)=".utf8) + [0xFF, 0xFE, 0x41])
                    #expect((400..<500).contains(page.status), "\(form.path) \(field): \(page.status)")
                }
            }
            for path in ["/search?q=%FF%FE", "/search?author=%C3%28", "/?max_id=%FF", "/tags/%FF", "/@%FF"] {
                let page = try await browser.get(path)
                #expect(page.status < 500, "\(path)")
            }
        }
    }

    @Test("a post with markup is stored as text and shown escaped")
    func storedXSS() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withSignedInBrowser(world, as: "ada") { (browser, server) async throws in
            _ = try await browser.post("/posts", [("text", "<script>alert(1)</script> #xss"), ("content_warning", "<b onmouseover=alert(2)>cw</b>")])
            let page = try await browser.get("/tags/xss")
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(page.body.contains("&lt;b onmouseover=alert(2)&gt;cw&lt;/b&gt;"))
            #expect(!page.body.contains("<script>alert"))
        }
    }

    @Test("invalid UTF-8 in a form is refused with a message naming the field")
    func invalidUTF8() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        try await withSignedInBrowser(world, as: "ada") { (browser, server) async throws in
            let csrf = await browser.csrf
            let page = try await browser.postRaw("/posts", Array("_csrf=\(csrf)&text=".utf8) + [0xC3, 0x28, 0xFF])
            #expect(page.status == 422)
            #expect(page.body.contains("contains bytes that are not valid text"))
            let raw = try await browser.postRaw("/posts", Array("_csrf=\(csrf)&text=%C3%28".utf8))
            #expect(raw.status == 422)
        }
        #expect(try await world.timelineIDs(.organization, for: ada).isEmpty)
    }
}
