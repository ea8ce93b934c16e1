import Foundation
import Hummingbird
import StarlingCore

/// `/api/starling/v1/admin/federation`: the federation mode, the allowed and blocked domains, the relays and
/// where hashtags' relays are, and the servers deliveries fail to reach (resumed here once paused), for admins
/// (the same service as the admin page and `starling admin federation`; every change is audited).
struct FederationAPI {
    let starling: Starling
    var serializer: OwnSerializer { OwnSerializer(settings: starling.settings) }
    var federation: FederationService { starling.federation }

    func register(on api: some RouterMethods<WebContext>) {
        let admin = api.group("starling/v1/admin/federation")
        admin.get { _, context in try await settings(by: try context.requireUser("read")) }
        admin.put { request, context in
            let admin = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            guard let mode = p["mode"] else { throw DomainError.invalid(field: "mode", message: "Say the mode: off, allowlist or open.") }
            try await federation.setMode(try FederationMode(parsing: mode), by: admin)
            return try await settings(by: admin)
        }
        admin.post("/domains") { request, context in
            let admin = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            guard let kind = DomainRule.Kind(rawValue: p["kind"] ?? "") else {
                throw DomainError.invalid(field: "kind", message: "A domain is listed to allow or to block: kind is allow or block.")
            }
            try await federation.list(p["domain"] ?? "", as: kind, by: admin)
            return try await settings(by: admin)
        }
        admin.delete("/domains/:domain") { _, context in
            let admin = try context.requireUser("write")
            let domain = context.parameters.get("domain").map { $0.removingPercentEncoding ?? $0 } ?? ""
            try await federation.forget(domain, by: admin)
            return try await settings(by: admin)
        }
        admin.post("/relays") { request, context in
            let admin = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            try await starling.relays.subscribe(p["address"] ?? "", by: admin)
            return try await settings(by: admin)
        }
        admin.delete("/relays/:id") { _, context in
            let admin = try context.requireUser("write")
            guard let id = context.parameters.get("id").flatMap(ID.init) else { throw DomainError.notFound }
            try await starling.relays.unsubscribe(id, by: admin)
            return try await settings(by: admin)
        }
        admin.put("/tag_relay") { request, context in
            let admin = try context.requireUser("write")
            let p = try await APIParameters.read(request, context: context)
            try await starling.relays.setTagRelay(p["tag_relay"], by: admin)
            return try await settings(by: admin)
        }
        admin.post("/deliveries/:domain/resume") { _, context in
            let admin = try context.requireUser("write")
            let domain = context.parameters.get("domain").map { $0.removingPercentEncoding ?? $0 } ?? ""
            try await federation.resumeDeliveries(to: domain, by: admin)
            return try await settings(by: admin)
        }
    }

    private func settings(by admin: Account) async throws -> Response {
        let rules = try await federation.rules(by: admin)
        let troubles = try await federation.deliveryTroubles(by: admin)
        let relays = try await starling.relays.relays(by: admin)
        let tagRelay = try await starling.relays.tagRelay()
        let mode = try await federation.mode()
        return APIResponse.json {
            serializer.federation(mode: mode, rules: rules, troubles: troubles, relays: relays, tagRelay: tagRelay, into: &$0)
        }
    }
}
