import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
@testable import StarlingCore

/// Every Mastodon API route, fed missing, wrong-typed, oversized and malformed input: never a 5xx,
/// always a JSON error for a refusal, and the server keeps serving.
@Suite("Mastodon API: hostile input on every route")
struct APIHostileInputTests {
    /// Every route the API serves (`:id` and `:name` are filled in by the sweep).
    static let routes: [(String, String)] = [
        ("POST", "/api/v1/apps"), ("POST", "/oauth/token"), ("POST", "/oauth/revoke"), ("GET", "/oauth/userinfo"),
        ("GET", "/api/v1/instance"), ("GET", "/api/v2/instance"), ("GET", "/api/v1/custom_emojis"), ("GET", "/api/v1/announcements"),
        ("GET", "/api/v1/preferences"), ("GET", "/api/v1/markers"), ("POST", "/api/v1/markers"),
        ("GET", "/api/v1/accounts/verify_credentials"), ("PATCH", "/api/v1/accounts/update_credentials"),
        ("GET", "/api/v1/accounts/:id"), ("GET", "/api/v1/accounts/:id/statuses"), ("GET", "/api/v1/accounts/:id/followers"),
        ("GET", "/api/v1/accounts/:id/following"), ("GET", "/api/v1/accounts/:id/lists"), ("GET", "/api/v1/accounts/lookup"),
        ("GET", "/api/v1/accounts/relationships"), ("GET", "/api/v1/accounts/search"),
        ("POST", "/api/v1/accounts/:id/follow"), ("POST", "/api/v1/accounts/:id/unfollow"), ("POST", "/api/v1/accounts/:id/block"),
        ("POST", "/api/v1/accounts/:id/unblock"), ("POST", "/api/v1/accounts/:id/mute"), ("POST", "/api/v1/accounts/:id/unmute"),
        ("POST", "/api/v1/statuses"), ("GET", "/api/v1/statuses/:id"), ("PUT", "/api/v1/statuses/:id"),
        ("GET", "/api/v1/statuses/:id/context"), ("GET", "/api/v1/statuses/:id/history"), ("GET", "/api/v1/statuses/:id/source"),
        ("GET", "/api/v1/statuses/:id/reblogged_by"), ("GET", "/api/v1/statuses/:id/favourited_by"),
        ("POST", "/api/v1/statuses/:id/favourite"), ("POST", "/api/v1/statuses/:id/unfavourite"), ("POST", "/api/v1/statuses/:id/reblog"),
        ("POST", "/api/v1/statuses/:id/unreblog"), ("POST", "/api/v1/statuses/:id/bookmark"), ("POST", "/api/v1/statuses/:id/unbookmark"),
        ("POST", "/api/v1/statuses/:id/pin"), ("POST", "/api/v1/statuses/:id/unpin"),
        ("POST", "/api/v1/media"), ("POST", "/api/v2/media"), ("GET", "/api/v1/media/:id"), ("PUT", "/api/v1/media/:id"),
        ("GET", "/api/v1/polls/:id"), ("POST", "/api/v1/polls/:id/votes"),
        ("GET", "/api/v1/scheduled_statuses"), ("GET", "/api/v1/scheduled_statuses/:id"), ("PUT", "/api/v1/scheduled_statuses/:id"),
        ("DELETE", "/api/v1/scheduled_statuses/:id"),
        ("GET", "/api/v1/timelines/home"), ("GET", "/api/v1/timelines/public"), ("GET", "/api/v1/timelines/tag/:name"),
        ("GET", "/api/v1/timelines/list/:id"),
        ("GET", "/api/v1/lists"), ("POST", "/api/v1/lists"), ("GET", "/api/v1/lists/:id"), ("PUT", "/api/v1/lists/:id"),
        ("DELETE", "/api/v1/lists/:id"), ("GET", "/api/v1/lists/:id/accounts"), ("POST", "/api/v1/lists/:id/accounts"),
        ("DELETE", "/api/v1/lists/:id/accounts"),
        ("GET", "/api/v1/notifications"), ("POST", "/api/v1/notifications/clear"), ("POST", "/api/v1/notifications/:id/dismiss"),
        ("GET", "/api/v1/bookmarks"), ("GET", "/api/v1/favourites"), ("GET", "/api/v1/followed_tags"), ("GET", "/api/v1/tags/:name"),
        ("POST", "/api/v1/tags/:name/follow"), ("POST", "/api/v1/tags/:name/unfollow"), ("GET", "/api/v2/search"),
        ("GET", "/api/v1/conversations"), ("POST", "/api/v1/conversations/:id/read"), ("DELETE", "/api/v1/conversations/:id"), ("POST", "/api/v1/reports"),
        ("GET", "/api/v1/suggestions"), ("GET", "/api/v2/suggestions"), ("DELETE", "/api/v1/suggestions/:id"),
        ("GET", "/api/v1/follow_requests"), ("POST", "/api/v1/follow_requests/:id/authorize"), ("POST", "/api/v1/follow_requests/:id/reject"),
        ("GET", "/api/v2/filters"), ("POST", "/api/v2/filters"), ("GET", "/api/v2/filters/:id"), ("PUT", "/api/v2/filters/:id"),
        ("DELETE", "/api/v2/filters/:id"), ("GET", "/api/v2/filters/:id/keywords"), ("POST", "/api/v2/filters/:id/keywords"),
        ("GET", "/api/v2/filters/keywords/:id"), ("PUT", "/api/v2/filters/keywords/:id"), ("DELETE", "/api/v2/filters/keywords/:id"),
        ("GET", "/api/v2/filters/:id/statuses"), ("POST", "/api/v2/filters/:id/statuses"), ("GET", "/api/v2/filters/statuses/:id"),
        ("DELETE", "/api/v2/filters/statuses/:id"),
        ("GET", "/api/v1/streaming"), ("GET", "/api/v1/streaming/health"),
        ("GET", "/api/starling/v1/programs"), ("POST", "/api/starling/v1/programs"), ("GET", "/api/starling/v1/programs/:id"),
        ("PATCH", "/api/starling/v1/programs/:id"), ("POST", "/api/starling/v1/programs/:id/archive"),
        ("POST", "/api/starling/v1/programs/:id/unarchive"), ("POST", "/api/starling/v1/programs/:id/join"),
        ("POST", "/api/starling/v1/programs/:id/leave"), ("GET", "/api/starling/v1/programs/:id/members"),
        ("PUT", "/api/starling/v1/programs/:id/members/:account_id"), ("DELETE", "/api/starling/v1/programs/:id/members/:account_id"),
        ("GET", "/api/starling/v1/programs/:id/statuses"), ("GET", "/api/starling/v1/programs/:id/questions"),
        ("GET", "/api/starling/v1/statuses/:id/qa"), ("GET", "/api/starling/v1/programs/:id/unintroduced"),
        ("GET", "/api/starling/v1/programs/:id/dashboard"), ("POST", "/api/starling/v1/programs/:id/guest_invitations"),
        ("POST", "/api/starling/v1/programs/:id/questions"), ("POST", "/api/starling/v1/statuses/:id/reveal_author"),
        ("POST", "/api/starling/v1/guides"), ("GET", "/api/starling/v1/guides/:id"), ("GET", "/api/starling/v1/programs/:id/guides"),
        ("POST", "/api/starling/v1/accounts/:id/warn"), ("POST", "/api/starling/v1/reports"), ("GET", "/api/starling/v1/reports"),
        ("POST", "/api/starling/v1/reports/:id/resolve"), ("POST", "/api/starling/v1/events"), ("GET", "/api/starling/v1/events"),
        ("GET", "/api/starling/v1/events/:id"), ("POST", "/api/starling/v1/occurrences/:id/rsvp"), ("DELETE", "/api/starling/v1/occurrences/:id/rsvp"),
        ("GET", "/api/starling/v1/events/:id/script"), ("PUT", "/api/starling/v1/events/:id/script"),
        ("POST", "/api/starling/v1/occurrences/:id/release_next"), ("POST", "/api/starling/v1/occurrences/:id/start"), ("POST", "/api/starling/v1/occurrences/:id/end"), ("GET", "/api/starling/v1/occurrences/:id/questions"),
        ("POST", "/api/starling/v1/occurrences/:id/questions"), ("POST", "/api/starling/v1/expert_questions/:id/vote"),
        ("DELETE", "/api/starling/v1/expert_questions/:id/vote"), ("POST", "/api/starling/v1/expert_questions/:id/approve"),
        ("POST", "/api/starling/v1/expert_questions/:id/reject"), ("POST", "/api/starling/v1/expert_questions/:id/answer"),
        ("GET", "/api/starling/v1/occurrences/:id/summary"), ("POST", "/api/starling/v1/occurrences/:id/hand_off"),
        ("POST", "/api/starling/v1/events/:id/expert_invitations"), ("POST", "/api/starling/v1/occurrences/:id/hold"),
        ("DELETE", "/api/starling/v1/occurrences/:id/hold"), ("GET", "/api/starling/v1/occurrences/:id/transcript"), ("POST", "/api/starling/v1/accounts/:id/suspend"),
        ("DELETE", "/api/starling/v1/accounts/:id/suspend"), ("POST", "/api/starling/v1/statuses/:id/hide"),
        ("DELETE", "/api/starling/v1/statuses/:id/hide"), ("GET", "/api/starling/v1/admin/audit"), ("POST", "/api/starling/v1/statuses/:id/question"),
        ("DELETE", "/api/starling/v1/statuses/:id/question"), ("POST", "/api/starling/v1/statuses/:id/upvote"),
        ("DELETE", "/api/starling/v1/statuses/:id/upvote"), ("POST", "/api/starling/v1/statuses/:id/accept"),
        ("DELETE", "/api/starling/v1/statuses/:id/accept"), ("GET", "/api/starling/v1/programs/:id/knowledge"),
        ("POST", "/api/starling/v1/programs/:id/knowledge"), ("GET", "/api/starling/v1/knowledge/:id"),
        ("PATCH", "/api/starling/v1/knowledge/:id"), ("GET", "/api/starling/v1/knowledge/:id/revisions"),
        ("GET", "/api/starling/v1/programs/:id/knowledge/export.tar"), ("GET", "/api/starling/v1/programs/:id/knowledge/export.html"), ("DELETE", "/api/v1/statuses/:id"),
    ]

