import Foundation
import Hummingbird
import StarlingCore

/// `/api/starling/v1`: hiding posts with a reason, and the audit log.
struct ModerationOwnAPI {
    let starling: Starling
    var serializer: OwnSerializer { OwnSerializer(settings: starling.settings) }

    func register(on api: some RouterMethods<WebContext>) {
        let v1 = api.group("starling/v1")
        v1.post("/statuses/:id/hide") { request, context in
            let moderator = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            let view = try starling.moderation.hide(try WebPages.idParameter(context), reason: p.raw("reason") ?? "", by: moderator)
            return APIResponse.json { serializer.moderatedStatus(view, into: &$0) }
        }
        v1.delete("/statuses/:id/hide") { _, context in
            let moderator = try context.requireUser("write")
            let view = try starling.moderation.show(try WebPages.idParameter(context), by: moderator)
            return APIResponse.json { serializer.moderatedStatus(view, into: &$0) }
        }
        v1.get("/admin/audit") { request, context in
            let admin = try context.requireUser("read")
            let p = try await APIParameters.read(request, context: context)
            let entries = try starling.moderation.auditLog(viewer: admin, page: try p.page(defaultLimit: 40))
            return APIResponse.json(headers: PageLinks.header(base: starling.settings.baseURL, request: request,
                                                              newest: entries.first?.id, oldest: entries.last?.id)) { json in
                json.array(entries) { serializer.auditEntry($1, into: &$0) }
            }
        }
    }
}
