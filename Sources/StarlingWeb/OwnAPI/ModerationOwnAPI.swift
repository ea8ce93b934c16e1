import Foundation
import Hummingbird
import StarlingCore

/// `/api/starling/v1`: hiding posts with a reason, warning and suspending accounts, and the audit log.
struct ModerationOwnAPI {
    let starling: Starling
    var serializer: OwnSerializer { OwnSerializer(settings: starling.settings) }

    func register(on api: some RouterMethods<WebContext>) {
        let v1 = api.group("starling/v1")
        v1.post("/statuses/:id/hide") { request, context in
            let moderator = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            let view = try await starling.moderation.hide(try WebPages.idParameter(context), reason: p.raw("reason") ?? "", by: moderator)
            return APIResponse.json { serializer.moderatedStatus(view, into: &$0) }
        }
        v1.delete("/statuses/:id/hide") { _, context in
            let moderator = try context.requireUser("write")
            let view = try await starling.moderation.show(try WebPages.idParameter(context), by: moderator)
            return APIResponse.json { serializer.moderatedStatus(view, into: &$0) }
        }
        v1.post("/accounts/:id/warn") { request, context in
            let moderator = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            let account = try await starling.reads.account(id: try WebPages.idParameter(context), viewer: moderator)
            try await starling.moderation.warn(account, reason: p.raw("reason") ?? "", postID: try p.id("status_id"), by: moderator)
            return APIResponse.emptyObject()
        }
        for (method, on) in [(HTTPRequest.Method.post, true), (.delete, false)] {
            v1.on("/accounts/:id/suspend", method: method) { request, context in
                let moderator = try context.requireUser("write")
                let p = try await APIParameters.read(request, context: context)
                let target = try await starling.reads.account(id: try WebPages.idParameter(context), viewer: moderator)
                let account = try await starling.moderation.suspend(target, on, reason: p.raw("reason") ?? "", by: moderator)
                return APIResponse.json { json in
                    json.object { json in
                        json.field("account") { serializer.mastodon.account(account, into: &$0) }
                        json.field("suspended_at", account.suspendedAt)
                    }
                }
            }
        }
        v1.get("/admin/audit") { request, context in
            let admin = try context.requireUser("read")
            let p = try await APIParameters.read(request, context: context)
            let entries = try await starling.moderation.auditLog(viewer: admin, page: try p.page(defaultLimit: 40))
            return APIResponse.json(headers: PageLinks.header(base: starling.settings.baseURL, request: request,
                                                              newest: entries.first?.id, oldest: entries.last?.id)) { json in
                json.array(entries) { serializer.auditEntry($1, into: &$0) }
            }
        }
    }
}
