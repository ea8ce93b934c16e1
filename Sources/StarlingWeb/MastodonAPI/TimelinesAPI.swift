import Foundation
import Hummingbird
import StarlingCore

/// Accounts, timelines and notifications.
struct TimelinesAPI {
    let starling: Starling
    let pageCache = TimelinePageCache()
    var mapper: MastodonSerializer { MastodonSerializer(settings: starling.settings) }

    func register(on api: some RouterMethods<WebContext>) {
        api.get("/v1/accounts/verify_credentials") { _, context in
            let viewer = try context.requireUser("read:accounts")
            let waiting = try await starling.federation.followRequestCount(of: viewer)
            return APIResponse.json { mapper.account(viewer, followRequests: waiting, into: &$0) }
        }
        api.patch("/v1/accounts/update_credentials") { request, context in
            let viewer = try context.requireUser("write:accounts")
            let p = try await APIParameters.read(request, context: context)
            if p["display_name"] != nil || p["note"] != nil {
                try await starling.accounts.updateProfile(viewer, displayName: p["display_name"] ?? viewer.displayName, bio: p["note"] ?? viewer.bio)
            }
            if let avatar = p.file("avatar") { try await starling.accounts.setAvatar(viewer, bytes: avatar.bytes) }
            let discoverable = try p.bool("discoverable"), locked = try p.bool("locked")
            if discoverable != nil || locked != nil {
                try await starling.accounts.setFederationChoices(viewer, discoverable: discoverable, locked: locked)
            }
            guard let updated = try await starling.store.account(id: viewer.id) else { throw DomainError.notFound }
            let waiting = try await starling.federation.followRequestCount(of: updated)
            return APIResponse.json { mapper.account(updated, followRequests: waiting, into: &$0) }
        }
        api.get("/v1/accounts/:id") { _, context in
            let account = try await account(context)
            return APIResponse.json { mapper.account(account, into: &$0) }
        }
        api.get("/v1/accounts/:id/statuses") { request, context in
            let account = try await account(context)
            let p = try await APIParameters.read(request, context: context)
            let only = ProfileFilter(excludeReplies: try p.bool("exclude_replies") ?? false, excludeReposts: try p.bool("exclude_reblogs") ?? false,
                                     onlyMedia: try p.bool("only_media") ?? false, tagged: p["tagged"], pinnedOnly: try p.bool("pinned") ?? false)
            return try await timeline(.profile(account.id, only), request, context)
        }
        api.get("/v1/timelines/home") { request, context in
            _ = try context.requireUser("read:statuses")
            return try await timeline(.home, request, context)
        }
        api.get("/v1/timelines/public") { request, context in
            let p = try await APIParameters.read(request, context: context)
            _ = try p.bool("local")
            // Every post on Starling is local: there are no remote ones to show.
            if try p.bool("remote") == true { return APIResponse.emptyArray() }
            return try await timeline(.organization, request, context)
        }
        api.get("/v1/timelines/tag/:tag") { request, context in
            let p = try await APIParameters.read(request, context: context)
            // Mastodon's `remote` asks for posts from other servers only; without it (or with `local`), the
            // organization's own are shown, as on the hashtag page.
            let remote = try p.bool("remote") ?? false
            let local = try p.bool("local") ?? false
            guard !(remote && local) else { throw DomainError.invalid(field: "remote", message: "Ask for local or remote posts, not both.") }
            let more = TagFilter(any: p.values("any[]"), all: p.values("all[]"), none: p.values("none[]"),
                                 onlyMedia: try p.bool("only_media") ?? false, fromOutside: remote)
            return try await timeline(.hashtag(context.parameters.get("tag") ?? "", more), request, context)
        }
        api.get("/v1/notifications") { request, context in
            let viewer = try context.requireUser("read:notifications")
            let p = try await APIParameters.read(request, context: context)
            let include = p.values("types[]"), exclude = p.values("exclude_types[]")
            // Only kinds Mastodon apps know; Starling's event notifications are for the web and its own API.
            var kinds = include.isEmpty ? StarlingCore.Notification.Kind.mastodonKinds : mapper.notificationKinds(include)
            kinds.subtract(mapper.notificationKinds(exclude))
            let items = try await starling.reads.notifications(of: viewer, page: try p.page(defaultLimit: 15), kinds: kinds)
            let filters = try await starling.filters.active(for: viewer, in: .notifications)
            let shown = MastodonSerializer.shown(items, filters) { $0.post }
            return APIResponse.json(headers: PageLinks.header(base: starling.settings.baseURL, request: request,
                                                              newest: items.first?.id, oldest: items.last?.id)) { json in
                json.array(shown) { mapper.notification($1.0, hits: $1.hits, into: &$0) }
            }
        }
    }

    func account(_ context: WebContext) async throws -> Account {
        if context.grant != nil { _ = try context.requireScope("read:accounts") }
        guard context.viewer != nil || starling.settings.publicAccess else {
            throw DomainError.unauthorized("This method requires an authenticated user")
        }
        return try await starling.reads.account(id: try WebPages.idParameter(context), viewer: context.viewer)
    }

    /// A page of a timeline as statuses, with the `Link` header for the pages around it.
    func timeline(_ timeline: Timeline, _ request: Request, _ context: WebContext) async throws -> Response {
        if context.grant != nil { _ = try context.requireScope("read:statuses") }
        let page = try FormData(urlEncoded: Array((request.uri.query ?? "").utf8)).pageRequest()
        let key = TimelinePageCache.Key(viewer: context.viewer?.id, uri: request.uri.description)
        let kept = TimelinePageCache.keeps(page)
        // The stamp is read before the data (with the token, when there is one), so a page is never kept under
        // a stamp newer than its data.
        let stamp: ChangeStamp? = if !kept { nil } else if let grant = context.grant { grant.changeStamp } else { try await starling.reads.changeStamp() }
        let now = Date()
        if let stamp, let response = pageCache.response(for: key, stamp: stamp, now: now) { return response }
        let entries = try await starling.reads.timeline(timeline, viewer: context.viewer, page: page)
        let filters = try await Self.filterContext(timeline).asyncMap { try await starling.filters.active(for: context.viewer, in: $0, now: now) } ?? []
        let response = APIResponse.json(headers: PageLinks.header(base: starling.settings.baseURL, request: request,
                                                                  newest: entries.first?.id, oldest: entries.last?.id)) {
            mapper.statuses(entries, filters: filters, into: &$0)
        }
        if let stamp {
            pageCache.keep(response, for: key, stamp: stamp, readAt: now,
                           validUntil: TimelinePageCache.validUntil(entries, filters: filters, now: now))
        }
        return response
    }

    /// Which of the viewer's filters apply to a timeline (none for their own bookmarks and favourites).
    static func filterContext(_ timeline: Timeline) -> ContentFilter.Context? {
        switch timeline {
        case .home, .list: .home
        case .organization, .hashtag, .program, .questions, .guides: .public
        case .profile: .account
        case .direct: .thread
        case .bookmarks, .likes: nil
        }
    }
}
