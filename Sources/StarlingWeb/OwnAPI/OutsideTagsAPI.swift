import Foundation
import Hummingbird
import StarlingCore

/// `/api/starling/v1/tags/{name}/outside`: a member asks for a hashtag's posts from other servers too (following
/// it), through its relay, or stops.
struct OutsideTagsAPI {
    let starling: Starling

    func register(on api: some RouterMethods<WebContext>) {
        for on in [true, false] {
            let answer: @Sendable (Request, WebContext) async throws -> Response = { _, context in
                let viewer = try context.requireUser("write:follows")
                let name = context.parameters.get("name") ?? ""
                try await starling.relays.askFromOutside(name, by: viewer, on)
                let following = try await starling.relations.followedTags(of: viewer).contains { Tag.key($0.name) == Tag.key(name) }
                let fromOutside = try await starling.relays.tagsFromOutside(of: viewer).contains(Tag.key(name))
                return APIResponse.json { json in
                    json.object { json in
                        json.field("name", name)
                        json.field("following", following)
                        json.field("from_outside", fromOutside)
                    }
                }
            }
            if on { api.post("starling/v1/tags/:name/outside", use: answer) } else { api.delete("starling/v1/tags/:name/outside", use: answer) }
        }
    }
}
