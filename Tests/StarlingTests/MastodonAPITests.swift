import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
@testable import StarlingCore

/// The Mastodon client API over live HTTP, as a client app uses it.
@Suite("Mastodon API")
struct MastodonAPITests {
    /// Registers an app and returns a password-grant token for `username` with `scope`.
    static func token(_ server: LiveServer, _ username: String, scope: String = "read write follow") async throws -> String {
        let app = try await server.api("POST", "/api/v1/apps", form: [("client_name", "tests"), ("redirect_uris", "urn:ietf:wg:oauth:2.0:oob"),
                                                                      ("scopes", "read write follow")])
        let token = try await server.api("POST", "/oauth/token", form: [
            ("grant_type", "password"), ("client_id", app.string("client_id")), ("client_secret", app.string("client_secret")),
            ("username", username), ("password", "password1"), ("scope", scope)])
        #expect(token.status == 200)
        return token.string("access_token")
    }

    @Test("an app gets a token by password and reads its own account; the token is stored hashed")
    func passwordGrant() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withLiveServer(world) { server in
            let token = try await Self.token(server, "ada")
            let me = try await server.api("GET", "/api/v1/accounts/verify_credentials", token: token)
            #expect(me.status == 200)
            #expect(me.string("username") == "ada")
            #expect(me.json["source"] != nil)
            let stored = try await world.store.token(hash: SHA256.hex(token))
            #expect(stored != nil)
        }
    }

    @Test("a wrong password is invalid_grant; an unknown grant type is unsupported")
    func grantErrors() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withLiveServer(world) { server in
            let app = try await server.api("POST", "/api/v1/apps", form: [("client_name", "x"), ("redirect_uris", "urn:ietf:wg:oauth:2.0:oob")])
            let bad = try await server.api("POST", "/oauth/token", form: [("grant_type", "password"), ("client_id", app.string("client_id")),
                ("client_secret", app.string("client_secret")), ("username", "ada"), ("password", "nope")])
            #expect(bad.status == 400)
            #expect(bad.string("error") == "invalid_grant")
            let odd = try await server.api("POST", "/oauth/token", form: [("grant_type", "magic"), ("client_id", app.string("client_id")),
                ("client_secret", app.string("client_secret"))])
            #expect(odd.string("error") == "unsupported_grant_type")
        }
    }

    @Test("no token, a bad token and a missing scope get 401, 401 and 403 with JSON errors")
    func scopes() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withLiveServer(world) { server in
            let readOnly = try await Self.token(server, "ada", scope: "read")
            #expect(try await server.api("GET", "/api/v1/timelines/home").status == 401)
            let bad = try await server.api("GET", "/api/v1/timelines/home", token: "nope")
            #expect(bad.status == 401)
            #expect(bad.string("error") == "The access token is invalid")
            let denied = try await server.api("POST", "/api/v1/statuses", token: readOnly, form: [("status", "hi")])
            #expect(denied.status == 403)
            #expect(try await server.api("GET", "/api/v1/timelines/home", token: readOnly).status == 200)
        }
    }

    @Test("posting by JSON maps Mastodon's visibility, links tags, and dates carry milliseconds and Z")
    func postJSON() async throws {
        let world = try await TestWorld(publicAccess: false)
        try await world.member("ada")
        try await withLiveServer(world) { server in
            let token = try await Self.token(server, "ada")
            let made = try await server.api("POST", "/api/v1/statuses", token: token,
                                            json: #"{"status": "Learning #Swift", "visibility": "public", "spoiler_text": "long"}"#)
            #expect(made.status == 200)
            #expect(made.string("visibility") == "unlisted") // public stays inside while public access is off
            #expect(made.string("spoiler_text") == "long")
            #expect(made.json["sensitive"] as? Bool == true)
            #expect(made.string("created_at").wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
            #expect(made.string("content").contains("/tags/Swift"))
            #expect(try await world.store.post(id: ID(made.string("id"))!, viewer: nil) == nil) // not public
        }
    }

    @Test("the same Idempotency-Key returns the first status")
    func idempotency() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withLiveServer(world) { server in
            let token = try await Self.token(server, "ada")
            let first = try await server.api("POST", "/api/v1/statuses", token: token, form: [("status", "once")], headers: [("Idempotency-Key", "abc")])
            let again = try await server.api("POST", "/api/v1/statuses", token: token, form: [("status", "once")], headers: [("Idempotency-Key", "abc")])
            #expect(first.string("id") == again.string("id"))
        }
    }

    @Test("timelines page both ways through the Link header")
    func linkPaging() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        let ids = try await (0..<5).asyncMap { try await world.post("post \($0)", by: ada).id.description }.reversed().map { $0 }
        try await withLiveServer(world) { server in
            let token = try await Self.token(server, "ada")
            let first = try await server.api("GET", "/api/v1/timelines/home?limit=2", token: token)
            #expect(first.array.map { $0["id"] as? String } == Array(ids[0..<2]))
            let next = try #require(first.link("next"))
            let second = try await server.api("GET", next, token: token)
            #expect(second.array.map { $0["id"] as? String } == Array(ids[2..<4]))
            let prev = try await server.api("GET", try #require(second.link("prev")), token: token)
            #expect(prev.array.map { $0["id"] as? String } == Array(ids[0..<2]))
        }
    }

    @Test("a status the token's owner may not see is 404, like a missing one")
    func invisibleIs404() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        try await world.member("ben")
        let secret = try await world.post("followers only", by: ada, visibility: .followers)
        try await withLiveServer(world) { server in
            let token = try await Self.token(server, "ben")
            let hidden = try await server.api("GET", "/api/v1/statuses/\(secret.id)", token: token)
            let missing = try await server.api("GET", "/api/v1/statuses/123456", token: token)
            #expect(hidden.status == 404)
            #expect(hidden.body == missing.body)
            #expect(try await server.api("POST", "/api/v1/statuses/\(secret.id)/favourite", token: token).status == 404)
        }
    }

    @Test("bad parameters get JSON errors that name them, never a 500")
    func badParameters() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withLiveServer(world) { server in
            let token = try await Self.token(server, "ada")
            let noName = try await server.api("POST", "/api/v1/apps", form: [("redirect_uris", "urn:ietf:wg:oauth:2.0:oob")])
            #expect(noName.status == 422)
            #expect(noName.string("error_description") == "client_name")
            for (body, field) in [(#"{"status": ""}"#, "text"), (#"{"status": "x", "visibility": "galaxy"}"#, "visibility"),
                                  (#"{"status": "x", "in_reply_to_id": "abc"}"#, "in_reply_to_id"), (#"[1,2]"#, "body"), (#"{"#, "body")] {
                let page = try await server.api("POST", "/api/v1/statuses", token: token, json: body)
                #expect(page.status == 422, "\(body)")
                #expect(page.string("error_description") == field, "\(body)")
            }
            #expect(try await server.api("GET", "/api/v1/timelines/home?max_id=abc", token: token).status == 422)
            #expect(try await server.api("GET", "/api/v1/statuses/not-a-number", token: token).status == 404)
        }
    }
}