    /// A route with its `:id` or `:name` filled in.
    static func fill(_ template: String, with value: String) -> String {
        template.replacingOccurrences(of: ":account_id", with: value).replacingOccurrences(of: ":id", with: value)
            .replacingOccurrences(of: ":name", with: value)
    }

    /// Parameters every route might read, given junk values.
    static let junkFields: [(String, String)] = [
        "status", "spoiler_text", "visibility", "in_reply_to_id", "media_ids[]", "poll[options][]", "poll[expires_in]", "scheduled_at",
        "choices[]", "title", "replies_policy", "exclusive", "account_ids[]", "account_id", "status_ids[]", "category", "comment",
        "description", "focus", "q", "type", "offset", "resolve", "limit", "max_id", "since_id", "min_id", "id[]", "acct", "types[]",
        "timeline[]", "home[last_read_id]", "display_name", "note", "client_name", "redirect_uris", "scopes", "grant_type", "code",
        "client_id", "client_secret", "local", "pinned", "only_media", "exclude_replies", "tagged", "any[]", "all[]", "none[]",
        "context[]", "filter_action", "expires_in", "keyword", "whole_word", "status_id", "keywords_attributes[][keyword]",
        "hashtag", "agreement", "agreement_version", "role", "starts_at", "ends_at", "show", "template", "body", "reason",
    ].flatMap { [($0, "\u{202E}<script>alert(1)</script>'\"; DROP TABLE posts;--"), ($0, "-1"), ($0, "99999999999999999999")] }

