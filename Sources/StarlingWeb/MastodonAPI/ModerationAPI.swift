import Foundation
import Hummingbird
import StarlingCore

/// Reports and follow suggestions.
struct ModerationAPI {
    let starling: Starling
    var mapper: MastodonSerializer { MastodonSerializer(settings: starling.settings) }

    func register(on api: some RouterMethods<WebContext>) {
        api.post("/v1/reports") { request, context in
            let viewer = try context.requireUser("write:reports")
            let p = try await APIParameters.read(request, context: context)
            guard let target = try p.id("account_id") else { throw DomainError.invalid(field: "account_id", message: "account_id is required.") }
            let report = try await starling.reports.report(target, posts: try p.ids("status_ids[]") + p.ids("status_ids"), comment: p.raw("comment") ?? "",
                                                     category: p["category"], by: viewer)
            return APIResponse.json { mapper.report(report, into: &$0) }
        }
        for version in ["v1", "v2"] {
            api.get(RouterPath(stringLiteral: "/\(version)/suggestions")) { request, context in
                let viewer = try context.requireUser("read:accounts")
                let p = try await APIParameters.read(request, context: context)
                let people = try await starling.relations.suggestions(for: viewer, limit: try p.page(defaultLimit: 40).limit)
                return APIResponse.json { json in
                    json.array(people) { json, suggestion in
                        guard version == "v2" else { return mapper.account(suggestion.account, into: &json) }
                        json.object { json in
                            json.field("source", suggestion.reason == .friendsOfFriends ? "past_interactions" : "global")
                            json.field("sources", [suggestion.reason == .friendsOfFriends ? "friends_of_friends" : "most_followed"])
                            json.field("account") { mapper.account(suggestion.account, into: &$0) }
                        }
                    }
                }
            }
        }
        api.delete("/v1/suggestions/:id") { _, context in
            let viewer = try context.requireUser("read:accounts")
            try await starling.relations.dismissSuggestion(try WebPages.idParameter(context), by: viewer)
            return APIResponse.emptyObject()
        }
    }
}
