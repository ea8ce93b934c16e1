import Foundation
import Hummingbird
import StarlingCore

/// Mastodon 4.3's grouped notifications (`/api/v2/notifications`): likes and reposts of one post, and
/// follows, within a 12-hour window come as one group (`NotificationGroup`); `/api/v1/notifications`
/// still lists them one by one.
struct GroupedNotificationsAPI {
    let starling: Starling
    var mapper: MastodonSerializer { MastodonSerializer(settings: starling.settings) }

    func register(on api: some RouterMethods<WebContext>) {
        api.get("/v2/notifications") { request, context in
            let viewer = try context.requireUser("read:notifications")
            let p = try await APIParameters.read(request, context: context)
            let groups = try await starling.reads.notificationGroups(of: viewer, page: try p.page(defaultLimit: 40), kinds: try kinds(p),
                                                               groupable: groupable(p))
            let shown = try await visible(groups, viewer)
            let oldest = groups.last?.notifications.last?.id, newest = groups.first?.latest.id
            return APIResponse.json(headers: PageLinks.header(base: starling.settings.baseURL, request: request, newest: newest, oldest: oldest)) {
                mapper.notificationGroups(shown, partialAccounts: p["expand_accounts"] == "partial_avatars", into: &$0)
            }
        }
        api.get("/v2/notifications/unread_count") { request, context in
            let viewer = try context.requireUser("read:notifications")
            let p = try await APIParameters.read(request, context: context)
            let limit = min(max(Int(p["limit"] ?? "") ?? 100, 1), 1000)
            let unread = try await starling.reads.notificationGroups(of: viewer, page: PageRequest(limit: 200), kinds: try kinds(p), groupable: groupable(p))
                .filter(\.latest.isUnread)
            return APIResponse.json { json in json.object { $0.field("count", min(unread.count, limit)) } }
        }
        api.get("/v2/notifications/policy") { _, context in
            _ = try context.requireUser("read:notifications")
            return APIResponse.json { mapper.notificationPolicy(into: &$0) }
        }
        api.get("/v2/notifications/:key") { _, context in
            let viewer = try context.requireUser("read:notifications")
            let group = try await starling.reads.notificationGroup(context.parameters.get("key") ?? "", of: viewer)
            let shown = try await visible([group], viewer)
            return APIResponse.json { mapper.notificationGroups(shown, partialAccounts: false, into: &$0) }
        }
        api.get("/v2/notifications/:key/accounts") { _, context in
            let viewer = try context.requireUser("read:notifications")
            let group = try await starling.reads.notificationGroup(context.parameters.get("key") ?? "", of: viewer)
            return APIResponse.json { mapper.accounts(group.actors, into: &$0) }
        }
        api.post("/v2/notifications/:key/dismiss") { _, context in
            let viewer = try context.requireUser("write:notifications")
            let group = try await starling.reads.notificationGroup(context.parameters.get("key") ?? "", of: viewer)
            for notification in group.notifications { try await starling.reads.dismissNotifications(of: viewer, id: notification.id) }
            return APIResponse.emptyObject()
        }
    }

    /// The kinds asked for (`types[]`, `exclude_types[]`), among those Mastodon apps know.
    private func kinds(_ p: APIParameters) throws -> Set<StarlingCore.Notification.Kind> {
        let include = p.values("types[]"), exclude = p.values("exclude_types[]")
        var kinds = include.isEmpty ? StarlingCore.Notification.Kind.mastodonKinds : mapper.notificationKinds(include)
        kinds.subtract(mapper.notificationKinds(exclude))
        return kinds
    }

    /// The kinds a client lets group (`grouped_types[]`; all that group when absent).
    private func groupable(_ p: APIParameters) -> Set<StarlingCore.Notification.Kind> {
        let asked = p.values("grouped_types[]")
        return asked.isEmpty ? NotificationGroup.groupableKinds : mapper.notificationKinds(asked)
    }

    /// Groups with their filter hits; a group whose post a `hide` filter matches is left out.
    private func visible(_ groups: [NotificationGroup], _ viewer: Account) async throws -> [(NotificationGroup, hits: [ContentFilter.Hit])] {
        MastodonSerializer.shown(groups, try await starling.filters.active(for: viewer, in: .notifications)) { $0.latest.post }
    }
}
