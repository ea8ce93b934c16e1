import Foundation
import Hummingbird
import StarlingActivityPub
import StarlingCore

/// People and hashtags in a personal learning network: relationships, follows, blocks, mutes,
/// followed tags, bookmarks and favourites lists, search, notifications housekeeping and markers.
struct SocialAPI {
    let starling: Starling
    let timelines: TimelinesAPI
    /// Finds people on other servers by their handle (`resolve=true` in search).
    let activityPub: ActivityPub
    var mapper: MastodonSerializer { MastodonSerializer(settings: starling.settings) }

    func register(on api: some RouterMethods<WebContext>) {
        let relations = starling.relations
        let changes: [(String, String, @Sendable (Account, Account) async throws -> Void)] = [
            ("follow", "write:follows", { try await relations.follow($0, by: $1, true) }),
            ("unfollow", "write:follows", { try await relations.follow($0, by: $1, false) }),
            ("block", "write:blocks", { try await relations.block($0, by: $1, true) }),
            ("unblock", "write:blocks", { try await relations.block($0, by: $1, false) }),
            ("mute", "write:mutes", { try await relations.mute($0, by: $1, true) }),
            ("unmute", "write:mutes", { try await relations.mute($0, by: $1, false) }),
        ]
        for (name, scope, change) in changes {
            api.post("/v1/accounts/:id/\(name)") { _, context in
                let viewer = try context.requireUser(scope)
                let target = try await timelines.account(context)
                try await change(target, viewer)
                let relationship = try await relations.relationship(of: viewer, to: target)
                return APIResponse.json { mapper.relationship(relationship, with: target, into: &$0) }
            }
        }
        api.get("/v1/accounts/relationships") { request, context in
            let viewer = try context.requireUser("read:follows")
            let p = try await APIParameters.read(request, context: context)
            let ids = (p.values("id[]") + p.values("id")).prefix(40).compactMap { ID($0) }
            let targets = await ids.asyncCompactMap { try? await starling.reads.account(id: $0, viewer: viewer) }
            let relationships = try await targets.asyncMap { (try await relations.relationship(of: viewer, to: $0), $0) }
            return APIResponse.json { json in json.array(relationships) { mapper.relationship($1.0, with: $1.1, into: &$0) } }
        }
        api.get("/v1/accounts/lookup") { request, context in
            if context.grant != nil { _ = try context.requireScope("read:accounts") }
            let p = try await APIParameters.read(request, context: context)
            guard let account = try await starling.reads.resolve(p["acct"] ?? "", viewer: context.viewer).accounts.first else {
                throw DomainError.notFound
            }
            return APIResponse.json { mapper.account(account, into: &$0) }
        }
        api.get("/v1/accounts/search") { request, context in
            _ = try context.requireScope("read:accounts")
            let p = try await APIParameters.read(request, context: context)
            let found = try await starling.reads.searchAccounts(p["q"] ?? "", viewer: context.viewer, limit: try p.page(defaultLimit: 40).limit)
            return APIResponse.json { mapper.accounts(found, into: &$0) }
        }
        for followers in [true, false] {
            api.get("/v1/accounts/:id/\(followers ? "followers" : "following")") { request, context in
                let account = try await timelines.account(context)
                let p = try await APIParameters.read(request, context: context)
                let page = try p.page(defaultLimit: 40)
                let people = await followers ? try starling.reads.followers(of: account, viewer: context.viewer, page: page) : try starling.reads.following(of: account, viewer: context.viewer, page: page)
                return try accounts(people, request)
            }
        }
        for reposts in [true, false] {
            api.get("/v1/statuses/:id/\(reposts ? "reblogged_by" : "favourited_by")") { request, context in
                if context.grant != nil { _ = try context.requireScope("read:statuses") }
                let p = try await APIParameters.read(request, context: context)
                let people = try await starling.reads.interactors(of: try WebPages.idParameter(context), reposts: reposts,
                                                            viewer: context.viewer, page: try p.page(defaultLimit: 40))
                return try accounts(people, request)
            }
        }
        api.get("/v1/bookmarks") { request, context in
            _ = try context.requireUser("read:bookmarks")
            return try await timelines.timeline(.bookmarks, request, context)
        }
        api.get("/v1/favourites") { request, context in
            _ = try context.requireUser("read:favourites")
            return try await timelines.timeline(.likes, request, context)
        }
        api.get("/v1/conversations") { request, context in
            let viewer = try context.requireUser("read:statuses")
            let p = try await APIParameters.read(request, context: context)
            let conversations = try await starling.reads.conversations(of: viewer, page: try p.page(defaultLimit: 20))
            return APIResponse.json(headers: PageLinks.header(base: starling.settings.baseURL, request: request,
                                                              newest: conversations.first?.lastPost.id, oldest: conversations.last?.lastPost.id)) { json in
                json.array(conversations) { mapper.conversation($1, into: &$0) }
            }
        }
        api.post("/v1/conversations/:id/read") { _, context in
            let viewer = try context.requireUser("write:conversations")
            let conversation = try await starling.reads.markConversation(try WebPages.idParameter(context), viewer: viewer)
            return APIResponse.json { mapper.conversation(conversation, into: &$0) }
        }
        api.delete("/v1/conversations/:id") { _, context in
            let viewer = try context.requireUser("write:conversations")
            try await starling.reads.markConversation(try WebPages.idParameter(context), viewer: viewer, hide: true)
            return APIResponse.emptyObject()
        }
        api.get("/v1/followed_tags") { _, context in
            let viewer = try context.requireUser("read:follows")
            let tags = try await relations.followedTags(of: viewer)
            return APIResponse.json { json in json.array(tags) { mapper.tag($1, following: true, into: &$0) } }
        }
        api.get("/v1/tags/:name") { _, context in
            let name = context.parameters.get("name") ?? ""
            guard let tag = try await starling.reads.tag(name) else { throw DomainError.notFound }
            let following = try await context.viewer.asyncMap { viewer in
                try await relations.followedTags(of: viewer).contains { StarlingCore.Tag.key($0.name) == StarlingCore.Tag.key(name) }
            }
            return APIResponse.json { mapper.tag(tag, following: following, into: &$0) }
        }
        for follow in [true, false] {
            api.post("/v1/tags/:name/\(follow ? "follow" : "unfollow")") { _, context in
                let viewer = try context.requireUser("write:follows")
                let name = context.parameters.get("name") ?? ""
                try await relations.followTag(name, by: viewer, follow)
                guard let tag = try await starling.reads.tag(name) else { throw DomainError.notFound } // following creates it
                return APIResponse.json { mapper.tag(tag, following: follow, into: &$0) }
            }
        }
        api.get("/v2/search") { request, context in
            if context.grant != nil { _ = try context.requireScope("read:search") }
            let p = try await APIParameters.read(request, context: context)
            let text = p["q"] ?? ""
            let type = p["type"]
            guard type == nil || ["accounts", "statuses", "hashtags"].contains(type!) else {
                throw DomainError.invalid(field: "type", message: "type must be accounts, statuses or hashtags.")
            }
            let limit = try p.page(defaultLimit: 20).limit
            guard let offset = Int(p["offset"] ?? "0"), offset >= 0 else {
                throw DomainError.invalid(field: "offset", message: "offset must be a number, 0 or more.")
            }
            func wants(_ kind: String) -> Bool { type == nil || type == kind }
            // A link or handle of this server is looked up directly (always for URLs; `resolve` asks for it).
            let resolves = try p.bool("resolve") == true
            var resolved = resolves || text.contains("://") || text.contains("@")
                ? try await starling.reads.resolve(text, viewer: context.viewer) : (accounts: [], posts: [])
            // Someone on another server not known here yet is looked up there, for a signed-in member who asked.
            if resolves, resolved.accounts.isEmpty, context.viewer != nil, wants("accounts"),
               let found = try? await activityPub.resolve(handle: text) {
                resolved.accounts = [found]
            }
            // So is a post on another server, by its address.
            if resolves, resolved.posts.isEmpty, let viewer = context.viewer, !viewer.isGuest, wants("statuses"),
               let found = try? await activityPub.resolve(postAddress: text), let view = try? await starling.reads.post(found.id, viewer: viewer) {
                resolved.posts = [view]
            }
            let statuses = wants("statuses")
                ? resolved.posts + (try await starling.reads.search(PostSearch(text: text), viewer: context.viewer, limit: limit + offset, peopleAndTags: false).posts
                    .dropFirst(offset).filter { post in !resolved.posts.contains { $0.id == post.id } })
                : []
            let people = wants("accounts")
                ? resolved.accounts + (try await starling.reads.searchAccounts(text, viewer: context.viewer, limit: limit + offset)
                    .dropFirst(offset).filter { !resolved.accounts.map(\.id).contains($0.id) })
                : []
            let tags = wants("hashtags") ? try await starling.reads.searchTags(text, viewer: context.viewer, limit: limit + offset).dropFirst(offset) : []
            return APIResponse.json { json in
                json.object { json in
                    json.field("accounts") { mapper.accounts(people.prefix(limit), into: &$0) }
                    json.field("statuses") { mapper.statuses(statuses.prefix(limit), into: &$0) }
                    json.field("hashtags") { json in json.array(tags) { mapper.tag($1, into: &$0) } }
                }
            }
        }
        api.post("/v1/notifications/clear") { _, context in
            try await starling.reads.dismissNotifications(of: try context.requireUser("write:notifications"))
            return APIResponse.emptyObject()
        }
        api.post("/v1/notifications/:id/dismiss") { _, context in
            try await starling.reads.dismissNotifications(of: try context.requireUser("write:notifications"), id: try WebPages.idParameter(context))
            return APIResponse.emptyObject()
        }
        api.get("/v1/markers") { request, context in
            let viewer = try context.requireUser("read:statuses")
            let p = try await APIParameters.read(request, context: context)
            let markers = try await (p.values("timeline[]") + p.values("timeline")).asyncCompactMap { timeline in
                try await starling.reads.marker(of: viewer, timeline: timeline)
            }
            return markersResponse(markers)
        }
        api.post("/v1/markers") { request, context in
            let viewer = try context.requireUser("write:statuses")
            let p = try await APIParameters.read(request, context: context)
            let markers = try await ["home", "notifications"].asyncCompactMap { timeline in
                try await p.id("\(timeline)[last_read_id]").asyncMap { try await starling.reads.setMarker(of: viewer, timeline: timeline, lastReadID: $0) }
            }
            return markersResponse(markers)
        }
    }

    /// A page of accounts with its `Link` header.
    private func accounts(_ people: [Account], _ request: Request) throws -> Response {
        APIResponse.json(headers: PageLinks.header(base: starling.settings.baseURL, request: request,
                                                   newest: people.first?.id, oldest: people.last?.id)) {
            mapper.accounts(people, into: &$0)
        }
    }

    /// Markers keyed by their timeline's name.
    private func markersResponse(_ markers: [StarlingCore.Marker]) -> Response {
        APIResponse.json { json in
            json.object { json in
                for marker in markers {
                    json.dynamicKey(marker.timeline)
                    mapper.marker(marker, into: &json)
                }
            }
        }
    }
}
