import Foundation
import HTTPTypes
import Hummingbird
import StarlingCore

/// Statuses: posting, reading, deleting, and acting on them.
struct StatusesAPI {
    let starling: Starling
    var mapper: MastodonMapper { MastodonMapper(settings: starling.settings) }

    func register(on api: some RouterMethods<WebContext>) {
        api.post("/v1/statuses") { request, context in
            let viewer = try context.requireUser("write:statuses")
            let p = try await APIParameters.read(request, context: context)
            let visibility = try mapper.visibility(mastodon: p["visibility"], localOnly: try p.bool("local_only") ?? false)
            let post = try starling.posts.compose(
                .init(text: p["status"] ?? "", contentWarning: p["spoiler_text"] ?? "", visibility: visibility,
                      inReplyToID: try p.id("in_reply_to_id")),
                by: viewer, idempotencyKey: request.headers[HTTPField.Name("Idempotency-Key")!])
            return try APIResponse.json(mapper.status(try starling.reads.post(post.id, viewer: viewer)))
        }
        api.get("/v1/statuses/:id") { _, context in
            if context.grant != nil { _ = try context.requireScope("read:statuses") }
            return try APIResponse.json(mapper.status(try starling.reads.post(try WebPages.idParameter(context), viewer: context.viewer)))
        }
        api.delete("/v1/statuses/:id") { _, context in
            let viewer = try context.requireUser("write:statuses")
            let view = try starling.reads.post(try WebPages.idParameter(context), viewer: viewer)
            try starling.posts.delete(view.id, by: viewer)
            let entity = mapper.status(view)
            entity.text = view.post.source
            return try APIResponse.json(entity)
        }
        api.get("/v1/statuses/:id/context") { _, context in
            if context.grant != nil { _ = try context.requireScope("read:statuses") }
            let thread = try starling.reads.thread(try WebPages.idParameter(context), viewer: context.viewer)
            return try APIResponse.json(Mastodon.Context(ancestors: thread.ancestors.map(mapper.status),
                                                         descendants: thread.descendants.map(mapper.status)))
        }
        let actions: [(String, String, @Sendable (ID, Account, Bool) throws -> Void)] = [
            ("favourite", "write:favourites", { try starling.posts.like($0, by: $1, $2) }),
            ("reblog", "write:statuses", { try starling.posts.repost($0, by: $1, $2) }),
            ("bookmark", "write:bookmarks", { try starling.posts.bookmark($0, by: $1, $2) }),
        ]
        for (name, scope, action) in actions {
            for on in [true, false] {
                api.post("/v1/statuses/:id/\(on ? "" : "un")\(name)") { _, context in
                    let viewer = try context.requireUser(scope)
                    let id = try WebPages.idParameter(context)
                    try action(id, viewer, on)
                    return try APIResponse.json(mapper.status(try starling.reads.post(id, viewer: viewer)))
                }
            }
        }
    }
}

/// Accounts, timelines and notifications.
struct TimelinesAPI {
    let starling: Starling
    var mapper: MastodonMapper { MastodonMapper(settings: starling.settings) }

    func register(on api: some RouterMethods<WebContext>) {
        api.get("/v1/accounts/verify_credentials") { _, context in
            let viewer = try context.requireUser("read:accounts")
            return try APIResponse.json(mapper.account(viewer, withSource: true))
        }
        api.patch("/v1/accounts/update_credentials") { request, context in
            let viewer = try context.requireUser("write:accounts")
            let p = try await APIParameters.read(request, context: context)
            if p["display_name"] != nil || p["note"] != nil {
                try starling.accounts.updateProfile(viewer, displayName: p["display_name"] ?? viewer.displayName, bio: p["note"] ?? viewer.bio)
            }
            if let avatar = p.file("avatar") { try starling.accounts.setAvatar(viewer, bytes: avatar.bytes) }
            guard let updated = try starling.store.account(id: viewer.id) else { throw DomainError.notFound }
            return try APIResponse.json(mapper.account(updated, withSource: true))
        }
        api.get("/v1/accounts/:id") { _, context in
            try APIResponse.json(mapper.account(try account(context)))
        }
        api.get("/v1/accounts/:id/statuses") { request, context in
            let account = try account(context)
            return try timeline(.profile(account.id), request, context)
        }
        api.get("/v1/timelines/home") { request, context in
            _ = try context.requireUser("read:statuses")
            return try timeline(.home, request, context)
        }
        api.get("/v1/timelines/public") { request, context in try timeline(.organization, request, context) }
        api.get("/v1/timelines/tag/:tag") { request, context in
            try timeline(.hashtag(context.parameters.get("tag") ?? ""), request, context)
        }
        api.get("/v1/notifications") { request, context in
            let viewer = try context.requireUser("read:notifications")
            let p = try await APIParameters.read(request, context: context)
            let include = p.values("types[]"), exclude = p.values("exclude_types[]")
            var kinds: Set<StarlingCore.Notification.Kind>? = include.isEmpty ? nil : mapper.notificationKinds(include)
            if !exclude.isEmpty { kinds = (kinds ?? Set(StarlingCore.Notification.Kind.allCases)).subtracting(mapper.notificationKinds(exclude)) }
            let items = try starling.reads.notifications(of: viewer, page: try p.page(defaultLimit: 15), kinds: kinds)
            return try APIResponse.json(items.map(mapper.notification),
                                        headers: PageLinks.header(base: starling.settings.baseURL, request: request,
                                                                  newest: items.first?.id, oldest: items.last?.id))
        }
    }

    func account(_ context: WebContext) throws -> Account {
        if context.grant != nil { _ = try context.requireScope("read:accounts") }
        guard context.viewer != nil || starling.settings.publicAccess else {
            throw DomainError.unauthorized("This method requires an authenticated user")
        }
        guard let account = try starling.store.account(id: try WebPages.idParameter(context)) else { throw DomainError.notFound }
        return account
    }

    /// A page of a timeline as statuses, with the `Link` header for the pages around it.
    func timeline(_ timeline: Timeline, _ request: Request, _ context: WebContext) throws -> Response {
        if context.grant != nil { _ = try context.requireScope("read:statuses") }
        let p = try FormData(urlEncoded: Array((request.uri.query ?? "").utf8))
        let page = PageRequest(maxID: try p.id("max_id"), sinceID: try p.id("since_id"), minID: try p.id("min_id"),
                               limit: Int(p.text("limit")) ?? PageRequest.defaultLimit)
        let entries = try starling.reads.timeline(timeline, viewer: context.viewer, page: page)
        return try APIResponse.json(entries.map(mapper.status),
                                    headers: PageLinks.header(base: starling.settings.baseURL, request: request,
                                                              newest: entries.first?.id, oldest: entries.last?.id))
    }
}