/// A JSON API response.
struct APIResult {
    let status: Int
    let headers: [(String, String)]
    let body: String

    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
    var array: [[String: Any]] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [[String: Any]] ?? [] }
    func string(_ key: String) -> String { json[key] as? String ?? "" }

    /// The path and query of the `Link` header's `rel` URL.
    func link(_ rel: String) -> String? {
        guard let header = headers.first(where: { $0.0.lowercased() == "link" })?.1 else { return nil }
        for part in header.split(separator: ",") where part.contains("rel=\"\(rel)\"") {
            guard let start = part.firstIndex(of: "<"), let end = part.firstIndex(of: ">"),
                  let url = URLComponents(string: String(part[part.index(after: start)..<end])) else { continue }
            return url.path + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
        }
        return nil
    }
}

extension LiveServer {
    func api(_ method: String, _ path: String, token: String? = nil, form: [(String, String)]? = nil, json: String? = nil,
             upload: (fields: [(String, String)], file: (field: String, filename: String, bytes: [UInt8]))? = nil,
             headers: [(String, String)] = []) async throws -> APIResult {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = .init(rawValue: method)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let form {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: form.map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }.joined(separator: "&")))
        } else if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        } else if let upload {
            let (body, contentType) = Browser.multipart(fields: upload.fields, files: [upload.file])
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 16 << 20)
        return APIResult(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: String(buffer: body))
    }
}

@Suite("API rate limits")
struct RateLimitTests {
    @Test("responses carry X-RateLimit headers and the request past the limit gets 429")
    func limits() async throws {
        let world = try await TestWorld(apiRateLimit: 3)
        try await withLiveServer(world) { server in
            for expected in [2, 1, 0] {
                let page = try await server.api("GET", "/api/v1/instance")
                #expect(page.status == 200)
                #expect(page.headers.first { $0.0.lowercased() == "x-ratelimit-remaining" }?.1 == String(expected))
                #expect(page.headers.first { $0.0.lowercased() == "x-ratelimit-limit" }?.1 == "3")
            }
            let limited = try await server.api("GET", "/api/v1/instance")
            #expect(limited.status == 429)
            #expect(limited.string("error") == "Too many requests")
        }
    }
}