    @Test("no route answers missing, junk, wrong-typed, oversized or malformed input with a 5xx")
    func sweep() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada", role: .admin) // an admin reaches the most code (programs are theirs to make)
        let post = try await world.post("a real post", by: ada)
        let program = try await world.starling.programs.create(.init(title: "Swept", hashtag: "swept"), by: ada)
        let token = try await world.starling.oauth.issueForScript(account: ada, scopes: "read write follow push").token
        let huge = String(repeating: "é", count: 20_000)
        let bodies: [(String, [UInt8])] = [
            ("none", []),
            ("junk form", Array(Self.junkFields.map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }.joined(separator: "&").utf8)),
            ("huge form", Array(["status", "title", "q", "comment", "description", "display_name"].map { "\($0)=\(huge)" }.joined(separator: "&").utf8)),
            ("wrong-typed JSON", Array(#"{"status": 5, "poll": "yes", "media_ids": {"a": 1}, "limit": [], "title": null, "choices": "all"}"#.utf8)),
            ("malformed JSON", Array(#"{"status": "unterminated"#.utf8)),
            ("invalid UTF-8", [0x73, 0x74, 0x61, 0x74, 0x75, 0x73, 0x3D, 0xC3, 0x28, 0xFF]),
        ]
        let failures = try await withLiveServer(world) { server in
            var failures: [String] = []
            for (method, template) in Self.routes {
                for id in [post.id.description, program.id.description, "1", "abc", "99999999999999999999"] {
                    let path = Self.fill(template, with: id)
                    for (name, body) in bodies {
                        var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)\(path)")
                        request.method = .init(rawValue: method)
                        request.headers.add(name: "Authorization", value: "Bearer \(token)")
                        if !body.isEmpty {
                            request.headers.add(name: "Content-Type", value: name.hasSuffix("JSON") ? "application/json" : "application/x-www-form-urlencoded")
                            request.body = .bytes(ByteBuffer(bytes: body))
                        }
                        let response = try await server.client.execute(request, timeout: .seconds(30))
                        let text = String(buffer: try await response.body.collect(upTo: 1 << 22))
                        let status = Int(response.status.code)
                        if status >= 500 {
                            failures.append("\(method) \(path) with \(name): \(status) \(text.prefix(200))")
                        } else if status >= 400, !text.contains("\"error\"") {
                            failures.append("\(method) \(path) with \(name): \(status) without a JSON error")
                        }
                    }
                }
            }
            // Still serving (the sweep ends by deleting the post, as DELETE asks).
            #expect(try await server.api("GET", "/api/v1/instance").status == 200)
            return failures
        }
        #expect(failures.isEmpty, "\(failures.prefix(30).joined(separator: "\n"))")
    }

    @Test("routes answer the same with a trailing slash")
    func trailingSlashes() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        let post = try await world.post("slash", by: ada)
        let token = try await world.starling.oauth.issueForScript(account: ada, scopes: "read").token
        try await withLiveServer(world) { server in
            for (method, template) in Self.routes where method == "GET" && !template.contains("streaming") {
                let path = Self.fill(template, with: post.id.description)
                let plain = try await server.api("GET", path, token: token), slashed = try await server.api("GET", path + "/", token: token)
                #expect(plain.status == slashed.status, "\(path)")
            }
            let posted = try await server.api("POST", "/api/v1/statuses/", token: token, form: [("status", "with a slash")])
            #expect(posted.status == 403) // the route answered: this token may only read
            let writer = try await world.starling.oauth.issueForScript(account: ada, scopes: "write").token
            #expect(try await server.api("POST", "/api/v1/statuses/", token: writer, form: [("status", "with a slash")]).status == 200)
        }
    }
}
